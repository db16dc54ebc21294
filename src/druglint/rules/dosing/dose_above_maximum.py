"""DL403 dose-above-maximum: a dose or volume exceeds the spec's per-visit maximum.

Talimogene laherparepvec: at most 4 mL per visit for all lesions combined, in every phase.
Acyclovir: at most 800 mg in one oral dose. A dose is compared with a maximum in its own
unit or in another unit of the same dimension (1 g against an 800 mg maximum; mcg, mg, g,
kg; mcL, mL, L; mmol, mol: SI prefixes, see ``rules/dosing/unit_scale.py``). Units with no
fixed relation (unit, international unit, PFU, mEq) are compared only with the same unit;
a dose whose unit cannot be compared with the maximum is DL412's finding. A maximum
limited to a route applies to that route. A maximum (or phase) derived by ``spec derive``
and not yet reviewed (``review: required``) gives info, not error.

Passing example (dosing.csv):

    drug,route,dose,dose_unit,phase
    talimogene laherparepvec,intralesional,4,mL,second

Failing example (dosing.csv):

    drug,route,dose,dose_unit,phase
    talimogene laherparepvec,intralesional,6,mL,second
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from druglint.hits import hits
from druglint.registry import rule
from druglint.rules.dosing.spec_rows import SPEC_ROWS, messages, phase_attr, phase_ids, row_specs
from druglint.rules.dosing.unit_scale import SCALE, per_row
from druglint.specs.provenance import cap, note
from druglint.specs.tables import cite


@rule("DL403", "dose-above-maximum", "error", kinds=("dosing",), needs=("drug", "dose", "dose_unit"), state=SPEC_ROWS)
def check(ctx):
    canon, specs = row_specs(ctx)
    if canon.isna().all():
        return None
    f = ctx.frame
    dose = f["dose"].to_numpy(dtype=float, na_value=np.nan)
    unit = f["dose_unit"].to_numpy(dtype=object, na_value=None)
    route = f["route"].to_numpy(dtype=object, na_value=None) if "route" in f.columns else np.full(len(f), None, dtype=object)
    drug = canon.to_numpy(dtype=object, na_value=None)
    dim, factor = per_row(unit)
    base = dose * factor  # the dose in its dimension's base unit (NaN when not convertible)

    def exceeds(max_unit, max_amount) -> np.ndarray:
        """Per row: the dose is above the maximum, in one unit or converted within a dimension."""
        mu = np.broadcast_to(np.asarray(max_unit, dtype=object), unit.shape)
        ma = np.broadcast_to(np.asarray(max_amount, dtype=float), unit.shape)
        mdim, mfactor = per_row(mu)
        same = (unit == mu) & (dose > ma)
        conv = (dim == mdim) & pd.notna(mdim) & (base > ma * mfactor * (1 + 1e-9))
        return same | conv

    which = np.full(len(f), -1, dtype=np.int64)  # index into `limits` of the exceeded maximum
    limits: list[tuple] = []  # (spec, quantity, scope text, line, source, the fact)
    for name in canon.dropna().unique():  # one pass per drug with a spec
        spec = specs[name]
        rows = drug == name
        for m in spec.maxima:
            sel = rows & (route == m.route if m.route else True)
            with np.errstate(invalid="ignore"):
                over = sel & exceeds(m.quantity.unit, m.quantity.amount) & (which < 0)
            if over.any():
                which[over] = len(limits)
                limits.append((spec, m.quantity, f"{' ' + m.route if m.route else ''} per-visit", m.line, m.source, m))
    ids, table = phase_ids(ctx)
    max_amount = phase_attr(ctx, lambda p: p.maximum.amount if p.maximum else np.nan, float)
    max_unit = phase_attr(ctx, lambda p: p.maximum.unit if p.maximum else None)
    with np.errstate(invalid="ignore"):
        over = (which < 0) & exceeds(max_unit, max_amount)
    for pid in np.unique(ids[over]):  # one pass per phase
        p = table[pid]
        sel = over & (ids == pid)
        which[sel] = len(limits)
        limits.append((specs[drug[np.flatnonzero(sel)[0]]], p.maximum, f" {p.name} phase", p.line, p.source, p))
    bad = which >= 0
    if not bad.any():
        return None

    def message(k, d, u):
        spec, q, scope, line, source, fact = limits[k]
        shown = f"{d:g} {u}"
        if u != q.unit and u in SCALE and q.unit in SCALE:
            shown += f" ({d * SCALE[u][1] / SCALE[q.unit][1]:,g} {q.unit})"
        return (f"dose {shown} exceeds the{scope} maximum of {q.text()} for {spec.name} ({cite(spec, line, source, 40)})"
                f"{note(fact)}")

    per_limit = np.array([cap(lim[-1]) for lim in limits], dtype=object)
    return hits(bad, "dose", messages(bad, {"k": which, "dose": dose, "unit": unit}, message), severity=per_limit[which[bad]])
