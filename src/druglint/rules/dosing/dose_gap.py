"""DL407 dose-gap-contradicts-schedule: a patient's doses are not spaced as the schedule says.

In administration records, the days between a patient's consecutive doses differ from the
spec's schedule.

For records with ``patient_id`` and ``date``, doses of one drug are ordered per patient by
date (vectorised: sort, then a grouped difference). The gap before each dose is compared
with its phase's interval: the ``phase`` column when given, else the dose's position
(talimogene laherparepvec: second dose 21 days after the first, then every 14 days). Too
soon and late doses are both reported, with the previous dose's line. A phase derived by
``spec derive`` and not yet reviewed (``review: required``) gives info, not warning.

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
import pandas as pd

from druglint.hits import hits
from druglint.registry import rule
from druglint.rules.dosing.spec_rows import SPEC_ROWS, messages, phase_attr, phase_caps, phase_ids, row_specs, sequence
from druglint.specs.provenance import DRAFT_NOTE
from druglint.specs.tables import cite


@rule("DL407", "dose-gap-contradicts-schedule", "warning", kinds=("dosing",), needs=("drug", "patient_id", "date"), state=SPEC_ROWS)
def check(ctx):
    canon, specs = row_specs(ctx)
    if canon.isna().all():
        return None
    seq = sequence(ctx)
    if seq is None:
        return None
    ids, table = phase_ids(ctx)
    want = phase_attr(ctx, lambda p: p.interval_days if p.interval_days is not None else np.nan, float)
    gap = seq["gap_days"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        bad = canon.notna().to_numpy() & ~np.isnan(gap) & ~np.isnan(want) & (gap != want)
    if not bad.any():
        return None
    prev = seq["prev_row"].to_numpy(dtype=float)[bad].astype(np.int64)
    drug = canon.to_numpy(dtype=object)

    def message(name, phase_id, days):
        p, spec = table[phase_id], specs[name]
        when = "too soon" if days < p.interval_days else "late"
        return (f"{spec.name} dose ({p.name} phase) {days:g} days after the previous one, {when}: the schedule says "
                f"{p.interval_days:g} days ({cite(spec, p.line, p.source, 30)}); previous dose at line ")

    tail = messages(bad, {"drug": drug, "phase": ids, "gap": gap}, message)
    pid = pd.Series(ctx.frame["patient_id"].to_numpy(dtype=object)[bad], dtype=object).astype(str)
    caps = phase_caps(ids, table)[bad]
    msgs = ("patient " + pid + ": " + pd.Series(tail, dtype=object) + pd.Series(ctx.table.lines[prev]).astype(str)
            + np.where(caps == "info", DRAFT_NOTE, ""))
    return hits(bad, "date", msgs.to_numpy(dtype=object), severity=caps)
