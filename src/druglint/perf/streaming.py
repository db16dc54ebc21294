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

Waivers (``suppress.table``, the one suppression point of table findings) apply to each chunk's findings and to the
whole-table rules' findings, with the columns they name kept in the projection.

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
from druglint.config import Config
from druglint.model import Violation
from druglint.readers.table import Finding
from druglint.perf.cli import chunk_size_value  # noqa: E402  (kept in the light module: the CLI checks it)

# Table rules that decide each row from that row alone (and the config/specs): safe per chunk.
# (DL403, DL405, DL406 are not: without a phase column, a row's phase is its position in the
# patient's sequence of doses.)
ROW_LOCAL = {"DL201", "DL202", "DL203", "DL204", "DL301", "DL305", "DL401", "DL402", "DL404", "DL408", "DL409",
             "DL430", "DL431", "DL432", "DL433", "DL434", "DL435"}
# Whole-table rules without a ``needs`` declaration: the columns they read.
_NAMES = ("drug", "drug_a", "drug_b")
PROJECTION = {"DL520": _NAMES, "DL521": _NAMES}
# Whole-table rules that read columns beyond their ``needs`` and the kind's CONTEXT (DL307
# compares descriptions across rows, so their text is kept; DL207 keeps listings of
# different sources apart).
PROJECTION_EXTRA = {"DL307": ("effect", "mechanism"), "DL207": ("source",)}
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
class KeyStore:
    """Distinct 64-bit keys with payload columns, for the states that must remember every
    key seen in earlier chunks. Keys live in an incrementally grown hash table (pandas'
    ``Int64HashTable``, ~27 bytes a key; lookups and inserts vectorised); payloads are
    appended in insertion order and addressed by the id ``find`` returns. (A pandas Index
    grown by ``append`` rebuilt its whole hash table at every chunk.) Without that pandas
    internal, a sorted array merged per chunk does the same, more slowly."""

    def __init__(self, key_dtype, *payload_dtypes) -> None:
        self.cols = [np.zeros(0, dtype=d) for d in payload_dtypes]
        self.size = 0
        try:
            from pandas._libs.hashtable import Int64HashTable

            self._table = Int64HashTable()
        except (ImportError, AttributeError):  # pragma: no cover - another pandas
            self._table = None
            self._keys = np.zeros(0, dtype=np.int64)
            self._ids = np.zeros(0, dtype=np.int64)

    def __len__(self) -> int:
        return self.size

    def find(self, keys: np.ndarray) -> np.ndarray:
        """The id of each key (an index into ``cols``), -1 when absent."""
        k = np.ascontiguousarray(keys).view(np.int64)
        if not self.size:
            return np.full(k.size, -1, dtype=np.int64)
        if self._table is not None:
            return np.asarray(self._table.lookup(k), dtype=np.int64)
        pos = np.minimum(np.searchsorted(self._keys, k), self._keys.size - 1)
        return np.where(self._keys[pos] == k, self._ids[pos], -1)

    def add(self, keys: np.ndarray, *payload: np.ndarray) -> None:
        """Remember distinct keys not seen before, with their payloads."""
        k = np.ascontiguousarray(keys).view(np.int64)
        if not k.size:
            return
        ids = np.arange(self.size, self.size + k.size, dtype=np.int64)
        if self._table is not None:
            self._table.map_keys_to_values(k, ids)
        else:
            order = np.argsort(np.concatenate([self._keys, k]), kind="stable")
            self._keys = np.concatenate([self._keys, k])[order]
            self._ids = np.concatenate([self._ids, ids])[order]
        self.cols = [np.concatenate([c, np.asarray(p, dtype=c.dtype)]) for c, p in zip(self.cols, payload)]
        self.size += k.size


