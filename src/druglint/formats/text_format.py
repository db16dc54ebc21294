"""ruff-like text: ``path:line:col: CODE message``, coloured on a terminal, then a summary.

ANSI colours are written directly (not through rich) to keep start-up fast; NO_COLOR and
FORCE_COLOR are honoured by the caller that decides ``options.color``.
"""
from __future__ import annotations

from collections import Counter

from druglint.model import Report, Severity

_RESET = "\033[0m"
_BOLD = "\033[1m"
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
    from druglint import registry

    counts = Counter(v.code for v in report.violations)
    fixable = Counter(v.code for v in report.violations if v.fix)
    width = max((len(str(c)) for c in counts.values()), default=1)
    lines = []
    for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        r = registry.get(code)
        mark = "[*]" if fixable[code] else "   "
        lines.append(f"{n:>{width}}\t{code}\t{mark} {r.name}")
    return "\n".join(lines)


def render(report: Report, options) -> str:
    c = options.color
    out = []
    if options.statistics:
        if report.violations:
            out.append(statistics(report))
    else:
        for v in report.sorted():
            loc = f"{v.path}:{v.line}:{v.column}:"
            # colour tells the severity on a terminal; without it, say it in words
            code = f"{_SEV[v.severity]}{_BOLD}{v.code}{_RESET}" if c else f"{v.code} [{v.severity}]"
            if c:
                loc = f"{_BOLD}{v.path}{_RESET}{_CYAN}:{_RESET}{v.line}{_CYAN}:{_RESET}{v.column}{_CYAN}:{_RESET}"
            mark = "[*] " if v.fix and options.show_fixes else ""
            out.append(f"{loc} {code} {mark}{v.message}")
    if options.summary:
        out.append(summary(report))
    return "\n".join(out) + "\n" if out else ""
