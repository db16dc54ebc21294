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

from druglint.grouping import first_positions
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
    ``DataFrame.duplicated``). Each column is factorised; the codes are combined in mixed
    radix while the product of the cardinalities fits in int64, and re-factorised (so the
    running id stays below the row count) only when it would not."""
    ids = np.zeros(len(frame), dtype=np.int64)
    span = 1  # ids are below span
    for col in frame.columns:
        codes, uniques = pd.factorize(frame[col])
        width = len(uniques) + 1
        if span * width >= 2**62:
            ids, firsts = pd.factorize(ids)
            ids = ids.astype(np.int64)
            span = len(firsts)
        ids = ids * width + (codes.astype(np.int64) + 1)
        span *= width
    return pd.factorize(ids)[0].astype(np.int64)


@rule("DL108", "duplicate-row", "warning", kinds=("side_effects", "interactions", "dosing"))
def check(ctx):
    raw = _hashable(ctx.raw)
    n = len(raw)
    if n == 0:
        return None
    ids = _row_ids(raw)
    first = first_positions(ids)[ids]  # ids are numbered in order of first appearance
    dup = first != np.arange(n)
    if not dup.any():
        return None
    return hits(dup, None, "row duplicates the row at line " + ctx.table.lines[first[dup]].astype(str).astype(object))
