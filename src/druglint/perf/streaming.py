"""Streaming: lint a delimited file larger than memory in chunks, with the same findings.

The file is cut into chunks of about ``chunk_rows`` records, always at a record boundary
(outside quotes, never just before a blank line, so that "blank line inside the data" is
decided as in one piece). Each chunk is read by the ordinary reader (with the header line
prepended) and its lines are shifted back to the file's own line numbers; the schema stage
runs per chunk. The table rules run through the executor (``druglint.execute.Fold``) by the
shape each declares in the registry: row rules per chunk, whole-table rules through their
mergeable state (``druglint.shapes``). This module knows no rule: memory holds one chunk
plus the rules' states, which grow with distinct keys (rows, pairs, names), not with rows,
except for rules whose state is all their rows (``shapes.Rows``).

Reader findings are merged as the one-piece reader would report them (the caps of 50
blank-line and 200 ragged-row findings are applied to the whole file). Byte-level problems
(NUL bytes, invalid UTF-8, UTF-16) are found by a first pass before anything else.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass

import numpy as np

from druglint import registry
from druglint.config import Config
from druglint.model import Violation
from druglint.perf.bytecheck import byte_findings
from druglint.perf.cli import chunk_size_value  # noqa: F401  (kept in the light module: the CLI checks it)
from druglint.readers.table import Finding

DEFAULT_CHUNK_ROWS = 1_000_000
STREAM_SUFFIXES = {".csv", ".tsv", ".tab", ".txt", ".psv"}
_MORE_RAGGED = re.compile(r"^(\d+) more rows have the wrong number of cells")


# ------------------------------------------------------------------------ choosing
def _available_memory() -> int:
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return 8 << 30


def chunk_rows_for(path: str, config: Config, over_limit: bool = False) -> int | None:
    """Rows per chunk if ``path`` should be streamed, else None.

    ``chunk-size`` (config key, or ``--chunk-size`` on the command line) forces streaming
    with that many rows per chunk (0 turns streaming off). Otherwise a delimited file is
    streamed when it is larger than an eighth of the available memory (in memory a table
    takes 3-6 times its file size while it is checked), than 2 GiB, or than the default
    ``limits.max-file-size`` (``over_limit``: druglint.limits).
    """
    if os.path.splitext(path)[1].lower() not in STREAM_SUFFIXES:
        return None
    forced = config.extra.get("chunk-size")
    if forced is not None:
        n = chunk_size_value(forced, config)
        return n if n > 0 else None
    if over_limit:
        return DEFAULT_CHUNK_ROWS
    try:
        size = os.path.getsize(path)
    except OSError:
        return None
    threshold = min(2 << 30, _available_memory() // 8)
    return DEFAULT_CHUNK_ROWS if size > threshold else None


# -------------------------------------------------------------------------- chunks
@dataclass
class Chunk:
    body: bytes  # what the reader sees: the header record, then this chunk's records
    shift: int  # add to a reader line (> header) to get the file's line
    first: bool


def iter_chunks(path: str, chunk_rows: int, delimiter: str, quoting: bool, block: int = 8 << 20):
    """Chunks of about ``chunk_rows`` records, cut after a non-blank record, outside quotes."""
    from druglint.readers.structure import scan

    with open(path, "rb") as fh:
        buf = b""
        eof = False
        header: bytes | None = None
        header_lines = 0
        line_at = 1  # file line where ``buf`` starts
        want = block
        cr_only: bool | None = None  # old Mac line ends: read as the one-piece reader reads them (CR -> LF)
        while True:
            while not eof and len(buf) < want:
                more = fh.read(max(want - len(buf), 1 << 20))
                if not more:
                    eof = True
                    break
                if cr_only is None:
                    cr_only = b"\n" not in more and b"\r" in more
                buf += more.replace(b"\r", b"\n") if cr_only else more
            if not buf:
                if header is None:
                    yield Chunk(b"", 0, True)  # an empty file: the reader says so
                return
            first_records = 1 + _leading_blank(buf) if header is None else 0  # the header and blank lines before it
            cut = _cut(buf, delimiter, quoting, chunk_rows + first_records, scan)
            if cut is None:
                if not eof:  # not enough complete records yet: read more
                    want = len(buf) * 2
                    continue
                cut = len(buf)
            piece, buf = buf[:cut], buf[cut:]
            if header is None:
                yield Chunk(piece, 0, True)
                header = _header_record(piece, delimiter, quoting, scan)
                header_lines = header.count(b"\n")
            else:
                yield Chunk(header + piece, line_at - 1 - header_lines, False)
            line_at += piece.count(b"\n")
            want = max(block, int(cut * 1.1))
            if eof and not buf:
                return


def _leading_blank(buf: bytes) -> int:
    """Blank lines (empty or only whitespace) before the first line with content."""
    n, at = 0, 0
    while True:
        nl = buf.find(b"\n", at)
        if nl < 0 or buf[at:nl].strip():
            return n
        n, at = n + 1, nl + 1


def _cut(buf: bytes, delimiter: str, quoting: bool, records: int, scan) -> int | None:
    """Offset just past the terminator of about the ``records``-th complete record, chosen
    so the record before the cut has content; None if ``buf`` holds too few records."""
    if not quoting or buf.find(b'"') < 0:
        arr = np.frombuffer(buf, dtype=np.uint8)
        term = np.flatnonzero(arr == 10)
    else:
        st = scan(buf, delimiter, quoting)
        # records that end with a newline are complete; the last one may not be
        term = st.starts[1:] - 1
    if term.size <= records:
        return None
    arr = np.frombuffer(buf, dtype=np.uint8)
    prev = np.concatenate(([-1], term[:-1]))
    length = term - prev - 1
    has_cr = (length > 0) & (arr[np.maximum(term - 1, 0)] == 13)
    content = (length - has_cr) > 0
    ok = np.flatnonzero(content[records - 1:])
    if ok.size == 0:
        return None
    return int(term[records - 1 + ok[0]]) + 1


def _header_record(first: bytes, delimiter: str, quoting: bool, scan) -> bytes:
    """The header record (first non-blank record) with its terminator, BOM removed."""
    body = first[3:] if first.startswith(b"\xef\xbb\xbf") else first
    st = scan(body, delimiter, quoting)
    nonblank = np.flatnonzero(~st.blank)
    h = int(nonblank[0]) if nonblank.size else 0
    end = int(st.starts[h + 1]) if h + 1 < st.starts.size else len(body)
    rec = body[int(st.starts[h]):end]
    return rec if rec.endswith(b"\n") else rec + b"\n"


# ---------------------------------------------------------------------------- lint
@dataclass
class Plan:
    """What the first chunk settles for all the others (kind, header, columns, rules)."""

    shown: str
    fmt: str
    delimiter: str | None
    kind_name: str
    header_line: int
    header: list[str]
    columns: dict[str, str]
    codes: list[str]  # the selected table rules of the kind (each runs by its declared shape)

    def rules(self) -> list:
        return [registry.get(c) for c in self.codes]


def make_plan(table, path: str, shown: str, fmt: str, delimiter, config: Config, sel) -> tuple[Plan | None, list]:
    """(the plan, or None when the kind cannot be told; the header's findings: DL119, or
    DL120 for near-miss column names), from the first chunk's table (canonicalised here)."""
    from druglint import execute
    from druglint.context import canonicalise
    from druglint.kinds import detect, near_miss

    columns = canonicalise(table, config)
    kind_name = config.kind_for(path) or detect(set(table.frame.columns))
    if kind_name is None:
        nearly = near_miss.unknown_kind(table, columns)  # DL120: a near-miss name would tell the kind
        if nearly:
            return None, nearly
        cols = ", ".join(map(str, list(columns.values())[:8]))
        return None, [Finding("DL119", table.header_line, 1,
                              f"cannot tell the dataset kind from the columns ({cols}); name it with 'kinds' in the config "
                              "or rename columns to the canonical names (see 'druglint rule DL119')")]
    return (Plan(shown, fmt, delimiter, kind_name, table.header_line, list(table.header), columns,
                 [r.code for r in execute.table_rules(kind_name, sel)]),
            near_miss.extra_columns(table, kind_name, columns, table.header_line))


