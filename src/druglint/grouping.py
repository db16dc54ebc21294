"""Grouping helpers shared by rules: integer keys, first occurrences (not a rule)."""
from __future__ import annotations

import numpy as np
import pandas as pd


def first_positions(codes: np.ndarray) -> np.ndarray:
    """For codes from ``pandas.factorize`` (numbered in order of first appearance): the
    position where each code first occurs, code k at index k."""
    seen = np.maximum.accumulate(np.concatenate([[-1], codes]))
    return np.flatnonzero(seen[1:] > seen[:-1])


def column_codes(ctx, column: str):
    """``pandas.factorize`` of a typed column, once per table (rules and the spec name
    resolution share it): (codes with -1 for missing, distinct values)."""
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
    inner, results = pd.factorize(per_distinct)  # None -> -1
    inner = np.append(np.asarray(inner, dtype=np.int64), -1)
    return inner[codes], np.asarray(results, dtype=object)


def first_of_group(key: np.ndarray, mask: np.ndarray | None = None) -> np.ndarray:
    """Row position of the first row (optionally among ``mask``) of each row's group, NaN
    when the group has no such row. Hashing only (factorize, get_indexer), no sort or groupby."""
    pos = np.arange(key.size, dtype=np.int64) if mask is None else np.flatnonzero(mask)
    codes, uniques = pd.factorize(key[pos])
    firsts = pos[first_positions(codes)]
    idx = pd.Index(uniques).get_indexer(key)
    return np.where(idx >= 0, firsts[np.maximum(idx, 0)], np.nan) if firsts.size else np.full(key.size, np.nan)
