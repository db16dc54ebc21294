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

from druglint.grouping import column_codes, first_of_group, recode
from druglint.hits import hits
from druglint.registry import rule
from druglint.shapes import FirstRows
from druglint.rules.side_effects.spec_lookup import effect_terms
from druglint.specs.tables import names
from druglint.vocab import norm


def _first_keys(ctx):
    """The state's key: the drug (as a drug) and the standard term of the reaction."""
    from druglint.shapes import coded_hashes, mix

    n = names(ctx, "drug")
    drug, dok = coded_hashes(n.codes, n.group, "druglint:drug:001")
    term, terms = effect_terms(ctx)
    t, tok = coded_hashes(term, terms)
    return [(mix(drug, t), dok & tok)]

@rule("DL205", "synonym-duplicate-effect", "warning", kinds=("side_effects",), needs=("drug", "effect"), state=FirstRows("drug-term-firsts", _first_keys, ordered=True, reads=("drug", "effect")))
def check(ctx):
    # integer codes throughout: drug group (canonical name or normalised text), standard
    # term and written spelling are each decided once per distinct value
    n = names(ctx, "drug")
    per_name, groups = recode(np.arange(len(n.group)), n.group)  # group code per distinct name
    per_name = np.append(per_name, -1)  # a missing cell (code -1)
    term, terms = effect_terms(ctx)
    ok = (per_name[n.codes] >= 0) & (term >= 0)
    # the arrays of a table of millions of rows are built one at a time and dropped when done
    key = per_name[n.codes] * (len(terms) + 1)
    key += term
    key[~ok] = -1
    first = first_of_group(key, ok)
    del key
    has_first = ~np.isnan(first)
    fi = np.where(has_first, first, 0).astype(np.int64)
    del first
    ecodes, evalues = column_codes(ctx, "effect")
    spelled = np.empty(len(evalues), dtype=object)
    spelled[:] = [norm(u) for u in evalues]
    written, _ = recode(ecodes, spelled)
    # a row differing in spelling from its group's first row is not that first row itself
    bad = ok & has_first & (written != written[fi])
    del has_first, written
    if not bad.any():
        return None
    drug = per_name[n.codes[bad]]
    effect = ctx.frame["effect"]
    f = fi[bad]
    lines = ctx.table.lines[f].astype(str)
    msg = (effect[bad].astype(str).map(repr).to_numpy(dtype=object) + " duplicates " +
           effect.iloc[f].astype(str).to_numpy(dtype=object) + " at line " + lines.astype(object) + " for " +
           groups[drug].astype(str).astype(object) + " (both mean " + terms[term[bad]].astype(str).astype(object) + ")")
    return hits(bad, "effect", msg)