def chunk_context(table, plan: Plan, config: Config, sel, project=None):
    """(the chunk's TableContext, its schema findings): the typed frame of one part."""
    from druglint.context import TableContext, hits_to_violations
    from druglint.kinds import KINDS
    from druglint.kinds.schema import check_schema

    table.frame = table.frame.rename(columns={v: k for k, v in plan.columns.items()})
    raw = table.frame
    typed, schema_hits = check_schema(raw, KINDS[plan.kind_name])
    ctx = TableContext(table, plan.kind_name, typed, raw, config, plan.columns, project)
    return ctx, hits_to_violations(schema_hits, ctx, "DL102", sel)


def read_chunk(chunk: Chunk, shown: str, fmt: str, delimiter: str, header_line: int | None):
    """The reader on one chunk: (findings in the file's lines, table with the file's lines)."""
    from druglint.readers.delimited import read_delimited
    from druglint.readers.table import Finding

    result = read_delimited(shown, chunk.body, fmt, delimiter)
    findings = []
    for f in result.findings:
        if not chunk.first and f.code in ("DL115", "DL116", "DL113", "DL112"):
            continue  # about the header (or an all-blank tail): reported with the first chunk
        findings.append(Finding(f.code, f.line if chunk.first else f.line + chunk.shift, f.column, f.message))
    table = result.table
    if table is not None and not chunk.first:
        table.lines = table.lines + chunk.shift
        table.header_line = header_line
    return findings, table


