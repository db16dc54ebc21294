"""The pipeline: file -> reader -> kind -> schema -> rules -> violations.

``lint_paths`` discovers files, reads each into a Table (with source lines), tells its
kind, runs the schema stage and every selected table rule, then the project rules that
look across files. Hits become Violations here, in one place, with lines and columns.
"""
from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from typing import Iterable

import pandas as pd

from druglint import hits as H
from druglint import execute, registry
from druglint.config import Config
# discovery lives in a module without pandas (the result cache runs it before deciding to lint)
from druglint.discovery import DOCUMENT_HANDLERS, DOCUMENT_SUFFIXES, SKIP_DIRS, UsageError, discover, display_path  # noqa: F401
from druglint.context import (NO_FIX_WRITER, ProjectContext, Selection, TableContext,  # noqa: F401  (re-exported)
                              canonicalise, findings_to_violations, hits_to_violations, make, remember_layout)
from druglint.model import Report, Severity, Violation
from druglint.perf.timings import stage
from druglint.readers import Finding, Table




# ------------------------------------------------------------------------- columns
# Unsaved editor buffers (absolute path -> bytes) read instead of the file: the language
# server (druglint/server.py) lints what the curator sees, never writing it to disk.
BUFFERS: dict[str, bytes] = {}


# ------------------------------------------------------------------ document handlers
# Files that are not tables (drug specs, prose documents, SPL XML) are claimed by handler
# modules. Each exposes ``claims(path: str, head: bytes) -> bool`` and
# ``lint(path, shown, data: bytes, config, sel, project) -> list[Violation]``. A handler
# module that does not exist yet is skipped. The list is ``discovery.DOCUMENT_HANDLERS``.
def _handlers() -> list[object]:
    return execute.modules(DOCUMENT_HANDLERS)



def _limits():
    from druglint import limits

    return limits


# --------------------------------------------------------------------------- linting
_findings = findings_to_violations


@dataclass
class _Typed:
    """A table past the druglint half of the schema stage, waiting for pandera."""

    table: Table
    kind_name: str
    typed: pd.DataFrame
    raw: pd.DataFrame
    columns: dict[str, str]
    hits: list[pd.DataFrame]


def _type_table(table: Table, config: Config, sel: Selection, kind_name: str | None) -> tuple[list[Violation], _Typed | None]:
    """Canonical columns, the kind, then the typed frame; (DL119, None) when the kind is unknown."""
    from druglint.kinds import KINDS, detect
    from druglint.kinds.schema import type_frame

    from druglint.kinds import near_miss

    columns = canonicalise(table, config)
    kind_name = kind_name or config.kind_for(table.path) or detect(set(table.frame.columns))
    if kind_name is None:
        nearly = near_miss.unknown_kind(table, columns)  # DL120: a near-miss name would tell the kind
        if nearly:
            return _findings(table.path, nearly, sel, config), None
        cols = ", ".join(map(str, list(columns.values())[:8]))
        msg = (f"cannot tell the dataset kind from the columns ({cols}); name it with 'kinds' in the config "
               "or rename columns to the canonical names (see 'druglint rule DL119')")
        return _findings(table.path, [Finding("DL119", table.header_line, 1, msg)], sel, config), None
    extra = _findings(table.path, near_miss.extra_columns(table, kind_name, columns, table.header_line), sel, config)
    with stage("schema"):
        typed, parts = type_frame(table.frame, KINDS[kind_name])
    return extra, _Typed(table, kind_name, typed, table.frame, columns, parts)


def _check_typed(t: _Typed, schema_hits: list[pd.DataFrame], config: Config, sel: Selection,
                 project: ProjectContext | None) -> tuple[list[Violation], TableContext]:
    """Schema findings, then every selected table rule, then the finalisers (waivers)."""
    ctx = TableContext(t.table, t.kind_name, t.typed, t.raw, config, t.columns, project)
    out = hits_to_violations(H.concat(t.hits + schema_hits), ctx, "DL102", sel)
    kind_name, table = t.kind_name, t.table
    rules = [r for r in execute.table_rules(kind_name, sel) if ctx.has(*r.needs)]
    for i, rule in enumerate(rules):
        if _limits().expired():  # limits.time-per-file: name the rules left, stop (DL152)
            out.extend(_findings(table.path, [_limits().timed_out(table.header_line, [r.code for r in rules[i:]])], sel, config))
            break
        with stage(rule.code):
            out.extend(hits_to_violations(execute.run_whole(rule, ctx), ctx, rule.code, sel))
    out = execute.finalise(out, ctx, sel)
    oversized = table.meta.get("oversized_cells")
    if oversized:  # emptied by limits.max-cell-size (DL151): not also a missing value
        out = [v for v in out if not (v.code == "DL103" and (v.line, v.column) in oversized)]
    return out, ctx


