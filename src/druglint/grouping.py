"""Grouping helpers shared by rules: integer keys, first occurrences (not a rule)."""
from __future__ import annotations

import numpy as np


def first_positions(codes: np.ndarray) -> np.ndarray:
    """For codes from ``pandas.factorize`` (numbered in order of first appearance): the
    position where each code first occurs, code k at index k."""
    seen = np.maximum.accumulate(np.concatenate([[-1], codes]))
    return np.flatnonzero(seen[1:] > seen[:-1])


def column_codes(ctx, column: str):
    """``pandas.factorize`` of a typed column, once per table (rules and the spec name
    resolution share it): (codes with -1 for missing, distinct values)."""
    import pandas as pd

    cache = ctx.__dict__.setdefault("_column_codes", {})
    if column not in cache:
        codes, uniques = pd.factorize(ctx.frame[column])
        cache[column] = (np.asarray(codes, dtype=np.int64), uniques)
    return cache[column]
