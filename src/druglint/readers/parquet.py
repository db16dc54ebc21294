"""Parquet (a file, or a folder of partitions read as one dataset).

Parquet has no text lines: a row's "line" is its 1-based row number, the header line 0.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from druglint.readers.table import Finding, ReadResult, Table


def read_parquet(path: str, source: str) -> ReadResult:
    try:
        frame = pd.read_parquet(source)
    except Exception as exc:  # pyarrow raises many types for a corrupt file
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return ReadResult(None, [Finding("DL118", 1, 1, f"cannot read Parquet: {first}")])
    if len(frame) == 0:
        return ReadResult(None, [Finding("DL113", 1, 1, "Parquet file has columns but no rows")])
    frame = frame.reset_index(drop=True)
    for col in frame.columns:
        s = frame[col]
        if s.dtype == object or str(s.dtype).startswith(("str", "string")):
            frame[col] = s.astype("str").where(s.notna(), None)
    return ReadResult(Table(path, "parquet", frame, np.arange(1, len(frame) + 1, dtype=np.int64),
                            [str(c) for c in frame.columns], 0), [])
