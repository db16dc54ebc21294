"""An in-memory DataFrame as a Table (``lint_frame``): whatever the caller built.

Frames come from merges, spreadsheets and notebooks: duplicate column names (after a
merge), non-string or MultiIndex labels, categoricals, bytes, lone surrogates. Each becomes
a finding or a normalised value here, so the stages after see what a reader would give
them: unique string column names and text cells. Row k is line k (the header is line 0).
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from druglint.readers.delimited import _header_findings, _unique_names
from druglint.readers.sanitize import MESSAGE as SURROGATE_MESSAGE
from druglint.readers.table import Finding, Table

_SURROGATE = re.compile("[\ud800-\udfff]")


def _label(name: object) -> str:
    """A column label as text: MultiIndex tuples joined by spaces, lone surrogates replaced."""
    if isinstance(name, tuple):
        name = " ".join(str(p) for p in name if p is not None and str(p) != "" and not pd.isna(p))
    elif isinstance(name, bytes):
        name = name.decode("utf-8", "replace")
    return _SURROGATE.sub("\ufffd", str(name))


def _text(value: object) -> str:
    if isinstance(value, bytes):  # bytes that are not UTF-8 are decoded with U+FFFD
        value = value.decode("utf-8", "replace")
    return _SURROGATE.sub("\ufffd", str(value))


def _text_column(s: pd.Series) -> tuple[pd.Series, np.ndarray | None]:
    """(the column as strings with missing values kept, rows that held a lone surrogate)."""
    if isinstance(s.dtype, pd.CategoricalDtype):
        s = s.astype(object)
    try:
        return s.astype("str").where(s.notna(), None), None
    except (UnicodeEncodeError, UnicodeDecodeError, TypeError, ValueError):
        pass
    # per distinct value (factorize hashes the Python objects, surrogates and all)
    arr = s.to_numpy(dtype=object)
    try:
        codes, uniques = pd.factorize(arr, use_na_sentinel=True)
    except TypeError:  # unhashable cells (lists, dicts): their text, row by row (rare)
        missing = s.isna().to_numpy()
        arr = np.array([None if m else _text(v) if isinstance(v, (list, dict, set)) else v for v, m in zip(arr, missing)],
                       dtype=object)
        codes, uniques = pd.factorize(arr, use_na_sentinel=True)
    texts = [_text(u) for u in uniques]
    bad = np.array([isinstance(u, str) and _SURROGATE.search(u) is not None for u in uniques] + [False], dtype=bool)
    values = np.array(texts + [None], dtype=object)[codes]  # code -1 (missing) picks the None at the end
    out = pd.Series(values, index=s.index, dtype="str").where(codes >= 0, None)
    rows = np.flatnonzero(bad[codes])
    return out, rows if rows.size else None


def table_from_frame(frame: pd.DataFrame, name: str) -> tuple[Table, list[Finding]]:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"lint_frame needs a pandas DataFrame, not {type(frame).__name__}")
    findings: list[Finding] = []
    labels = [_label(c) for c in frame.columns]
    for i, (label, raw) in enumerate(zip(labels, frame.columns), start=1):
        if isinstance(raw, str) and _SURROGATE.search(raw):
            findings.append(Finding("DL153", 0, i, f"column name: {SURROGATE_MESSAGE}"))
    findings.extend(_header_findings(labels, 0))  # duplicate (DL115) and blank (DL116) names
    names = _unique_names(labels)
    # position-based: duplicate labels make frame[col] a DataFrame, not a column
    columns: dict[str, pd.Series] = {}
    for i, new in enumerate(names):
        s = frame.iloc[:, i].reset_index(drop=True)
        if s.dtype == object or isinstance(s.dtype, pd.CategoricalDtype):
            s, bad = _text_column(s)
            if bad is not None:
                findings.extend(Finding("DL153", int(r) + 1, i + 1, SURROGATE_MESSAGE) for r in bad[:20])
        columns[new] = s
    text = pd.DataFrame(columns, index=pd.RangeIndex(len(frame))) if columns else pd.DataFrame(index=pd.RangeIndex(len(frame)))
    table = Table(name, "frame", text, np.arange(1, len(text) + 1, dtype=np.int64), list(names), 0)
    return table, findings
