"""Shared, vectorised pair keys for the interaction rules (not a rule itself)."""
from __future__ import annotations

import numpy as np
import pandas as pd


def norm_names(s: pd.Series) -> pd.Series:
    return s.astype("str").str.strip().str.casefold().str.replace(r"\s+", " ", regex=True)


def pair_keys(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(unordered pair key, ordered key, is_self) per row; names compared case-insensitively."""
    a = norm_names(frame["drug_a"])
    b = norm_names(frame["drug_b"])
    codes, _ = pd.factorize(pd.concat([a, b], ignore_index=True))
    n = len(frame)
    ca, cb = codes[:n].astype(np.int64), codes[n:].astype(np.int64)
    width = int(codes.max()) + 2 if codes.size else 1
    lo, hi = np.minimum(ca, cb), np.maximum(ca, cb)
    unordered = lo * width + hi
    ordered = ca * width + cb
    valid = (ca >= 0) & (cb >= 0)
    unordered = np.where(valid, unordered, -1 - np.arange(n))  # a missing name matches nothing
    ordered = np.where(valid, ordered, -1 - np.arange(n))
    return unordered, ordered, valid & (ca == cb)


def first_of_group(key: np.ndarray, mask: np.ndarray | None = None) -> np.ndarray:
    """Row position of the first row (optionally among ``mask``) of each row's group."""
    pos = pd.Series(np.arange(key.size, dtype=np.int64))
    if mask is not None:
        pos = pos.where(mask)
    return pos.groupby(key).transform("min").to_numpy()