def lint_table(table: Table, config: Config, sel: Selection, kind_name: str | None = None,
               project: ProjectContext | None = None) -> tuple[list[Violation], TableContext | None]:
    from druglint.kinds import KINDS
    from druglint.kinds.schema import validate

    remember_layout(project, table)
    early, t = _type_table(table, config, sel, kind_name)
    if t is None:
        return early, None
    with stage("schema"):
        schema_hits = validate(t.typed, KINDS[t.kind_name])
    return _check_typed(t, schema_hits, config, sel, project)


def lint_file(path: str, config: Config, sel: Selection, project: ProjectContext) -> list[Violation]:
    """One file, start to finish, on one clock (limits.time-per-file)."""
    from druglint import limits as limits_mod

    lim = limits_mod.of(config)
    clock = limits_mod.start(lim)
    try:
        out: list[Violation] = []
        for found, typed in _read_tables(path, config, sel, project, lim):
            out.extend(found)
            if typed is not None:
                out.extend(_finish(typed, None, config, sel, project))
        return out
    finally:
        limits_mod.stop(clock)


def _read_tables(path: str, config: Config, sel: Selection, project: ProjectContext,
                 lim) -> list[tuple[list[Violation], _Typed | None]]:
    """``_read_file`` for one table; a workbook gives one (findings, typed table) per sheet."""
    from druglint.readers.workbook import is_workbook

    if not is_workbook(path):
        return [_read_file(path, config, sel, project, lim)]
    from druglint import limits as limits_mod
    from druglint.readers.workbook import read_workbook

    shown = display_path(path)
    too_big = limits_mod.file_too_large(path, lim)
    if too_big is not None:
        return [(_findings(shown, [too_big], sel, config), None)]
    if not os.access(path, os.R_OK):
        raise UsageError(f"{shown}: permission denied")
    with stage("read"):
        sheets = read_workbook(path, shown, config)
    out: list[tuple[list[Violation], _Typed | None]] = []
    for sheet in sheets:
        result = sheet.result
        if result.table is not None:
            result.findings.extend(limits_mod.oversized_cells(result.table, lim, text_bytes=None))  # DL151
        found = _findings(sheet.display, result.findings, sel, config)
        typed = None
        if result.table is not None:
            early, typed = _type_table(result.table, config, sel, config.kind_for(sheet.display))
            found.extend(early)
        out.append((found, typed))
    return out


def _read_file(path: str, config: Config, sel: Selection, project: ProjectContext, lim) -> tuple[list[Violation], _Typed | None]:
    """DL150 for a file over limits.max-file-size (not read), else ``_read_and_type``."""
    from druglint import limits as limits_mod

    from druglint.safeio import not_regular

    shown = display_path(path)
    what = not_regular(path)
    if what is not None:  # a FIFO would block forever, /dev/zero never ends: never opened
        return _findings(shown, [Finding("DL154", 1, 1, f"{what}, not a regular file; not read")], sel, config), None
    too_big = limits_mod.file_too_large(path, lim)
    if too_big is not None and not limits_mod.streams_over_limit(path, lim):
        return _findings(shown, [too_big], sel, config), None
    return _read_and_type(path, shown, config, sel, project, lim, over_limit=too_big)


