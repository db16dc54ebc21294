"""``druglint check --add-noqa``: accept today's findings where they are, as ruff's --add-noqa.

* Markdown and plain-text documents: ``<!-- druglint: disable-line=CODES -->`` is appended to
  each line with findings (an inline comment: the rendered document does not change).
* YAML datasets: ``# druglint: disable=CODES`` is appended to the first line of each record
  with findings (the YAML is re-read to prove its data did not change, else a waiver is used).
* Other tables (CSV, TSV, JSON, Parquet...), which cannot hold comments: one waiver per record
  and code is appended to the configured waiver file (config key ``waivers``; created when
  missing), identified by the kind's key columns, with the reason ``TODO: ...``. The waiver
  check refuses that placeholder until someone writes the real reason, so an accepted finding
  never goes unexplained.

reStructuredText, drug specs and label documents are left alone (said on stderr): fix those
findings, or suppress them by hand. DL699 (unused suppression) is never suppressed. Files are
written atomically, as by ``--fix``.
"""
from __future__ import annotations

import os
import re
from collections import defaultdict

from druglint.model import Report, Violation

PLACEHOLDER = "TODO: say why this finding is accepted"
_NEWLINE = re.compile(r"(\r\n|\r|\n)")


def _codes(vs: list[Violation]) -> str:
    return ",".join(sorted({v.code for v in vs}))


def _split(text: str) -> tuple[list[str], list[str]]:
    parts = _NEWLINE.split(text)
    return parts[0::2], parts[1::2] + [""]


def _write(path: str, before: bytes, after: bytes) -> None:
    from druglint.fixwrite import digest, write_atomic

    write_atomic(path, after, digest(before))


def _prose(path: str, data: bytes, vs: list[Violation]) -> tuple[int, bytes] | None:
    text = data.decode("utf-8")
    lines, ends = _split(text)
    front_end = 0
    if lines and lines[0].strip() == "---":  # YAML front matter: a comment there would break it
        front_end = next((i + 1 for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), 0)
    by_line: dict[int, list[Violation]] = defaultdict(list)
    for v in vs:
        if front_end < v.line <= len(lines):
            by_line[v.line].append(v)
    for line, group in by_line.items():
        lines[line - 1] = lines[line - 1].rstrip(" \t") + f" <!-- druglint: disable-line={_codes(group)} -->"
    return len(by_line), "".join(a + b for a, b in zip(lines, ends)).encode("utf-8")


def _yaml(path: str, data: bytes, vs: list[Violation]) -> tuple[int, bytes] | None:
    """Comments on the records; None when the text cannot take them safely (then waivers)."""
    from druglint import yamlio

    bom = data.startswith(b"\xef\xbb\xbf")
    text = data[3:].decode("utf-8") if bom else data.decode("utf-8")
    lines, ends = _split(text)
    by_line: dict[int, list[Violation]] = defaultdict(list)
    for v in vs:
        if not 1 <= v.line <= len(lines):
            return None
        first = v.line  # a finding names its key's line: comment the record's first line ("- key: ...")
        while first > 1 and not lines[first - 1].lstrip().startswith("- "):
            first -= 1
        by_line[first].append(v)
    for line, group in by_line.items():
        if "#" in lines[line - 1]:
            return None
        lines[line - 1] = lines[line - 1].rstrip(" \t") + f"  # druglint: disable={_codes(group)}"
    new = "".join(a + b for a, b in zip(lines, ends))
    try:
        if yamlio.load(new) != yamlio.load(text):  # a block scalar or a multi-line string took the comment
            return None
    except yamlio.YamlError:
        return None
    return len(by_line), (b"\xef\xbb\xbf" if bom else b"") + new.encode("utf-8")


def _rows(path: str, cfg, vs: list[Violation]) -> list[dict]:
    """Waiver entries: one per (record, code); the record named by its kind's key columns."""
    import numpy as np

    from druglint import readers
    from druglint.engine import canonicalise
    from druglint.kinds import KINDS, detect

    table = readers.read(path, path).table
    entries: dict[tuple, dict] = {}
    rel = cfg.rel(path)
    columns: list[str] = []
    lines = np.zeros(0, dtype=np.int64)
    if table is not None:
        canonicalise(table, cfg)
        kind = cfg.kind_for(path) or detect(set(table.frame.columns))
        key = list(KINDS[kind].key) if kind else []
        columns = key if key and all(k in table.frame.columns for k in key) else [str(c) for c in table.frame.columns]
        lines = np.asarray(table.lines, dtype=np.int64)
    for v in vs:
        row: dict[str, str] = {}
        pos = int(np.searchsorted(lines, v.line, side="right")) - 1 if len(lines) else -1
        if table is not None and pos >= 0 and lines[pos] == v.line and v.line > table.header_line:
            for c in columns:
                cell = table.frame[c].iat[pos]
                if cell is not None and cell == cell:
                    row[c] = str(cell)
        ident = (rel, v.code, tuple(sorted(row.items())))
        entries.setdefault(ident, {"path": rel, "code": v.code, "row": row, "reason": PLACEHOLDER})
    return list(entries.values())