class RowSeen:
    """DL108 across chunks: a 128-bit fingerprint of every distinct row and its first line."""

    _KEY2 = "druglint:dup:128"

    def __init__(self) -> None:
        self.seen = KeyStore(np.uint64, np.uint64, np.int64)  # h1 -> (h2, first line)

    def feed_hashes(self, h1: np.ndarray, h2: np.ndarray, lines: np.ndarray) -> pd.DataFrame | None:
        from druglint.grouping import first_positions
        from druglint.hits import hits

        n = h1.size
        if n == 0:
            return None
        at = self.seen.find(h1)
        s_h2, s_line = self.seen.cols
        known = (at >= 0) & (s_h2[np.maximum(at, 0)] == h2) if len(self.seen) else np.zeros(n, dtype=bool)
        first_line = np.where(known, s_line[np.maximum(at, 0)] if len(self.seen) else 0, 0)
        # rows not seen before: the first of each fingerprint within the chunk is new
        codes, _ = pd.factorize(h1)
        fpos = first_positions(codes)[codes]
        same = h2 == h2[fpos]  # a 64-bit collision with a different row is not a duplicate
        new_first = ~known & (fpos == np.arange(n)) & (at < 0)
        dup_in_chunk = ~known & (fpos != np.arange(n)) & same & (at < 0)
        first_line = np.where(dup_in_chunk, lines[fpos], first_line)
        dup = known | dup_in_chunk
        self.seen.add(h1[new_first], h2[new_first], lines[new_first])
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
        # unordered pair key -> (ordered key, severity code, line) of its first listing:
        # any listing (DL303), and the first rated one (DL302)
        self.any = KeyStore(np.int64, np.int64, np.int64, np.int64)
        self.rated = KeyStore(np.int64, np.int64, np.int64, np.int64)
        self._chunk_id = None
        self._keys = None

    def _ids(self, values: pd.Series) -> np.ndarray:
        codes, uniques = pd.factorize(values)
        from druglint.rules.interactions.pairs import normal_names

        normal = normal_names(uniques)
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
    def _first(store: KeyStore, keys, ordered, sev, lines, mask):
        """For rows in ``mask``: (has_first, first_ordered, first_sev, first_line, is_first)
        from the stored firsts, else from the first masked row of the chunk."""
        from druglint.grouping import first_of_group

        n = keys.size
        at = store.find(keys)
        stored = mask & (at >= 0)
        a = np.maximum(at, 0)
        s_ord, s_sev, s_line = store.cols
        f_ord = np.where(stored, s_ord[a] if len(store) else 0, 0)
        f_sev = np.where(stored, s_sev[a] if len(store) else 0, 0)
        f_line = np.where(stored, s_line[a] if len(store) else 0, 0)
        first = first_of_group(keys, mask & (at < 0))
        local = mask & (at < 0) & ~np.isnan(first)
        fi = np.where(local, first, 0).astype(np.int64)
        f_ord = np.where(local, ordered[fi], f_ord)
        f_sev = np.where(local, sev[fi], f_sev)
        f_line = np.where(local, lines[fi], f_line)
        is_first = local & (fi == np.arange(n))
        store.add(keys[is_first], ordered[is_first], sev[is_first], lines[is_first])
        return stored | local, f_ord, f_sev, f_line, is_first

    def feed_reversed(self, ctx) -> pd.DataFrame | None:  # DL303
        from druglint.hits import hits

        valid, unordered, ordered, is_self, sev, n = self.keys(ctx)
        has, f_ord, f_sev, f_line, is_first = self._first(self.any, unordered, ordered, sev, ctx.table.lines, valid)
        bad = valid & has & ~is_self & (ordered != f_ord) & (sev == f_sev) & ~is_first
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
        has, f_ord, f_sev, f_line, is_first = self._first(self.rated, unordered, ordered, sev, lines, rated)
        bad = rated & has & (sev != f_sev)
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
    local: list[str]  # codes run per chunk
    stateful: list[str]  # codes with a bounded state (fed by the reducer)
    deferred: list[str]  # codes run once on the projection
    view: list[str] | None  # projected columns (None: all)


@dataclass
class ChunkResult:
    findings: list  # reader findings, in the file's lines
    violations: list[Violation] = field(default_factory=list)  # schema and row-local rules
    frame: pd.DataFrame | None = None  # the projection of this chunk (typed)
    raw: pd.DataFrame | None = None
    lines: np.ndarray | None = None
    h1: np.ndarray | None = None  # DL108 fingerprints of the raw rows
    h2: np.ndarray | None = None
    table: object = None  # first chunk only: the Table (for the plan)


def make_plan(table, path: str, shown: str, fmt: str, delimiter, config: Config, sel) -> Plan | Finding:
    """Kind and rule split from the first chunk's table (``table.frame`` canonicalised)."""
    from druglint import engine
    from druglint.kinds import KINDS, detect
    from druglint.readers.table import Finding

    columns = engine.canonicalise(table, config)
    kind_name = config.kind_for(path) or detect(set(table.frame.columns))
    if kind_name is None:
        cols = ", ".join(map(str, list(columns.values())[:8]))
        return Finding("DL119", table.header_line, 1,
                       f"cannot tell the dataset kind from the columns ({cols}); name it with 'kinds' in the config "
                       "or rename columns to the canonical names (see 'druglint rule DL119')")
    kind = KINDS[kind_name]
    local, stateful, deferred = [], [], []
    cols: set[str] | None = set(CONTEXT.get(kind_name, ())) | set(kind.key) | set(kind.required)
    for r in registry.all_rules():
        if r.scope != registry.TABLE or kind_name not in r.kinds or not sel.enabled(r.code):
            continue
        if r.code in STATEFUL:
            stateful.append(r.code)
        elif r.code in ROW_LOCAL or getattr(r.check, "row_local", False):
            local.append(r.code)
        else:
            deferred.append(r.code)
            extra = r.needs or PROJECTION.get(r.code)
            if extra and r.code in PROJECTION_EXTRA:
                extra = tuple(extra) + PROJECTION_EXTRA[r.code]
            if not extra:
                cols = None  # a rule that may read anything: keep every column
            elif cols is not None:
                cols |= set(extra)
    if cols is not None:
        cols |= _waiver_columns(config, columns)
    return Plan(shown, fmt, delimiter, kind_name, table.header_line, list(table.header), columns, local, stateful,
                deferred, sorted(cols) if cols is not None else None)


