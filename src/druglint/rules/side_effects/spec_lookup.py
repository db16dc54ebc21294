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
    """(mask of rows whose effect is a spec reaction, array of (spec, reaction) or None)."""
    _, _, key = row_keys(ctx)
    idx = reaction_index(ctx)
    codes, uniques = pd.factorize(key)
    found = np.array([idx.get(u) for u in uniques] + [None], dtype=object)[codes]
    mask = np.array([f is not None for f in found], dtype=bool) if len(found) else np.zeros(0, dtype=bool)
    return mask, found