class Reducer:
    """Merges chunks in file order: the reader's findings (caps, header findings once) and,
    through the executor's ``Fold``, every table rule by its declared shape."""

    def __init__(self, plan: Plan | None, config: Config, sel, project, shown: str = "") -> None:
        from druglint.execute import Fold

        self.plan, self.config, self.sel, self.project, self.shown = plan, config, sel, project, shown
        self.out: list[Violation] = []
        self.reader: list = []
        self.ragged: list = []
        self.ragged_total = 0
        self.blank: list = []
        self.header_seen: set[tuple] = set()
        if plan is not None:  # project rules that read rows of this kind fold here too (druglint.across)
            from druglint.execute import project_rules

            plan.codes = plan.codes + [r.code for r in project_rules(plan.kind_name, sel, project, shown)]
        self.fold = Fold(plan.rules(), sel) if plan is not None else None
        self.template = None
        self.project_states: dict | None = None  # set by an engine that merged the states elsewhere (Dask)

    def findings(self, findings: list) -> None:
        for g in findings:
            if g.code == "DL114":
                m = _MORE_RAGGED.match(g.message)
                self.ragged_total += int(m.group(1)) if m else 1
                self.ragged.append(g)  # a summary stands for its chunk's 201st row: only its line is used
            elif g.code == "DL117":
                self.blank.append(g)
            else:
                self.reader.append(g)

    def violations(self, found: list[Violation]) -> None:
        """Findings of one part; those about the columns (header line) once per file."""
        for v in found:
            if self.plan is not None and v.line == self.plan.header_line:
                key = (v.code, v.column, v.message)
                if key in self.header_seen:
                    continue
                self.header_seen.add(key)
            self.out.append(v)

    def feed(self, findings: list, ctx=None, schema: list | None = None) -> None:
        """One chunk in file order: its reader findings, its context and schema findings."""
        self.findings(findings)
        if ctx is None or self.fold is None:
            return
        self.violations(list(schema or []) + self.fold.feed(ctx))
        if self.template is None:
            self.template = header_only(ctx)

    def finish(self, late: list[Violation] | None = None) -> list[Violation]:
        """All findings of the file; ``late``: the whole-table rules' findings when computed elsewhere."""
        from druglint.context import findings_to_violations

        findings = list(self.reader) + self.blank[:50]
        explicit = [g for g in self.ragged[:200] if not _MORE_RAGGED.match(g.message)]
        findings.extend(explicit)
        if self.ragged_total > 200 and len(self.ragged) > 200:
            findings.append(Finding("DL114", self.ragged[200].line, 1,
                                    f"{self.ragged_total - 200} more rows have the wrong number of cells (not listed)"))
        out = findings_to_violations(self.shown, findings, self.sel, self.config) + self.out
        if self.fold is not None:
            out.extend(self.fold.finish() if late is None else late)
        if self.template is not None:
            from druglint.across import attach

            attach(self.template, self.project_states if self.project_states is not None
                   else self.fold.project_states() if self.fold is not None else {})
            self.project.tables.append(self.template)
        return out


def header_only(ctx):
    """A streamed table as the project rules see it: its columns and no rows, plus the states
    their shapes kept (``druglint.across``; see docs/architecture.md)."""
    from druglint.shapes import empty_like

    part = empty_like(ctx)
    part.table.meta["streamed"] = True
    return part


