"""Snippets for the HTML report: the offending record with its header row, the cell marked.

A delimited file gives the header's cells and the record's cells (the violation's column
marked); a workbook sheet (``book.xlsx[Sheet]``) the same from the sheet; other text files
(JSON, YAML, prose) the lines around the record with the column's word marked; a binary
file (Parquet) nothing but its row number. Only the lines needed are read, streaming.
"""
from __future__ import annotations

import csv
import os
from dataclasses import dataclass

CONTEXT = 2  # lines shown before and after the record's line (text snippets)
MAX_LINE_CHARS = 400
MAX_CELL_CHARS = 200
_BINARY_SUFFIXES = (".parquet", ".pq")
_DELIMITED = {".csv": ",", ".tsv": "\t", ".tab": "\t", ".psv": "|", ".txt": None}


@dataclass
class Cells:
    """A record as cells under its header; ``hit`` is the 0-based marked cell (or -1)."""

    header: list[str]
    record: list[str]
    hit: int
    line: int
    header_line: int


@dataclass
class Lines:
    """Text lines (number -> text) around ``line``; ``column`` 1-based marks a word."""

    lines: dict[int, str]
    line: int
    column: int


def source_lines(path: str, wanted: set[int]) -> dict[int, str] | None:
    """The 1-based lines ``wanted`` of a text file, reading only as far as needed; None
    for a file that cannot be read back as text (binary, missing, not UTF-8 decodable)."""
    if not wanted or path.lower().endswith(_BINARY_SUFFIXES) or not os.path.isfile(path):
        return None
    last = max(wanted)
    out: dict[int, str] = {}
    try:
        with open(path, "rb") as fh:
            for n, raw in enumerate(fh, start=1):
                if n > last:
                    break
                if n in wanted:
                    if b"\x00" in raw:
                        return None
                    out[n] = raw.decode("utf-8", errors="replace").rstrip("\r\n")
    except OSError:
        return None
    return out


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + " …"


def _delimiter(path: str, header: str) -> str | None:
    suffix = os.path.splitext(path)[1].lower()
    if suffix not in _DELIMITED:
        return None
    found = _DELIMITED[suffix]
    if found is None:  # .txt: FAERS '$', or tabs, or a prose document (no delimiter)
        counts = {d: header.count(d) for d in ("$", "\t", "|", ",", ";")}
        found = max(counts, key=counts.get)
        if counts[found] == 0:
            return None
    return found


def _split(text: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([text], delimiter=delimiter, quotechar='"' if delimiter != "$" else "\x00"))
    except (csv.Error, StopIteration):
        return text.split(delimiter)


def for_file(path: str, violations: list) -> dict[tuple[int, int], Cells | Lines]:
    """Snippets of one file (its shown path) for ``violations``, keyed by (line, column)."""
    from druglint.readers.workbook import split_sheet

    base, sheet = split_sheet(path)
    if sheet is not None:
        return _sheet(base, sheet, violations)
    head = source_lines(path, set(range(1, 6)))
    header_no = next((n for n in sorted(head or {}) if head[n].strip()), None)
    delimiter = _delimiter(path, head[header_no]) if head and header_no else None
    out: dict[tuple[int, int], Cells | Lines] = {}
    if delimiter is not None:
        header = _split(head[header_no], delimiter)
        if len(header) >= 2:
            lines = source_lines(path, {v.line for v in violations} | {header_no}) or {}
            for v in violations:
                if v.line in lines and v.line != header_no:
                    cells = _split(lines[v.line], delimiter)
                    out[(v.line, v.column)] = Cells([_clip(h, MAX_CELL_CHARS) for h in header],
                                                    [_clip(c, MAX_CELL_CHARS) for c in cells], v.column - 1, v.line, header_no)
    rest = [v for v in violations if (v.line, v.column) not in out]  # text files, and a table's header findings
    wanted = {n for v in rest for n in range(max(1, v.line - CONTEXT), v.line + CONTEXT + 1)}
    lines = source_lines(path, wanted) if rest else None
    if lines:
        clipped = {n: _clip(t, MAX_LINE_CHARS) for n, t in lines.items()}
        for v in rest:
            near = {n: clipped[n] for n in range(v.line - CONTEXT, v.line + CONTEXT + 1) if n in clipped}
            out[(v.line, v.column)] = Lines(near, v.line, v.column)
    return out


def _sheet(book: str, sheet: str, violations: list) -> dict[tuple[int, int], Cells | Lines]:
    from druglint.readers.workbook import read_workbook

    try:
        found = [s for s in read_workbook(book, book) if s.name == sheet]
    except Exception:  # a report never fails over a snippet
        return {}
    if not found or found[0].result.table is None:
        return {}
    table = found[0].result.table
    row_of = {int(line): i for i, line in enumerate(table.lines.tolist())}
    offset = int(table.meta.get("sheet_columns", 0))
    header = [_clip(str(h), MAX_CELL_CHARS) for h in table.header]
    out: dict[tuple[int, int], Cells | Lines] = {}
    for v in violations:
        i = row_of.get(v.line)
        if i is None:
            continue
        record = [""] * offset + ["" if c is None else _clip(str(c), MAX_CELL_CHARS) for c in table.frame.iloc[i].tolist()]
        out[(v.line, v.column)] = Cells(header, record, v.column - 1, v.line, table.header_line)
    return out


__all__ = ["Cells", "Lines", "for_file", "source_lines", "CONTEXT"]
