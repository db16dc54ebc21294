"""Distinct 64-bit keys with payload columns: the building block of the rules' compact states
(``druglint.shapes``). Not a rule; no druglint imports."""
from __future__ import annotations

import mmap

import numpy as np

_OWN_MAP = 1 << 20  # columns this large get pages of their own


def column(n: int, dtype) -> np.ndarray:
    """An empty array for a store's column. Large ones live in an anonymous mapping of their
    own: freed, its pages go straight back to the system. From malloc's heap they would
    leave holes between the chunks' temporaries that the process keeps (measured: ~300 MB
    of a 10^7-row streamed run's peak)."""
    d = np.dtype(dtype)
    size = n * d.itemsize
    if size < _OWN_MAP:
        return np.empty(n, dtype=d)
    return np.frombuffer(mmap.mmap(-1, size), dtype=d)


def copied(a: np.ndarray, order: np.ndarray | None = None) -> np.ndarray:
    """``a`` (or ``a[order]``) in a column of a store's own (see ``column``)."""
    n = a.size if order is None else order.size
    out = column(n, a.dtype)
    if order is None:
        out[...] = a
    else:
        np.take(a, order, out=out)
    return out


class KeyStore:
    """Distinct 64-bit keys with payload columns, in sorted runs (a log-structured merge:
    each ``add`` is a sorted run; runs of similar size are merged, so a store of n keys has
    about log2(n / part) runs and each key is re-sorted O(log n) times). 8 bytes a key plus
    its payload, no hash-table overhead; lookups are binary searches, vectorised. Ids (from
    ``find``) address entries until the next ``add``. Picklable (Dask ships it).

    Integer payload columns start as narrow as their declared dtype (e.g. 32-bit lines) and
    are widened, in every run, the moment a value does not fit: never a silent wrap. Columns
    named in ``absent`` use their dtype's largest value for "no entry" (it stays the largest
    when widened), so that "the smaller line wins" also merges entries that lack one."""

    def __init__(self, *payload_dtypes, absent: tuple[int, ...] = ()) -> None:
        self.dtypes = [np.dtype(d) for d in payload_dtypes]
        self.absent = tuple(absent)
        self.runs: list[tuple[np.ndarray, list[np.ndarray]]] = []

    def none(self, i: int) -> int:
        """The "no entry" value of column ``i`` (an ``absent`` column) at its current width."""
        return int(np.iinfo(self.dtypes[i]).max)

    def _fit(self, i: int, values: np.ndarray) -> np.ndarray:
        """``values`` as column ``i``'s dtype, widening the column first if one does not fit.
        In an ``absent`` column, the largest value of ``values``' own integer dtype is "no
        entry" (a store of another width may send its entries)."""
        d = self.dtypes[i]
        v = np.asarray(values)
        if d.kind not in "iu" or not v.size:
            return v.astype(d, copy=False)
        gone = None
        if i in self.absent and v.dtype.kind in "iu":
            gone = v == np.iinfo(v.dtype).max
            v = np.where(gone, 0, v) if gone.any() else v
        top = np.iinfo(d).max - (1 if i in self.absent else 0)  # "no entry" is no line
        if not np.can_cast(v.dtype, d):
            lo, hi = int(v.min()), int(v.max())
            if lo < np.iinfo(d).min or hi > top:
                d = self._widen(i, lo, hi)
        out = v.astype(d, copy=True) if gone is not None else v.astype(d, copy=False)
        if gone is not None:
            out[gone] = np.iinfo(d).max
        return out

    def as_lines(self, i: int, v: np.ndarray) -> np.ndarray:
        """Column ``i``'s values as int64, to compare across widths and with any line ("no
        entry" above every line, whatever the width it was stored at)."""
        out = v.astype(np.int64)
        if i in self.absent and v.dtype.kind in "iu":
            out[v == np.iinfo(v.dtype).max] = np.iinfo(np.int64).max
        return out

    def _widen(self, i: int, lo: int, hi: int) -> np.dtype:
        """Column ``i`` in every run as the narrowest signed dtype holding its range and
        ``lo``..``hi``; "no entry" stays the largest value. 64 bits at most, then a clear stop."""
        d, spare = self.dtypes[i], 1 if i in self.absent else 0
        for w in (np.dtype(np.int16), np.dtype(np.int32), np.dtype(np.int64)):
            info = np.iinfo(w)
            if np.can_cast(d, w) and info.min <= lo and hi <= info.max - spare:
                break
        else:
            raise OverflowError(f"key store column {i}: the value {hi if hi > 0 else lo} does not fit in 64 bits")
        for _, cols in self.runs:
            old = cols[i]
            cols[i] = copied(old.astype(w))
            if spare:
                cols[i][old == np.iinfo(d).max] = np.iinfo(w).max
        self.dtypes[i] = w
        return w

    def __len__(self) -> int:
        return int(sum(k.size for k, _ in self.runs))

    def find(self, keys: np.ndarray) -> np.ndarray:
        """The id of each key, -1 when absent."""
        k = np.asarray(keys).astype(np.int64, copy=False)
        out = np.full(k.size, -1, dtype=np.int64)
        if not self.runs or not k.size:
            return out
        order = np.argsort(k, kind="stable")  # sorted needles: each binary search starts near the last
        ks = k[order]
        found = np.full(k.size, -1, dtype=np.int64)
        off = 0
        for rk, _ in self.runs:
            pos = np.minimum(np.searchsorted(rk, ks), rk.size - 1)
            hit = (rk[pos] == ks) & (found < 0)
            found[hit] = off + pos[hit]
            off += rk.size
        out[order] = found
        return out

    def _in_runs(self, ids: np.ndarray):
        """Per run holding some of ``ids`` (global positions): (its payload columns, which ids
        fall in it, their positions within it)."""
        off = 0
        for rk, cols in self.runs:
            m = (ids >= off) & (ids < off + rk.size)
            if m.any():
                yield cols, m, ids[m] - off
            off += rk.size

    def take(self, ids: np.ndarray) -> list[np.ndarray]:
        """The payload columns at ``ids`` (zeros where an id is -1)."""
        ids = np.asarray(ids, dtype=np.int64)
        out = [np.zeros(ids.size, dtype=d) for d in self.dtypes]
        for cols, m, at in self._in_runs(ids):
            for o, c in zip(out, cols):
                o[m] = c[at]
        return out

    def put(self, ids: np.ndarray, *payload: np.ndarray, which: tuple[int, ...] | None = None) -> None:
        """Overwrite the payloads at ``ids`` (existing entries): every column, or the columns
        ``which`` (``payload`` then holds those, in that order)."""
        which = tuple(range(len(self.dtypes))) if which is None else tuple(which)
        payload = tuple(self._fit(i, p) for i, p in zip(which, payload))
        for cols, m, at in self._in_runs(np.asarray(ids, dtype=np.int64)):
            for i, p in zip(which, payload):
                cols[i][at] = p[m]

    def add(self, keys: np.ndarray, *payload: np.ndarray) -> None:
        """Remember keys not seen before (distinct), with their payloads."""
        k = np.asarray(keys).astype(np.int64, copy=False)
        if not k.size:
            return
        order = np.argsort(k, kind="stable")
        payload = [self._fit(i, p) for i, p in enumerate(payload)]
        self.runs.append((copied(k, order), [copied(p, order) for p in payload]))
        while len(self.runs) >= 2 and self.runs[-2][0].size <= 2 * self.runs[-1][0].size:
            (k1, c1), (k2, c2) = self.runs.pop(-2), self.runs.pop()
            # merge two sorted runs in linear time (where each key of the second lands), one
            # column at a time, each source column let go once copied: the merge needs one
            # column's worth of memory beyond the store, not a second store
            n1, n2 = k1.size, k2.size
            at = np.searchsorted(k1, k2) + np.arange(n2)
            first = np.ones(n1 + n2, dtype=bool)
            first[at] = False
            a_cols, b_cols = [k1, *c1], [k2, *c2]
            del k1, k2, c1, c2
            merged = []
            for i in range(len(a_cols)):
                out = column(n1 + n2, a_cols[i].dtype)
                out[at] = b_cols[i]
                out[first] = a_cols[i]
                a_cols[i] = b_cols[i] = None
                merged.append(out)
            self.runs.append((merged[0], merged[1:]))

    def columns(self) -> tuple[np.ndarray, list[np.ndarray]]:
        """(every key, every payload column), run after run."""
        if not self.runs:
            return np.zeros(0, dtype=np.int64), [np.zeros(0, dtype=d) for d in self.dtypes]
        return (np.concatenate([k for k, _ in self.runs]),
                [np.concatenate([c[i] for _, c in self.runs]) for i in range(len(self.dtypes))])

    def keep_first(self, keys: np.ndarray, *payload: np.ndarray, groups: tuple[tuple[int, ...], ...] | None = None,
                   check: int | None = None) -> None:
        """Merge entries (distinct ``keys``) keeping, per key and per group of columns, the
        group of the smallest line; each group's first column holds its line (default: one
        group, every column, the line first). Groups let one entry hold several "first"
        listings (e.g. a pair's first listing and its first rated listing). ``check``: the
        column of a second, independent hash; an entry whose key is stored with another check
        (two different items sharing a 64-bit key) is left out: the store keeps its own, which
        can only hide a finding about the newcomer, never make one up."""
        keys = np.asarray(keys).astype(np.int64, copy=False)
        groups = (tuple(range(len(self.dtypes))),) if groups is None else groups
        at = self.find(keys)
        old = np.flatnonzero(at >= 0)
        if old.size:
            have = self.take(at[old])
            if check is not None:
                same = np.asarray(payload[check])[old] == have[check]
                old, have = old[same], [h[same] for h in have]
            for g in groups:
                better = old[self.as_lines(g[0], np.asarray(payload[g[0]])[old]) < self.as_lines(g[0], have[g[0]])]
                if better.size:
                    self.put(at[better], *(np.asarray(payload[i])[better] for i in g), which=g)
        new = at < 0
        self.add(keys[new], *(np.asarray(p)[new] for p in payload))

    def merged(self, other: "KeyStore", check: int | None = None) -> "KeyStore":
        """This store with ``other``'s entries merged in (smallest line wins; ``check`` as in
        ``keep_first``). ``self`` is reused (a fold grows one store); ``other`` is left as it was."""
        keys, cols = other.columns()
        self.keep_first(keys, *cols, check=check)
        return self

    def nbytes(self) -> int:
        return int(sum(k.nbytes + sum(c.nbytes for c in cols) for k, cols in self.runs))
