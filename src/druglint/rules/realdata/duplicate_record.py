"""DL134 duplicate-record: a row of a reference table repeats an earlier row exactly.

Reference tables are files a preset recognises that hold no canonical kind (SIDER
indications, FAERS REAC/DEMO/INDI/OUTC, drug-name dictionaries, Drugs@FDA lookup tables);
tables of a canonical kind have DL108 for the same defect. An exact copy double-counts a
reaction of a case, an indication of a drug or a synonym, and usually comes from dropping a
column that told the copies apart (SIDER's LLT/PT type) or from concatenating overlapping
extracts. The message names the line of the first copy.

Passing example (REAC17Q2.txt):

    primaryid$caseid$pt$drug_rec_act
    100001$10000$Nausea$
    100001$10000$Vomiting$

Failing example (REAC17Q2.txt):

    primaryid$caseid$pt$drug_rec_act
    100001$10000$Nausea$
    100001$10000$Nausea$
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from druglint.across import Across
from druglint.registry import PROJECT, rule
from druglint.rules.realdata._tables import lines_of, tables, violation


@rule("DL134", "duplicate-record", "warning", scope=PROJECT, state=Across.presets())
def check(project):
    out = []
    for seen in tables(project):
        if seen.preset is None or seen.preset.kind is not None or seen.preset.document is not None:
            continue
        frame = seen.frame
        if len(frame) < 2:
            continue
        norm = frame.astype("str").fillna("")
        dup = norm.duplicated(keep="first").to_numpy()
        if not dup.any():
            continue
        key = pd.util.hash_pandas_object(norm, index=False).to_numpy()
        first = pd.Series(np.arange(len(norm))).groupby(key).transform("min").to_numpy()
        lines = np.asarray(seen.table.lines)
        for line, f in zip(lines_of(seen.table, np.flatnonzero(dup)).tolist(), lines[first[dup]].tolist()):
            out.append(violation(seen.path, "DL134", line, 1, f"row repeats the row at line {f} exactly", project))
    return out
