"""Structural scan of delimited text, on the raw bytes, before pandas sees the file.

Vectorised with numpy (no Python loop over records): one pass finds record boundaries
outside quotes, the 1-based line where each record starts, blank records and the number of
fields per record. This is what lets a finding name the source line even when quoted fields
hold delimiters or newlines, and what frictionless calls its structural checks.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

QUOTE = 34
NEWLINE = 10
CR = 13


@dataclass
class Structure:
    starts: np.ndarray  # byte offset of each record
    ends: np.ndarray  # byte offset just past each record's content (CR/LF excluded)
    lines: np.ndarray  # 1-based line number where each record starts
    fields: np.ndarray  # number of fields in each record
    blank: np.ndarray  # record is empty (zero bytes of content)
    unterminated_quote_line: int | None  # line of a quote left open at end of file
    midfield_quotes: bool  # a quote that does not open or close a field (pandas reads it literally)


def scan(data: bytes, delimiter: str, quoting: bool = True) -> Structure:
    arr = np.frombuffer(data, dtype=np.uint8)
    n = arr.size
    delim = ord(delimiter)
    unterminated: int | None = None
    midfield = False
    if quoting:
        is_q = arr == QUOTE
        if is_q.any():
            # True from an opening quote up to (not including) its closing quote; a doubled
            # quote ("") toggles twice and so keeps the state, as CSV escaping requires.
            inq = np.logical_xor.accumulate(is_q)
            qpos = np.flatnonzero(is_q)
            # An opening quote must start a field (follow a delimiter, a newline or the
            # start of the file) unless it is the second half of a doubled quote.
            opening = qpos[inq[qpos]]
            prev = np.where(opening > 0, arr[np.maximum(opening - 1, 0)], NEWLINE)
            ok = (opening == 0) | (prev == delim) | (prev == NEWLINE) | (prev == CR) | (prev == QUOTE)
            midfield = bool((~ok).any())
        else:
            inq = None
    else:
        inq = None

    is_nl = arr == NEWLINE
    all_nl = np.flatnonzero(is_nl)
    if inq is not None:
        term = np.flatnonzero(is_nl & ~inq)
        if n and inq[-1]:
            # a quote opened and never closed: find the line of the last opening quote
            last_open = int(np.flatnonzero(is_q & inq)[-1]) if (is_q & inq).any() else n - 1
            unterminated = int(np.searchsorted(all_nl, last_open)) + 1
    else:
        term = all_nl
    if n and (term.size == 0 or term[-1] != n - 1):
        term = np.append(term, n)  # last record has no newline
    starts = np.concatenate(([0], term[:-1] + 1)).astype(np.int64)
    ends = term.astype(np.int64)
    # drop the CR of CRLF endings from the record content
    has_cr = (ends > starts) & (arr[np.minimum(np.maximum(ends - 1, 0), max(n - 1, 0))] == CR) if n else ends > starts
    ends = ends - has_cr.astype(np.int64)
    lines = np.searchsorted(all_nl, starts).astype(np.int64) + 1
    blank = ends <= starts

    is_d = arr == delim
    if inq is not None:
        is_d &= ~inq
    dpos = np.flatnonzero(is_d)
    rec = np.searchsorted(term, dpos)  # first terminator at or after the delimiter
    fields = np.bincount(rec, minlength=starts.size)[: starts.size] + 1
    fields[blank] = 0
    return Structure(starts, ends, lines, fields, blank, unterminated, midfield)
