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
from druglint.rules.dosing.spec_rows import phase_attr, row_phase, row_specs
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
    msgs = np.full(len(f), None, dtype=object)
    for name in canon.dropna().unique():  # one pass per drug with a spec
        spec = specs[name]
        rows = drug == name
        for m in spec.maxima:
            sel = rows & (unit == m.quantity.unit) & (route == m.route if m.route else True)
            with np.errstate(invalid="ignore"):
                over = sel & (dose > m.quantity.amount) & (msgs == None)  # noqa: E711
            scope = f" {m.route}" if m.route else ""
            for i in np.flatnonzero(over):
                msgs[i] = (f"dose {dose[i]:g} {unit[i]} exceeds the{scope} per-visit maximum of {m.quantity.text()} for {spec.name} "
                           f"({cite(spec, m.line, m.source, 40)})")
    phases = row_phase(ctx)
    max_amount = phase_attr(phases, lambda p: p.maximum.amount if p.maximum else np.nan, float)
    max_unit = phase_attr(phases, lambda p: p.maximum.unit if p.maximum else None)
    with np.errstate(invalid="ignore"):
        over = (msgs == None) & (unit == max_unit) & (dose > max_amount)  # noqa: E711
    for i in np.flatnonzero(over):
        p = phases[i]
        if True:
            spec = specs[drug[i]]
            msgs[i] = (f"dose {dose[i]:g} {unit[i]} exceeds the {p.name} phase maximum of {p.maximum.text()} for {spec.name} "
                       f"({cite(spec, p.line, p.source, 40)})")
    bad = msgs != None  # noqa: E711
    if not bad.any():
        return None
    return hits(bad, "dose", msgs[bad])
