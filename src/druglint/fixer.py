"""``druglint check --fix`` / ``--diff``: apply the safe fixes that violations carry.

A violation's :class:`~druglint.model.Fix` says that the cell (or text span) at its line
and column holds ``old`` and should hold ``new``. Fixes are applied to the file's raw
bytes, never by re-serialising a parsed table, so that everything not fixed stays byte
for byte what it was:

* CSV / TSV / ``$`` files: the structural scan (readers/structure.py) gives each record's
  byte span and first line; the record is split into fields honouring quotes, the field at
  the violation's column is checked to hold exactly ``old`` and only that field's bytes are
  rewritten. The delimiter, the quoting of the cell (kept; added only when the new value
  needs it), line endings (CRLF or LF) and a BOM are untouched.
* YAML datasets: ruamel's round-trip loader gives the line and column of each value; the
  scalar there is replaced in the text (keeping its quote style), so comments, order and
  layout stay as written. If a value cannot be located in the text safely, the document is
  changed through ruamel's round-trip dumper instead (comments and order kept).
* Text documents (prose, Markdown): the span at line/column is checked to start with
  ``old`` and replaced.

A fix whose ``old`` is not what the file holds at that place is not applied: a file that
changed under us is never "fixed" blindly. Writing is atomic: a temp file in the same
folder, fsync, the original file mode, a last check that the file still has the content
that was read (SHA-256), then ``os.replace``. Killing the process at any moment leaves
either the old or the new file, never half of one; a stale temp file is a dot-file the
linter never picks up.

Planning one file's fixes is here; running them over a whole run (passes, writing, the
CLI's --fix/--diff/--baseline handling) is ``fixrun.py``.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Iterable

from druglint.model import Violation

@dataclass
class FileFix:
    path: str
    before: bytes
    after: bytes
    applied: list[Violation] = field(default_factory=list)
    skipped: list[Violation] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.after != self.before

    def diff(self) -> str:
        a = self.before.decode("utf-8", "replace").splitlines(keepends=True)
        b = self.after.decode("utf-8", "replace").splitlines(keepends=True)
        lines = list(difflib.unified_diff(a, b, fromfile=f"a/{self.path}", tofile=f"b/{self.path}"))
        return "".join(ln if ln.endswith("\n") else ln + "\n\\ No newline at end of file\n" for ln in lines)


# --------------------------------------------------------------------------- planning
def _chain(value: str, fixes: list[Violation]) -> tuple[str, list[Violation]]:
    """Apply every fix whose ``old`` is the current value, repeatedly (strip, then case)."""
    used: list[Violation] = []
    pending = list(fixes)
    progressed = True
    while progressed:
        progressed = False
        for v in pending:
            if v.fix is not None and v.fix.old == value and v.fix.new != value:
                value = v.fix.new
                used.append(v)
                pending.remove(v)
                progressed = True
                break
    return value, used


def _record_at(starts: list[int]):
    """line -> index of the YAML record holding it (a finding names its key's line, which
    lies at or below the record's first line), or None above the first record."""
    import bisect

    order = sorted(range(len(starts)), key=starts.__getitem__)
    firsts = [starts[i] for i in order]

    def at(line: int) -> int | None:
        k = bisect.bisect_right(firsts, line) - 1
        return order[k] if k >= 0 else None
    return at


def _by_cell(violations: Iterable[Violation]) -> dict[tuple[int, int], list[Violation]]:
    cells: dict[tuple[int, int], list[Violation]] = {}
    for v in violations:
        if v.fix is not None:
            cells.setdefault((v.line, v.column), []).append(v)
    return cells


def plan(path: str, data: bytes, violations: list[Violation]) -> FileFix:
    """The fixed bytes of one file (``data`` as read) for the fixes in ``violations``."""
    from druglint.readers import format_of

    fixes = [v for v in violations if v.fix is not None]
    result = FileFix(path, data, data)
    if not fixes:
        return result
    fmt = format_of(path)
    name = fmt[0] if fmt else None
    from druglint.engine import _handlers

    if any(h.claims(path, data[:4096]) for h in _handlers()):  # a document (prose .txt, spec .yaml):
        return _plan_text(result, fixes)                         # its fixes are text positions
    if name in ("csv", "tsv", "txt"):
        return _plan_delimited(result, fixes, fmt[1])
    if name == "yaml":
        return _plan_yaml(result, fixes)
    if name in ("json", "jsonl", "parquet", "xlsx"):
        result.skipped = fixes  # no byte-preserving writer for these (yet): report, do not touch
        return result
    return _plan_text(result, fixes)


# ---- delimited
def field_spans(rec: str, delim: str, quoting: bool) -> list[tuple[int, int, bool | None]]:
    """(start, end, quoted) of each field of one record's text (no line terminator)."""
    spans: list[tuple[int, int, bool | None]] = []
    i, n = 0, len(rec)
    while True:
        start = i
        if quoting and i < n and rec[i] == '"':
            j = i + 1
            while j < n:
                if rec[j] == '"':
                    if j + 1 < n and rec[j + 1] == '"':
                        j += 2
                        continue
                    break
                j += 1
            k = rec.find(delim, j + 1)
            k = n if k < 0 else k
            # quoted only if the closing quote ends the field; otherwise malformed (None): never touched
            spans.append((start, k, True if (j < n and j == k - 1) else None))
        else:
            k = rec.find(delim, i)
            k = n if k < 0 else k
            spans.append((start, k, False))
        if k >= n:
            break
        i = k + 1
    return spans


def _cell_value(text: str, quoted: bool) -> str:
    return text[1:-1].replace('""', '"') if quoted else text


def _render_cell(value: str, delim: str, quoting: bool, was_quoted: bool) -> str | None:
    needs = any(c in value for c in (delim, "\n", "\r"))
    if not quoting:  # '$' files have no quoting: a value holding the delimiter cannot be written
        return None if needs else value
    if was_quoted or needs or '"' in value:
        return '"' + value.replace('"', '""') + '"'
    return value


def _plan_delimited(result: FileFix, fixes: list[Violation], delimiter: str | None) -> FileFix:
    from druglint.readers.delimited import sniff_delimiter
    from druglint.readers.structure import scan

    data = result.before
    bom = data.startswith(b"\xef\xbb\xbf")
    off = 3 if bom else 0
    body = data[off:]
    if b"\n" not in body and b"\r" in body:  # CR-only line endings, read as the reader does
        body = body.replace(b"\r", b"\n")  # (same offsets; the edits below go into ``data``, CRs kept)
    if delimiter is None:
        delimiter = sniff_delimiter(body.lstrip(b"\r\n").split(b"\n", 1)[0].decode("utf-8", "replace"), ",")
    quoting = delimiter != "$"
    st = scan(body, delimiter, quoting)
    line_to_rec = {int(line): i for i, line in enumerate(st.lines.tolist())}
    cells = _by_cell(fixes)
    edits: list[tuple[int, int, bytes]] = []  # (start, end, replacement) in ``data``
    by_line: dict[int, list[tuple[int, list[Violation]]]] = {}
    for (line, col), vs in cells.items():
        by_line.setdefault(line, []).append((col, vs))
    for line, cols in by_line.items():
        r = line_to_rec.get(line)
        if r is None:
            for _, vs in cols:
                result.skipped.extend(vs)
            continue
        s, e = int(st.starts[r]), int(st.ends[r])
        try:
            rec = body[s:e].decode("utf-8")
        except UnicodeDecodeError:
            for _, vs in cols:
                result.skipped.extend(vs)
            continue
        spans = field_spans(rec, delimiter, quoting)
        new_rec = rec
        for col, vs in sorted(cols, key=lambda t: -t[0]):  # right to left keeps earlier spans valid
            if not 1 <= col <= len(spans) or spans[col - 1][2] is None:
                result.skipped.extend(vs)
                continue
            fs, fe, quoted = spans[col - 1]
            current = _cell_value(rec[fs:fe], bool(quoted))
            value, used = _chain(current, vs)
            result.skipped.extend(v for v in vs if v not in used)
            if not used:
                continue
            rendered = _render_cell(value, delimiter, quoting, bool(quoted))
            if rendered is None:
                result.skipped.extend(used)
                continue
            new_rec = new_rec[:fs] + rendered + new_rec[fe:]
            result.applied.extend(used)
        if new_rec != rec:
            edits.append((off + s, off + e, new_rec.encode("utf-8")))
    pieces, pos = [], 0  # one join: splicing edit by edit would copy the file once per edit
    for s, e, rep in sorted(edits):
        pieces += [data[pos:s], rep]
        pos = e
    pieces.append(data[pos:])
    result.after = b"".join(pieces)
    return result


# ---- YAML
def _plan_yaml(result: FileFix, fixes: list[Violation]) -> FileFix:
    import json

    from druglint import yamlio

    data = result.before
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        text = data[3 if bom else 0:].decode("utf-8")
        doc = yamlio.load(text)
    except (UnicodeDecodeError, yamlio.YamlError):
        result.skipped = fixes
        return result
    records = _yaml_records(doc)
    if records is None:
        result.skipped = fixes
        return result
    header: list[str] = []
    seen: set[str] = set()
    for rec in records:
        for k in rec:
            if str(k) not in seen:
                seen.add(str(k))
                header.append(str(k))
    rec_at = _record_at([yamlio.line_of(records, i) for i in range(len(records))])
    lines = text.splitlines(keepends=True)
    text_edits: list[tuple[int, int, int, str]] = []  # (line0, col0, length, replacement)
    tree_edits: list[tuple[object, object, str]] = []
    for (line, col), vs in _by_cell(fixes).items():
        i = rec_at(line)
        if i is None or not 1 <= col <= len(header):
            result.skipped.extend(vs)
            continue
        rec = records[i]
        key = next((k for k in rec if str(k) == header[col - 1]), None)
        value = rec.get(key) if key is not None else None
        if not isinstance(value, str):
            result.skipped.extend(vs)
            continue
        new, used = _chain(value, vs)
        result.skipped.extend(v for v in vs if v not in used)
        if not used:
            continue
        result.applied.extend(used)
        try:
            l0, c0 = rec.lc.value(key)
        except (AttributeError, KeyError, TypeError):
            tree_edits.append((rec, key, new))
            continue
        src = lines[l0][c0:] if l0 < len(lines) else ""
        span = None
        for style, rendered_old in (("plain", value), ("single", "'" + value.replace("'", "''") + "'"),
                                    ("double", json.dumps(value, ensure_ascii=False))):
            if src.startswith(rendered_old):
                span = (style, len(rendered_old))
                break
        if span is None:
            tree_edits.append((rec, key, new))
            continue
        style, length = span
        if style == "single":
            rendered = "'" + new.replace("'", "''") + "'"
        elif style == "double":
            rendered = json.dumps(new, ensure_ascii=False)
        else:
            rendered = new if _plain_ok(new) else json.dumps(new, ensure_ascii=False)
        text_edits.append((l0, c0, length, rendered))
    if tree_edits:  # some value could not be located in the text: change the tree instead
        return _yaml_roundtrip(result, doc, records, fixes, bom)
    for l0, c0, length, rendered in sorted(text_edits, reverse=True):
        lines[l0] = lines[l0][:c0] + rendered + lines[l0][c0 + length:]
    new_text = "".join(lines)
    # verify: the edited document parses and holds the new values where the fixes said
    try:
        check = _yaml_records(yamlio.load(new_text))
    except yamlio.YamlError:
        check = None
    if check is None or len(check) != len(records):
        return _yaml_roundtrip(result, doc, records, fixes, bom)
    result.after = (b"\xef\xbb\xbf" if bom else b"") + new_text.encode("utf-8")
    return result


def _plain_ok(value: str) -> bool:
    from druglint import yamlio

    if not value or value != value.strip() or "\n" in value:
        return False
    try:
        doc = yamlio.load(f"k: {value}\n")
    except yamlio.YamlError:
        return False
    return isinstance(doc, dict) and doc.get("k") == value and isinstance(doc.get("k"), str)


def _yaml_records(doc: object) -> list | None:
    if isinstance(doc, dict):
        lists = [k for k, v in doc.items() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)]
        return doc[lists[0]] if len(lists) == 1 else None
    if isinstance(doc, list) and all(isinstance(x, dict) for x in doc):
        return doc
    return None


