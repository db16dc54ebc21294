"""Readers: one module per file format, each yielding a Table (rows plus source lines).

``read(path, display)`` picks the reader from the file name. Structural problems come
back as findings (DL1xx); a reader never raises for bad input.
"""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from druglint.readers.table import Finding, ReadResult, Table

# suffix -> (format name, delimiter or None to sniff)
TABLE_SUFFIXES: dict[str, tuple[str, str | None]] = {
    ".csv": ("csv", ","),
    ".tsv": ("tsv", "\t"),
    ".tab": ("tsv", "\t"),
    ".txt": ("txt", None),
    ".psv": ("csv", "|"),
    ".parquet": ("parquet", None),
    ".pq": ("parquet", None),
    ".json": ("json", None),
    ".jsonl": ("jsonl", None),
    ".ndjson": ("jsonl", None),
    ".yaml": ("yaml", None),
    ".yml": ("yaml", None),
    # spreadsheets: one table per sheet (readers/workbook.py, the 'excel' extra)
    ".xlsx": ("xlsx", None),
    ".xlsm": ("xlsx", None),
    ".xlsb": ("xlsx", None),
    ".xls": ("xlsx", None),
    ".ods": ("xlsx", None),
}


def format_of(path: str) -> tuple[str, str | None] | None:
    return TABLE_SUFFIXES.get(os.path.splitext(path)[1].lower())


def read(source: str, display: str, data: bytes | None = None) -> ReadResult:
    """Read ``source`` (a filesystem path); findings and the table name ``display``."""
    from druglint.readers.table import Finding, ReadResult

    fmt = format_of(source)
    if fmt is None:
        return ReadResult(None, [Finding("DL119", 1, 1, "not a dataset format druglint reads; skipped")])
    name, delimiter = fmt
    if name == "xlsx":  # a workbook read as one table: its first sheet (the engine lints every sheet)
        from druglint.readers.workbook import read_workbook

        sheets = read_workbook(source, display)
        return sheets[0].result if sheets else ReadResult(None, [Finding("DL113", 1, 1, "the workbook has no sheet with data")])
    if name == "parquet":
        from druglint.readers.parquet import read_parquet

        return read_parquet(display, source)
    if data is None:
        with open(source, "rb") as fh:
            data = fh.read()
    if name in ("json", "jsonl"):
        from druglint.readers.jsonfile import read_json

        return read_json(display, data, name)
    if name == "yaml":
        from druglint.readers.yamlfile import read_yaml

        return read_yaml(display, data, name)
    from druglint.readers.delimited import read_delimited

    return read_delimited(display, data, name, delimiter)


def __getattr__(name: str) -> Any:
    """Finding, ReadResult and Table load pandas: imported on first use, so that
    ``format_of`` (file discovery, the result cache) stays cheap."""
    if name in ("Finding", "ReadResult", "Table"):
        from druglint.readers import table

        return getattr(table, name)
    raise AttributeError(f"module 'druglint.readers' has no attribute {name!r}")


__all__ = ["Finding", "ReadResult", "Table", "TABLE_SUFFIXES", "format_of", "read"]
