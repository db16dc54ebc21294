"""Shared, vectorised pair keys for the interaction rules (not a rule itself)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from druglint.grouping import column_codes, first_of_group  # noqa: F401  (re-exported for the pair rules)


def name_codes(values: pd.Series) -> np.ndarray:
    """An integer per row such that names equal ignoring case and spacing share a code
    (-1 for a missing name). Normalises each distinct name once, not each row."""
    codes, uniques = pd.factorize(values)
    canon, _ = pd.factorize(normal_names(uniques))
    return np.where(codes >= 0, canon[np.maximum(codes, 0)] if canon.size else -1, -1).astype(np.int64)


def normal_names(uniques) -> pd.Index:
    """Distinct names with case and spacing ignored (the pair rules' notion of one drug)."""
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
        shared, _ = pd.factorize(normal_names(a_u).append(normal_names(b_u)))
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