def _read_and_type(path: str, shown: str, config: Config, sel: Selection, project: ProjectContext,
                   lim, over_limit: Finding | None = None) -> tuple[list[Violation], _Typed | None]:
    """Everything before pandera: (findings so far, the typed table), or (all findings, None)
    when the file is done (streamed, claimed by a document handler, unreadable, no kind).
    ``over_limit``: the file is over the default size limit, so it may only be streamed."""
    from druglint import limits as limits_mod
    from druglint import readers
    from druglint.safeio import read_regular

    try:
        from druglint.perf.streaming import chunk_rows_for

        chunk_rows = None if BUFFERS and os.path.abspath(path) in BUFFERS else \
            chunk_rows_for(path, config, over_limit is not None)  # large: stream it
        if chunk_rows is not None:
            head = read_regular(path, 4096)
            if not any(handler.claims(path, head) for handler in _handlers()):
                from druglint.perf.streaming import lint_streamed

                try:
                    return lint_streamed(path, shown, config, sel, project, chunk_rows), None
                except execute.StateTooLarge as exc:  # a clear message, never an out-of-memory kill
                    raise UsageError(f"{shown}: {exc}") from None
        if over_limit is not None:  # not streamed (chunk-size 0, or a document handler's file): never read whole
            return _findings(shown, [over_limit], sel, config), None
        data = BUFFERS.get(os.path.abspath(path))
        if data is None:
            data = read_regular(path)
        for handler in _handlers():
            if handler.claims(path, data[:4096]):
                return handler.lint(path, shown, data, config, sel, project), None
        if readers.format_of(path) is None:
            why = readers.unread_format(path)  # a known data format: DL122 warning; anything else stays DL119 info
            found = Finding("DL122", 1, 1, why) if why else Finding("DL119", 1, 1, "not a format druglint reads; skipped")
            return _findings(shown, [found], sel, config), None
        with stage("read"):
            result = readers.read(path, shown, None if path.lower().endswith((".parquet", ".pq")) else data)
    except OSError as exc:  # one file that cannot be read is one finding; the others are still checked
        if exc.errno == errno.ELOOP:
            raise UsageError(f"{shown}: symbolic link loop") from None
        why = "permission denied" if isinstance(exc, PermissionError) else (exc.strerror or str(exc))
        return _findings(shown, [Finding("DL154", 1, 1, f"cannot read the file ({why}); not checked")], sel, config), None
    result = _other_delimiter(result, data, shown, config, path)
    if result.table is not None:
        text = None if result.table.fmt == "parquet" else len(data)  # decompressed Parquet may exceed its file
        result.findings.extend(limits_mod.oversized_cells(result.table, lim, text_bytes=text))  # DL151
    out = _findings(shown, result.findings, sel, config)
    if result.table is None:
        return out, None
    remember_layout(project, result.table)
    if limits_mod.expired():  # the read alone used the file's time: no schema stage, no rule
        return out + _findings(shown, [limits_mod.timed_out(result.table.header_line, ["schema", "every rule"])],
                               sel, config), None
    early, typed = _type_table(result.table, config, sel, config.kind_for(path))
    out.extend(early)
    if typed is not None and limits_mod.expired():  # typing took the rest: pandera and the rules are skipped
        return out + _findings(shown, [limits_mod.timed_out(result.table.header_line, ["schema", "every rule"])],
                               sel, config), None
    return out, typed


def _other_delimiter(result, data: bytes, shown: str, config: Config, path: str):
    """A delimited file whose header names no kind with its expected delimiter but does
    with the one it uses ("Drug A;Drug B;Severity" in a .csv): read again with that one,
    with a DL120 hint first (kinds.near_miss)."""
    from druglint.kinds import near_miss

    table = result.table
    if table is None or config.kind_for(path) or near_miss.kind_of_header(table.header, config):
        return result
    retry = near_miss.other_delimiter(table, data, shown, config)
    if retry is None:
        return result
    again, hint = retry
    if again is None:  # the split header still needs near-miss names: nothing is checked
        return type(result)(None, [*result.findings, hint])
    again.findings.insert(0, hint)
    return again


def _finish(typed: _Typed, schema_hits: list[pd.DataFrame] | None, config: Config, sel: Selection,
            project: ProjectContext) -> list[Violation]:
    """pandera (unless its hits come from a batch), then the rules; the table joins the project."""
    if schema_hits is None:
        from druglint.kinds import KINDS
        from druglint.kinds.schema import validate

        with stage("schema"):
            schema_hits = validate(typed.typed, KINDS[typed.kind_name])
    violations, ctx = _check_typed(typed, schema_hits, config, sel, project)
    project.tables.append(ctx)
    return violations


# Small tables wait, typed, so that pandera validates them together: one call per kind and
# column layout instead of one per file (pandera costs ~20 ms per call whatever the size).
BATCH_MAX_ROWS = 20_000  # a table larger than this is validated alone at once
BATCH_BUDGET_ROWS = 200_000  # rows held waiting at most


class _Batch:
    def __init__(self, config: Config, sel: Selection, project: ProjectContext) -> None:
        self.config, self.sel, self.project = config, sel, project
        self.waiting: list[tuple[list[Violation], _Typed]] = []
        self.rows = 0

    def add(self, found: list[Violation], typed: _Typed) -> list[Violation]:
        self.waiting.append((found, typed))
        self.rows += len(typed.typed)
        return self.flush() if self.rows >= BATCH_BUDGET_ROWS else []

    def flush(self) -> list[Violation]:
        from druglint import limits as limits_mod
        from druglint.kinds import KINDS
        from druglint.kinds.schema import validate_many

        waiting, self.waiting, self.rows = self.waiting, [], 0
        schema_hits: list[list[pd.DataFrame]] = [[] for _ in waiting]
        by_kind: dict[str, list[int]] = {}
        for i, (_, t) in enumerate(waiting):
            by_kind.setdefault(t.kind_name, []).append(i)
        with stage("schema"):
            for kind, members in by_kind.items():
                for i, found in zip(members, validate_many([waiting[i][1].typed for i in members], KINDS[kind])):
                    schema_hits[i] = found
        out: list[Violation] = []
        lim = limits_mod.of(self.config)
        for (found, t), sh in zip(waiting, schema_hits):
            clock = limits_mod.start(lim)
            try:
                out.extend(found)
                out.extend(_finish(t, sh, self.config, self.sel, self.project))
            finally:
                limits_mod.stop(clock)
        return out


