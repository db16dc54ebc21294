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


def _row_ids(frame: pd.DataFrame) -> np.ndarray:
    """One integer per row, equal for equal rows (missing equals missing, as in
    ``DataFrame.duplicated``), numbered in order of first appearance: each column is
    factorised and folded into the running id, which stays below the row count."""
    ids = np.zeros(len(frame), dtype=np.int64)
    for col in frame.columns:
        codes, uniques = pd.factorize(frame[col])
        ids, _ = pd.factorize(ids * (len(uniques) + 1) + (codes.astype(np.int64) + 1))
    return ids.astype(np.int64)


@rule("DL108", "duplicate-row", "warning", kinds=("side_effects", "interactions", "dosing"))
def check(ctx):
    raw = _hashable(ctx.raw)
    n = len(raw)
    if n == 0:
        return None
    ids = _row_ids(raw)
    first_of = np.empty(int(ids.max()) + 1, dtype=np.int64)
    first_of[ids[::-1]] = np.arange(n - 1, -1, -1, dtype=np.int64)  # the last write wins: the first row
    first = first_of[ids]
    dup = first != np.arange(n)
    if not dup.any():
        return None
    return hits(dup, None, "row duplicates the row at line " + ctx.table.lines[first[dup]].astype(str).astype(object))
