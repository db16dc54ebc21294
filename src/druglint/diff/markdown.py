"""``--format markdown``: a summary of a diff suited to a pull-request comment.

A heading with the verdict, counts per rule, then one table row per finding with the record,
the old and new values and where they are (both versions' lines). Table cells are escaped so
that a value with a pipe or a backtick cannot break the table.
"""
from __future__ import annotations

from collections import Counter

from druglint.model import Severity

_ICON = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}


def cell(value: str) -> str:
    text = str(value).replace("\r", " ").replace("\n", " ").replace("|", "\\|").replace("`", "'")
    return text if text else "—"


def render(report) -> str:
    from druglint import registry

    changes = report.changes
    title = f"### druglint diff: {report.old_label} → {report.new_label}\n\n"
    accepted = len(getattr(report, "accepted", []))
    note = f"\n{accepted} change{'' if accepted == 1 else 's'} already reviewed (reviewed-changes file).\n" if accepted else ""
    if not changes:
        return title + "No safety-relevant changes found.\n" + note
    counts = Counter(c.code for c in changes)
    sev = Counter(c.violation.severity for c in changes)
    parts = [f"{sev[s]} {_ICON[s]}{'' if sev[s] == 1 else 's'}" for s in (Severity.ERROR, Severity.WARNING, Severity.INFO) if sev[s]]
    out = [title, f"**{len(changes)} safety-relevant change{'' if len(changes) == 1 else 's'}** ({', '.join(parts)})\n\n"]
    out.append("| Code | Rule | Count |\n|---|---|---:|\n")
    for code, n in sorted(counts.items()):
        out.append(f"| {code} | {cell(registry.get(code).name)} | {n} |\n")
    out.append("\n| | Code | Record | Old | New | Where (new) | Where (old) |\n|---|---|---|---|---|---|---|\n")
    for c in changes:
        v = c.violation
        out.append(f"| {_ICON[v.severity]} | {v.code} | {cell(c.label or c.key)} | {cell(c.old)} | {cell(c.new)} | "
                   f"{cell(c.new_at)} | {cell(c.old_at)} |\n")
    out.append("\nAcknowledge intended changes with `druglint diff ... --accept --reason \"...\"` "
               "and commit the reviewed-changes file.\n")
    return "".join(out) + note
