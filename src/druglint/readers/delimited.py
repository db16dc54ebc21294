"""CSV, TSV and ``$``-delimited (FAERS) text.

The raw bytes are checked first (encoding, NUL bytes, record structure); pandas then
parses with every cell kept as a string, and each DataFrame row is given the line on which
its record starts, taken from the structural scan.
"""
from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd

from druglint.readers.structure import scan, scan_csv
from druglint.readers.table import Finding, ReadResult, Table
from druglint.readers.text import decode_findings

_DELIMITER_NAMES = {",": "comma", "\t": "tab", "$": "dollar", "|": "pipe", ";": "semicolon"}


def sniff_delimiter(first_line: str, default: str = ",") -> str:
    """The candidate that occurs most often in the header line (FAERS uses ``$``)."""
    counts = {d: first_line.count(d) for d in ("$", "\t", ",", "|", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else default


def _parse_header(text: str, delimiter: str, quoting: bool) -> list[str]:
    reader = csv.reader([text], delimiter=delimiter, quoting=csv.QUOTE_MINIMAL if quoting else csv.QUOTE_NONE)
    try:
        return next(reader)
    except (StopIteration, csv.Error):
        return text.split(delimiter)


def read_delimited(path: str, data: bytes, fmt: str, delimiter: str | None = None, quoting: bool | None = None) -> ReadResult:
    """``quoting=False`` reads a file whose format never quotes (Drugs@FDA TSV): a '"' is a literal character."""
    findings, text_ok, bom = decode_findings(data)
    if not text_ok:
        return ReadResult(None, findings)
    body = data[3:] if bom else data
    if not body.strip():
        return ReadResult(None, [Finding("DL112", 1, 1, "file is empty: a dataset needs a header line and at least one record")])
    if b"\n" not in body and b"\r" in body:
        # CR-only line endings (classic Mac, some Excel exports): each CR ends a line, as
        # editors count them. LF in their place keeps every byte offset and line number;
        # left alone, the whole file would be one header line and pass without a word.
        body = body.replace(b"\r", b"\n")
    first_line = _first_line(body.lstrip(b"\r\n")).decode("utf-8", "replace")
    if delimiter is None:
        delimiter = sniff_delimiter(first_line, "")
        if not delimiter:
            # a .txt file whose first line has no '$', tab, pipe, comma or semicolon is prose
            return ReadResult(None, [Finding("DL119", 1, 1, "text file is not a delimited table; skipped")])
    # FAERS and other '$' exports never quote; a '"' there is a literal character.
    quoting = delimiter != "$" if quoting is None else quoting
    plain = _read_plain(path, fmt, body, delimiter, bom)
    if plain is not None:
        plain.findings[:0] = findings
        return plain
    st = scan(body, delimiter, quoting)
    if st.midfield_quotes:
        st = scan_csv(body, delimiter)
    if st.unterminated_quote_line is not None:
        findings.append(Finding("DL118", st.unterminated_quote_line, 1,
                                "a quoted field opened on this line is never closed; the rest of the file would be read as one cell"))
        return ReadResult(None, findings)

    nonblank = np.flatnonzero(~st.blank)
    if nonblank.size == 0:
        return ReadResult(None, [Finding("DL112", 1, 1, "file is empty: a dataset needs a header line and at least one record")])
    h = int(nonblank[0])
    header_line = int(st.lines[h])
    for r in range(min(h, 50)):  # blank lines before the header: the table still starts at the header
        findings.append(Finding("DL117", int(st.lines[r]), 1, "blank line before the header; remove it"))
    header = _parse_header(body[st.starts[h]: st.ends[h]].decode("utf-8"), delimiter, quoting)
    ncols = len(header)

    # A delimiter closing every line (FAERS writes 'a$b$c$') is a terminator, not an
    # empty last column.
    trailing = False
    if ncols > 1 and header[-1].strip() == "":
        recs = nonblank[1:]
        last_bytes = np.frombuffer(body, np.uint8)[np.maximum(st.ends[recs] - 1, 0)] if recs.size else np.array([], np.uint8)
        if recs.size == 0 or bool((last_bytes == ord(delimiter)).all()):
            trailing = True

    findings.extend(_header_findings(header[:-1] if trailing else header, header_line))

    records = np.arange(h + 1, st.starts.size)
    rec_blank = st.blank[records]
    # blank lines inside the data (not the ones that merely end the file)
    if rec_blank.any():
        last_content = records[~rec_blank].max() if (~rec_blank).any() else h
        for r in records[rec_blank & (records < last_content)][:50]:
            findings.append(Finding("DL117", int(st.lines[r]), 1, "blank line inside the data; remove it"))
    data_recs = records[~rec_blank]
    nfields = st.fields[data_recs]
    bad = nfields != ncols
    if bad.any():
        for r, k in zip(data_recs[bad][:200].tolist(), nfields[bad][:200].tolist()):
            want = ncols - 1 if trailing else ncols
            got = k - 1 if trailing else k
            more = "more" if got > want else "fewer"
            findings.append(Finding("DL114", int(st.lines[r]), 1,
                                    f"row has {got} cells but the header has {want} ({more} than expected); "
                                    + ("cells past the header were not read" if got > want else "the missing cells are read as empty")))
        if bad.sum() > 200:
            findings.append(Finding("DL114", int(st.lines[data_recs[bad][200]]), 1,
                                    f"{int(bad.sum()) - 200} more rows have the wrong number of cells (not listed)"))
    kept = data_recs[nfields <= ncols]
    if kept.size == 0:
        findings.append(Finding("DL113", header_line, 1, "file has a header but no records"))
        return ReadResult(None, findings)

    frame = None
    if h == 0 and not bad.any() and not rec_blank.any() and kept.size == records.size and body.find(b'"') < 0 \
            and not st.midfield_quotes:
        # plain text (no quotes, no blank or ragged records): pyarrow's parser yields the
        # same strings several times faster; any disagreement falls back to pandas below
        frame = _arrow_read(body, delimiter, ncols)
        if frame is not None and len(frame) != kept.size:
            frame = None
    if frame is None:
        frame = _pandas_read(body, delimiter, quoting)
    if frame is None or len(frame) != kept.size or frame.shape[1] != ncols:
        # (a column count that differs from the header's: pandas ends lines at a lone CR
        # where the scan does not; found by the long fuzz run)
        # The fast scan and pandas disagree (e.g. a quote inside an unquoted field):
        # fall back to the csv module, which reports each record's line itself.
        frame, lines = _csv_module_read(body, delimiter, quoting, ncols)
    else:
        lines = st.lines[kept]
    if trailing:
        frame = frame.iloc[:, : ncols - 1]
        header = header[:-1]
    frame.columns = _unique_names(header)
    frame.index = pd.RangeIndex(len(frame))
    table = Table(path=path, fmt=fmt, frame=frame, lines=np.asarray(lines, dtype=np.int64), header=list(frame.columns),
                  header_line=header_line, delimiter=delimiter, encoding_bom=bom)
    table.meta["original_header"] = header
    table.meta["quoting"] = quoting  # a '"' in a file that never quotes is a literal character
    return ReadResult(table, findings)


def _first_line(body: bytes) -> bytes:
    """The bytes before the first LF (``split`` would copy the whole rest of the file)."""
    end = body.find(b"\n")
    return body if end < 0 else body[:end]


def _read_plain(path: str, fmt: str, body: bytes, delimiter: str, bom: bool) -> ReadResult | None:
    """The common case without the structural scan: no quote character, no blank line, no
    lone CR. Then record k (0-based) starts on line k + 2 and pyarrow's parser, which refuses
    a row with the wrong number of cells, is the whole check. None when anything is
    irregular: the caller's scan then finds and reports it (DL114, DL117, DL118...)."""
    if body.find(b'"') >= 0 or body.startswith((b"\n", b"\r")):
        return None
    if b"\r" in body and body.count(b"\r") != body.count(b"\r\n"):
        return None  # a lone CR: pyarrow ends a line there, the scan does not
    header = _first_line(body).rstrip(b"\r").decode("utf-8").split(delimiter)
    if len(header) < 2 or header[-1].strip() == "":
        return None  # one column, or a delimiter ending every line (FAERS): the scan decides
    # pyarrow skips empty lines: one row per line (the count of LFs) means there were none
    lines = body.count(b"\n") + (not body.endswith(b"\n"))
    frame = _arrow_read(body, delimiter, len(header))
    if frame is None or len(frame) == 0 or len(frame) + 1 != lines:
        return None
    records = lines
    frame.columns = _unique_names(header)
    frame.index = pd.RangeIndex(len(frame))
    table = Table(path=path, fmt=fmt, frame=frame, lines=np.arange(2, records + 1, dtype=np.int64),
                  header=list(frame.columns), header_line=1, delimiter=delimiter, encoding_bom=bom)
    table.meta["original_header"] = header
    return ReadResult(table, _header_findings(header, 1))


def _header_findings(header: list[str], line: int) -> list[Finding]:
    out: list[Finding] = []
    seen: dict[str, int] = {}
    for i, name in enumerate(header, start=1):
        key = name.strip()
        if not key:
            out.append(Finding("DL116", line, i, f"column {i} has no name in the header"))
            continue
        if key in seen:
            out.append(Finding("DL115", line, i, f"column name {key!r} appears twice in the header (columns {seen[key]} and {i}); only the first is used"))
        else:
            seen[key] = i
    return out


def _unique_names(header: list[str]) -> list[str]:
    """Keep the first of duplicate names as is; later copies become 'name (2)'."""
    out: list[str] = []
    seen: dict[str, int] = {}
    for i, name in enumerate(header, start=1):
        key = name.strip() or f"column {i}"
        if key in seen:
            seen[key] += 1
            key = f"{key} ({seen[key]})"
        else:
            seen[key] = 1
        out.append(key)
    return out


def _pandas_read(body: bytes, delimiter: str, quoting: bool) -> pd.DataFrame | None:
    import warnings

    try:
        # ragged rows are reported as DL114 from the structural scan; pandas' own
        # ParserWarning about them would only leak onto the user's terminal
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", pd.errors.ParserWarning)
            return pd.read_csv(
                io.BytesIO(body), sep=delimiter, header=0, dtype="str",
                keep_default_na=False, na_values=[""], skip_blank_lines=True, on_bad_lines="skip",
                index_col=False, engine="c", encoding="utf-8",
                quoting=csv.QUOTE_MINIMAL if quoting else csv.QUOTE_NONE,
            )
    except (pd.errors.ParserError, ValueError, UnicodeDecodeError):
        return None


def _arrow_read(body: bytes, delimiter: str, ncols: int) -> pd.DataFrame | None:
    """Every cell as a string (empty cell -> missing), like ``_pandas_read`` on text without
    quotes. Only called when the structural scan found nothing irregular."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    names = [f"c{i}" for i in range(ncols)]
    try:
        tbl = pacsv.read_csv(
            pa.py_buffer(body),
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=1),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, quote_char=False, escape_char=False,
                                             newlines_in_values=False, ignore_empty_lines=True),
            # large_string is what pandas' str dtype holds: to_pandas then copies nothing
            convert_options=pacsv.ConvertOptions(column_types={n: pa.large_string() for n in names}, null_values=[""],
                                                 strings_can_be_null=True, quoted_strings_can_be_null=True),
        )
    except (pa.ArrowInvalid, pa.ArrowException, ValueError):
        return None
    text = pd.Series([], dtype="str").dtype
    frame = tbl.to_pandas(types_mapper=lambda t: text if t in (pa.string(), pa.large_string()) else None)
    frame.columns = range(ncols)
    return frame


def _csv_module_read(body: bytes, delimiter: str, quoting: bool, ncols: int) -> tuple[pd.DataFrame, list[int]]:
    text = body.decode("utf-8")
    # the csv module refuses fields over 128 KiB by default; size limits are druglint's own (DL15x)
    if csv.field_size_limit() < len(text) + 1:
        csv.field_size_limit(min(len(text) + 1, 2**31 - 1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter,
                        quoting=csv.QUOTE_MINIMAL if quoting else csv.QUOTE_NONE)
    rows: list[list[str | None]] = []
    lines: list[int] = []
    start_line = 1
    first = True
    for rec in reader:  # fallback path only: taken when a quote sits inside an unquoted field
        line = start_line
        start_line = reader.line_num + 1
        if not rec:
            continue
        if first:
            first = False
            continue
        if len(rec) > ncols:
            continue
        rows.append([c if c != "" else None for c in rec] + [None] * (ncols - len(rec)))
        lines.append(line)
    return pd.DataFrame(rows, columns=range(ncols), dtype="str"), lines
