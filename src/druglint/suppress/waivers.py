"""Waivers: suppressing a table finding for one record, with a reason (config key ``waivers``).

Data files cannot hold comments, so a table finding is waived from a YAML file named by the
config (``waivers: druglint-waivers.yaml``, relative to the config file)::

    waivers:
      - path: "data/dosing*.csv"          # glob, as in per-file-ignores
        code: DL430                       # a code or a prefix (DL43)
        row: {drug: acyclovir, phase: b}  # the record's identity: column values (canonical
                                          # or file column names); leave out for the whole file
        reason: "QD is the coded value of this legacy export"   # required

A waiver matches a finding when the path glob matches the file, the code matches and every
``row`` value equals the record's cell (whitespace and case ignored). A record's identity is
usually its kind's key columns (dosing: drug, route, phase; interactions: drug_a, drug_b;
side_effects: drug, effect), so a waiver survives rows being inserted or re-ordered. A waiver
whose path matched a linted table but which waived nothing is reported as DL699 at its line in
the waiver file (waivers of files that were not linted are not judged).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from typing import Any


@dataclass
class Waiver:
    path: str
    code: str
    row: dict[str, str]
    reason: str
    file: str
    line: int
    matched_table: bool = False
    used: int = 0


@dataclass
class WaiverSet:
    waivers: list[Waiver] = field(default_factory=list)
    file: str = ""


_CACHE: dict[tuple[str, str], WaiverSet] = {}


def _norm(v: Any) -> str:
    return " ".join(str(v).split()).casefold()


def load(config: Any) -> WaiverSet | None:
    """The validated waiver file of ``config``, or None when none is configured."""
    from druglint import registry, yamlio
    from druglint.config import ConfigError

    raw = config.extra.get("waivers") if config is not None else None
    if raw is None:
        return None
    key_line = config.line_of("waivers") if callable(getattr(config, "line_of", None)) else None
    if not isinstance(raw, str) or not raw.strip():
        raise ConfigError("'waivers' must name a YAML waiver file", config.path, key_line)
    base = os.path.dirname(os.path.abspath(config.path)) if config.path else config.root
    path = os.path.normpath(os.path.join(base, raw))
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        cached = _CACHE.get((path, text))
        if cached is not None:
            return cached
    except FileNotFoundError:
        raise ConfigError(f"'waivers': waiver file not found: {raw}", config.path, key_line) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"'waivers': cannot read {raw}: {exc}", config.path, key_line) from None
    shown = os.path.relpath(path) if not os.path.relpath(path).startswith("..") else path
    try:
        doc = yamlio.load(text)
    except yamlio.YamlError as exc:
        raise ConfigError(exc.message, shown, exc.line) from None
    items = doc.get("waivers") if isinstance(doc, dict) else doc
    if items is None:
        items = []
    if not isinstance(items, list):
        raise ConfigError("a waiver file holds a list 'waivers:' of entries with path, code, row and reason", shown, 1)
    out = WaiverSet(file=shown)
    for i, item in enumerate(items):
        line = yamlio.line_of(items, i)
        if not isinstance(item, dict):
            raise ConfigError("each waiver is a mapping with path, code, row and reason", shown, line)
        unknown = set(map(str, item)) - {"path", "code", "row", "reason"}
        if unknown:
            raise ConfigError(f"waiver has unknown key {sorted(unknown)[0]!r} (expected path, code, row, reason)", shown, line)
        for k in ("path", "code", "reason"):
            if not isinstance(item.get(k), str) or not item.get(k).strip():
                raise ConfigError(f"waiver needs a non-empty '{k}'" + (" (say why the finding is accepted)" if k == "reason" else ""),
                                  shown, line)
        if item["reason"].strip().upper().startswith("TODO"):  # written by --add-noqa: a person must say why
            raise ConfigError(f"waiver reason is still the placeholder {item['reason'].strip()!r}: say why the "
                              "finding is accepted", shown, line)
        code = item["code"].strip().upper()
        if not registry.matching(code):
            raise ConfigError(f"waiver names unknown rule {code!r} (see 'druglint rules')", shown, line)
        row = item.get("row") or {}
        if not isinstance(row, dict) or not all(isinstance(v, (str, int, float, bool)) for v in row.values()):
            raise ConfigError("waiver 'row' must map column names to the record's values", shown, line)
        out.waivers.append(Waiver(item["path"].strip(), code, {str(k): _norm(v) for k, v in row.items()},
                                  item["reason"].strip(), shown, line))
    _CACHE[(path, text)] = out
    return out


def finalise(violations: list, ctx: Any, sel: Any) -> list:
    """Drop the violations of ``ctx``'s table that a waiver covers; part of ``suppress.table``."""
    import numpy as np

    from druglint.config import glob_match

    loaded = load(ctx.config)
    if loaded is None or not loaded.waivers:
        return violations
    # per-run state (which waivers matched, which were used): a fresh copy per project
    ws = ctx.project.extras.get("waivers") if ctx.project is not None else None
    if ws is None:
        ws = WaiverSet([replace(w) for w in loaded.waivers], loaded.file)
        if ctx.project is not None:
            ctx.project.extras["waivers"] = ws
    rel = ctx.config.rel(ctx.table.path)
    active = [w for w in ws.waivers if glob_match(rel, w.path)]
    for w in active:
        w.matched_table = True
    if not active or not violations:
        return violations
    lines = np.asarray(ctx.table.lines)
    file_to_canon = {v: k for k, v in ctx.columns.items()}
    kept = []
    for v in violations:
        pos = int(np.searchsorted(lines, v.line, side="right")) - 1 if len(lines) else -1
        is_row = 0 <= pos < len(lines) and v.line >= ctx.table.header_line + 1
        waived = False
        for w in active:
            if not v.code.startswith(w.code):
                continue
            if w.row:
                if not is_row:
                    continue
                ok = True
                for col, want in w.row.items():
                    name = col if col in ctx.raw.columns else file_to_canon.get(col)
                    if name is None or name not in ctx.raw.columns:
                        ok = False
                        break
                    cell = ctx.raw[name].iat[pos]
                    if cell is None or (isinstance(cell, float) and cell != cell) or _norm(cell) != want:
                        ok = False
                        break
                if not ok:
                    continue
            w.used += 1
            waived = True
            break
        if not waived:
            kept.append(v)
    return kept