def _waiver_file(cfg) -> str | None:
    raw = cfg.extra.get("waivers")
    if not isinstance(raw, str) or not raw.strip():
        return None
    base = os.path.dirname(os.path.abspath(cfg.path)) if cfg.path else cfg.root
    return os.path.normpath(os.path.join(base, raw))


def _waiver_text(path: str, entries: list[dict]) -> tuple[bytes, bytes]:
    """(the waiver file's bytes, the bytes with ``entries`` appended); refuses a layout it
    cannot extend safely (the result is re-read and compared)."""
    import json

    from druglint import yamlio
    from druglint.engine import UsageError

    with open(path, "rb") as fh:
        data = fh.read()
    text = data.decode("utf-8")
    doc = yamlio.load(text) if text.strip() else None
    fresh = doc is None or (isinstance(doc, dict) and set(doc) == {"waivers"} and doc["waivers"] in (None, []))
    items = [] if fresh else doc.get("waivers") if isinstance(doc, dict) else None
    if not isinstance(items, list):
        raise UsageError(f"{path}: cannot append waivers (expected a block list under 'waivers:'); add them by hand")

    def flow(e: dict) -> str:  # JSON is valid YAML flow style: every value quoted safely
        return "{" + ", ".join(f"{k}: {json.dumps(e[k], ensure_ascii=False)}" for k in ("path", "code", "row", "reason")) + "}"

    if fresh:
        new = "waivers:\n" + "".join(f"  - {flow(e)}\n" for e in entries)
    else:
        m = re.search(r"^([ \t]*)- ", text, re.M)
        indent = m.group(1) if m else "  "
        new = text + ("" if text.endswith("\n") else "\n") + "".join(f"{indent}- {flow(e)}\n" for e in entries)
    after = yamlio.load(new)
    got = after.get("waivers") if isinstance(after, dict) else None
    if not isinstance(got, list) or got[: len(items)] != items or len(got) != len(items) + len(entries):
        raise UsageError(f"{path}: cannot append waivers safely (unusual layout); add them by hand")
    return data, new.encode("utf-8")


def prepare(cfg) -> None:
    """Before linting: a configured waiver file that does not exist yet is created empty
    (the waiver check would refuse a missing one)."""
    file = _waiver_file(cfg)
    if file is not None and not os.path.exists(file):
        with open(file, "x", encoding="utf-8") as fh:
            fh.write("waivers:\n")


def _how(path: str, data: bytes) -> str:
    """'prose', 'yaml', 'table' or 'left' (not suppressed here)."""
    from druglint import readers
    from druglint.engine import _handlers

    claimed = [h for h in _handlers() if h.claims(path, data[:4096])]
    if claimed:
        prose = claimed[0].__name__ == "druglint.prose.handler"
        return "prose" if prose and os.path.splitext(path)[1].lower() in (".md", ".markdown", ".txt") else "left"
    fmt = readers.format_of(path)
    return "left" if fmt is None else "yaml" if fmt[0] == "yaml" else "table"


def run(report: Report, cfg) -> str:
    """Write the suppressions and waivers for the findings of ``report`` that fail the run
    (severity at or above fail-on: info findings need no acceptance); returns the summary."""
    from druglint.engine import UsageError

    by_path: dict[str, list[Violation]] = defaultdict(list)
    for v in report.violations:
        if v.code != "DL699" and v.severity >= cfg.fail_on and os.path.isfile(v.path):
            by_path[v.path].append(v)
    plan = []
    for path, vs in sorted(by_path.items()):
        with open(path, "rb") as fh:
            data = fh.read()
        plan.append((path, data, vs, _how(path, data)))
    file = _waiver_file(cfg)
    if file is None and any(how == "table" for *_, how in plan):  # say so before writing anything
        raise UsageError("--add-noqa: table findings are waived in a waiver file: add "
                         "'waivers: druglint-waivers.yaml' to the configuration, then run again")
    comments, documents, waivers, left, writes = 0, 0, [], [], []
    for path, data, vs, how in plan:
        done = _prose(path, data, vs) if how == "prose" else _yaml(path, data, vs) if how == "yaml" else None
        if done is not None:
            comments, documents = comments + done[0], documents + 1
            writes.append((path, data, done[1]))
        elif how == "left":
            left.append(path)
        else:  # a table, or a YAML dataset whose text cannot take comments safely
            waivers.extend(_rows(path, cfg, vs))
    if waivers and file is None:
        raise UsageError("--add-noqa: a YAML dataset needs waivers: add 'waivers: druglint-waivers.yaml' to the "
                         "configuration, then run again")
    where = ""
    if waivers:  # built before anything is written: a refusal leaves every file as it was
        writes.append((file, *_waiver_text(file, waivers)))
        where = f" and {len(waivers)} waiver{'' if len(waivers) == 1 else 's'} to {os.path.relpath(file)}" \
                f" (replace each reason '{PLACEHOLDER}': until then the waiver file is refused)"
    for path, before, after in writes:
        _write(path, before, after)
    text = f"Added {comments} suppression comment{'' if comments == 1 else 's'} to {documents} " \
           f"file{'' if documents == 1 else 's'}{where}."
    if left:
        text += f"\nNot suppressed (fix them, or suppress by hand): {', '.join(left)}"
    return text
