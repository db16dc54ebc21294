"""Shared, vectorised pair keys for the interaction rules (not a rule itself)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from druglint.grouping import column_codes, first_of_group  # noqa: F401  (re-exported for the pair rules)


def normal_names(uniques) -> pd.Index:
    """Distinct names with case and spacing ignored (the pair rules' notion of one drug)."""
    return pd.Index(uniques).astype(str).str.strip().str.casefold().str.replace(r"\s+", " ", regex=True)


def pair_keys(ctx) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(unordered pair key, ordered key, is_self) per row; computed once per table. Names
    equal ignoring case and spacing share an id: each column is factorised once and its
    distinct names normalised."""
    if "pair_keys" in ctx.cache:
        return ctx.cache["pair_keys"]
    n = len(ctx.frame)
    (a_codes, a_u), (b_codes, b_u) = column_codes(ctx, "drug_a"), column_codes(ctx, "drug_b")
    shared, _ = pd.factorize(normal_names(a_u).append(normal_names(b_u)))
    shared = np.append(np.asarray(shared, dtype=np.int64), -1)  # a missing name stays -1
    ca = shared[np.where(a_codes >= 0, a_codes, len(shared) - 1)]
    cb = shared[np.where(b_codes >= 0, len(a_u) + b_codes, len(shared) - 1)]
    both = np.concatenate([ca, cb])
    width = int(both.max()) + 2 if both.size else 1
    valid = (ca >= 0) & (cb >= 0)
    # a row with a missing name gets a key of its own, so it matches nothing
    own = -1 - np.arange(n, dtype=np.int64)
    unordered = np.where(valid, np.minimum(ca, cb) * width + np.maximum(ca, cb), own)
    ordered = np.where(valid, ca * width + cb, own)
    out = (unordered, ordered, valid & (ca == cb))
    ctx.cache["pair_keys"] = out
    return out
