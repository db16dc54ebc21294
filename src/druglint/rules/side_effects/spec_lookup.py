"""Shared by the spec side-effect rules: each row's spec reaction, if any (not a rule)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from druglint.grouping import column_codes, recode
from druglint.specs.tables import names, spec_set
from druglint.specs.terms import standard


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


def effect_terms(ctx) -> tuple[np.ndarray, np.ndarray]:
    """(per row: code of the effect's standard term, -1 when missing; the distinct terms).
    ``standard`` runs once per distinct effect; shared by the side-effect rules."""
    cache = ctx.__dict__.setdefault("_spec_cache", {})
    if "effect_terms" not in cache:
        codes, uniques = column_codes(ctx, "effect")
        per = np.empty(len(uniques), dtype=object)
        per[:] = [standard(u) for u in uniques]
        cache["effect_terms"] = recode(codes, per)
    return cache["effect_terms"]


def spec_drugs(ctx) -> tuple[np.ndarray, np.ndarray]:
    """(per row: code of the drug's canonical name when it has a spec, else -1; the names)."""
    cache = ctx.__dict__.setdefault("_spec_cache", {})
    if "spec_drugs" not in cache:
        n = names(ctx, "drug")
        cache["spec_drugs"] = recode(n.codes, np.where(n.has_spec, n.canonical, None))
    return cache["spec_drugs"]


def row_keys(ctx) -> tuple[pd.Series, pd.Series]:
    """(canonical drug with a spec or None, standard effect term or None), per row."""
    cache = ctx.__dict__.setdefault("_spec_cache", {})
    if "se_keys" not in cache:
        (d, drugs), (t, terms) = spec_drugs(ctx), effect_terms(ctx)
        canon = pd.Series(np.append(drugs, None)[d], index=ctx.frame.index, dtype=object)
        term = pd.Series(np.append(terms, None)[t], index=ctx.frame.index, dtype=object)
        cache["se_keys"] = (canon, term)
    return cache["se_keys"]


def matched(ctx) -> tuple[np.ndarray, np.ndarray]:
    """(mask of rows whose effect is a spec reaction, array of (spec, reaction) or None).
    The index is consulted once per distinct (drug, term) pair of integer codes, then broadcast."""
    cache = ctx.__dict__.setdefault("_spec_cache", {})
    if "matched" not in cache:
        (d, drugs), (t, terms) = spec_drugs(ctx), effect_terms(ctx)
        width = len(terms) + 1
        key = np.where((d >= 0) & (t >= 0), d * width + t, -1)
        codes, uniques = pd.factorize(key)
        idx = reaction_index(ctx)
        per_key = np.empty(len(uniques) + 1, dtype=object)
        per_key[:] = [idx.get(drugs[k // width] + "\x1f" + terms[k % width]) if k >= 0 else None for k in uniques] + [None]
        hit = np.array([f is not None for f in per_key], dtype=bool)
        codes = np.where(key >= 0, codes, len(uniques))  # rows without a key: the trailing None
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
