"""Streaming: lint a delimited file larger than memory in chunks, with the same findings.

The file is cut into chunks of about ``chunk_rows`` records, always at a record boundary
(outside quotes, never just before a blank line, so that "blank line inside the data" is
decided as in one piece). Each chunk is read by the ordinary reader (with the header line
prepended) and its lines are shifted back to the file's own line numbers. Schema checks and
row-local rules run per chunk. Rules that look across rows keep exact results:

- DL108 duplicate-row, DL302 severity-conflict, DL303 reversed-duplicate keep bounded state
  across chunks (``RowSeen``, ``PairSeen``): a 128-bit fingerprint per distinct row, and an
  integer id per distinct normalised drug name with one entry per distinct pair. Rows are
  fed in file order, so "the first listing" is always already known.
- Any other rule that needs the whole table (per-patient dose gaps, per-drug first
  occurrences, spec coverage...) runs once at the end on a projection: only the columns it
  ``needs`` (or those listed in ``PROJECTION``), with the rows' lines. Rules that are known
  to look at one row at a time (``ROW_LOCAL``) run per chunk.

Reader findings are merged as the one-piece reader would report them (the caps of 50
blank-line and 200 ragged-row findings are applied to the whole file). Byte-level problems
(NUL bytes, invalid UTF-8, UTF-16) are found by a first pass before anything else.
"""
from __future__ import annotations

import codecs
import os
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from druglint import registry
from druglint.config import Config, ConfigError
from druglint.model import Violation

# Table rules that decide each row from that row alone (and the config/specs): safe per chunk.
# (DL403, DL405, DL406 are not: without a phase column, a row's phase is its position in the
# patient's sequence of doses.)
ROW_LOCAL = {"DL201", "DL202", "DL203", "DL204", "DL301", "DL305", "DL401", "DL402", "DL404", "DL408", "DL409",
             "DL430", "DL431", "DL432", "DL433", "DL434", "DL435"}
# Whole-table rules without a ``needs`` declaration: the columns they read.
_NAMES = ("drug", "drug_a", "drug_b")
PROJECTION = {"DL520": _NAMES, "DL521": _NAMES}
# Columns every whole-table rule of a kind may read besides its ``needs`` (rules look at
# phase, patient and date to place a dose; none reads long free text across rows).
CONTEXT = {
    "interactions": ("drug_a", "drug_b", "severity"),
    "side_effects": ("drug", "effect", "frequency_category", "frequency_percent", "serious", "meddra_code"),
    "dosing": ("drug", "route", "dose", "dose_unit", "concentration", "concentration_unit", "interval_days",
               "phase", "patient_id", "date", "pregnant", "immunocompromised", "concomitant"),
}
# Rules with their own bounded streaming state (below).
STATEFUL = ("DL108", "DL302", "DL303")

DEFAULT_CHUNK_ROWS = 1_000_000
STREAM_SUFFIXES = {".csv", ".tsv", ".tab", ".txt", ".psv"}
_MORE_RAGGED = re.compile(r"^(\d+) more rows have the wrong number of cells")


# ------------------------------------------------------------------------ choosing
def _available_memory() -> int:
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return 8 << 30


