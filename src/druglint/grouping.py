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
    when the group has no such row or the key is missing. Integer keys spanning a range not
    much larger than the rows are looked up in an array indexed by the key; other keys are
    factorized once (no sort, no groupby, no second hash table to look the rows up again)."""
    dense = _dense_range(key)
    if dense is not None:
        return _first_dense(key, mask, *dense)
    codes, uniques = pd.factorize(key)  # -1 for a missing key
    if len(uniques) == 0:
        return np.full(key.size, np.nan)
    if len(uniques) < 2**31 - 1:
        codes = codes.astype(np.int32)  # half the memory on a table of millions of rows
    rows = np.flatnonzero(codes >= 0) if mask is None else np.flatnonzero(np.asarray(mask, dtype=bool) & (codes >= 0))
    first = np.full(len(uniques) + 1, key.size, dtype=np.int64)  # the trailing slot: missing keys
    np.minimum.at(first, codes[rows], rows)
    del rows
    at = first[codes]  # code -1 takes the trailing slot (key.size: no first row)
    del codes
    out = at.astype(np.float64)
    out[at == key.size] = np.nan
    return out


def _dense_range(key: np.ndarray) -> tuple[int, int] | None:
    """(lowest key, number of possible keys) when integer keys fit an array of at most four
    slots per row (e.g. drug code x term code); else None."""
    if key.size < 1024 or not (key.dtype.kind == "i" or (key.dtype.kind == "u" and key.dtype.itemsize < 8)):
        return None
    lo, hi = int(key.min()), int(key.max())
    span = hi - lo + 1
    return (lo, span) if span <= 4 * key.size else None


def _first_dense(key: np.ndarray, mask: np.ndarray | None, lo: int, span: int) -> np.ndarray:
    """``first_of_group`` by direct addressing: the first row of key k is at slot k - lo."""
    n = key.size
    small = np.int32 if n < 2**31 - 1 else np.int64
    first = np.full(span, n, dtype=small)
    rows = np.arange(n, dtype=small) if mask is None else np.flatnonzero(mask).astype(small)
    slot = np.subtract(key[rows], lo, dtype=np.int64)
    np.minimum.at(first, slot, rows)
    del rows, slot
    slot = np.subtract(key, lo, dtype=np.int64)
    at = first[slot]
    del slot, first
    out = at.astype(np.float64)
    out[at == n] = np.nan
    return out


def count_distinct(key: np.ndarray) -> int:
    """How many distinct values ``key`` holds; integer keys in a small range are counted in a
    flag array (a sort of a copy, as ``np.unique`` does, costs two arrays of the rows' size)."""
    if key.size == 0:
        return 0
    dense = _dense_range(key)
    if dense is None:
        return len(pd.unique(key))
    seen = np.zeros(dense[1], dtype=bool)
    seen[np.subtract(key, dense[0], dtype=np.int64)] = True
    return int(np.count_nonzero(seen))
