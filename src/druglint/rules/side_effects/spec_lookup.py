"""Shared by the spec side-effect rules: each row's spec reaction, if any (not a rule)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from druglint.specs.tables import spec_set, with_spec
from druglint.specs.terms import standard, standard_series


def reaction_index(ctx) -> dict[str, tuple]:
    """'drug\\x1fstandard term' -> (spec, reaction) over every spec of the run."""
    cache = ctx.__dict__.setdefault("_spec_cache", {})
    if "reactions" not in cache:
        idx: dict[str, tuple] = {}
        for spec in spec_set(ctx):
            for r in spec.reactions:
                for t in (r.term, *r.lay):
                    idx.setdefault(spec.name + "\x1f" + standard(t), (spec, r))
        cache["reactions"] = idx
    return cache["reactions"]


def row_keys(ctx) -> tuple[pd.Series, pd.Series, pd.Series]:
    """(canonical drug with a spec or None, standard effect term, 'drug\\x1fterm' key or None)."""
    cache = ctx.__dict__.setdefault("_spec_cache", {})
    if "se_keys" not in cache:
        canon, _ = with_spec(ctx, "drug")
        term = standard_series(ctx.frame["effect"])
        ok = canon.notna() & term.notna()
        key = (canon.fillna("") + "\x1f" + term.fillna("")).where(ok, None)
        cache["se_keys"] = (canon, term, key)
    return cache["se_keys"]


def matched(ctx) -> tuple[np.ndarray, np.ndarray]:
    """(mask of rows whose effect is a spec reaction, array of (spec, reaction) or None).
    The index is consulted once per distinct (drug, term) key, then broadcast."""
    cache = ctx.__dict__.setdefault("_spec_cache", {})
    if "matched" not in cache:
        _, _, key = row_keys(ctx)
        idx = reaction_index(ctx)
        codes, uniques = pd.factorize(key)
        per_key = np.empty(len(uniques) + 1, dtype=object)
        per_key[:] = [idx.get(u) for u in uniques] + [None]
        hit = np.array([idx.get(u) is not None for u in uniques] + [False], dtype=bool)
        cache["matched"] = (hit[codes], per_key[codes], codes, per_key)
    mask, found, _, _ = cache["matched"]
    return mask, found


def reaction_attr(ctx, fn, dtype=object) -> np.ndarray:
    """``fn(spec, reaction)`` per row, computed once per distinct matched key (None/NaN
    where the row matches no spec reaction)."""
    matched(ctx)
    _, _, codes, per_key = ctx.__dict__["_spec_cache"]["matched"]
    missing = np.nan if dtype is float else None
    vals = np.empty(len(per_key), dtype=dtype)
    vals[:] = [missing if f is None else fn(*f) for f in per_key]
    return vals[codes]
