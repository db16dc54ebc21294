"""Distinct 64-bit keys with payload columns: the building block of the rules' compact states
(``druglint.shapes``). Not a rule; no druglint imports."""
from __future__ import annotations

import numpy as np


class KeyStore:
    """Distinct 64-bit keys with payload columns, in sorted runs (a log-structured merge:
    each ``add`` is a sorted run; runs of similar size are merged, so a store of n keys has
    about log2(n / part) runs and each key is re-sorted O(log n) times). 8 bytes a key plus
    its payload, no hash-table overhead; lookups are binary searches, vectorised. Ids (from
    ``find``) address entries until the next ``add``. Picklable (Dask ships it)."""

    def __init__(self, *payload_dtypes) -> None:
        self.dtypes = [np.dtype(d) for d in payload_dtypes]
        self.runs: list[tuple[np.ndarray, list[np.ndarray]]] = []

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

    def put(self, ids: np.ndarray, *payload: np.ndarray) -> None:
        """Overwrite the payloads at ``ids`` (existing entries)."""
        for cols, m, at in self._in_runs(np.asarray(ids, dtype=np.int64)):
            for c, p in zip(cols, payload):
                c[at] = np.asarray(p, dtype=c.dtype)[m]

    def add(self, keys: np.ndarray, *payload: np.ndarray) -> None:
        """Remember keys not seen before (distinct), with their payloads."""
        k = np.asarray(keys).astype(np.int64, copy=False)
        if not k.size:
            return
        order = np.argsort(k, kind="stable")
        self.runs.append((k[order], [np.asarray(p, dtype=d)[order] for p, d in zip(payload, self.dtypes)]))
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
                out = np.empty(n1 + n2, dtype=a_cols[i].dtype)
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

    def keep_first(self, keys: np.ndarray, lines: np.ndarray, *payload: np.ndarray) -> None:
        """Merge entries (distinct ``keys``) keeping, per key, the entry of the smallest
        line; the first payload column holds the line."""
        keys, lines = np.asarray(keys, dtype=np.int64), np.asarray(lines, dtype=np.int64)
        at = self.find(keys)
        old = np.flatnonzero(at >= 0)
        if old.size:
            better = old[lines[old] < self.take(at[old])[0]]
            if better.size:
                self.put(at[better], lines[better], *(np.asarray(p)[better] for p in payload))
        new = at < 0
        self.add(keys[new], lines[new], *(np.asarray(p)[new] for p in payload))

    def merged(self, other: "KeyStore") -> "KeyStore":
        """This store with ``other``'s entries merged in (smallest line wins). ``self`` is
        reused (a fold grows one store); ``other`` is left as it was."""
        keys, cols = other.columns()
        self.keep_first(keys, *cols)
        return self

    def nbytes(self) -> int:
        return int(sum(k.nbytes + sum(c.nbytes for c in cols) for k, cols in self.runs))