def prepare(path: str, shown: str, config: Config, sel):
    """(byte-level findings or None, fmt, delimiter, quoting) for a delimited file."""
    from druglint import readers
    from druglint.readers.delimited import sniff_delimiter
    from druglint.readers.table import Finding

    first = byte_findings(path)
    if first:
        return first, None, None, None
    name, delimiter = readers.format_of(path)
    if delimiter is None:
        with open(path, "rb") as fh:
            head = fh.read(1 << 16)
        body = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
        # the header is the first non-blank line (blank lines before it are DL117, as in one piece)
        lines = [ln for ln in body.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n") if ln.strip()]
        delimiter = sniff_delimiter(lines[0].decode("utf-8", "replace") if lines else "", "")
        if not delimiter:
            return [Finding("DL119", 1, 1, "text file is not a delimited table; skipped")], None, None, None
    return None, name, delimiter, delimiter != "$"


def first_chunk(path: str, shown: str, config: Config, sel, project, chunk_rows: int):
    """(early findings or None, the chunks' iterator, fmt, delimiter, the first chunk's
    reader findings, its table, the plan or None). A header that names no kind with the
    expected delimiter but does with the one it uses is read again with that one, after a
    DL120 hint, as in one piece (``kinds.near_miss.other_delimiter``)."""
    from druglint.context import remember_layout
    from druglint.kinds import near_miss

    early, fmt, delimiter, quoting = prepare(path, shown, config, sel)
    if early:
        return early, None, None, None, [], None, None
    chunks = iter_chunks(path, chunk_rows, delimiter, quoting)
    head = next(chunks)
    findings, table = read_chunk(head, shown, fmt, delimiter, None)
    if table is not None and not config.kind_for(path) and not near_miss.kind_of_header(table.header, config):
        retry = near_miss.other_delimiter(table, head.body[:1 << 16], shown, config)
        if retry is not None:
            again, hint = retry
            if again is None:  # the split header still needs near-miss names: nothing is checked
                return [*findings, hint], None, None, None, [], None, None
            delimiter, quoting = again.table.delimiter, again.table.delimiter != "$"
            chunks = iter_chunks(path, chunk_rows, delimiter, quoting)
            findings, table = read_chunk(next(chunks), shown, fmt, delimiter, None)
            findings.insert(0, hint)
    plan = None
    if table is not None:
        table.meta["quoting"] = quoting
        remember_layout(project, table)  # character columns for SARIF / github
        plan, header = make_plan(table, path, shown, fmt, delimiter, config, sel)
        findings.extend(header)
    return None, chunks, fmt, delimiter, findings, table, plan


def open_streamed(path: str, shown: str, config: Config, sel, project, chunk_rows: int):
    """The start both engines share: (violations, None) when the file is decided by its first
    chunk or holds no rows the rules read (reader findings only); else (None, (reducer,
    chunks, fmt, delimiter, findings, table, plan)) for the engine to go on with."""
    from druglint.context import findings_to_violations

    early, chunks, fmt, delimiter, findings, table, plan = first_chunk(path, shown, config, sel, project, chunk_rows)
    if early:
        return findings_to_violations(shown, early, sel, config), None
    reducer = Reducer(plan, config, sel, project, shown)
    if plan is None:
        reducer.findings(findings)
        for chunk in chunks:  # reader findings only
            reducer.findings(read_chunk(chunk, shown, fmt, delimiter, 1)[0])
        return reducer.finish(), None
    return None, (reducer, chunks, fmt, delimiter, findings, table, plan)


def lint_streamed(path: str, shown: str, config: Config, sel, project, chunk_rows: int) -> list[Violation]:
    """All findings for one delimited file, read ``chunk_rows`` records at a time: memory
    holds one chunk plus the rules' states (``druglint.execute.Fold``)."""
    done, started = open_streamed(path, shown, config, sel, project, chunk_rows)
    if started is None:
        return done
    reducer, chunks, fmt, delimiter, findings, table, plan = started
    started = None
    reducer.feed(findings, *chunk_context(table, plan, config, sel, project))
    table = None  # a judged chunk's rows (and bytes, below) go before the next chunk is read
    for chunk in chunks:
        found, table = read_chunk(chunk, shown, fmt, delimiter, plan.header_line)
        chunk = None
        if table is None:
            reducer.feed(found)
        else:
            reducer.feed(found, *chunk_context(table, plan, config, sel, project))
        table = None
    return reducer.finish()
