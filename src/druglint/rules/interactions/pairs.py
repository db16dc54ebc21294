"""Shared, vectorised pair keys for the interaction rules (not a rule itself)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from druglint.grouping import column_codes, first_positions


def name_codes(values: pd.Series) -> np.ndarray:
    """An integer per row such that names equal ignoring case and spacing share a code
    (-1 for a missing name). Normalises each distinct name once, not each row."""
    codes, uniques = pd.factorize(values)
    canon, _ = pd.factorize(_normal(uniques))
    return np.where(codes >= 0, canon[np.maximum(codes, 0)] if canon.size else -1, -1).astype(np.int64)


def _normal(uniques) -> pd.Index:
    return pd.Index(uniques).astype(str).str.strip().str.casefold().str.replace(r"\s+", " ", regex=True)


def pair_keys(ctx_or_frame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(unordered pair key, ordered key, is_self) per row; computed once per table."""
    cache = getattr(ctx_or_frame, "cache", None)
    if cache is not None and "pair_keys" in cache:
        return cache["pair_keys"]
    frame = getattr(ctx_or_frame, "frame", ctx_or_frame)
    n = len(frame)
    if cache is not None:  # a table context: each column factorised once, names normalised per distinct value
        (a_codes, a_u), (b_codes, b_u) = column_codes(ctx_or_frame, "drug_a"), column_codes(ctx_or_frame, "drug_b")
        shared, _ = pd.factorize(_normal(a_u).append(_normal(b_u)))
        shared = np.append(np.asarray(shared, dtype=np.int64), -1)  # a missing name stays -1
        ca = shared[np.where(a_codes >= 0, a_codes, len(shared) - 1)]
        cb = shared[np.where(b_codes >= 0, len(a_u) + b_codes, len(shared) - 1)]
        both = np.concatenate([ca, cb])
    else:
        both = name_codes(pd.concat([frame["drug_a"], frame["drug_b"]], ignore_index=True))
        ca, cb = both[:n], both[n:]
    width = int(both.max()) + 2 if both.size else 1
    valid = (ca >= 0) & (cb >= 0)
    # a row with a missing name gets a key of its own, so it matches nothing
    own = -1 - np.arange(n, dtype=np.int64)
    unordered = np.where(valid, np.minimum(ca, cb) * width + np.maximum(ca, cb), own)
    ordered = np.where(valid, ca * width + cb, own)
    out = (unordered, ordered, valid & (ca == cb))
    if cache is not None:
        cache["pair_keys"] = out
    return out


def first_of_group(key: np.ndarray, mask: np.ndarray | None = None) -> np.ndarray:
    """Row position of the first row (optionally among ``mask``) of each row's group, NaN
    when the group has no such row. Hashing only (factorize, get_indexer), no sort or groupby."""
    pos = np.arange(key.size, dtype=np.int64) if mask is None else np.flatnonzero(mask)
    codes, uniques = pd.factorize(key[pos])
    firsts = pos[first_positions(codes)]
    idx = pd.Index(uniques).get_indexer(key)
    return np.where(idx >= 0, firsts[np.maximum(idx, 0)], np.nan) if firsts.size else np.full(key.size, np.nan)
