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
        term, terms = recode(codes, per)
        cache["effect_terms"] = (_small(term, len(terms)), terms)
    return cache["effect_terms"]


def spec_drugs(ctx) -> tuple[np.ndarray, np.ndarray]:
    """(per row: code of the drug's canonical name when it has a spec, else -1; the names)."""
    cache = ctx.__dict__.setdefault("_spec_cache", {})
    if "spec_drugs" not in cache:
        n = names(ctx, "drug")
        drug, drugs = recode(n.codes, np.where(n.has_spec, n.canonical, None))
        cache["spec_drugs"] = (_small(drug, len(drugs)), drugs)
    return cache["spec_drugs"]


def row_keys(ctx) -> tuple[pd.Series, pd.Series]:
    """(canonical drug with a spec or None, standard effect term or None), per row. Not kept:
    one rule asks, and two object columns are 100 MB on a table of 7 million rows."""
    (d, drugs), (t, terms) = spec_drugs(ctx), effect_terms(ctx)
    canon = pd.Series(np.append(drugs, None)[d], index=ctx.frame.index, dtype=object)
    term = pd.Series(np.append(terms, None)[t], index=ctx.frame.index, dtype=object)
    return canon, term


def matched(ctx) -> tuple[np.ndarray, np.ndarray]:
    """(mask of rows whose effect is a spec reaction, array of (spec, reaction) or None).
    The index is consulted once per distinct (drug, term) pair of integer codes, then broadcast."""
    cache = ctx.__dict__.setdefault("_spec_cache", {})
    if "matched" not in cache:
        (d, drugs), (t, terms) = spec_drugs(ctx), effect_terms(ctx)
        width = len(terms) + 1
        key = d.astype(np.int64) * width  # the codes are int32: the key is computed in int64
        key += t
        key[(d < 0) | (t < 0)] = -1
        codes, uniques = pd.factorize(key)
        idx = reaction_index(ctx)
        per_key = np.empty(len(uniques) + 1, dtype=object)
        per_key[:] = [idx.get(drugs[k // width] + "\x1f" + terms[k % width]) if k >= 0 else None for k in uniques] + [None]
        hit = np.array([f is not None for f in per_key], dtype=bool)
        codes[key < 0] = len(uniques)  # rows without a key: the trailing None
        del key
        codes = _small(codes, len(per_key))
        cache["matched"] = (hit[codes], codes, per_key)
    mask, codes, per_key = cache["matched"]
    return mask, per_key[codes]  # (spec, reaction) per row: built per call, not kept (50 MB per 7 million rows)


def _small(codes: np.ndarray, count: int) -> np.ndarray:
    """Per-row codes below ``count`` (or -1) as int32 when they fit: half the memory of the
    int64 that factorize gives, kept for the table's lifetime. Arithmetic on them must widen
    first (``matched`` does)."""
    return codes.astype(np.int32) if count < 2**31 - 1 else codes


def reaction_attr(ctx, fn, dtype=object) -> np.ndarray:
    """``fn(spec, reaction)`` per row, computed once per distinct matched key (None/NaN
    where the row matches no spec reaction)."""
    matched(ctx)
    _, codes, per_key = ctx.__dict__["_spec_cache"]["matched"]
    missing = np.nan if dtype is float else None
    vals = np.empty(len(per_key), dtype=dtype)
    vals[:] = [missing if f is None else fn(*f) for f in per_key]
    return vals[codes]
