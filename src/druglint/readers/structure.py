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
MAX_LITERAL_QUOTES = 32


@dataclass
class Structure:
    starts: np.ndarray  # byte offset of each record
    ends: np.ndarray  # byte offset just past each record's content (CR/LF excluded)
    lines: np.ndarray  # 1-based line number where each record starts
    fields: np.ndarray  # number of fields in each record
    blank: np.ndarray  # record is empty (zero bytes of content)
    unterminated_quote_line: int | None  # line of a quote left open at end of file
    midfield_quotes: bool  # a quote that does not open or close a field (pandas reads it literally)


_BLOCK = 1 << 24  # bytes compared at a time: no per-byte array of the whole file


def _positions(arr: np.ndarray, byte: int) -> np.ndarray:
    """Offsets of ``byte`` in ``arr``, found block by block (a 200 MB file does not get a
    200 MB boolean array per character class)."""
    if arr.size <= _BLOCK:
        return np.flatnonzero(arr == byte)
    return np.concatenate([np.flatnonzero(arr[i:i + _BLOCK] == byte) + i for i in range(0, arr.size, _BLOCK)])


def _quoted(quotes: np.ndarray, pos: np.ndarray) -> np.ndarray:
    """Is each (non-quote) offset inside quotes: an odd number of active quotes before it."""
    return (np.searchsorted(quotes, pos, side="right") & 1).astype(bool)


def scan(data: bytes, delimiter: str, quoting: bool = True) -> Structure:
    """Sparse: the offsets of quotes, newlines and delimiters, never a per-byte array (the
    memory is per record and per delimiter, not per byte: a 208 MB file took 1.3 GB)."""
    arr = np.frombuffer(data, dtype=np.uint8)
    n = arr.size
    delim = ord(delimiter)
    unterminated: int | None = None
    midfield = False
    quotes = None  # offsets of the quotes that open or close a field (the quoted state's basis)
    dropped = -1  # a literal quote dropped after the last pass (only when the passes ran out)
    if quoting and (not isinstance(data, (bytes, bytearray)) or data.find(b'"') >= 0):  # memchr: no array when quote-free
        quotes = _positions(arr, QUOTE)
        if quotes.size:
            for _ in range(MAX_LITERAL_QUOTES + 1):
                # From an opening quote up to its closing quote is quoted; a doubled quote ("")
                # closes and reopens, as CSV escaping needs. The openings are the even-numbered
                # quotes. An opening quote must start a field (follow a delimiter, a newline or
                # the start of the file) unless it is the second half of a doubled quote.
                opening = quotes[0::2]
                prev = np.where(opening > 0, arr[np.maximum(opening - 1, 0)], NEWLINE)
                ok = (opening == 0) | (prev == delim) | (prev == NEWLINE) | (prev == CR) | (prev == QUOTE)
                if ok.all():
                    break
                # a quote inside an unquoted field is a literal character (as pandas and the
                # csv module read it); only the first is certain, so drop it and rescan
                dropped = int(opening[~ok][0])
                if _ < MAX_LITERAL_QUOTES:
                    quotes = quotes[quotes != dropped]
                    dropped = -1
            else:
                midfield = True  # too many to rescan: the caller takes the csv-module path
        else:
            quotes = None

    all_nl = _positions(arr, NEWLINE)
    if quotes is not None:
        term = all_nl[~_quoted(quotes, all_nl)]
        if n and quotes.size % 2:
            # a quote opened and never closed: the line of the last opening quote
            opening = quotes[0::2]
            opening = opening[opening != dropped]
            last_open = int(opening[-1]) if opening.size else n - 1
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
    del has_cr
    lines = np.searchsorted(all_nl, starts).astype(np.int64) + 1
    del all_nl
    blank = ends <= starts

    dpos = _positions(arr, delim)
    if quotes is not None:
        dpos = dpos[~_quoted(quotes, dpos)]
    # delimiters per record: how many delimiter positions precede each terminator, then
    # differences (one binary search per record rather than one per delimiter)
    before = np.searchsorted(dpos, term)
    del dpos
    fields = np.diff(before, prepend=0).astype(np.int64) + 1
    if fields.size != starts.size:  # empty input: one empty record and no terminator
        fields = np.ones(starts.size, dtype=np.int64)
    fields[blank] = 0
    return Structure(starts, ends, lines, fields, blank, unterminated, midfield)


def scan_csv(data: bytes, delimiter: str) -> Structure:
    """The same structure from Python's csv module: the slow path for files whose many
    quotes inside unquoted fields the vectorised scan cannot settle."""
    import csv
    import io

    arr = np.frombuffer(data, dtype=np.uint8)
    line_off = np.concatenate(([0], np.flatnonzero(arr == NEWLINE) + 1)).astype(np.int64)
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""), delimiter=delimiter, strict=True)
    first_lines: list[int] = []
    last_lines: list[int] = []
    fields: list[int] = []
    unterminated: int | None = None
    done = 0
    while True:
        try:
            rec = next(reader)
        except StopIteration:
            break
        except csv.Error:
            unterminated = done + 1
            break
        first_lines.append(done + 1)
        done = reader.line_num
        last_lines.append(done)
        fields.append(len(rec))
    lines = np.asarray(first_lines, dtype=np.int64)
    # the csv module also ends lines at a lone CR, which line_off (LF only) does not count:
    # clamp, so a CR-only file cannot index past the last line (found by the long fuzz run)
    starts = line_off[np.minimum(lines - 1, line_off.size - 1)] if lines.size else np.zeros(0, np.int64)
    last = np.asarray(last_lines, dtype=np.int64)
    ends = np.where(last < line_off.size, line_off[np.minimum(last, line_off.size - 1)] - 1, arr.size)
    has_cr = (ends > starts) & (arr[np.clip(ends - 1, 0, max(arr.size - 1, 0))] == CR) if arr.size else ends > starts
    ends = ends - has_cr.astype(np.int64)
    nf = np.asarray(fields, dtype=np.int64)
    return Structure(starts, ends, lines, nf, nf == 0, unterminated, False)
