"""How a whole-table rule runs on parts of a table: mergeable states (issue 17; Deequ's model).

A TABLE rule declares its shape in the registry (``druglint.registry.rule``):

* ``row=True``: the rule decides each row from that row alone (and the config, specs and
  knowledge pack). Any split of the rows gives the same hits, so every engine runs it on
  each part (a streamed chunk, a Dask partition) as it comes.
* ``state=S``: a whole-table rule. ``S`` is an object of this module's protocol:

  ``name``             rules whose states share a name share one state (computed once a part)
  ``ordered``          True: ``run(fn, ctx, s)`` is exact as soon as ``s`` covers every row
                       *before* ``ctx`` (a one-pass fold in file order: streaming); it stays
                       exact when ``s`` also covers ``ctx`` and later rows (Dask merges all
                       parts first). False: ``s`` must be complete; the rule runs once at the
                       end on ``context(s, ctx)``, the rows the state kept.
  ``partial(ctx)``     the state of these rows; small (it grows with distinct keys, not rows)
  ``merge(a, b)``      the state of both parts, in any order and grouping (a tree on Dask);
                       it may reuse ``a`` (a fold grows one state) and leaves ``b`` intact
  ``whole(fn, ctx)``   the in-memory run on a whole table (what ``run`` gives with no other part)
  ``run(fn, ctx, s)``  the rule's hits on ``ctx``'s rows given the state ``s`` of other parts

Rows keep their identity across parts through their *lines*: the parts of one table hold
disjoint, ascending line ranges (streamed chunks are cut at record boundaries; a Parquet
dataset numbers rows across partitions), so a state entry whose line is below a part's first
line comes from an earlier part. Keys are hashes of values, never per-part codes, so that
states built on different machines merge.

Three state kinds live here, none knowing any rule: :class:`KeyStore` (distinct 64-bit keys
with payload columns, the building block of compact states written next to their rule, e.g.
DL108's row fingerprints and the pair rules' first listings), :class:`FirstRows` (the first
row of each distinct key: exact for rules that compare a row with its key's first row, or
that look only at distinct values; the rule's own ``check`` runs on those rows plus the
part) and :class:`Rows` (every row: for rules whose findings depend on all rows of a key,
e.g. a patient's sequence of doses; it grows with rows and is named so in the docs).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np
import pandas as pd

from druglint.keystore import KeyStore  # noqa: F401  (the building block of compact states)

_MASK = np.uint64(0xFFFFFFFFFFFFFFFF)


# ------------------------------------------------------------------------ hashing
def hash_values(values: Any, salt: str = "druglint:key:0000") -> np.ndarray:
    """A 64-bit hash (as int64) per value, the same in every process (pandas' siphash of
    the value's text). Missing values hash like the text "None"; mask them yourself."""
    arr = np.asarray(values, dtype=object)
    if arr.size == 0:
        return np.zeros(0, dtype=np.int64)
    text = np.array([str(v) for v in arr.tolist()], dtype=object)
    return pd.util.hash_array(text, hash_key=salt[:16], categorize=False).view(np.int64)


def mix(*keys: np.ndarray) -> np.ndarray:
    """Combine int64 keys into one (order matters), splitmix64-style."""
    with np.errstate(over="ignore"):
        h = np.full(np.asarray(keys[0]).shape, 0x9E3779B97F4A7C15, dtype=np.uint64)
        for k in keys:
            h = (h ^ np.asarray(k).astype(np.int64).view(np.uint64)) * np.uint64(0xBF58476D1CE4E5B9)
            h ^= h >> np.uint64(31)
            h = h * np.uint64(0x94D049BB133111EB)
            h ^= h >> np.uint64(29)
    return h.view(np.int64)


def column_hashes(ctx: Any, column: str, salt: str = "druglint:key:0000") -> np.ndarray:
    """Per row, the hash of the typed cell's value (int64; rows with a missing cell get 0
    and must be masked by the caller). Hashed once per distinct value."""
    from druglint.grouping import column_codes

    codes, uniques = column_codes(ctx, column)
    per = np.append(hash_values(np.asarray(uniques, dtype=object), salt), 0)
    return per[codes]


def coded_hashes(codes: np.ndarray, per_distinct: Any, salt: str = "druglint:key:0000") -> tuple[np.ndarray, np.ndarray]:
    """(hash per row, present) for values decided per distinct value: ``codes`` index
    ``per_distinct`` (-1: missing); a None result counts as missing."""
    vals = np.asarray(per_distinct, dtype=object)
    ok = np.append(np.array([v is not None for v in vals.tolist()], dtype=bool), False)
    h = np.append(hash_values(vals, salt), 0)
    at = np.where(codes >= 0, codes, vals.size)
    return h[at], ok[at]


def value_keys(ctx: Any, *columns: str) -> tuple[np.ndarray, np.ndarray]:
    """(key per row combining the typed values of ``columns``, all present)."""
    from druglint.grouping import column_codes

    keys, ok = [], np.ones(len(ctx.frame), dtype=bool)
    for col in columns:
        codes, uniques = column_codes(ctx, col)
        h, present = coded_hashes(codes, uniques)
        keys.append(h)
        ok &= present
    return (mix(*keys) if len(keys) > 1 else keys[0]), ok


def earlier(lines_in_state: np.ndarray, ctx: Any) -> np.ndarray:
    """True where a state entry's line comes before ``ctx``'s first row (another, earlier part)."""
    first = int(ctx.table.lines[0]) if len(ctx.table.lines) else 0
    return lines_in_state < first


def firsts_in_part(keys: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Positions of the first row of each distinct key among ``mask``'s rows."""
    from druglint.grouping import first_positions

    pos = np.flatnonzero(mask)
    if not pos.size:
        return pos
    codes, _ = pd.factorize(keys[pos])
    return pos[first_positions(codes)]


# --------------------------------------------------------------- sub-contexts
def sub_context(ctx: Any, frame: pd.DataFrame, raw: pd.DataFrame, lines: np.ndarray) -> Any:
    """A TableContext like ``ctx`` holding other rows (with their own lines)."""
    from druglint.readers.table import Table

    t = ctx.table
    table = Table(t.path, t.fmt, raw, np.asarray(lines, dtype=np.int64), t.header, t.header_line, t.delimiter)
    table.meta.update({k: v for k, v in t.meta.items() if k not in ("cell_lines",)})
    return type(ctx)(table, ctx.kind, frame, raw, ctx.config, ctx.columns, ctx.project)


def _no_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame``'s columns and dtypes with fresh, empty arrays: ``frame.iloc[:0]`` (even a deep
    copy of it) would keep the whole chunk's Arrow buffers alive as long as the template."""
    cols = {}
    for i in range(frame.shape[1]):
        s = frame.iloc[:, i]
        try:
            cols[i] = pd.Series(pd.array([], dtype=s.dtype))
        except (TypeError, ValueError):
            cols[i] = s.iloc[:0].copy(deep=True).reset_index(drop=True)
    out = pd.DataFrame(cols)
    out.columns = frame.columns
    return out


def empty_like(ctx: Any) -> Any:
    """``ctx`` without rows (its columns, kind and table header): a template that holds no data."""
    return sub_context(ctx, _no_rows(ctx.frame), _no_rows(ctx.raw), np.zeros(0, dtype=np.int64))


@dataclass
class RowsPart:
    """Rows kept by a state: typed and raw columns with their lines (ascending)."""

    frame: pd.DataFrame
    raw: pd.DataFrame
    lines: np.ndarray
    keys: list[np.ndarray] = field(default_factory=list)  # FirstRows: each key set, per kept row

    def __len__(self) -> int:
        return int(self.lines.size)


def _concat_parts(parts: list[RowsPart]) -> RowsPart:
    parts = [p for p in parts if p is not None]
    if len(parts) == 1:
        return parts[0]
    lines = np.concatenate([p.lines for p in parts])
    order = np.argsort(lines, kind="stable")
    frame = pd.concat([p.frame for p in parts], ignore_index=True)
    raw = pd.concat([p.raw for p in parts], ignore_index=True)
    keys = [np.concatenate([p.keys[i] for p in parts]) for i in range(len(parts[0].keys))] if parts[0].keys else []
    if not np.all(order == np.arange(order.size)):
        frame = frame.iloc[order].reset_index(drop=True)
        raw = raw.iloc[order].reset_index(drop=True)
        keys = [k[order] for k in keys]
        lines = lines[order]
    return RowsPart(frame, raw, lines, keys)


def waiver_columns(ctx: Any) -> set[str]:
    """Canonical names of the columns waivers identify records by: states that keep rows keep
    these too, so that waivers apply to findings of kept rows as in one piece."""
    from druglint.kinds import canonical_name
    from druglint.suppress import waivers

    loaded = waivers.load(ctx.config)
    if loaded is None:
        return set()
    file_to_canon = {v: k for k, v in ctx.columns.items()}
    return {file_to_canon.get(c, canonical_name(c)) for w in loaded.waivers for c in w.row}


def _columns(ctx: Any, reads: tuple[str, ...] | None) -> list[str]:
    if reads is None:
        return list(ctx.frame.columns)
    want = set(reads) | waiver_columns(ctx)
    return [c for c in ctx.frame.columns if c in want]


def _take(ctx: Any, rows: np.ndarray | None, cols: list[str]) -> RowsPart:
    frame, raw = ctx.frame[cols], ctx.raw[[c for c in cols if c in ctx.raw.columns]]
    lines = np.asarray(ctx.table.lines, dtype=np.int64)
    if rows is not None:
        frame, raw, lines = frame.iloc[rows].reset_index(drop=True), raw.iloc[rows].reset_index(drop=True), lines[rows]
    return RowsPart(frame, raw, lines)


# ------------------------------------------------------------------- first rows
class FirstRows:
    """The first row of each distinct key (several key sets: a row is kept when it is the
    first of any). ``keys(ctx) -> list of (int64 keys, mask)`` must hash values (never
    per-part codes). The rule's own ``check(ctx)`` runs unchanged:

    * ``ordered=True`` (a row is judged against its key's first row): on a part, the kept
      rows of earlier parts whose keys occur in it are put before its rows; hits on the
      part's rows are kept. Exact when each judged row's findings depend only on the first
      rows of its keys and on itself.
    * ``ordered=False`` (the rule looks only at distinct values, e.g. one finding listing
      every unknown name): the rule runs once at the end on the kept rows.

    Grows with distinct keys: each kept row holds the columns in ``reads`` (None: all)."""

    def __init__(self, name: str, keys: Callable[[Any], list[tuple[np.ndarray, np.ndarray]]], *, ordered: bool,
                 reads: tuple[str, ...] | None = None) -> None:
        self.name, self.keys, self.ordered, self.reads = name, keys, ordered, reads

    def whole(self, fn, ctx):
        return fn(ctx)

    def partial(self, ctx) -> RowsPart | None:
        sets = self.keys(ctx)
        keep = np.zeros(len(ctx.frame), dtype=bool)
        for k, m in sets:
            keep[firsts_in_part(k, m)] = True
        rows = np.flatnonzero(keep)
        if not rows.size:
            return None
        part = _take(ctx, rows, _columns(ctx, self.reads))
        part.keys = [np.where(m[rows], k[rows], 0) for k, m in sets]
        part.masks = [m[rows] for _, m in sets]  # type: ignore[attr-defined]
        return part

    def merge(self, a: RowsPart | None, b: RowsPart | None) -> RowsPart | None:
        if a is None or b is None:
            return a if b is None else b
        both = _concat_parts([a, b])
        masks = [np.concatenate([x, y]) for x, y in zip(a.masks, b.masks)]  # type: ignore[attr-defined]
        order = np.argsort(np.concatenate([a.lines, b.lines]), kind="stable")
        masks = [m[order] for m in masks]
        keep = np.zeros(len(both), dtype=bool)
        for k, m in zip(both.keys, masks):
            keep[firsts_in_part(k, m)] = True
        rows = np.flatnonzero(keep)
        out = RowsPart(both.frame.iloc[rows].reset_index(drop=True), both.raw.iloc[rows].reset_index(drop=True),
                       both.lines[rows], [k[rows] for k in both.keys])
        out.masks = [m[rows] for m in masks]  # type: ignore[attr-defined]
        return out

    def context(self, s: RowsPart | None, ctx):
        if s is None:
            return None
        return sub_context(ctx, s.frame, s.raw, s.lines)

    def run(self, fn, ctx, s: RowsPart | None):
        if not self.ordered:
            return fn(ctx)  # ctx is context(s): the kept rows
        if s is None or not len(s):
            return fn(ctx)
        first = int(ctx.table.lines[0]) if len(ctx.table.lines) else 0
        before = s.lines < first
        if not before.any():
            return fn(ctx)
        mine = self.keys(ctx)
        wanted = np.zeros(len(s), dtype=bool)
        for (k, m), sk, sm in zip(mine, s.keys, s.masks):  # type: ignore[attr-defined]
            wanted |= sm & np.isin(sk, k[m])
        rows = np.flatnonzero(before & wanted)
        if not rows.size:
            return fn(ctx)
        cols = [c for c in ctx.frame.columns if c in s.frame.columns]
        frame = pd.concat([s.frame.iloc[rows][cols], ctx.frame[cols]], ignore_index=True)
        raw_cols = [c for c in ctx.raw.columns if c in s.raw.columns]
        raw = pd.concat([s.raw.iloc[rows][raw_cols], ctx.raw[raw_cols]], ignore_index=True)
        joined = sub_context(ctx, frame, raw, np.concatenate([s.lines[rows], ctx.table.lines]))
        hits = fn(joined)
        if hits is None or not len(hits):
            return hits
        r = hits["row"].to_numpy(dtype=np.int64)
        hits = hits[r >= rows.size].copy()
        hits["row"] = hits["row"].to_numpy(dtype=np.int64) - rows.size
        return hits.reset_index(drop=True)


class Rows:
    """Every row (the columns in ``reads``; None: all) for which ``where(ctx)`` holds (None:
    every row): the rule runs once at the end on all of them. For rules whose findings
    depend on every row of a key (a patient's doses of a drug in order); ``where`` names the
    rows such a rule can report on or compare with (e.g. doses of drugs with a spec). Grows
    with those rows."""

    ordered = False

    def __init__(self, name: str, reads: tuple[str, ...] | None = None,
                 where: Callable[[Any], np.ndarray] | None = None) -> None:
        self.name, self.reads, self.where = name, reads, where

    def whole(self, fn, ctx):
        return fn(ctx)

    def partial(self, ctx) -> RowsPart | None:
        rows = None
        if self.where is not None:
            rows = np.flatnonzero(self.where(ctx))
            if not rows.size:
                return None
        return _take(ctx, rows, _columns(ctx, self.reads))

    def merge(self, a, b):
        if a is None or b is None:
            return a if b is None else b
        return _concat_parts([a, b])

    def context(self, s, ctx):
        return None if s is None else sub_context(ctx, s.frame, s.raw, s.lines)

    def run(self, fn, ctx, s):
        return fn(ctx)


class Keyed:
    """A compact state written next to its rule: ``build(ctx) -> state`` (the state of these
    rows), ``merge(a, b)``, and the rule's ``check(ctx, state=None)`` itself looks entries
    of earlier parts up in the state (``None``: a whole table, nothing earlier)."""

    ordered = True

    def __init__(self, name: str, build: Callable[[Any], Any], merge: Callable[[Any, Any], Any]) -> None:
        self.name, self._build, self._merge = name, build, merge

    def whole(self, fn, ctx):
        return fn(ctx, None)

    def partial(self, ctx):
        return self._build(ctx)

    def merge(self, a, b):
        if a is None or b is None:
            return a if b is None else b
        return self._merge(a, b)

    def run(self, fn, ctx, s):
        return fn(ctx, s)


def size_of(state: Any) -> int:
    """Bytes a state holds (about): key stores, kept rows, or a state's own ``nbytes()``."""
    if state is None:
        return 0
    if isinstance(state, KeyStore):
        return state.nbytes()
    if isinstance(state, RowsPart):
        return int(state.frame.memory_usage(index=False).sum() + state.raw.memory_usage(index=False).sum()
                   + state.lines.nbytes + sum(k.nbytes for k in state.keys))
    fn = getattr(state, "nbytes", None)
    return int(fn()) if callable(fn) else 0
