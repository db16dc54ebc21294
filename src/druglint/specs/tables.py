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


class ColumnNames:
    """One drug column resolved once per distinct value: ``codes`` (per row, -1 for a missing
    cell) index the per-distinct arrays ``written``, ``canonical`` (the drug: spec names,
    vocab/drug_names.yaml, then the knowledge pack; None when unknown), ``layer`` (where it
    was found), ``suggestion``, ``suggestion_for`` (a did-you-mean for an unknown name),
    ``has_spec`` and ``group`` (the drug, else the written name's normalised key: what makes
    Coumadin, warfarin and "WARFARIN." one drug). Rules broadcast with ``array[codes]``;
    nothing here is per row in Python."""

    FIELDS = ("canonical", "layer", "how", "suggestion", "suggestion_for", "has_spec", "group", "fact_drug")

    def __init__(self, codes: np.ndarray, uniques: Any, resolver: Any, config: Any = None) -> None:
        from druglint.specs import known

        self.codes = np.asarray(codes, dtype=np.int64)
        self.written = np.asarray(uniques, dtype=object)
        # each distinct name is decided once per process (streamed chunks repeat their names)
        scope = (id(resolver), id(known.pack(config)))
        if len(_DECIDED) > 200_000:
            _DECIDED.clear()
        names = self.written.tolist()
        todo = [n for n in dict.fromkeys(names) if (scope, n) not in _DECIDED]
        if todo:
            fresh = _Decide(np.array(todo + [None], dtype=object)[:-1], resolver, config)
            for i, n in enumerate(todo):
                _DECIDED[(scope, n)] = tuple(getattr(fresh, f)[i] for f in self.FIELDS)
        got = [_DECIDED[(scope, n)] for n in names]
        for k, f in enumerate(self.FIELDS):
            arr = np.empty(len(names), dtype=bool if f == "has_spec" else object)
            arr[:] = [g[k] for g in got]
            setattr(self, f, arr)

    def per_row(self, values: np.ndarray, missing: Any = None) -> np.ndarray:
        """``values`` (one per distinct name) broadcast to the rows; ``missing`` for empty cells."""
        out = np.empty(len(values) + 1, dtype=values.dtype)
        out[:-1] = values
        out[-1] = missing
        return out[self.codes]

    def rows_in(self, names: Any) -> np.ndarray:
        """Boolean mask of the rows whose group (canonical name or normalised text) is in ``names``."""
        wanted = set(names)
        hit = np.fromiter((g in wanted for g in self.group), dtype=bool, count=len(self.group))
        return self.per_row(hit, False)


_DECIDED: dict = {}  # (specs, pack, name) -> ColumnNames.FIELDS values


class _Decide:
    """What ColumnNames knows about each of some distinct names, computed together."""

    def __init__(self, written: np.ndarray, resolver: Any, config: Any) -> None:
        from druglint.specs import known

        self.written = written
        self.canonical, self.layer, self.how = known.resolve_how(config, self.written)
        how = self.how
        unknown = np.flatnonzero(self.canonical == None)  # noqa: E711 (element-wise)
        self.suggestion = np.full(len(self.written), None, dtype=object)
        self.suggestion_for = np.full(len(self.written), None, dtype=object)
        if unknown.size:
            drug, spelled, same = known.suggest(config, resolver, self.written[unknown])
            # a name that differs from a known one only in punctuation ('HY-PAM "25"') is that name
            self.canonical[unknown[same]], self.layer[unknown[same]] = drug[same], "pack"
            self.suggestion[unknown[~same]], self.suggestion_for[unknown[~same]] = drug[~same], spelled[~same]
        self.has_spec = np.array([c is not None and c in resolver.with_spec for c in self.canonical], dtype=bool)
        self.group = known.groups(config, self.written, self.canonical, how, self.layer)
        # the drug whose facts a row may be held against (None when matched only loosely)
        self.fact_drug = np.where(known.firm(self.layer, self.how), self.canonical, None).astype(object)


def _objects(values: list) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def names(ctx: Any, column: str = "drug") -> ColumnNames:
    """The column's drug names, resolved once per table (cached on the context)."""
    cache = _cache(ctx)
    key = ("names", column)
    if key not in cache:
        from druglint.grouping import column_codes

        cache[key] = ColumnNames(*column_codes(ctx, column), spec_set(ctx).resolver, ctx.config)
    return cache[key]


def canonical_or_text(ctx: Any, column: str = "drug") -> pd.Series:
    """Canonical name where known, else the written name normalised (for grouping)."""
    cache = _cache(ctx)
    key = ("canonical_or_text", column)
    if key not in cache:  # shared by DL304, DL305 and the dosing rules
        n = names(ctx, column)
        cache[key] = pd.Series(n.per_row(n.group), index=ctx.frame.index, dtype=object)
    return cache[key]


def with_spec(ctx: Any, column: str = "drug") -> tuple[pd.Series, dict[str, Spec]]:
    """(canonical name per row or None when the drug has no spec, the specs by name)."""
    n = names(ctx, column)
    specs = spec_set(ctx).specs
    canon = np.where(n.has_spec, n.canonical, None)
    return pd.Series(n.per_row(canon), index=ctx.frame.index, dtype=object), specs


def cite(spec: Spec, line: int, source: str | None, width: int = 70) -> str:
    """'talimogene-laherparepvec.yaml:87, uspi §6.1 ...' for messages."""
    src = (source or "no source").strip()
    if len(src) > width:
        src = src[: width - 3].rstrip() + "..."
    return f"spec {os.path.basename(spec.path)}:{line}: {src}"


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
