"""Where a finding is in the text, for the language server: the character range of the
offending cell (delimited tables) or words (documents), in UTF-16 code units as LSP counts.

A table finding's column is the cell's position in its record; the record's line is split
with the fixer's own field scanner (quotes honoured), so the range covers exactly the cell.
A document finding's column is a character column: the range runs to the end of the word.
Anything else (JSON, YAML records, a whole-file finding) covers the line's text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Span:
    line: int  # 0-based
    start: int  # UTF-16 offsets in the line
    end: int


def utf16(text: str, index: int) -> int:
    """UTF-16 code units before ``index`` of ``text`` (LSP's default position encoding)."""
    head = text[:index]
    return index + sum(1 for ch in head if ord(ch) > 0xFFFF)


def cell_span(text: str, line0: int, column: int, delimiter: str | None) -> Span:
    """The range of a finding at 1-based ``column`` on 0-based ``line0`` of a document."""
    lines = text.split("\n")
    if not 0 <= line0 < len(lines):
        return Span(0, 0, 0)
    row = lines[line0].rstrip("\r")
    if delimiter is not None:
        from druglint.fixer import field_spans

        spans = field_spans(row, delimiter, delimiter != "$")
        if 1 <= column <= len(spans):
            start, end, _ = spans[column - 1]
            if end > start:
                return Span(line0, utf16(row, start), utf16(row, end))
            return Span(line0, utf16(row, start), utf16(row, start))  # an empty cell: a point
    elif column > 1 and column - 1 < len(row):
        m = _WORD.match(row, column - 1)
        end = m.end() if m else column
        return Span(line0, utf16(row, column - 1), utf16(row, max(end, column)))
    stripped = len(row) - len(row.lstrip())
    return Span(line0, utf16(row, stripped), utf16(row, len(row)))


def offset_position(text: str, offset: int) -> tuple[int, int]:
    """(0-based line, UTF-16 character) of a character offset into ``text``."""
    line = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    return line, utf16(text[start:offset], offset - start)


def minimal_edit(before: str, after: str) -> tuple[int, int, str]:
    """(start offset, end offset in ``before``, replacement): the one changed stretch."""
    n = min(len(before), len(after))
    i = 0
    while i < n and before[i] == after[i]:
        i += 1
    j = 0
    while j < n - i and before[len(before) - 1 - j] == after[len(after) - 1 - j]:
        j += 1
    return i, len(before) - j, after[i:len(after) - j]


__all__ = ["Span", "cell_span", "utf16", "offset_position", "minimal_edit"]
