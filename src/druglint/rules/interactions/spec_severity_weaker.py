"""DL305 severity-weaker-than-spec: a pair is listed with a weaker severity than the drug's spec.

The spec rates acyclovir with talimogene laherparepvec "moderate" (the IMLYGIC label has the
prescriber weigh risks and benefits: it may defeat the treatment); a list calling the pair
"minor" understates it. Severities are compared on the
ordinal scale of vocab/severities.yaml (contraindicated > major > moderate > minor);
"unknown" is not compared. Either order of the pair, brands and synonyms count.

A spec grade is only as firm as its basis (docs/specs.md, "Interaction grades"): a grade
the label's own wording gives (``severity_basis: label``) is reported as a warning; a grade
the spec's author chose, or an interaction known only from a secondary source
(``basis: secondary``), is reported at info and says so; so is an interaction derived by
``spec derive`` and not yet reviewed (``review: required``).

Passing example (interactions.csv):

    drug_a,drug_b,severity
    talimogene laherparepvec,acyclovir,major

Failing example (interactions.csv):

    drug_a,drug_b,severity
    Zovirax,T-VEC,minor
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from druglint.hits import hits
from druglint.registry import rule
from druglint.specs.grading import is_label_graded, provenance_note
from druglint.specs.provenance import is_draft, note
from druglint.specs.tables import canonical_or_text, cite, interaction_pairs, names, spec_set
from druglint.vocab import severity_rank


@rule("DL305", "severity-weaker-than-spec", "warning", kinds=("interactions",), needs=("drug_a", "drug_b", "severity"), row=True)
def check(ctx):
    pairs = interaction_pairs(spec_set(ctx))
    if not pairs:
        return None
    named = {name for pair in pairs for name in pair}
    a_all = canonical_or_text(ctx, "drug_a")
    b_all = canonical_or_text(ctx, "drug_b")
    # only rows whose two drugs both appear in a spec interaction can be weaker than one
    rows = np.flatnonzero(names(ctx, "drug_a").rows_in(named) & names(ctx, "drug_b").rows_in(named))
    if rows.size == 0:
        return None
    a, b = a_all.iloc[rows], b_all.iloc[rows]
    key = (a.fillna("") + "\x1f" + b.fillna(""))
    codes, uniques = pd.factorize(key)
    per_key = np.empty(len(uniques) + 1, dtype=object)
    per_key[:] = [pairs.get(tuple(u.split("\x1f", 1))) for u in uniques] + [None]
    found = per_key[codes]
    rank = severity_rank()
    row_rank = ctx.frame["severity"].iloc[rows].map(rank).to_numpy(dtype=float, na_value=np.nan)
    spec_rank = np.array([np.nan if f is None else (rank.get(f[1].severity) or np.nan) for f in per_key], dtype=float)[codes]
    with np.errstate(invalid="ignore"):
        bad = ~np.isnan(row_rank) & ~np.isnan(spec_rank) & (row_rank < spec_rank)
    if not bad.any():
        return None
    sev = ctx.frame["severity"].iloc[rows].to_numpy(dtype=object)
    msgs, levels = [], []
    for i in np.flatnonzero(bad):
        spec, inter = found[i]
        graded = is_label_graded(inter)
        msgs.append(f"{a.iloc[i]} / {b.iloc[i]} is {sev[i]!r} here but {inter.severity!r} in the spec of {spec.name} "
                    f"({cite(spec, inter.line, inter.source, 40)})" + ("" if graded else f"; {provenance_note(inter)}")
                    + note(inter))
        levels.append(None if graded and not is_draft(inter) else "info")
    mask = np.zeros(len(ctx.frame), dtype=bool)
    mask[rows[bad]] = True
    return hits(mask, "severity", np.array(msgs, dtype=object), severity=np.array(levels, dtype=object))