def _lint_files(files: list[str], config: Config, sel: Selection, project: ProjectContext, report: Report,
                progress) -> None:
    from druglint import limits as limits_mod

    lim = limits_mod.of(config)
    batch = _Batch(config, sel, project)
    for f in files:
        if progress is not None:
            progress.file(f)
        report.files.append(display_path(f))
        clock = limits_mod.start(lim)
        try:
            tables = _read_tables(f, config, sel, project, lim)
            for i, (found, typed) in enumerate(tables):
                if typed is not None and len(typed.typed) > BATCH_MAX_ROWS:  # a large table: at once, on its file's clock
                    found.extend(_finish(typed, None, config, sel, project))
                    tables[i] = (found, None)
        finally:
            limits_mod.stop(clock)
        for found, typed in tables:
            report.violations.extend(batch.add(found, typed) if typed is not None else found)
    report.violations.extend(batch.flush())
    # project rules see the tables in file order, whichever waited for a batch
    order = {display_path(f): i for i, f in enumerate(files)}
    project.tables.sort(key=lambda t: order.get(t.table.path, len(order)))


def run_project_rules(project: ProjectContext, sel: Selection) -> list[Violation]:
    out: list[Violation] = []
    for rule in registry.all_rules():
        if rule.scope == registry.PROJECT and sel.enabled(rule.code):
            out.extend(v for v in execute.run_project(rule, project) if sel.enabled(v.code, v.path))
    return out


def lint_paths(paths: Iterable[str], config: Config | None = None, select: list[str] | None = None,
               ignore: list[str] | None = None, extend_select: list[str] | None = None,
               progress: "object | None" = None) -> Report:
    """``progress``: an object with start(files), file(path), done() (druglint.progress)."""
    config = config or Config()
    sel = Selection(config, select, ignore or [], extend_select or [])
    gaps: list[tuple[str, Finding]] = []
    files = discover(paths, config, gaps)
    report, across = lint_files(files, config, sel, progress)
    for where, gap in gaps:  # DL122: what could not be checked
        report.violations.extend(_findings(where, [gap], sel, config))
    report.violations.extend(across)
    return report


def lint_files(files: list[str], config: Config, sel: Selection, progress: "object | None" = None,
               project_rules: bool = True, project: ProjectContext | None = None) -> tuple[Report, list[Violation]]:
    """Discovered ``files``: (report of each file's own violations, the project rules' violations).
    The result cache keeps the two apart: a file's own findings depend on it alone. The
    language server passes its own ``project`` to keep what the files give the project rules."""
    if project is None:  # the run's files: cross-file states of a streamed table are built only when needed
        project = ProjectContext(config=config, extras={"files": list(files)})
    report = Report()
    if progress is not None:
        progress.start(files)
    try:
        _lint_files(files, config, sel, project, report, progress)
    finally:
        if progress is not None:
            progress.done()
    report.layouts.update(project.extras.get("layouts", {}))  # SARIF/github character columns
    return report, run_project_rules(project, sel) if project_rules else []


def project_rules_enabled(sel: Selection) -> bool:
    return any(r.scope == registry.PROJECT and sel.enabled(r.code) for r in registry.all_rules())


def lint_frame(frame: pd.DataFrame, kind: str | None = None, config: Config | None = None,
               select: list[str] | None = None, ignore: list[str] | None = None, name: str = "<dataframe>") -> Report:
    """Lint an in-memory DataFrame. A row's 'line' is its 1-based position (header = 0)."""
    from druglint.kinds import KINDS

    if kind is not None and kind not in KINDS:
        raise UsageError(f"unknown kind {kind!r} (expected one of {', '.join(KINDS)})")
    from druglint import limits as limits_mod
    from druglint.readers.frame import table_from_frame

    config = config or Config()
    sel = Selection(config, select, ignore or [])
    table, found = table_from_frame(frame, name)  # duplicate/odd labels, bytes, surrogates: findings
    lim = limits_mod.of(config)
    found.extend(limits_mod.oversized_cells(table, lim))  # DL151: a 10 MB cell is not checked further
    early = _findings(name, found, sel, config)
    project = ProjectContext(config=config)
    clock = limits_mod.start(lim)
    try:
        violations, _ = lint_table(table, config, sel, kind, project)
    finally:
        limits_mod.stop(clock)
    report = Report(early + violations, [name])
    report.violations.extend(run_project_rules(project, sel))
    report.layouts.update(project.extras.get("layouts", {}))
    return report


__all__ = ["lint_paths", "lint_files", "lint_frame", "Selection", "TableContext", "ProjectContext", "UsageError", "Severity"]