def _yaml_roundtrip(result: FileFix, doc: object, records: list, fixes: list[Violation], bom: bool) -> FileFix:
    """Fallback: set the values in ruamel's round-trip tree and dump (comments, order kept)."""
    import io

    from ruamel.yaml import YAML

    from druglint import yamlio

    header: list[str] = []
    for rec in records:
        for k in rec:
            if str(k) not in header:
                header.append(str(k))
    rec_at = _record_at([yamlio.line_of(records, i) for i in range(len(records))])
    applied: list[Violation] = []
    for (line, col), vs in _by_cell(fixes).items():
        i = rec_at(line)
        if i is None or not 1 <= col <= len(header):
            continue
        rec = records[i]
        key = next((k for k in rec if str(k) == header[col - 1]), None)
        if key is None or not isinstance(rec[key], str):
            continue
        new, used = _chain(str(rec[key]), vs)
        if used:
            rec[key] = new
            applied.extend(used)
    buf = io.StringIO()
    y = YAML(typ="rt", pure=True)
    y.preserve_quotes = True
    y.dump(doc, buf)
    result.applied = applied
    result.skipped = [v for v in fixes if v not in applied]
    result.after = (b"\xef\xbb\xbf" if bom else b"") + buf.getvalue().encode("utf-8") if applied else result.before
    return result