def _waiver_columns(config: Config, columns: dict[str, str]) -> set[str]:
    """Canonical names of the columns that waivers identify records by: the projection
    keeps them so that waivers apply to streamed findings as in one piece."""
    from druglint.kinds import canonical_name
    from druglint.suppress import waivers

    loaded = waivers.load(config)
    if loaded is None:
        return set()
    file_to_canon = {v: k for k, v in columns.items()}
    return {file_to_canon.get(c, canonical_name(c)) for w in loaded.waivers for c in w.row}


def lint_chunk_table(table, plan: Plan, config: Config, sel, project=None) -> ChunkResult:
    """Schema and row-local rules on one chunk's table; the projection and fingerprints
    the reducer needs. Runs wherever the chunk is (this process or a Dask worker)."""
    from druglint import engine
    from druglint.kinds import KINDS
    from druglint.kinds.schema import check_schema

    kind = KINDS[plan.kind_name]
    table.frame = table.frame.rename(columns={v: k for k, v in plan.columns.items()})
    raw = table.frame
    typed, schema_hits = check_schema(raw, kind)
    ctx = engine.TableContext(table, plan.kind_name, typed, raw, config, plan.columns, project)
    res = ChunkResult([])
    res.violations = engine.hits_to_violations(schema_hits, ctx, "DL102", sel)
    for code in plan.local:
        rule = registry.get(code)
        if ctx.has(*rule.needs):
            res.violations.extend(engine.hits_to_violations(rule.check(ctx), ctx, code, sel))
    keep = list(typed.columns) if plan.view is None else [c for c in plan.view if c in typed.columns]
    res.frame = typed[keep]
    res.raw = raw[[c for c in keep if c in raw.columns]]
    res.lines = np.asarray(table.lines, dtype=np.int64)
    if "DL108" in plan.stateful and len(raw):
        from druglint.rules.common.duplicate_row import _hashable

        h = _hashable(raw)
        res.h1 = pd.util.hash_pandas_object(h, index=False).to_numpy(dtype=np.uint64)
        res.h2 = pd.util.hash_pandas_object(h, index=False, hash_key=RowSeen._KEY2[:16]).to_numpy(dtype=np.uint64)
    return res


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


def lint_delimited_chunk(chunk: Chunk, plan: Plan, config: Config, sel, project=None) -> ChunkResult:
    findings, table = read_chunk(chunk, plan.shown, plan.fmt, plan.delimiter, plan.header_line)
    if table is None:
        return ChunkResult(findings)
    res = lint_chunk_table(table, plan, config, sel, project)
    res.findings = findings
    return res


def _finalised(violations: list, ctx, sel) -> list:
    """Suppression (``suppress.table``: waivers, YAML record comments) on findings of a chunk
    or of the whole-table rules: their rows are in ``ctx`` (the projection keeps the columns
    waivers name)."""
    from druglint import suppress

    return suppress.table(violations, ctx, sel)


