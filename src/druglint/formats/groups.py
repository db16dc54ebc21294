"""One line per root cause: findings grouped for the formats people read, and counts.

A run over real data can give thousands of findings of one code in one file that differ
only in a value or a line number ("row repeats the row at line 78 exactly"). The formats
people read (text, html, github, markdown) show the first ``KEEP`` of each group and then
one line saying how many more there are; the formats machines read (json, sarif, junit)
keep every finding. A group is (file, code, message shape), where the shape is the message
with quoted values and numbers masked, computed once per distinct message.

``statistics`` gives the counts per code and per file with their severities, for the
summary, ``--statistics`` (text or JSON) and any report that shows counts.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Union

from druglint.model import Severity, Violation

KEEP = 3  # findings of a group shown before the rest are counted
SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)

# quoted values ('x', "x", `x`) first, so that digits inside them are masked with them
_VALUES = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|`[^`\n]*`|\d+(?:[.,:/]\d+)*")


def shape(message: str) -> str:
    """The message with quoted values and numbers masked: what findings of one cause share."""
    return _VALUES.sub("…", message)


@dataclass(frozen=True)
class Collapsed:
    """Stands for the findings of a group not shown: ``count`` of them, like ``example``."""

    path: str
    code: str
    severity: Severity
    count: int
    example: Violation  # the last finding shown of the group (where the line goes)

    @property
    def line(self) -> int:
        return self.example.line

    def message(self) -> str:
        what = "finding" if self.count == 1 else "findings"
        return f"... and {self.count:,} more {what} like this ({self.code}); `--show-all` lists them"


Item = Union[Violation, Collapsed]


def group(violations: Iterable[Violation], show_all: bool = False, keep: int = KEEP) -> list[Item]:
    """``violations`` in their order (sort them first), each group cut after ``keep``
    findings with a ``Collapsed`` standing for the rest right after the last one shown."""
    vs = list(violations)
    if show_all:
        return list(vs)
    shapes = {m: shape(m) for m in {v.message for v in vs}}  # once per distinct message
    keys = [(v.path, v.code, shapes[v.message]) for v in vs]
    totals = Counter(keys)
    seen: Counter = Counter()
    out: list[Item] = []
    for v, k in zip(vs, keys):
        seen[k] += 1
        n = seen[k]
        if n <= keep:
            out.append(v)
            if n == keep and totals[k] > keep:
                out.append(Collapsed(v.path, v.code, v.severity, totals[k] - keep, v))
    return out


def collapsed(items: Iterable[Item]) -> int:
    """How many findings the ``Collapsed`` items of ``items`` stand for."""
    return sum(i.count for i in items if isinstance(i, Collapsed))


def statistics(violations: Iterable[Violation], files: Iterable[str] = ()) -> dict[str, object]:
    """Counts of the whole run, per code and per file, each with its severities (a plain
    dict: the JSON of ``--statistics --format json``). One pass over the findings; the
    rest works on the distinct (path, code, severity, fixable) combinations."""
    from druglint import registry

    combos = Counter((v.path, v.code, v.severity, v.fix is not None) for v in violations)
    levels = [str(s) for s in SEVERITIES]

    def blank() -> dict[str, object]:
        return {"count": 0, **{lv: 0 for lv in levels}, "fixable": 0, "codes": Counter()}

    total, by_code, by_file = blank(), {}, {}
    for (path, code, sev, fixable), n in combos.items():
        for entry in (total, by_code.setdefault(code, blank()), by_file.setdefault(path, blank())):
            entry["count"] += n
            entry[str(sev)] += n
            entry["fixable"] += n if fixable else 0
            entry["codes"][code] += n

    def name(code: str) -> str:
        try:
            return registry.get(code).name
        except KeyError:
            return code

    codes = [{"code": c, "name": name(c), "count": e["count"], **{lv: e[lv] for lv in levels}, "fixable": e["fixable"]}
             for c, e in sorted(by_code.items(), key=lambda kv: (-kv[1]["count"], kv[0]))]
    per_file = [{"path": p, "count": e["count"], **{lv: e[lv] for lv in levels},
                 "codes": dict(sorted(e["codes"].items(), key=lambda kv: (-kv[1], kv[0])))}
                for p, e in sorted(by_file.items(), key=lambda kv: (-kv[1]["count"], kv[0]))]
    return {"violations": total["count"], "files_checked": len(list(files)), **{lv: total[lv] for lv in levels},
            "fixable": total["fixable"], "by_code": codes, "by_file": per_file}


def severity_text(entry: dict[str, object]) -> str:
    """'3 errors, 1 warning' from an entry of ``statistics``."""
    parts = []
    for s in SEVERITIES:
        n = int(entry[str(s)])  # type: ignore[arg-type]
        if n:
            parts.append(f"{n:,} {s}{'' if n == 1 else 's'}")
    return ", ".join(parts)


__all__ = ["KEEP", "Collapsed", "Item", "shape", "group", "collapsed", "statistics", "severity_text"]
