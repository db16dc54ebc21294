"""What rules see and what they return, turned into findings (not the pipeline).

``Selection`` (which codes run), ``TableContext`` and ``ProjectContext`` (what a table or
project rule sees), ``make`` (a Violation at the configured severity) and
``hits_to_violations`` (a rule's hits -> Violations with lines and columns, in one place).
Shared by the in-memory engine, streaming and Dask; imports no engine.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from druglint import registry
from druglint.config import Config
from druglint.discovery import UsageError
from druglint.model import Fix, Severity, Violation
from druglint.readers import Finding, Table
from druglint.violations import make  # noqa: F401  (re-exported: context.make)


@dataclass
class Selection:
    """Which codes run, from config and command line (ruff's select/ignore semantics)."""

    config: Config
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        chosen: set[str] = set()
        for p in (self.select if self.select is not None else self.config.select) + self.extend_select:
            found = registry.matching(p)
            if not found:
                raise UsageError(f"unknown rule selector {p!r} (see 'druglint rules')")
            chosen.update(found)
        for p in self.config.ignore + self.ignore:
            found = registry.matching(p)
            if not found:
                raise UsageError(f"unknown rule selector {p!r} (see 'druglint rules')")
            chosen.difference_update(found)
        self.codes = chosen

    def enabled(self, code: str, path: str | None = None) -> bool:
        if code not in self.codes:
            return False
        if path is not None:
            for p in self.config.ignored_codes(path):
                if code.startswith(p) or p == "ALL":
                    return False
        return True


@dataclass
class TableContext:
    """What a table rule sees: the typed frame (canonical columns) and where rows came from."""

    table: Table
    kind: str
    frame: pd.DataFrame
    raw: pd.DataFrame
    config: Config
    columns: dict[str, str]  # canonical name -> name in the file
    project: "ProjectContext | None" = None
    cache: dict[str, object] = field(default_factory=dict)  # work shared by rules (e.g. pair keys)

    def has(self, *names: str) -> bool:
        return all(n in self.frame.columns for n in names)


@dataclass
class ProjectContext:
    """What a project rule sees: every table of the run, by kind."""

    tables: list[TableContext] = field(default_factory=list)
    config: Config = field(default_factory=Config)
    extras: dict[str, object] = field(default_factory=dict)

    def of_kind(self, kind: str) -> list[TableContext]:
        return [t for t in self.tables if t.kind == kind]


# ------------------------------------------------------------------------ violations
# Table formats --fix has no byte-preserving writer for (fixer.plan skips them): their findings
# carry no Fix, so no output claims "[*] fixable" for a file --fix will not touch.
NO_FIX_WRITER = frozenset({"json", "jsonl", "parquet"})


def hits_to_violations(hits: pd.DataFrame, ctx: TableContext, default_code: str | None, sel: Selection) -> list[Violation]:
    if hits is None or len(hits) == 0:
        return []
    table = ctx.table
    rows = hits["row"].to_numpy(dtype=np.int64)
    lines = np.where(rows >= 0, table.lines[np.clip(rows, 0, max(len(table.lines) - 1, 0))] if len(table.lines) else table.header_line, table.header_line)
    codes = hits["code"].where(hits["code"].notna(), default_code).to_numpy(dtype=object)
    cols = hits["column"].to_numpy(dtype=object)
    cell_lines = table.meta.get("cell_lines")
    if cell_lines:  # YAML: a cell's finding points at its key's line (ruamel's mark)
        lines = _key_lines(lines, rows, cols, cell_lines, ctx.columns)
    out: list[Violation] = []
    colnum: dict[object, int] = {}
    allowed: dict[object, bool] = {}  # sel.enabled per code, once (it matches path globs)
    caps = hits["severity"].tolist() if "severity" in hits.columns else [None] * len(hits)  # draft spec facts: info
    writable = table.fmt not in NO_FIX_WRITER  # --fix cannot rewrite JSON or Parquet: claim no fix there
    for line, code, col, msg, fm, old, new, cap in zip(lines.tolist(), codes, cols, hits["message"].tolist(),
                                                       hits["fix_message"].tolist(), hits["fix_old"].tolist(),
                                                       hits["fix_new"].tolist(), caps):
        ok = allowed.get(code)
        if ok is None:
            ok = allowed[code] = sel.enabled(code, table.path)
        if not ok:
            continue
        if col not in colnum:
            colnum[col] = table.column_number(ctx.columns.get(col, col) if isinstance(col, str) else None)
        fix = Fix(fm, str(old), str(new)) if writable and isinstance(fm, str) and old is not None and new is not None else None
        v = make(table.path, code, line, colnum[col], str(msg), fix, ctx.config)
        if isinstance(cap, str) and Severity.parse(cap) < v.severity:
            v = dataclasses.replace(v, severity=Severity.parse(cap))
        out.append(v)
    return out


def _key_lines(lines: np.ndarray, rows: np.ndarray, cols: np.ndarray, cell_lines: dict, columns: dict) -> np.ndarray:
    lines = np.array(lines, dtype=np.int64, copy=True)
    for col in dict.fromkeys(c for c in cols.tolist() if isinstance(c, str)):
        at = cell_lines.get(columns.get(col, col))
        if at is None:
            continue
        m = (cols == col) & (rows >= 0) & (rows < at.size)
        found = at[rows[m]]
        lines[m] = np.where(found > 0, found, lines[m])
    return lines


def findings_to_violations(path: str, findings: list[Finding], sel: Selection, config: Config) -> list[Violation]:
    """Reader and stage findings of ``path`` as Violations (the selected codes only)."""
    return [make(path, f.code, f.line, f.column, f.message, None, config) for f in findings if sel.enabled(f.code, path)]


def remember_layout(project: "ProjectContext | None", table: Table) -> None:
    """Keep how a table was read, so that outputs can place findings at characters."""
    from druglint.readers import format_of

    read_as = format_of(table.path)
    # a table a document handler built from another format (SPL XML routes) has no cells in the file
    if project is not None and read_as is not None and read_as[0] == table.fmt:
        from druglint.formats.positions import layout_of

        project.extras.setdefault("layouts", {})[table.path] = layout_of(table)


def canonicalise(table: Table, config: Config) -> dict[str, str]:
    """Map file column names onto canonical ones: config aliases first, then 'Drug A' ->
    'drug_a'. Returns canonical -> file name; renames ``table.frame`` in place."""
    from druglint.kinds import canonical_name

    alias = {name: canonical for canonical, names in config.columns.items() for name in names}
    mapping: dict[str, str] = {}
    names = list(table.frame.columns)
    renamed: dict[int, str] = {}  # position -> canonical name
    for i, name in enumerate(names):
        canon = alias.get(name) or canonical_name(str(name))
        if canon in mapping:  # two file columns claim one canonical name: keep the first
            continue
        mapping[canon] = str(name)
        renamed[i] = canon
    # A column left under its file name can equal another column's canonical name ('\r'
    # becomes '' beside a column named ''): suffix the unmapped one so that names stay
    # unique (fuzzing found a frame with duplicate names breaking the schema stage).
    taken = set(renamed.values())
    final: list[object] = []
    for i, name in enumerate(names):
        if i in renamed:
            final.append(renamed[i])
            continue
        new, k = name, 2
        while new in taken:
            new, k = f"{name} ({k})", k + 1
        taken.add(new)
        final.append(new)
    table.frame = table.frame.set_axis(final, axis=1)
    return mapping