def unused(project: Any) -> list:
    """DL699 for each waiver that matched a linted table but waived nothing."""
    from druglint.violations import make

    ws = project.extras.get("waivers") if project is not None else None
    if ws is None:
        return []
    out = []
    for w in ws.waivers:
        if w.matched_table and not w.used:
            what = f"{w.code} in {w.path}" + (f" for {dict(w.row)}" if w.row else "")
            out.append(make(w.file, "DL699", w.line, 1, f"waiver of {what} waives nothing; remove it", None, project.config))
    return out


def usage(project: Any) -> list[tuple[bool, int]] | None:
    """Per waiver (in file order): (matched a linted table, findings waived) in ``project``'s
    run, or None: what a Dask worker sends back with its findings (``absorb``)."""
    ws = project.extras.get("waivers") if project is not None else None
    return None if ws is None else [(w.matched_table, w.used) for w in ws.waivers]


def absorb(project: Any, found: list[tuple[bool, int]] | None) -> None:
    """Add a worker's waiver ``usage`` to ``project``'s record, so that DL699 judges each
    waiver by every engine's findings (a waiver used only on a worker is used)."""
    if not found or project is None:
        return
    ws = project.extras.get("waivers")
    if ws is None:
        loaded = load(project.config)
        if loaded is None:
            return
        ws = project.extras["waivers"] = WaiverSet([replace(w) for w in loaded.waivers], loaded.file)
    for w, (matched, used) in zip(ws.waivers, found):
        w.matched_table = w.matched_table or matched
        w.used += used
