"""DL144 faers-duration-without-unit: a FAERS therapy duration has no unit.

THER ``dur`` is a number and ``dur_cod`` its unit (YR, MON, WK, DAY, HR, MIN, SEC,
ASCII_README); "6" alone can be six days or six years. Reported at each THER record with a
duration and an empty unit. A warning rather than an error: some legacy AERS records hold
values such as 10080 or 43200 (7 and 30 days in minutes) with no unit, so a convention may
lie behind them, but the file does not say which.

Passing example (THER17Q2.txt):

    primaryid$caseid$dsg_drug_seq$start_dt$end_dt$dur$dur_cod
    100001$10000$1$20150327$201507$20$YR

Failing example (THER17Q2.txt):

    primaryid$caseid$dsg_drug_seq$start_dt$end_dt$dur$dur_cod
    100001$10000$1$20150327$201507$20$
"""
from __future__ import annotations

import numpy as np

from druglint.across import Across
from druglint.registry import PROJECT, rule
from druglint.rules.realdata._faers import column_number, quarters
from druglint.rules.realdata._tables import lines_of, text, violation


@rule("DL144", "faers-duration-without-unit", "warning", scope=PROJECT, state=Across.presets())
def check(project):
    out = []
    for _, roles in quarters(project).items():
        ther = roles.get("THER")
        if ther is None or not {"dur", "dur_cod"} <= set(ther.frame.columns):
            continue
        dur, unit = text(ther.frame["dur"]), text(ther.frame["dur_cod"])
        rows = np.flatnonzero(((dur != "") & (unit == "")).to_numpy())
        col = column_number(ther, "dur_cod")
        for line, value in zip(lines_of(ther.table, rows).tolist(), dur.iloc[rows].tolist()):
            out.append(violation(ther.path, "DL144", line, col,
                                 f"dur {value!r} has no dur_cod; a duration without its unit is ambiguous", project))
    return out