def chunk_rows_for(path: str, config: Config) -> int | None:
    """Rows per chunk if ``path`` should be streamed, else None.

    ``chunk-size`` (config key, or ``--chunk-size`` on the command line) forces streaming
    with that many rows per chunk (0 turns streaming off). Otherwise a delimited file is
    streamed when it is larger than an eighth of the available memory (in memory a table
    takes 3-6 times its file size while it is checked) or than 2 GiB.
    """
    if os.path.splitext(path)[1].lower() not in STREAM_SUFFIXES:
        return None
    forced = config.extra.get("chunk-size")
    if forced is not None:
        n = chunk_size_value(forced, config)
        return n if n > 0 else None
    try:
        size = os.path.getsize(path)
    except OSError:
        return None
    threshold = min(2 << 30, _available_memory() // 8)
    return DEFAULT_CHUNK_ROWS if size > threshold else None


def chunk_size_value(value: object, config: Config | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise _bad_chunk(value, config)
    try:
        n = int(value)
    except ValueError:
        raise _bad_chunk(value, config) from None
    if n < 0:
        raise _bad_chunk(value, config)
    return n


def _bad_chunk(value: object, config: Config | None) -> ConfigError:
    line = config.line_of("chunk-size") if config is not None and callable(config.line_of) else None
    return ConfigError(f"chunk-size must be a whole number of rows (0 = never stream), not {value!r}",
                       config.path if config is not None else None, line)


# -------------------------------------------------------------------- byte pre-pass
def byte_findings(path: str, block: int = 16 << 20):
    """The reader's encoding findings for the whole file, in one streaming pass."""
    from druglint.readers.table import Finding

    dec = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    lines_before = 0
    last_nl = -1  # absolute offset of the last newline seen
    with open(path, "rb") as fh:
        head = fh.read(4)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            return [Finding("DL110", 1, 1, "file is UTF-16, not UTF-8; re-save the file as UTF-8")]
        fh.seek(0)
        while True:
            buf = fh.read(block)
            if not buf:
                break
            nul = buf.find(b"\x00")
            if nul >= 0:
                line = lines_before + buf.count(b"\n", 0, nul) + 1
                return [Finding("DL111", line, 1, "file holds NUL bytes: it looks binary, not text (is it a spreadsheet or a compressed file?)")]
            try:
                dec.decode(buf, final=False)
            except UnicodeDecodeError as exc:
                return [_utf8_finding(path, offset + exc.start, buf, exc.start, lines_before, last_nl, offset)]
            lines_before += buf.count(b"\n")
            nl = buf.rfind(b"\n")
            if nl >= 0:
                last_nl = offset + nl
            offset += len(buf)
        try:
            dec.decode(b"", final=True)
        except UnicodeDecodeError:
            with open(path, "rb") as fh2:
                fh2.seek(max(0, offset - 4))
                tail = fh2.read()
            start = offset - len(tail) + _first_bad_utf8(tail)
            fh.seek(0)
            return [_utf8_finding(path, start, None, None, None, None, None)]
    return []


def _first_bad_utf8(tail: bytes) -> int:
    for i in range(len(tail)):
        try:
            tail[i:].decode("utf-8")
            return max(0, i - 1)
        except UnicodeDecodeError as exc:
            return i + exc.start
    return 0


def _utf8_finding(path, pos, buf, rel, lines_before, last_nl, offset):
    """DL110 worded exactly as ``readers.text.decode_findings`` words it."""
    from druglint.readers.table import Finding
    from druglint.readers.text import _guess_encoding

    with open(path, "rb") as fh:
        # line and column: count newlines before ``pos`` (streamed), byte after it
        line, prev_nl, done = 1, -1, 0
        while done < pos:
            chunk = fh.read(min(16 << 20, pos - done))
            if not chunk:
                break
            line += chunk.count(b"\n")
            k = chunk.rfind(b"\n")
            if k >= 0:
                prev_nl = done + k
            done += len(chunk)
        bad = fh.read(1)
    col = pos - (prev_nl + 1) + 1
    guess = _guess_stream(path)
    return Finding("DL110", line, col,
                   f"file is not UTF-8: byte 0x{bad[0]:02x} at line {line}, column {col} cannot be decoded"
                   + (f" (it looks like {guess}); re-save the file as UTF-8" if guess else "; re-save the file as UTF-8"))


def _guess_stream(path: str) -> str | None:
    dec = codecs.getincrementaldecoder("cp1252")()
    try:
        with open(path, "rb") as fh:
            while True:
                buf = fh.read(16 << 20)
                if not buf:
                    break
                dec.decode(buf)
            dec.decode(b"", final=True)
        return "Windows-1252 or Latin-1"
    except UnicodeDecodeError:
        return None


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
        while True:
            while not eof and len(buf) < want:
                more = fh.read(max(want - len(buf), 1 << 20))
                if not more:
                    eof = True
                    break
                buf += more
            if not buf:
                if header is None:
                    yield Chunk(b"", 0, True)  # an empty file: the reader says so
                return
            cut = _cut(buf, delimiter, quoting, chunk_rows + (1 if header is None else 0), scan)
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


# ----------------------------------------------------------------- bounded states
class RowSeen:
    """DL108 across chunks: a 128-bit fingerprint of every distinct row and its first line."""

    _KEY2 = "druglint:dup:128"

    def __init__(self) -> None:
        self.h1 = pd.Index(np.zeros(0, dtype=np.uint64))
        self.h2 = np.zeros(0, dtype=np.uint64)
        self.line = np.zeros(0, dtype=np.int64)

    def feed(self, ctx) -> pd.DataFrame | None:
        from druglint.hits import hits
        from druglint.rules.common.duplicate_row import _hashable

        raw = _hashable(ctx.raw)
        n = len(raw)
        if n == 0:
            return None
        h1 = pd.util.hash_pandas_object(raw, index=False).to_numpy(dtype=np.uint64)
        h2 = pd.util.hash_pandas_object(raw, index=False, hash_key=self._KEY2[:16]).to_numpy(dtype=np.uint64)
        lines = ctx.table.lines
        at = self.h1.get_indexer(h1)
        known = (at >= 0) & (self.h2[np.maximum(at, 0)] == h2) if self.h2.size else np.zeros(n, dtype=bool)
        first_line = np.where(known, self.line[np.maximum(at, 0)] if self.line.size else 0, 0)
        # rows not seen before: the first of each fingerprint within the chunk is new
        codes, _ = pd.factorize(h1)
        first_of = np.empty(int(codes.max()) + 1, dtype=np.int64)
        first_of[codes[::-1]] = np.arange(n - 1, -1, -1)
        fpos = first_of[codes]
        same = h2 == h2[fpos]  # a 64-bit collision with a different row is not a duplicate
        new_first = ~known & (fpos == np.arange(n)) & (at < 0)
        dup_in_chunk = ~known & (fpos != np.arange(n)) & same & (at < 0)
        first_line = np.where(dup_in_chunk, lines[fpos], first_line)
        dup = known | dup_in_chunk
        if new_first.any():
            self.h1 = self.h1.append(pd.Index(h1[new_first]))
            self.h2 = np.concatenate([self.h2, h2[new_first]])
            self.line = np.concatenate([self.line, lines[new_first]])
        if not dup.any():
            return None
        return hits(dup, None, "row duplicates the row at line " + first_line[dup].astype(str).astype(object))


class PairSeen:
    """DL302 and DL303 across chunks: names get global integer ids (normalised as in
    ``rules.interactions.pairs``), pairs become exact 64-bit keys, and the first listing
    (any, and first rated) of each unordered pair is kept with its line."""

    def __init__(self) -> None:
        self.names = pd.Index([], dtype=object)
        self.sevs: list[object] = []
        self.sev_index = pd.Index([], dtype=object)
        # DL303: first listing of each unordered pair
        self.any_key = pd.Index(np.zeros(0, dtype=np.int64))
        self.any_ordered = np.zeros(0, dtype=np.int64)
        self.any_sev = np.zeros(0, dtype=np.int64)
        self.any_line = np.zeros(0, dtype=np.int64)
        # DL302: first rated listing
        self.rated_key = pd.Index(np.zeros(0, dtype=np.int64))
        self.rated_ordered = np.zeros(0, dtype=np.int64)
        self.rated_sev = np.zeros(0, dtype=np.int64)
        self.rated_line = np.zeros(0, dtype=np.int64)
        self._chunk_id = None
        self._keys = None

    def _ids(self, values: pd.Series) -> np.ndarray:
        codes, uniques = pd.factorize(values)
        normal = pd.Index(uniques).astype(str).str.strip().str.casefold().str.replace(r"\s+", " ", regex=True)
        at = self.names.get_indexer(normal) if len(self.names) else np.full(len(normal), -1)
        new = at < 0
        if new.any():
            fresh = pd.Index(pd.unique(np.asarray(normal[new], dtype=object)))
            start = len(self.names)
            self.names = self.names.append(fresh)
            at = np.where(new, start + fresh.get_indexer(normal), at) if len(fresh) else at
        return np.where(codes >= 0, at[np.maximum(codes, 0)] if at.size else -1, -1).astype(np.int64)

    def _sev_codes(self, sev: pd.Series) -> np.ndarray:
        vals = sev.to_numpy(dtype=object, na_value=None)
        codes, uniques = pd.factorize(pd.Series(vals, dtype=object))
        u = list(uniques)
        at = self.sev_index.get_indexer(u) if len(self.sev_index) else np.full(len(u), -1)
        for i, v in enumerate(u):
            if at[i] < 0:
                self.sevs.append(v)
                self.sev_index = pd.Index(self.sevs, dtype=object)
                at[i] = len(self.sevs) - 1
        return np.where(codes >= 0, np.asarray(at, dtype=np.int64)[np.maximum(codes, 0)] if len(u) else -1, -1)

    def keys(self, ctx):
        if self._chunk_id is ctx:
            return self._keys
        frame = ctx.frame
        n = len(frame)
        ia, ib = self._ids(frame["drug_a"]), self._ids(frame["drug_b"])
        valid = (ia >= 0) & (ib >= 0)
        lo, hi = np.minimum(ia, ib), np.maximum(ia, ib)
        unordered = np.where(valid, (lo << 32) | hi, -1)
        ordered = np.where(valid, (ia << 32) | ib, -1)
        sev = self._sev_codes(frame["severity"])
        self._chunk_id, self._keys = ctx, (valid, unordered, ordered, valid & (ia == ib), sev, n)
        return self._keys

    @staticmethod
    def _first(key_index, store_ord, store_sev, store_line, keys, ordered, sev, lines, mask):
        """For rows in ``mask``: (has_first, first_ordered, first_sev, first_line, is_first,
        new_rows) using the stored firsts, else the first masked row of the chunk."""
        n = keys.size
        at = key_index.get_indexer(keys) if len(key_index) else np.full(n, -1)
        stored = mask & (at >= 0)
        a = np.maximum(at, 0)
        f_ord = np.where(stored, store_ord[a] if store_ord.size else 0, 0)
        f_sev = np.where(stored, store_sev[a] if store_sev.size else 0, 0)
        f_line = np.where(stored, store_line[a] if store_line.size else 0, 0)
        pos = pd.Series(np.arange(n, dtype=np.int64)).where(mask & (at < 0))
        first = pos.groupby(keys).transform("min").to_numpy()
        local = mask & (at < 0) & ~np.isnan(first)
        fi = np.where(local, first, 0).astype(np.int64)
        f_ord = np.where(local, ordered[fi], f_ord)
        f_sev = np.where(local, sev[fi], f_sev)
        f_line = np.where(local, lines[fi], f_line)
        is_first = local & (fi == np.arange(n))
        return stored | local, f_ord, f_sev, f_line, is_first

    def feed_reversed(self, ctx) -> pd.DataFrame | None:  # DL303
        from druglint.hits import hits

        valid, unordered, ordered, is_self, sev, n = self.keys(ctx)
        lines = ctx.table.lines
        has, f_ord, f_sev, f_line, is_first = self._first(self.any_key, self.any_ordered, self.any_sev, self.any_line,
                                                          unordered, ordered, sev, lines, valid)
        bad = valid & has & ~is_self & (ordered != f_ord) & (sev == f_sev) & ~is_first
        if is_first.any():
            self.any_key = self.any_key.append(pd.Index(unordered[is_first]))
            self.any_ordered = np.concatenate([self.any_ordered, ordered[is_first]])
            self.any_sev = np.concatenate([self.any_sev, sev[is_first]])
            self.any_line = np.concatenate([self.any_line, lines[is_first]])
        if not bad.any():
            return None
        sub = ctx.frame[bad]
        msg = ("pair " + sub["drug_a"].astype(str) + " / " + sub["drug_b"].astype(str)
               + " repeats the reversed pair at line " + f_line[bad].astype(str) + " with the same severity")
        return hits(bad, "drug_a", msg)

    def feed_conflict(self, ctx) -> pd.DataFrame | None:  # DL302
        from druglint.hits import hits

        valid, unordered, ordered, is_self, sev, n = self.keys(ctx)
        lines = ctx.table.lines
        sev_s = ctx.frame["severity"]
        rated = (sev_s.notna() & (sev_s != "unknown")).to_numpy() & ~is_self & valid
        has, f_ord, f_sev, f_line, is_first = self._first(self.rated_key, self.rated_ordered, self.rated_sev,
                                                          self.rated_line, unordered, ordered, sev, lines, rated)
        bad = rated & has & (sev != f_sev)
        if is_first.any():
            self.rated_key = self.rated_key.append(pd.Index(unordered[is_first]))
            self.rated_ordered = np.concatenate([self.rated_ordered, ordered[is_first]])
            self.rated_sev = np.concatenate([self.rated_sev, sev[is_first]])
            self.rated_line = np.concatenate([self.rated_line, lines[is_first]])
        if not bad.any():
            return None
        sub = ctx.frame[bad]
        sevs = np.asarray(self.sevs, dtype=object)
        other = pd.Series(sevs[f_sev[bad]]).map(repr).to_numpy()
        note = np.where(ordered[bad] != f_ord[bad], " (listed there in the other order)", "")
        msg = ("pair " + sub["drug_a"].astype(str) + " / " + sub["drug_b"].astype(str) + " is " + sub["severity"].map(repr)
               + " here but " + other + " at line " + f_line[bad].astype(str) + note)
        return hits(bad, "severity", msg)


# ---------------------------------------------------------------------- projection
@dataclass
class Projection:
    """Columns kept from every chunk for whole-table rules run once at the end."""

    columns: list[str] | None  # None: every column
    frames: list[pd.DataFrame] = field(default_factory=list)
    raws: list[pd.DataFrame] = field(default_factory=list)
    lines: list[np.ndarray] = field(default_factory=list)

    def add(self, ctx) -> None:
        cols = list(ctx.frame.columns) if self.columns is None else [c for c in self.columns if c in ctx.frame.columns]
        self.frames.append(ctx.frame[cols])
        self.raws.append(ctx.raw[[c for c in cols if c in ctx.raw.columns]])
        self.lines.append(ctx.table.lines)


# ---------------------------------------------------------------------------- lint
def lint_streamed(path: str, shown: str, config: Config, sel, project, chunk_rows: int) -> list[Violation]:
    """All findings for one delimited file, read ``chunk_rows`` records at a time."""
    from druglint import engine, readers
    from druglint.kinds import KINDS, detect
    from druglint.kinds.schema import check_schema
    from druglint.readers.delimited import read_delimited, sniff_delimiter
    from druglint.readers.table import Finding, Table

    first = byte_findings(path)
    if first:
        return engine._findings(shown, first, sel, config)
    name, delimiter = readers.format_of(path)
    if delimiter is None:
        with open(path, "rb") as fh:
            head = fh.read(1 << 16)
        body = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
        delimiter = sniff_delimiter(body.split(b"\n", 1)[0].decode("utf-8", "replace"), "")
        if not delimiter:
            return engine._findings(shown, [Finding("DL119", 1, 1, "text file is not a delimited table; skipped")], sel, config)
    quoting = delimiter != "$"

    out: list[Violation] = []
    reader_findings: list[Finding] = []
    ragged: list[Finding] = []
    ragged_total = 0
    blank_rows: list[Finding] = []
    header_seen: set[tuple] = set()
    kind_name: str | None = None
    kind = None
    header_line = 1
    columns: dict[str, str] = {}
    rules: list = []
    rows_seen = RowSeen()
    pairs = PairSeen()
    view = None
    deferred = []
    last_ctx = None
    stop_tables = False

    for chunk in iter_chunks(path, chunk_rows, delimiter, quoting):
        result = read_delimited(shown, chunk.body, name, delimiter)
        for f in result.findings:
            line = f.line if chunk.first else f.line + chunk.shift
            if not chunk.first and f.code in ("DL115", "DL116", "DL113", "DL112"):
                continue  # about the header (or an all-blank tail): reported with the first chunk
            g = Finding(f.code, line, f.column, f.message)
            if f.code == "DL114":
                m = _MORE_RAGGED.match(f.message)
                if m:
                    ragged_total += int(m.group(1))
                    ragged.append(g)  # stands for the chunk's 201st ragged row: only its line is used
                else:
                    ragged_total += 1
                    ragged.append(g)
            elif f.code == "DL117":
                blank_rows.append(g)
            else:
                reader_findings.append(g)
        table = result.table
        if table is None:
            if chunk.first:
                stop_tables = True
            continue
        if not chunk.first:
            table.lines = table.lines + chunk.shift
            table.header_line = header_line
        else:
            header_line = table.header_line
        if stop_tables:
            continue
        columns = engine.canonicalise(table, config)
        if chunk.first:
            kind_name = config.kind_for(path) or detect(set(table.frame.columns))
            if kind_name is None:
                cols = ", ".join(map(str, list(columns.values())[:8]))
                msg = (f"cannot tell the dataset kind from the columns ({cols}); name it with 'kinds' in the config "
                       "or rename columns to the canonical names (see docs/architecture.md)")
                out.extend(engine._findings(table.path, [Finding("DL119", table.header_line, 1, msg)], sel, config))
                stop_tables = True
                continue
            kind = KINDS[kind_name]
            rules = [r for r in registry.all_rules() if r.scope == registry.TABLE and kind_name in r.kinds
                     and sel.enabled(r.code)]
            # one projection serves every whole-table rule and the project (cross-file) rules
            cols: set[str] | None = set(CONTEXT.get(kind_name, ())) | set(kind.key) | set(kind.required)
            for r in rules:
                if r.code in STATEFUL or r.code in ROW_LOCAL or getattr(r.check, "row_local", False):
                    continue
                extra = r.needs or PROJECTION.get(r.code)
                if not extra:
                    cols = None  # a rule that may read anything: keep every column
                    break
                cols |= set(extra)
            view = Projection(sorted(cols) if cols is not None else None)
            deferred: list = []
        raw = table.frame
        typed, schema_hits = check_schema(raw, kind)
        ctx = engine.TableContext(table, kind_name, typed, raw, config, columns, project)
        for v in engine.hits_to_violations(schema_hits, ctx, "DL102", sel):
            if v.line == header_line:  # about the columns, not a row: once per file
                key = (v.code, v.column, v.message)
                if key in header_seen:
                    continue
                header_seen.add(key)
            out.append(v)
        for rule in rules:
            if not ctx.has(*rule.needs):
                continue
            if rule.code == "DL108":
                hits = rows_seen.feed(ctx)
            elif rule.code == "DL303":
                hits = pairs.feed_reversed(ctx)
            elif rule.code == "DL302":
                hits = pairs.feed_conflict(ctx)
            elif rule.code in ROW_LOCAL or getattr(rule.check, "row_local", False):
                hits = rule.check(ctx)
            else:
                if chunk.first:
                    deferred.append(rule)
                continue
            out.extend(engine.hits_to_violations(hits, ctx, rule.code, sel))
        view.add(ctx)
        last_ctx = ctx

    # reader findings with the one-piece reader's caps
    findings = list(reader_findings)
    findings.extend(blank_rows[:50])
    findings.extend(ragged[:200])
    if ragged_total > 200 and len(ragged) > 200:
        findings.append(Finding("DL114", ragged[200].line, 1,
                                f"{ragged_total - 200} more rows have the wrong number of cells (not listed)"))
    out[:0] = engine._findings(shown, findings, sel, config)

    # whole-table rules, once, on their projections
    if last_ctx is not None:
        whole = _view_context(view, shown, name, kind_name, last_ctx, config, columns, project, header_line, delimiter)
        for rule in deferred:
            out.extend(engine.hits_to_violations(rule.check(whole), whole, rule.code, sel))
        # project (cross-file) rules see the streamed table through the same projection
        project.tables.append(whole)
    return out


def _view_context(proj, shown, fmt, kind_name, last_ctx, config, columns, project, header_line, delimiter):
    from druglint import engine
    from druglint.readers.table import Table

    frame = pd.concat(proj.frames, ignore_index=True)
    raw = pd.concat(proj.raws, ignore_index=True)
    table = Table(shown, fmt, raw, np.concatenate(proj.lines), last_ctx.table.header, header_line, delimiter)
    table.meta["streamed"] = True
    return engine.TableContext(table, kind_name, frame, raw, config, columns, project)
