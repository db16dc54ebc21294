"""DL412 dose-unit-not-comparable: a dose's unit cannot be compared with the spec's maximum.

The spec caps the drug's dose (DL403) in a unit of another dimension than the dose's:
"2 dosage form" or "400 unit" against an 800 mg maximum. Mass, volume and amount of
substance convert within themselves (1 g = 1,000 mg), but a count of tablets, an arbitrary
unit or an international unit has no fixed relation to a mass, so DL403 cannot check the
dose. Said once per drug and unit (with the number of rows), at info: the finding is that
a check was skipped, not that the dose is wrong. Write the dose in the maximum's dimension
to have it checked.

Passing example (dosing.csv):

    drug,route,dose,dose_unit
    acyclovir,oral,0.4,g

Failing example (dosing.csv):

    drug,route,dose,dose_unit
    acyclovir,oral,2,dosage form
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from druglint.hits import hits
from druglint.registry import rule
from druglint.rules.dosing.spec_rows import SPEC_ROWS, row_specs
from druglint.rules.dosing.unit_scale import SCALE


@rule("DL412", "dose-unit-not-comparable", "info", kinds=("dosing",), needs=("drug", "dose", "dose_unit"), state=SPEC_ROWS)
def check(ctx):
    canon, specs = row_specs(ctx)
    if canon.isna().all():
        return None
    f = ctx.frame
    unit = f["dose_unit"].astype(object).where(f["dose_unit"].notna() & f["dose"].notna(), None)
    route = f["route"].astype(object) if "route" in f.columns else pd.Series(None, index=f.index, dtype=object)
    key = (canon.fillna("") + "\x1f" + unit.fillna("") + "\x1f" + route.fillna("")).where(canon.notna() & unit.notna())
    codes, uniques = pd.factorize(key)
    if not len(uniques):
        return None
    verdict = np.empty(len(uniques) + 1, dtype=object)
    for i, u in enumerate(uniques):  # per distinct (drug, unit, route), not per row
        name, du, r = u.split("\x1f")
        ddim = SCALE[du][0] if du in SCALE else None
        maxima = [m for m in specs[name].maxima if not m.route or m.route == r]
        comparable = [m for m in maxima if m.quantity.unit == du
                      or (ddim is not None and SCALE.get(m.quantity.unit, (None,))[0] == ddim)]
        verdict[i] = maxima[0].quantity.text() if maxima and not comparable else None
    verdict[-1] = None
    per_row = verdict[codes]
    has = pd.notna(per_row)
    if not has.any():
        return None
    first = np.zeros(len(codes), dtype=bool)
    rows = np.flatnonzero(has)
    _, keep = np.unique(codes[rows], return_index=True)
    first[rows[keep]] = True
    counts = pd.Series(codes[has]).value_counts()
    n = counts.reindex(codes[first]).to_numpy()
    msg = ("dose unit " + unit[first].map(repr).to_numpy(dtype=object) + " cannot be compared with the maximum of "
           + per_row[first].astype(object) + " for " + canon[first].to_numpy(dtype=object) + " ("
           + pd.Series(n).map("{:,}".format).to_numpy(dtype=object)
           + " rows); the dose-above-maximum check (DL403) skipped them")
    return hits(first, "dose_unit", msg)
