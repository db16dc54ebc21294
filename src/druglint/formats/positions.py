"""Character positions of findings, for the formats whose consumers expect them.

A finding's ``column`` in the JSON contract and the text format is, for a table, the
1-based position of the offending *column* in the header (the field number); for prose,
specs and other documents it is already a character column. SARIF viewers and GitHub
annotations place a marker at a character column, so for them each table finding is
located at the first character of the offending cell (1-based, counted in Unicode code
points, a BOM not counted), read back from the file:

* delimited text: the field's start on the record's line (quoted fields may span lines;
  then the line where the cell starts);
* JSON / JSON Lines / YAML: the line and column of the offending key at or after the
  record's line;
* Parquet and in-memory frames have no text: the column is left out (None).

Files are read back once each, only when a table finding in them is rendered. The layout
of each table (format, delimiter, quoting, header) comes from ``Report.layouts``, which the
engine fills for every table it reads; a path without a layout is not a table.
"""
from __future__ import annotations

import json
import os
import re

import numpy as np

_NO_TEXT = ("parquet", "frame")
_SEARCH_LINES = 200  # how far below a JSON/YAML record's first line its key is looked for


class _Text:
    """A file mapped into memory (not read into it: a streamed file may be larger than memory)
    and the offset where each line starts (LF, or CR in a CR-only file), found in pieces."""

    PIECE = 1 << 26

    def __init__(self, path: str) -> None:
        import mmap

        self.data: "bytes | mmap.mmap" = b""
        try:
            with open(path, "rb") as fh:
                if os.fstat(fh.fileno()).st_size:
                    self.data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):
            self.data = b""
        ends = self._ends(0x0A)
        if ends.size == 0 and self.data.find(b"\r") >= 0:
            ends = self._ends(0x0D)
        self.starts = np.concatenate([[0], ends + 1]).astype(np.int64)

    def _ends(self, byte: int) -> np.ndarray:
        parts = []
        for at in range(0, len(self.data), self.PIECE):
            piece = np.frombuffer(self.data[at: at + self.PIECE], dtype=np.uint8)
            parts.append(np.flatnonzero(piece == byte) + at)
        return np.concatenate(parts) if parts else np.empty(0, dtype=np.int64)

    def line(self, n: int) -> str | None:
        """Line ``n`` (1-based) without its line ending, decoded; None past the end."""
        if not 1 <= n <= self.starts.size or not self.data:
            return None
        start = int(self.starts[n - 1])
        end = int(self.starts[n]) - 1 if n < self.starts.size else len(self.data)
        text = self.data[start:end].decode("utf-8", "replace").rstrip("\r")
        return text[1:] if n == 1 and text.startswith("\ufeff") else text


def _field_start(text: _Text, line: int, field: int, delimiter: str, quoting: bool) -> tuple[int, int | None]:
    """(line, 1-based character column) where field ``field`` (1-based) of the record
    starting on ``line`` begins; column None when the record has fewer fields."""
    first = text.line(line)
    if first is None:
        return line, None
    if field <= 1:
        return line, 1
    if not quoting or '"' not in first:
        parts = first.split(delimiter)
        if field > len(parts):
            return line, None
        return line, sum(len(p) for p in parts[: field - 1]) + (field - 1) * len(delimiter) + 1
    # a quoted record: walk it (it may span lines), counting delimiters outside quotes
    seen, in_quotes, n, current = 0, False, line, first
    while current is not None:
        i = 0
        while i < len(current):
            ch = current[i]
            if ch == '"':
                in_quotes = not in_quotes  # a doubled quote toggles twice: no net change
            elif not in_quotes and current.startswith(delimiter, i):
                seen += 1
                i += len(delimiter)
                if seen == field - 1:
                    return n, i + 1
                continue
            i += 1
        if not in_quotes:
            return line, None  # the record ended before the field
        n += 1
        current = text.line(n)
    return line, None


def _key_start(text: _Text, line: int, key: str, fmt: str) -> tuple[int, int | None]:
    """(line, column) of ``key`` as a mapping key at or below ``line``."""
    if fmt in ("json", "jsonl"):
        pattern = re.compile(re.escape(json.dumps(key, ensure_ascii=False)) + r"\s*:")
    else:  # YAML: the key plain or quoted, followed by ':'
        pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(k) for k in (key, f'"{key}"', f"'{key}'")) + r")\s*:(?:\s|$)")
    first = text.line(line)
    if first is not None and len(pattern.findall(first)) > 1:
        return line, None  # several records on one line (minified JSON): which one is unknown
    for n in range(line, line + _SEARCH_LINES):
        current = text.line(n)
        if current is None:
            break
        m = pattern.search(current)
        if m:
            return n, m.start() + 1
    return line, None


class Locator:
    """``position(v) -> (line, character column or None)`` for the findings of one report."""

    def __init__(self, report) -> None:
        self.layouts: dict[str, dict] = getattr(report, "layouts", None) or {}
        self._path: str | None = None
        self._text: _Text | None = None

    def _file(self, path: str) -> _Text:
        if path != self._path:  # findings come sorted by path: one file held at a time
            self._path, self._text = path, _Text(path)
        return self._text  # type: ignore[return-value]

    def position(self, v) -> tuple[int, int | None]:
        layout = self.layouts.get(v.path)
        if layout is None:
            return v.line, v.column  # not a table: the column is a character column already
        fmt = layout.get("fmt")
        if fmt in _NO_TEXT or not os.path.isfile(v.path):
            return v.line, None
        text = self._file(v.path)
        if fmt in ("json", "jsonl", "yaml"):
            header = layout.get("header") or []
            if not 1 <= v.column <= len(header):
                return v.line, None
            return _key_start(text, v.line, str(header[v.column - 1]), fmt)
        delimiter = layout.get("delimiter")
        if not delimiter:
            return v.line, None
        return _field_start(text, v.line, v.column, delimiter, bool(layout.get("quoting", True)))


def layout_of(table) -> dict[str, object]:
    """What ``Locator`` needs to know of a table that was read (kept in ``Report.layouts``)."""
    return {"fmt": table.fmt, "delimiter": table.delimiter, "quoting": table.meta.get("quoting", table.delimiter != "$"),
            "header": [str(h) for h in table.header]}


__all__ = ["Locator", "layout_of"]
