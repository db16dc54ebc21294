"""DL108 duplicate-row: a row repeats an earlier row exactly.

Exact duplicates inflate counts (a side effect counted twice, a pair listed twice) and
usually come from concatenating overlapping exports. Every cell is compared as written;
the message names the line of the first copy. Any kind.

Passing example (side_effects.csv):

    drug,effect,frequency_percent
    acyclovir,nausea,2.4
    acyclovir,headache,2.2

Failing example (side_effects.csv):

    drug,effect,frequency_percent
    acyclovir,nausea,2.4
    acyclovir,nausea,2.4
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from druglint.grouping import first_positions
from druglint.hits import hits
from druglint.registry import rule


def _hashable(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame
    for col in frame.columns:
        if frame[col].dtype == object and frame[col].map(lambda v: isinstance(v, (list, dict))).any():
            out = out.assign(**{col: frame[col].astype(str)})
    return out


def _row_ids(frame: pd.DataFrame) -> np.ndarray:
    """One integer per row, equal for equal rows (missing equals missing, as in
    ``DataFrame.duplicated``). Each column is factorised; the codes are combined in mixed
    radix while the product of the cardinalities fits in int64, and re-factorised (so the
    running id stays below the row count) only when it would not."""
    ids = np.zeros(len(frame), dtype=np.int64)
    span = 1  # ids are below span
    for col in frame.columns:
        codes, uniques = pd.factorize(frame[col])
        width = len(uniques) + 1
        if span * width >= 2**62:
            ids, firsts = pd.factorize(ids)
            ids = ids.astype(np.int64)
            span = len(firsts)
        ids *= width  # in place: each temporary is 8 bytes per row
        ids += codes
        ids += 1
        del codes
        span *= width
    return np.asarray(pd.factorize(ids)[0], dtype=np.int64)


_KEY2 = "druglint:dup:128"


def fingerprints(ctx) -> tuple[np.ndarray, np.ndarray]:
    """Two independent 64-bit hashes of each raw row (a 128-bit fingerprint), once per part."""
    if "row_fingerprints" not in ctx.cache:
        h = _hashable(ctx.raw)
        h1 = pd.util.hash_pandas_object(h, index=False).to_numpy(dtype=np.uint64).view(np.int64)
        h2 = pd.util.hash_pandas_object(h, index=False, hash_key=_KEY2[:16]).to_numpy(dtype=np.uint64).view(np.int64)
        ctx.cache["row_fingerprints"] = (h1, h2)
    return ctx.cache["row_fingerprints"]


def _build(ctx):
    """The state of these rows: the first line of each distinct row's fingerprint."""
    from druglint.shapes import KeyStore, firsts_in_part

    store = KeyStore(np.uint32, np.int64)  # fingerprint -> (first line, widened past 2^32 - 2; second hash)
    if len(ctx.raw):
        h1, h2 = fingerprints(ctx)
        f = firsts_in_part(h1, np.ones(h1.size, dtype=bool))
        store.add(h1[f], np.asarray(ctx.table.lines, dtype=np.int64)[f], h2[f])
    return store


def _merge(a, b):
    return a.merged(b, check=1)


def _rows_state():
    from druglint.shapes import Keyed

    return Keyed("distinct-rows", _build, _merge)


@rule("DL108", "duplicate-row", "warning", kinds=("side_effects", "interactions", "dosing"), state=_rows_state())
def check(ctx, state=None):
    """``state``: distinct rows' fingerprints seen in other parts (streaming, Dask); None on a whole table."""
    raw = _hashable(ctx.raw)
    n = len(raw)
    if n == 0:
        return None
    ids = _row_ids(raw)
    first = first_positions(ids)[ids]  # ids are numbered in order of first appearance
    dup = first != np.arange(n)
    where = np.asarray(ctx.table.lines, dtype=np.int64)[first]
    if state is not None and len(state):  # a copy in an earlier part wins over this part's first
        h1, h2 = fingerprints(ctx)
        at = state.find(h1)
        line, k2 = state.take(at)
        found = (at >= 0) & (k2 == h2) & (line < int(ctx.table.lines[0]))
        dup = dup | found
        where = np.where(found, line, where)
    if not dup.any():
        return None
    return hits(dup, None, "row duplicates the row at line " + where[dup].astype(str).astype(object))
