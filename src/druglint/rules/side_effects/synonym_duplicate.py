"""DL205 synonym-duplicate-effect: one drug lists the same reaction twice under different names.

"Fever" and "Pyrexia", "flu-like symptoms" and "influenza-like illness", "Diarrhoea" and
"diarrhea" are one reaction (vocab/lay_terms.yaml; UK/US spelling); listing both double
counts it and usually means two sources were merged without normalising. Drug names are
compared after resolution (Imlygic = talimogene laherparepvec). Rows repeating a term
exactly are DL108's or the duplicate-key rule's business, not this one's.

Passing example (side_effects.csv):

    drug,effect,frequency_percent
    talimogene laherparepvec,pyrexia,42.8
    talimogene laherparepvec,chills,48.6

Failing example (side_effects.csv):

    drug,effect,frequency_percent
    talimogene laherparepvec,pyrexia,42.8
    Imlygic,Fever,42.8
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from druglint.hits import hits
from druglint.registry import rule
from druglint.specs.tables import canonical_or_text
from druglint.specs.terms import standard_series
from druglint.vocab import norm


@rule("DL205", "synonym-duplicate-effect", "warning", kinds=("side_effects",), needs=("drug", "effect"))
def check(ctx):
    drug = canonical_or_text(ctx, "drug")
    effect = ctx.frame["effect"]
    term = standard_series(effect)
    codes, uniques = pd.factorize(effect)
    written = pd.Series(np.array([norm(u) for u in uniques] + [None], dtype=object)[codes], index=effect.index)
    ok = (drug.notna() & term.notna()).to_numpy()
    key = (drug.fillna("") + "\x1f" + term.fillna("")).to_numpy(dtype=object)
    pos = pd.Series(np.arange(len(key)))
    first = pos.where(ok).groupby(key).transform("min").to_numpy()
    has_first = ~np.isnan(first)
    fi = np.where(has_first, first, 0).astype(np.int64)
    w = written.to_numpy(dtype=object)
    bad = ok & has_first & (fi != np.arange(len(key))) & (w != w[fi])
    if not bad.any():
        return None
    f = fi[bad]
    lines = ctx.table.lines[f].astype(str)
    msg = (effect[bad].astype(str).map(repr).to_numpy(dtype=object) + " duplicates " +
           effect.to_numpy(dtype=object)[f].astype(str) + " at line " + lines.astype(object) + " for " +
           drug[bad].astype(str).to_numpy(dtype=object) + " (both mean " + term[bad].astype(str).to_numpy(dtype=object) + ")")
    return hits(bad, "effect", msg)
