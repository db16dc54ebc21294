"""DL108 duplicate-row: a row repeats an earlier row exactly.

Exact duplicates inflate counts (a side effect counted twice, a pair listed twice) and
usually come from concatenating overlapping exports. Every cell is compared as written;
the message names the line of the first copy. Any kind.

Passing example (side_effects.csv):

    drug,effect,frequency_percent
    acyclovir,nausea,2.4
    acyclovir,headache,2.2

Failing example (side_effects.csv):

    drug,effect,frequency_percent
    acyclovir,nausea,2.4
    acyclovir,nausea,2.4
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from druglint.hits import hits
from druglint.registry import rule


def _hashable(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame
    for col in frame.columns:
        if frame[col].dtype == object and frame[col].map(lambda v: isinstance(v, (list, dict))).any():
            out = out.assign(**{col: frame[col].astype(str)})
    return out


@rule("DL108", "duplicate-row", "warning", kinds=("side_effects", "interactions", "dosing"))
def check(ctx):
    raw = _hashable(ctx.raw)
    dup = raw.duplicated(keep="first").to_numpy()
    if not dup.any():
        return None
    key = pd.util.hash_pandas_object(raw, index=False).to_numpy()
    first = pd.Series(np.arange(len(raw))).groupby(key).transform("min").to_numpy()
    return hits(dup, None, "row duplicates the row at line " + ctx.table.lines[first[dup]].astype(str).astype(object))
