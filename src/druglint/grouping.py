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


def broadcast(ctx, column: str, fn, dtype=object, missing=None) -> np.ndarray:
    """``fn(value)`` per row of a typed column, called once per distinct value."""
    codes, uniques = column_codes(ctx, column)
    values = np.empty(len(uniques) + 1, dtype=dtype)
    values[:] = [fn(u) for u in uniques] + [missing]
    return values[codes]  # a missing cell (code -1) takes the trailing ``missing``


def recode(codes: np.ndarray, per_distinct: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-row codes of a value computed per distinct value: (codes of the distinct results,
    -1 where the cell is missing or the result is None; the distinct results)."""
    import pandas as pd

    inner, results = pd.factorize(per_distinct)  # None -> -1
    inner = np.append(np.asarray(inner, dtype=np.int64), -1)
    return inner[codes], np.asarray(results, dtype=object)