# ---- text documents
def _plan_text(result: FileFix, fixes: list[Violation]) -> FileFix:
    try:
        text = result.before.decode("utf-8")
    except UnicodeDecodeError:
        result.skipped = fixes
        return result
    lines = text.splitlines(keepends=True)
    edits: list[tuple[int, int, int, str, Violation]] = []
    for v in fixes:
        assert v.fix is not None
        l0, c0 = v.line - 1, v.column - 1
        if 0 <= l0 < len(lines) and c0 >= 0 and v.fix.old and lines[l0][c0:].startswith(v.fix.old):
            edits.append((l0, c0, len(v.fix.old), v.fix.new, v))
        else:
            result.skipped.append(v)
    last: tuple[int, int] | None = None
    for l0, c0, length, new, v in sorted(edits, key=lambda t: (t[0], t[1]), reverse=True):
        if last is not None and l0 == last[0] and c0 + length > last[1]:
            result.skipped.append(v)  # overlaps a fix already applied on this line
            continue
        lines[l0] = lines[l0][:c0] + new + lines[l0][c0 + length:]
        result.applied.append(v)
        last = (l0, c0)
    result.after = "".join(lines).encode("utf-8")
    return result


# ---------------------------------------------------------------------------- writing
# (druglint/fixwrite.py: atomic, keeping mode, owner, links and attributes, or refusing)
from druglint.fixwrite import FileChanged, FixRefused, digest, write_atomic  # noqa: E402,F401


__all__ = ["plan", "write_atomic", "FileFix", "FileChanged", "FixRefused", "field_spans", "digest"]
