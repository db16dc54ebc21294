"""DL403 dose-above-maximum: a dose or volume exceeds the spec's per-visit maximum.

Talimogene laherparepvec: at most 4 mL per visit for all lesions combined, in every phase.
Acyclovir: at most 800 mg in one oral dose. Only doses in the maximum's unit are compared
(a dose in mL against a maximum in mL); a maximum limited to a route applies to that route.

Passing example (dosing.csv):

    drug,route,dose,dose_unit,phase
    talimogene laherparepvec,intralesional,4,mL,second

Failing example (dosing.csv):

    drug,route,dose,dose_unit,phase
    talimogene laherparepvec,intralesional,6,mL,second
"""
from __future__ import annotations

import numpy as np

from druglint.hits import hits
from druglint.registry import rule
from druglint.rules.dosing.spec_rows import messages, phase_attr, phase_ids, row_specs
from druglint.specs.tables import cite


@rule("DL403", "dose-above-maximum", "error", kinds=("dosing",), needs=("drug", "dose", "dose_unit"))
def check(ctx):
    canon, specs = row_specs(ctx)
    if canon.isna().all():
        return None
    f = ctx.frame
    dose = f["dose"].to_numpy(dtype=float, na_value=np.nan)
    unit = f["dose_unit"].to_numpy(dtype=object, na_value=None)
    route = f["route"].to_numpy(dtype=object, na_value=None) if "route" in f.columns else np.full(len(f), None, dtype=object)
    drug = canon.to_numpy(dtype=object, na_value=None)
    which = np.full(len(f), -1, dtype=np.int64)  # index into `limits` of the exceeded maximum
    limits: list[tuple] = []  # (spec, quantity, scope text, line, source)
    for name in canon.dropna().unique():  # one pass per drug with a spec
        spec = specs[name]
        rows = drug == name
        for m in spec.maxima:
            sel = rows & (unit == m.quantity.unit) & (route == m.route if m.route else True)
            with np.errstate(invalid="ignore"):
                over = sel & (dose > m.quantity.amount) & (which < 0)
            if over.any():
                which[over] = len(limits)
                limits.append((spec, m.quantity, f"{' ' + m.route if m.route else ''} per-visit", m.line, m.source))
    ids, table = phase_ids(ctx)
    max_amount = phase_attr(ctx, lambda p: p.maximum.amount if p.maximum else np.nan, float)
    max_unit = phase_attr(ctx, lambda p: p.maximum.unit if p.maximum else None)
    with np.errstate(invalid="ignore"):
        over = (which < 0) & (unit == max_unit) & (dose > max_amount)
    for pid in np.unique(ids[over]):  # one pass per phase
        p = table[pid]
        sel = over & (ids == pid)
        which[sel] = len(limits)
        limits.append((specs[drug[np.flatnonzero(sel)[0]]], p.maximum, f" {p.name} phase", p.line, p.source))
    bad = which >= 0
    if not bad.any():
        return None

    def message(k, d, u):
        spec, q, scope, line, source = limits[k]
        return f"dose {d:g} {u} exceeds the{scope} maximum of {q.text()} for {spec.name} ({cite(spec, line, source, 40)})"

    return hits(bad, "dose", messages(bad, {"k": which, "dose": dose, "unit": unit}, message))
