"""Suppression comments in YAML datasets, where the data lives:

    - drug_a: warfarin    # druglint: disable=DL301     this record only (any line of it)
      drug_b: warfarin
    # druglint: disable=DL302                           on its own line: the record below
    - drug_a: aspirin
      ...
    # druglint: disable-file=DL121                      the whole file

A code may be a prefix (``DL3``); without ``=CODES`` every code. The YAML reader finds the
comments (``scan``, kept in ``Table.meta``); the engine's table finaliser drops the findings
they cover. A comment that suppresses nothing, or names a code no rule has, is DL699 at its
line, as in prose documents. CSV and other table formats cannot hold comments: use waivers.
"""
from __future__ import annotations

import re

import numpy as np

from druglint.suppress.directives import Directive

_COMMENT = re.compile(r"(?:^|[ \t])#[ \t]*druglint:[ \t]*(disable-file|disable)(?:[ \t]*=[ \t]*([A-Za-z0-9, ]+?))?[ \t]*$",
                      re.M | re.I)


def scan(text: str, record_lines: np.ndarray) -> list[Directive]:
    """The directives of a YAML dataset's text; ``target`` is the covered record's first line
    (0 for disable-file). ``record_lines`` are the records' first lines, ascending."""
    if "druglint:" not in text:
        return []
    lines = text.split("\n")
    starts = set(int(x) for x in record_lines.tolist())
    out = []
    for m in _COMMENT.finditer(text):
        line = text.count("\n", 0, m.start()) + (1 if text[m.start()] != "\n" else 2)
        codes = tuple(c.strip().upper() for c in (m.group(2) or "").split(",") if c.strip())
        if any(c == "ALL" for c in codes):
            codes = ()
        column = text.rfind("#", 0, m.end()) - (text.rfind("\n", 0, m.start() + 1) + 1) + 1
        d = Directive(m.group(1).lower(), codes, line, column)
        if d.action == "disable":
            d.target = _record_of(line, lines, starts, record_lines)
            if d.target == 0:
                continue  # not next to any record (e.g. a header comment): nothing it could mean
        out.append(d)
    return out


def _record_of(line: int, lines: list[str], starts: set[int], record_lines: np.ndarray) -> int:
    if lines[line - 1].lstrip().startswith("#"):  # a comment line: the record that follows it
        j = line
        while j < len(lines) and (not lines[j].strip() or lines[j].lstrip().startswith("#")):
            j += 1
        if j + 1 in starts:
            return j + 1
    pos = int(np.searchsorted(record_lines, line, side="right")) - 1
    return int(record_lines[pos]) if pos >= 0 else 0


def finalise(violations: list, ctx, sel) -> list:
    """Drop the findings these comments cover, report idle comments (DL699); part of ``suppress.table``."""
    directives = ctx.table.meta.get("directives") if ctx.table.meta else None
    if not directives:
        return violations
    from druglint import registry
    from druglint.suppress.directives import unknown, unused
    from druglint.violations import make

    starts = np.asarray(ctx.table.lines)
    kept = []
    for v in violations:
        # a finding names its key's line (readers/yamlfile cell_lines): the record is the one holding it
        pos = int(np.searchsorted(starts, v.line, side="right")) - 1 if len(starts) else -1
        record = int(starts[pos]) if pos >= 0 else v.line
        hit = next((d for d in directives if d.covers_code(v.code) and (d.action == "disable-file" or d.target == record)),
                   None)
        if hit is None:
            kept.append(v)
        else:
            hit.used.add(v.code)
    path = ctx.table.path
    if sel.enabled("DL699", path):
        idle = unused(directives, lambda c: any(sel.enabled(x, path) for x in registry.matching(c)))
        for d, message in idle + unknown(directives, lambda c: bool(registry.matching(c))):
            kept.append(make(path, "DL699", d.line, d.column, message, None, ctx.config))
    return kept
