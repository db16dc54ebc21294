"""DL405 wrong-strength-for-phase: a dose uses the strength of another phase of the schedule.

Talimogene laherparepvec: the initial dose is 10^6 PFU/mL (light green cap), the second and
later doses 10^8 PFU/mL (royal blue cap); giving 10^8 first skips the seroconversion dose.
The phase comes from the ``phase`` column (names and aliases from the spec), or, for
administration records (patient_id and date), from the dose's position in the patient's
sequence. A phase derived by ``spec derive`` and not yet reviewed (``review: required``)
gives info, not error.

Passing example (dosing.csv):

    drug,route,concentration,concentration_unit,phase
    talimogene laherparepvec,intralesional,1000000,PFU/mL,initial
    talimogene laherparepvec,intralesional,100000000,PFU/mL,second

Failing example (dosing.csv):

    drug,route,concentration,concentration_unit,phase
    talimogene laherparepvec,intralesional,100000000,PFU/mL,initial
"""
from __future__ import annotations

import numpy as np

from druglint.hits import hits
from druglint.registry import rule
from druglint.rules.dosing.spec_rows import SPEC_ROWS, messages, phase_attr, phase_caps, phase_ids, row_specs
from druglint.specs.model import format_amount
from druglint.specs.provenance import note
from druglint.specs.tables import cite


@rule("DL405", "wrong-strength-for-phase", "error", kinds=("dosing",), needs=("drug", "concentration", "concentration_unit"), state=SPEC_ROWS)
def check(ctx):
    canon, specs = row_specs(ctx)
    if canon.isna().all():
        return None
    ids, table = phase_ids(ctx)
    f = ctx.frame
    conc = f["concentration"].to_numpy(dtype=float, na_value=np.nan)
    unit = f["concentration_unit"].to_numpy(dtype=object, na_value=None)
    want_amount = phase_attr(ctx, lambda p: p.strength.amount if p.strength else np.nan, float)
    want_unit = phase_attr(ctx, lambda p: p.strength.unit if p.strength else None)
    with np.errstate(invalid="ignore"):
        bad = ~np.isnan(want_amount) & ~np.isnan(conc) & (unit == want_unit) & ~np.isclose(conc, want_amount, rtol=1e-9, atol=0)
    drug = canon.to_numpy(dtype=object)
    for name in canon[bad].dropna().unique():  # a strength that is not marketed at all is DL404's, not this rule's
        sel = bad & (drug == name)
        for u in set(unit[sel]):
            amounts = np.array([a for a, un in specs[name].strength_set() if un == u] or [np.nan])
            here = sel & (unit == u)
            marketed = np.isclose(conc[here][:, None], amounts[None, :], rtol=1e-9, atol=0).any(axis=1)
            bad[np.flatnonzero(here)[~marketed]] = False
    if not bad.any():
        return None
    stated = f["phase"].notna().to_numpy() if "phase" in f.columns else np.zeros(len(f), dtype=bool)

    def message(name, pid, c, u, given):
        p, spec = table[pid], specs[name]
        how = "" if given else " (phase from the patient's dose order)"
        return (f"{format_amount(c)} {u} in the {p.name} phase{how}; {spec.name} uses {p.strength.text()} there "
                f"({cite(spec, p.line, p.source, 40)}){note(p)}")

    return hits(bad, "concentration", messages(bad, {"drug": drug, "phase": ids, "conc": conc, "unit": unit, "given": stated}, message),
                severity=phase_caps(ids, table)[bad])
