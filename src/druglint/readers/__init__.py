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


# Data formats seen in drug-data folders that no reader handles yet. ``unread_format`` names
# them (DL122) only while no reader is mapped in TABLE_SUFFIXES: adding a reader for a
# suffix there is all it takes to stop the message.
UNREAD_FORMATS: dict[str, str] = {
    ".xlsx": "an Excel workbook", ".xlsm": "an Excel workbook", ".xls": "an Excel workbook",
    ".ods": "an OpenDocument spreadsheet", ".numbers": "a Numbers spreadsheet",
    ".feather": "an Arrow (Feather) file", ".arrow": "an Arrow file", ".orc": "an ORC file", ".avro": "an Avro file",
    ".sav": "an SPSS data file", ".dta": "a Stata data file", ".sas7bdat": "a SAS data set", ".xpt": "a SAS transport file",
    ".rds": "an R data file", ".rdata": "an R data file", ".rda": "an R data file",
    ".h5": "an HDF5 file", ".hdf5": "an HDF5 file", ".sqlite": "an SQLite database", ".sqlite3": "an SQLite database",
}
_COMPRESSED = (".gz", ".bz2", ".xz", ".zst", ".zip")


def unread_format(path: str) -> str | None:
    """Why a data file cannot be checked ("an Excel workbook: druglint does not read .xlsx
    files ..."), or None when druglint reads it or it is not a known data format."""
    stem, suffix = os.path.splitext(path)
    suffix = suffix.lower()
    if suffix in TABLE_SUFFIXES:
        return None
    what = UNREAD_FORMATS.get(suffix)
    if what is not None:
        return (f"{what}: druglint does not read {suffix} files, so this file was not checked; "
                "export its data as CSV to have it checked")
    inner = os.path.splitext(stem)[1].lower()
    if suffix in _COMPRESSED and inner in TABLE_SUFFIXES:
        return (f"a compressed {inner} file: druglint does not read {suffix} files, so this file was not checked; "
                "decompress it to have it checked")
    return None


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


__all__ = ["Finding", "ReadResult", "Table", "TABLE_SUFFIXES", "UNREAD_FORMATS", "format_of", "read", "unread_format"]
