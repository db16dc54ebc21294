"""Delimited files without a header line (SIDER 4.1 TSVs, openFDA's sections.csv).

The column names come from the caller (a preset that knows the layout). The bytes are
read by the ordinary delimited reader with the names prepended as a header line, so the
structural checks (ragged rows, blank lines, quoting) and the line bookkeeping are the same
code; every line number is then shifted back by one so it points into the real file, and
``header_line`` is 0 (there is no header line to point at).
"""
from __future__ import annotations

import numpy as np

from druglint.readers.table import Finding, ReadResult
from druglint.readers.text import decode_findings


def read_headerless(path: str, data: bytes, fmt: str, delimiter: str, names: list[str] | tuple[str, ...]) -> ReadResult:
    findings, ok, bom = decode_findings(data)
    if not ok:
        return ReadResult(None, findings)
    from druglint.readers.delimited import read_delimited

    body = data[3:] if bom else data
    header = delimiter.join(names).encode("utf-8") + b"\n"
    result = read_delimited(path, header + body, fmt, delimiter)
    # findings of the decode step were computed on the real bytes: keep those; shift the rest
    shifted = [Finding(f.code, max(f.line - 1, 1), f.column, f.message) for f in result.findings
               if f.code not in ("DL110", "DL111")]
    out = ReadResult(result.table, findings + shifted)
    if out.table is not None:
        out.table.lines = np.asarray(out.table.lines, dtype=np.int64) - 1
        out.table.header_line = 0
        out.table.encoding_bom = bom
        out.table.meta["headerless"] = True
    return out
