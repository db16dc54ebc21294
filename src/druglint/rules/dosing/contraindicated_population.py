"""DL408 contraindicated-population: a patient belongs to a population the spec contraindicates.

A dose is recorded for a patient (pregnant, immunocompromised) whom the drug's spec excludes.

Talimogene laherparepvec is contraindicated in immunocompromised and in pregnant patients
(label §4). Spec contraindications with ``population: pregnant`` or ``immunocompromised``
are checked against the boolean columns of the same name; a row with ``true`` is reported.
A contraindication read from a label's or article's prose by ``spec derive`` and not yet
reviewed (``review: required``) gives info, not error.

Passing example (dosing.csv):

    drug,route,pregnant,immunocompromised
    talimogene laherparepvec,intralesional,false,false

Failing example (dosing.csv):

    drug,route,pregnant,immunocompromised
    talimogene laherparepvec,intralesional,true,false
"""
from __future__ import annotations

from druglint.hits import concat, hits
from druglint.registry import rule
from druglint.rules.dosing.spec_rows import row_specs
from druglint.specs.provenance import DRAFT_NOTE, is_draft
from druglint.specs.tables import cite

FLAGS = ("pregnant", "immunocompromised")


@rule("DL408", "contraindicated-population", "error", kinds=("dosing",), needs=("drug",), row=True)
def check(ctx):
    cols = [c for c in FLAGS if c in ctx.frame.columns]
    if not cols:
        return None
    canon, specs = row_specs(ctx)
    if canon.isna().all():
        return None
    drug = canon.to_numpy(dtype=object, na_value=None)
    parts = []
    for name in canon.dropna().unique():
        spec = specs[name]
        for c in spec.contraindications:
            if c.population not in cols:
                continue
            flag = ctx.frame[c.population]
            bad = (drug == name) & flag.fillna(False).to_numpy(dtype=bool)
            if bad.any():
                draft = is_draft(c)
                parts.append(hits(bad, c.population, f"{spec.name} is contraindicated in {c.population} patients: {c.text} "
                                                     f"({cite(spec, c.line, c.source, 40)})" + (DRAFT_NOTE if draft else ""),
                                  severity="info" if draft else None))
    return concat(parts) if parts else None
