"""What the spec rules share: the run's spec set, per-table drug resolution (cached on the
context, one lookup per distinct name) and short citations for messages. Not a rule."""
from __future__ import annotations

import os
from typing import Any

import numpy as np
import pandas as pd

from druglint.specs.loader import SpecSet, for_config
from druglint.specs.model import Spec


def spec_set(ctx: Any) -> SpecSet:
    return for_config(ctx.config)


def _cache(ctx: Any) -> dict:
    return ctx.__dict__.setdefault("_spec_cache", {})


def drugs(ctx: Any, column: str = "drug") -> pd.DataFrame:
    """Per row of ``column``: canonical, suggestion, suggestion_for, has_spec, code."""
    cache = _cache(ctx)
    key = ("drugs", column)
    if key not in cache:
        cache[key] = spec_set(ctx).resolver.resolve_series(ctx.frame[column])
    return cache[key]


def canonical_or_text(ctx: Any, column: str = "drug") -> pd.Series:
    """Canonical name where known, else the written name normalised (for grouping)."""
    from druglint.vocab import norm

    cache = _cache(ctx)
    key = ("canonical_or_text", column)
    if key in cache:  # shared by DL304 and DL305
        return cache[key]
    d = drugs(ctx, column)
    raw = ctx.frame[column]
    codes, uniques = pd.factorize(raw)
    normed = np.array([norm(u) for u in uniques] + [None], dtype=object)[codes]
    out = pd.Series(np.where(d["canonical"].notna(), d["canonical"].to_numpy(dtype=object), normed), index=raw.index, dtype=object)
    cache[key] = out
    return out


def with_spec(ctx: Any, column: str = "drug") -> tuple[pd.Series, dict[str, Spec]]:
    """(canonical name per row or None when the drug has no spec, the specs by name)."""
    d = drugs(ctx, column)
    specs = spec_set(ctx).specs
    return d["canonical"].where(d["has_spec"], None), specs


def cite(spec: Spec, line: int, source: str | None, width: int = 70) -> str:
    """'talimogene-laherparepvec.yaml:87, uspi §6.1 ...' for messages."""
    src = (source or "no source").strip()
    if len(src) > width:
        src = src[: width - 3].rstrip() + "..."
    return f"spec {os.path.basename(spec.path)}:{line}: {src}"


def first_per_key(keys: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Boolean mask of the first row (by position) of each key among ``mask`` rows."""
    s = pd.Series(keys)
    out = ~s.duplicated(keep="first").to_numpy()
    if mask is not None:
        sub = s[mask]
        out = np.zeros(len(s), dtype=bool)
        out[np.flatnonzero(mask)[~sub.duplicated(keep="first").to_numpy()]] = True
    return out


def category_from_percent(pct: np.ndarray) -> np.ndarray:
    """CIOMS category of each percent (None for NaN or out of range)."""
    from druglint.vocab import frequency_bands

    out = np.full(pct.shape, None, dtype=object)
    with np.errstate(invalid="ignore"):
        for name, b in frequency_bands().items():
            lo = pct >= b.lo if b.lo_inclusive else pct > b.lo
            hi = pct <= b.hi if b.hi_inclusive else pct < b.hi
            out[lo & hi & (out == None)] = name  # noqa: E711 (elementwise)
    return out


def split_concomitant(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per (table row, concomitant name): columns ``row`` and ``name``."""
    s = frame["concomitant"]
    has = s.notna()
    if not has.any():
        return pd.DataFrame({"row": pd.Series(dtype=np.int64), "name": pd.Series(dtype=object)})
    parts = s[has].astype(str).str.split(";").explode().str.strip()
    parts = parts[parts.notna() & (parts != "")]
    pos = pd.Series(np.arange(len(frame)), index=frame.index)
    return pd.DataFrame({"row": pos.loc[parts.index].to_numpy(dtype=np.int64), "name": parts.to_numpy(dtype=object)})


def interaction_pairs(specs: SpecSet) -> dict[tuple[str, str], tuple[Spec, Any]]:
    """(drug, partner) -> (spec, interaction), both orders, the stronger claim winning."""
    from druglint.vocab import severity_rank

    rank = severity_rank()
    out: dict[tuple[str, str], tuple[Spec, Any]] = {}
    score: dict[tuple[str, str], tuple[int, int]] = {}
    for spec in specs:
        for inter in spec.interactions:
            for m in inter.members:
                for pair in ((spec.name, m), (m, spec.name)):
                    # stronger severity first; on a tie, the first drug's own spec
                    s = (rank.get(inter.severity) or 0, int(pair[0] == spec.name))
                    if pair not in score or s > score[pair]:
                        out[pair], score[pair] = (spec, inter), s
    return out
