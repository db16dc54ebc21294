"""DL407 dose-gap-contradicts-schedule: in administration records, the days between a
patient's consecutive doses differ from the spec's schedule.

For records with ``patient_id`` and ``date``, doses of one drug are ordered per patient by
date (vectorised: sort, then a grouped difference). The gap before each dose is compared
with its phase's interval: the ``phase`` column when given, else the dose's position
(talimogene laherparepvec: second dose 21 days after the first, then every 14 days). Too
soon and late doses are both reported, with the previous dose's line.

Passing example (dosing.csv):

    drug,route,patient_id,date,phase
    talimogene laherparepvec,intralesional,P1,2024-01-01,initial
    talimogene laherparepvec,intralesional,P1,2024-01-22,second
    talimogene laherparepvec,intralesional,P1,2024-02-05,subsequent

Failing example (dosing.csv):

    drug,route,patient_id,date
    talimogene laherparepvec,intralesional,P1,2024-01-01
    talimogene laherparepvec,intralesional,P1,2024-01-15
"""
from __future__ import annotations

import numpy as np

from druglint.hits import hits
from druglint.registry import rule
from druglint.rules.dosing.spec_rows import phase_attr, row_phase, row_specs, sequence
from druglint.specs.tables import cite


@rule("DL407", "dose-gap-contradicts-schedule", "warning", kinds=("dosing",), needs=("drug", "patient_id", "date"))
def check(ctx):
    canon, specs = row_specs(ctx)
    if canon.isna().all():
        return None
    seq = sequence(ctx)
    if seq is None:
        return None
    phases = row_phase(ctx)
    want = phase_attr(phases, lambda p: p.interval_days if p.interval_days is not None else np.nan, float)
    gap = seq["gap_days"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        bad = canon.notna().to_numpy() & ~np.isnan(gap) & ~np.isnan(want) & (gap != want)
    if not bad.any():
        return None
    prev = seq["prev_row"].to_numpy(dtype=float)
    lines = ctx.table.lines
    drug = canon.to_numpy(dtype=object)
    pid = ctx.frame["patient_id"].to_numpy(dtype=object)
    msgs = []
    for i in np.flatnonzero(bad):
        p, spec = phases[i], specs[drug[i]]
        when = "too soon" if gap[i] < want[i] else "late"
        msgs.append(f"patient {pid[i]}: {spec.name} dose ({p.name} phase) {gap[i]:g} days after the previous dose at line "
                    f"{lines[int(prev[i])]}, {when}: the schedule says {want[i]:g} days ({cite(spec, p.line, p.source, 30)})")
    return hits(bad, "date", np.array(msgs, dtype=object))
