"""ruff-like text: ``path:line:col: CODE message``, coloured on a terminal, then a summary.

Findings are grouped (``formats.groups``): of the findings of one code in one file with the
same message shape, the first few are shown, then one line counts the rest; ``--show-all``
lists every one. When something was left out, the summary counts per rule and per file.
ANSI colours are written directly (not through rich) to keep start-up fast; NO_COLOR and
FORCE_COLOR are honoured by the caller that decides ``options.color``.
"""
from __future__ import annotations

from collections import Counter

from druglint.formats.groups import Collapsed, collapsed, group, severity_text, statistics as count
from druglint.model import Report, Severity

_RESET = "\033[0m"
_BOLD = "\033[1m"
_DIM = "\033[2m"
_CYAN = "\033[36m"
_SEV = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[34m"}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(report: Report) -> str:
    n = len(report.violations)
    files = len(report.files)
    if n == 0:
        return f"All checks passed ({_plural(files, 'file')} checked)."
    counts = Counter(v.severity for v in report.violations)
    parts = [_plural(counts[s], str(s)) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO) if counts[s]]
    fixable = sum(1 for v in report.violations if v.fix)
    text = f"Found {_plural(n, 'violation')} ({', '.join(parts)}) in {_plural(files, 'file')} checked."
    if fixable:
        text += f"\n[*] {fixable} fixable with `druglint check --fix`."
    return text


def statistics(report: Report) -> str:
    """Counts per rule (``count<TAB>code<TAB>[*] name<TAB>severities``), then per file
    (``count<TAB>path<TAB>severities<TAB>codes``)."""
    stats = count(report.violations, report.files)
    by_code, by_file = stats["by_code"], stats["by_file"]
    width = max((len(str(e["count"])) for e in [*by_code, *by_file]), default=1)  # type: ignore[index]
    lines = ["Findings per rule:"]
    for e in by_code:  # type: ignore[union-attr]
        mark = "[*]" if e["fixable"] else "   "
        lines.append(f"{e['count']:>{width}}\t{e['code']}\t{mark} {e['name']}\t{severity_text(e)}")
    lines.append("Findings per file:")
    for e in by_file:  # type: ignore[union-attr]
        codes = ", ".join(f"{c} {n:,}" for c, n in e["codes"].items())
        lines.append(f"{e['count']:>{width}}\t{e['path']}\t{severity_text(e)}\t{codes}")
    return "\n".join(lines)


def render(report: Report, options) -> str:
    c = options.color
    out = []
    if options.statistics:
        if report.violations:
            out.append(statistics(report))
    else:
        items = group(report.sorted(), getattr(options, "show_all", False))
        for v in items:
            if isinstance(v, Collapsed):
                out.append(f"{_DIM}{v.path}: {v.message()}{_RESET}" if c else f"{v.path}: {v.message()}")
                continue
            loc = f"{v.path}:{v.line}:{v.column}:"
            # colour tells the severity on a terminal; without it, say it in words
            code = f"{_SEV[v.severity]}{_BOLD}{v.code}{_RESET}" if c else f"{v.code} [{v.severity}]"
            if c:
                loc = f"{_BOLD}{v.path}{_RESET}{_CYAN}:{_RESET}{v.line}{_CYAN}:{_RESET}{v.column}{_CYAN}:{_RESET}"
            mark = "[*] " if v.fix and options.show_fixes else ""
            out.append(f"{loc} {code} {mark}{v.message}")
        hidden = collapsed(items)
        if hidden and options.summary:
            out.append(f"{hidden:,} findings like the ones shown are counted, not listed (`--show-all` lists them).")
            out.append(statistics(report))
    if options.summary:
        out.append(summary(report))
    return "\n".join(out) + "\n" if out else ""
