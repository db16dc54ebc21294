"""Parquet (a file, or a folder of partitions read as one dataset).

Parquet has no text lines: a row's "line" is its 1-based row number, the header line 0.
"""
from __future__ import annotations

import numpy as np

from druglint.readers.table import Finding, ReadResult, Table


def read_parquet(path: str, source: str) -> ReadResult:
    try:
        import pyarrow.parquet as pq

        tbl = pq.read_table(source)
        try:
            # pyarrow does not check that string columns hold UTF-8 on read; pandas string
            # operations then fail later (found by the long fuzz run on a damaged file)
            tbl.validate(full=True)
        except Exception as exc:  # pyarrow.lib.ArrowInvalid
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            return ReadResult(None, [Finding("DL110", 1, 1, f"Parquet text is not valid UTF-8 ({first}); not read")])
        frame = tbl.to_pandas()
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
