"""Inline suppression comments in prose documents.

    <!-- druglint: disable=DL601,DL610 -->      off from this line until enable (or the end)
    <!-- druglint: enable=DL601 -->             back on
    <!-- druglint: disable-next-line=DL620 -->  off for the next non-blank line only
    <!-- druglint: disable-line=DL601 -->       off for the line the comment is on
    <!-- druglint: disable-file=DL610 -->       off for the whole document, wherever it stands
    <!-- druglint: disable -->                  every code (also enable / disable-next-line...)

reStructuredText may write the same as a comment: ``.. druglint: disable=DL601``. A code may
be a prefix (``DL6``) as in ``--select``. Directives count only outside code: one shown in a
fenced or indented code block or in inline code is an example (the caller parses the text
with code blanked, ``Document.directive_text``). A directive that suppresses nothing, or
that names a code no rule has (``DL6O4``), is reported as DL699 (like ruff's RUF100), at
the directive's line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_DIRECTIVE = re.compile(
    r"(?:<!--|^[ \t]*\.\.)[ \t]*druglint:[ \t]*(disable-next-line|disable-line|disable-file|disable|enable)(?:[ \t]*=[ \t]*([A-Za-z0-9, ]+?))?[ \t]*(?:-->|$)",
    re.M | re.I)


@dataclass
class Directive:
    action: str  # disable | enable | disable-next-line | disable-line | disable-file
    codes: tuple[str, ...]  # () = all codes
    line: int
    column: int
    target: int = 0  # disable-next-line: the line it covers
    used: set[str] = field(default_factory=set)

    def covers_code(self, code: str) -> bool:
        return not self.codes or any(code.startswith(c) for c in self.codes)


def parse(text: str) -> list[Directive]:
    out: list[Directive] = []
    lines = text.split("\n")
    starts = [0]
    for ln in lines[:-1]:
        starts.append(starts[-1] + len(ln) + 1)
    import bisect

    for m in _DIRECTIVE.finditer(text):
        line = bisect.bisect_right(starts, m.start()) - 1
        codes = tuple(c.strip().upper() for c in (m.group(2) or "").split(",") if c.strip())
        if any(c == "ALL" for c in codes):
            codes = ()
        d = Directive(m.group(1).lower(), codes, line + 1, m.start() - starts[line] + 1)
        if d.action == "disable-next-line":
            j = line + 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            d.target = j + 1
        elif d.action == "disable-line":
            d.target = line + 1
        out.append(d)
    return out


def apply(violations: list, directives: list[Directive]) -> list:
    """Drop suppressed violations; marks each directive with the codes it suppressed."""
    if not directives:
        return violations
    kept = []
    for v in violations:
        hit = _suppressor(v.line, v.code, directives)
        if hit is None:
            kept.append(v)
        else:
            hit.used.add(v.code)
    return kept


def _suppressor(line: int, code: str, directives: list[Directive]) -> Directive | None:
    for d in directives:
        if d.action in ("disable-next-line", "disable-line") and d.target == line and d.covers_code(code):
            return d
    for d in directives:
        if d.action == "disable-file" and d.covers_code(code):
            return d
    active: Directive | None = None
    for d in directives:  # in document order
        if d.line > line:
            break
        if d.action == "disable" and d.covers_code(code):
            active = d
        elif d.action == "enable" and active is not None and (not d.codes or any(code.startswith(c) for c in d.codes)):
            active = None
    return active


def unused(directives: list[Directive], enabled) -> list[tuple[Directive, str]]:
    """(directive, message) for every disable directive that suppressed nothing.

    ``enabled(code)`` tells whether a code ran; a directive naming only codes that did not
    run is not reported (it may be meant for another configuration)."""
    out = []
    for d in directives:
        if d.action == "enable":
            continue
        if d.codes:
            idle = [c for c in d.codes if not any(u.startswith(c) for u in d.used) and enabled(c)]
            if idle:
                out.append((d, f"suppression of {', '.join(idle)} suppresses nothing; remove it"))
        elif not d.used:
            out.append((d, "suppression of every code suppresses nothing; remove it"))
    return out


def unknown(directives: list[Directive], known) -> list[tuple[Directive, str]]:
    """(directive, message) for every code a directive names that matches no rule
    (``known(code)`` is False): a typo such as ``DL6O4`` would otherwise suppress nothing
    silently, and DL699 skips codes that did not run."""
    out = []
    for d in directives:
        bad = [c for c in d.codes if not known(c)]
        if bad:
            out.append((d, f"suppression names unknown rule code{'s' if len(bad) > 1 else ''} {', '.join(bad)} "
                           "(see 'druglint rules')"))
    return out
