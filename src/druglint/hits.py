"""Hits: the vectorised form of findings on a table, one DataFrame row per finding.

Rules return hits rather than Violation objects so that a rule stays a few pandas
operations; the engine turns hits into Violations with lines and columns in one place.
Columns: ``row`` (0-based row position, -1 for the header), ``column`` (canonical column
name or None), ``message``, and optionally ``code``, ``fix_message``, ``fix_old``, ``fix_new``.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

COLUMNS = ["row", "column", "message", "code", "fix_message", "fix_old", "fix_new"]


_EMPTY: pd.DataFrame | None = None


def empty() -> pd.DataFrame:
    global _EMPTY
    if _EMPTY is None:  # building a DataFrame costs ~2 ms; most rules find nothing
        _EMPTY = pd.DataFrame({c: pd.Series(dtype="int64" if c == "row" else "object") for c in COLUMNS})
    return _EMPTY.copy()


def hits(
    mask: pd.Series | np.ndarray,
    column: str | None,
    message: str | pd.Series,
    *,
    code: str | None = None,
    fix: tuple[str, pd.Series, pd.Series] | None = None,
) -> pd.DataFrame:
    """Hits at the rows where ``mask`` is true. ``message`` and the fix values may be a str
    or a sequence with one value per table row or one per masked row (cheaper: build
    messages for the offending rows only)."""
    m = np.asarray(mask, dtype=bool)
    rows = np.flatnonzero(m)
    out = pd.DataFrame({"row": rows.astype(np.int64)})
    out["column"] = column
    out["message"] = _pick(message, m, rows.size)
    out["code"] = code
    if fix is not None:
        fix_message, old, new = fix
        out["fix_message"] = fix_message
        out["fix_old"] = _pick(old, m, rows.size)
        out["fix_new"] = _pick(new, m, rows.size)
    else:
        out["fix_message"] = None
        out["fix_old"] = None
        out["fix_new"] = None
    return out


def _pick(values, mask: np.ndarray, n: int):
    if isinstance(values, str) or values is None:
        return values
    arr = np.asarray(values, dtype=object)
    if arr.size == n:
        return arr
    return arr[mask]


def at_header(column: str | None, message: str, code: str) -> pd.DataFrame:
    return pd.DataFrame([{"row": -1, "column": column, "message": message, "code": code,
                          "fix_message": None, "fix_old": None, "fix_new": None}])


def concat(parts: list[pd.DataFrame]) -> pd.DataFrame:
    parts = [p for p in parts if p is not None and len(p)]
    return pd.concat(parts, ignore_index=True) if parts else empty()
