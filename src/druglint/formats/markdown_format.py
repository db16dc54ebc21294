"""``check --format markdown``: a report to paste in a pull-request or merge-request comment.

A heading with the verdict, counts per rule, then one table per file (line, column,
severity, code, message). Cells are escaped as in ``diff --format markdown`` (a pipe or a
backtick in a message cannot break the table). Findings are grouped as in the text format
(``formats.groups``: the first few of one code and message shape per file, then one row
counting the rest; ``--show-all`` lists every one). The full report is bounded: after
``MAX_ROWS`` rows the rest are counted, not listed (a comment has a size limit).
"""
from __future__ import annotations

from collections import Counter
from itertools import groupby

from druglint.diff.markdown import cell
from druglint.formats.groups import Collapsed, group
from druglint.model import Report, Severity

MAX_ROWS = 500
_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def render(report: Report, options) -> str:
    from druglint import registry

    files = len(report.files)
    out = ["### druglint check\n\n"]
    if not report.violations:
        return out[0] + f"All checks passed ({_plural(files, 'file')} checked).\n"
    sev = Counter(v.severity for v in report.violations)
    parts = ", ".join(_plural(sev[s], str(s)) for s in _ORDER if sev[s])
    out.append(f"**{_plural(len(report.violations), 'violation')}** ({parts}) in {_plural(files, 'file')} checked.\n\n")
    out.append("| Code | Rule | Count |\n|---|---|---:|\n")
    for code, n in sorted(Counter(v.code for v in report.violations).items()):
        out.append(f"| {code} | {cell(registry.get(code).name)} | {n} |\n")
    if options.statistics:
        return "".join(out)
    shown = 0
    for path, of_file in groupby(report.sorted(), key=lambda v: v.path):
        if shown >= MAX_ROWS:
            break
        out.append(f"\n#### `{cell(path)}`\n\n| Line | Col | Severity | Code | Message |\n|---:|---:|---|---|---|\n")
        for v in group(list(of_file), getattr(options, "show_all", False)):
            if shown >= MAX_ROWS:
                break
            if isinstance(v, Collapsed):
                out.append(f"| | | {v.severity} | {v.code} | {cell(v.message())} |\n")
                shown += v.count
                continue
            fix = " (fixable)" if v.fix else ""
            out.append(f"| {v.line} | {v.column} | {v.severity} | {v.code} | {cell(v.message)}{fix} |\n")
            shown += 1
    if shown < len(report.violations):
        out.append(f"\n…and {len(report.violations) - shown} more (see the full report: `druglint check --format text`).\n")
    return "".join(out)
