"""DL406 interval-contradicts-schedule: a stated interval differs from the spec's schedule.

Talimogene laherparepvec: the second dose 21 days after the initial one, then every 14 days.
A row's ``interval_days`` is compared with its phase's interval (phase names and aliases
from the spec); a row without a phase must use one of the schedule's intervals. The first
phase has no interval and is not compared. A phase derived by ``spec derive`` and not yet
reviewed (``review: required``) gives info, not error (for a row without a phase: any
draft phase of the schedule).

Passing example (dosing.csv):

    drug,route,interval_days,phase
    talimogene laherparepvec,intralesional,21,second
    talimogene laherparepvec,intralesional,14,subsequent

Failing example (dosing.csv):

    drug,route,interval_days,phase
    talimogene laherparepvec,intralesional,14,second
"""
from __future__ import annotations

import numpy as np

from druglint.hits import hits
from druglint.registry import rule
from druglint.rules.dosing.spec_rows import SPEC_ROWS, messages, per_drug, phase_caps, phase_ids, row_specs
from druglint.specs.provenance import any_draft, note
from druglint.specs.tables import cite


@rule("DL406", "interval-contradicts-schedule", "error", kinds=("dosing",), needs=("drug", "interval_days"), state=SPEC_ROWS)
def check(ctx):
    canon, specs = row_specs(ctx)
    if canon.isna().all():
        return None
    interval = ctx.frame["interval_days"].to_numpy(dtype=float, na_value=np.nan)
    ids, table = phase_ids(ctx)
    if "phase" in ctx.frame.columns:  # only the phase the row states, not one derived from dose order
        ids = np.where(ctx.frame["phase"].notna().to_numpy(), ids, -1)
    else:
        ids = np.full(len(canon), -1, dtype=np.int64)
    lookup = np.array([p.interval_days if p.interval_days is not None else np.nan for p in table] + [np.nan], dtype=float)
    want = lookup[ids]
    known = ids >= 0
    with np.errstate(invalid="ignore"):
        wrong_phase = known & ~np.isnan(want) & ~np.isnan(interval) & (interval != want)
    allowed = per_drug(canon, specs, lambda s: frozenset(p.interval_days for p in s.phases if p.interval_days is not None) or None)
    no_phase = ~known & ~np.isnan(interval) & (allowed != None)  # noqa: E711
    codes = canon.fillna("").to_numpy(dtype=object)
    off = np.zeros(len(canon), dtype=bool)
    for name in canon.dropna().unique():  # per drug: is the interval one of its schedule's intervals?
        ok_set = [p.interval_days for p in specs[name].phases if p.interval_days is not None]
        sel = no_phase & (codes == name)
        off |= sel & ~np.isin(interval, ok_set)
    bad = wrong_phase | off
    if not bad.any():
        return None

    def message(name, pid, days):
        spec = specs[name]
        if pid >= 0:
            p = table[pid]
            return (f"interval {days:g} days for the {p.name} phase of {spec.name}; the schedule says {p.interval_days:g} days "
                    f"({cite(spec, p.line, p.source, 40)}){note(p)}")
        sched = ", ".join(f"{p.name} {p.interval_days:g}" for p in spec.phases if p.interval_days is not None)
        return (f"interval {days:g} days is not in the schedule of {spec.name} (days after the previous dose: {sched}; "
                f"{cite(spec, spec.phases[0].line, spec.phases[0].source, 30)})" + note(*spec.phases))

    pid = np.where(wrong_phase, ids, -1)
    whole = per_drug(canon, specs, lambda s: "info" if any_draft(s.phases) else None)  # the row's phase is unknown
    caps = np.where(wrong_phase, phase_caps(pid, table), whole)
    return hits(bad, "interval_days", messages(bad, {"drug": codes, "phase": pid, "days": interval}, message), severity=caps[bad])
