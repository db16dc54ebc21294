"""DL142 faers-therapy-end-before-start: a FAERS therapy ends before it starts.

THER records give each drug's therapy start and end (``start_dt``, ``end_dt``), as partial
dates (YYYY, YYYYMM or YYYYMMDD, FAERS ASCII_README). A therapy whose end is before its
start, whatever days the partial dates stand for, has one of the two dates wrong (often
day and month swapped, or a year typed wrong); time-to-onset and duration computed from it
are negative. Reported at the THER record. "2015" against "201503" is not reported: the
partial date may mean the same month.

Passing example (THER17Q2.txt):

    primaryid$caseid$dsg_drug_seq$start_dt$end_dt$dur$dur_cod
    100001$10000$1$20150327$201507$$

Failing example (THER17Q2.txt):

    primaryid$caseid$dsg_drug_seq$start_dt$end_dt$dur$dur_cod
    100001$10000$1$20150327$20150227$$
"""
from __future__ import annotations

import numpy as np

from druglint.across import Across
from druglint.registry import PROJECT, rule
from druglint.rules.realdata._faers import column_number, date_bounds, quarters
from druglint.rules.realdata._tables import lines_of, text, violation


@rule("DL142", "faers-therapy-end-before-start", "error", scope=PROJECT, state=Across.presets())
def check(project):
    out = []
    for _, roles in quarters(project).items():
        ther = roles.get("THER")
        if ther is None or not {"start_dt", "end_dt"} <= set(ther.frame.columns):
            continue
        start, end = text(ther.frame["start_dt"]), text(ther.frame["end_dt"])
        s_lo, _ = date_bounds(start)
        _, e_hi = date_bounds(end)
        bad = (s_lo >= 0) & (e_hi >= 0) & (e_hi < s_lo)
        rows = np.flatnonzero(bad)
        col = column_number(ther, "end_dt")
        for line, s, e in zip(lines_of(ther.table, rows).tolist(), start.iloc[rows].tolist(), end.iloc[rows].tolist()):
            out.append(violation(ther.path, "DL142", line, col,
                                 f"therapy ends ({e}) before it starts ({s}); one of the dates is wrong", project))
    return out