class Reducer:
    """Merges chunk results in file order: reader caps, header findings once, the bounded
    states of DL108/DL302/DL303, and the projection for whole-table and project rules."""

    def __init__(self, plan: Plan | None, config: Config, sel, project, shown: str = "") -> None:
        self.plan, self.config, self.sel, self.project, self.shown = plan, config, sel, project, shown
        self.out: list[Violation] = []
        self.reader: list = []
        self.ragged: list = []
        self.ragged_total = 0
        self.blank: list = []
        self.header_seen: set[tuple] = set()
        self.rows = RowSeen()
        self.pairs = PairSeen()
        self.frames: list[pd.DataFrame] = []
        self.raws: list[pd.DataFrame] = []
        self.lines: list[np.ndarray] = []

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

    def feed(self, res: ChunkResult) -> None:
        from druglint import engine
        from druglint.readers.table import Table

        self.findings(res.findings)
        plan = self.plan
        if plan is None or res.frame is None:
            return
        found = []
        for v in res.violations:
            if v.line == plan.header_line:  # about the columns, not a row: once per file
                key = (v.code, v.column, v.message)
                if key in self.header_seen:
                    continue
                self.header_seen.add(key)
            found.append(v)
        table = Table(plan.shown, plan.fmt, res.raw, res.lines, plan.header, plan.header_line, plan.delimiter)
        ctx = engine.TableContext(table, plan.kind_name, res.frame, res.raw, self.config, plan.columns, self.project)
        for code in plan.stateful:
            rule = registry.get(code)
            if code == "DL108":
                hits = self.rows.feed_hashes(res.h1, res.h2, res.lines) if res.h1 is not None else None
            elif not ctx.has(*rule.needs):
                continue
            elif code == "DL303":
                hits = self.pairs.feed_reversed(ctx)
            else:
                hits = self.pairs.feed_conflict(ctx)
            found.extend(engine.hits_to_violations(hits, ctx, code, self.sel))
        self.out.extend(_finalised(found, ctx, self.sel))
        self.frames.append(res.frame)  # arrow-backed strings: the final concat copies nothing
        self.raws.append(res.raw)
        self.lines.append(res.lines)

    def finish(self) -> list[Violation]:
        from druglint import engine
        from druglint.readers.table import Finding, Table

        findings = list(self.reader) + self.blank[:50]
        explicit = [g for g in self.ragged[:200] if not _MORE_RAGGED.match(g.message)]
        findings.extend(explicit)
        if self.ragged_total > 200 and len(self.ragged) > 200:
            findings.append(Finding("DL114", self.ragged[200].line, 1,
                                    f"{self.ragged_total - 200} more rows have the wrong number of cells (not listed)"))
        out = engine._findings(self.shown, findings, self.sel, self.config) + self.out
        plan = self.plan
        if plan is not None and self.frames:
            frame = pd.concat(self.frames, ignore_index=True)
            raw = pd.concat(self.raws, ignore_index=True)
            table = Table(plan.shown, plan.fmt, raw, np.concatenate(self.lines), plan.header, plan.header_line,
                          plan.delimiter)
            table.meta["streamed"] = True
            whole = engine.TableContext(table, plan.kind_name, frame, raw, self.config, plan.columns, self.project)
            self.frames, self.raws, self.lines = [], [], []
            deferred = []
            for code in plan.deferred:
                rule = registry.get(code)
                if whole.has(*rule.needs):
                    deferred.extend(engine.hits_to_violations(rule.check(whole), whole, code, self.sel))
            out.extend(_finalised(deferred, whole, self.sel))
            # project (cross-file) rules see the streamed table through the same projection
            self.project.tables.append(whole)
        return out


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
        delimiter = sniff_delimiter(body.split(b"\n", 1)[0].decode("utf-8", "replace"), "")
        if not delimiter:
            return [Finding("DL119", 1, 1, "text file is not a delimited table; skipped")], None, None, None
    return None, name, delimiter, delimiter != "$"


def lint_streamed(path: str, shown: str, config: Config, sel, project, chunk_rows: int, mapper=None) -> list[Violation]:
    """All findings for one delimited file, read ``chunk_rows`` records at a time.

    ``mapper(fn, chunks, plan)`` may run ``lint_delimited_chunk`` elsewhere (the Dask
    engine does); it must yield results in file order. By default chunks run here, one at
    a time, so memory holds one chunk plus the bounded state."""
    from druglint import engine

    early, fmt, delimiter, quoting = prepare(path, shown, config, sel)
    if early:
        return engine._findings(shown, early, sel, config)
    chunks = iter_chunks(path, chunk_rows, delimiter, quoting)
    first = next(chunks)
    findings, table = read_chunk(first, shown, fmt, delimiter, None)
    plan = None
    if table is not None:
        table.meta["quoting"] = quoting
        engine.remember_layout(project, table)  # character columns for SARIF / github
        plan = make_plan(table, path, shown, fmt, delimiter, config, sel)
        if not isinstance(plan, Plan):
            findings.append(plan)
            plan = None
    reducer = Reducer(plan, config, sel, project, shown)
    if plan is None:
        reducer.findings(findings)
        for chunk in chunks:  # reader findings only
            reducer.findings(read_chunk(chunk, shown, fmt, delimiter, 1)[0])
        return reducer.finish()
    res = lint_chunk_table(table, plan, config, sel, project)
    res.findings = findings
    reducer.feed(res)
    if mapper is None:
        for chunk in chunks:
            reducer.feed(lint_delimited_chunk(chunk, plan, config, sel, project))
    else:
        for res in mapper(chunks, plan):
            reducer.feed(res)
    return reducer.finish()
