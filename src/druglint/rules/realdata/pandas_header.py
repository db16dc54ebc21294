"""DL130 pandas-header: the header holds pandas' default labels instead of column names.

A header such as ``0,1_x,1_y,2,3`` (integer labels, with ``_x``/``_y`` suffixes from a
``merge``) or a column named ``Unnamed: 0`` (an index written by ``to_csv`` and read back)
is a leftover of a pandas script: the names say nothing about the columns, so no reader can
tell which holds what, and the file cannot be mapped onto any dataset kind. Reported once
per file, at the header. Integer labels count only when they run 0, 1, 2... as pandas
numbers them. Any table.

Passing example (side_effects.csv):

    drug,effect
    carnitine,nausea

Failing example (indications.tsv):

    0	1_x	1_y	2
    CID100000085	carnitine	C0015544	Failure to thrive
"""
from __future__ import annotations

import re

from druglint.across import Across
from druglint.registry import PROJECT, rule
from druglint.rules.realdata._tables import tables, violation

_LABEL = re.compile(r"^(\d+)(?:_[xy])?$")
_UNNAMED = re.compile(r"^Unnamed: \d+(?:_level_\d+)?$")


def pandas_labels(header: list[str]) -> str | None:
    names = [str(h).strip() for h in header if str(h).strip()]
    unnamed = [n for n in names if _UNNAMED.match(n)]
    if unnamed:
        return f"column {unnamed[0]!r} is a pandas index written by to_csv; drop it (index=False)"
    if len(names) < 2:
        return None
    nums = [_LABEL.match(n) for n in names]
    if not all(nums):
        return None
    ints = sorted({int(m.group(1)) for m in nums})
    if ints != list(range(ints[-1] + 1)):
        return None
    merged = " (the _x/_y suffixes come from a merge)" if any("_" in n for n in names) else ""
    return (f"the header {', '.join(names[:8])}{'...' if len(names) > 8 else ''} holds pandas' default column "
            f"labels{merged}, not column names; write the real names")


@rule("DL130", "pandas-header", "warning", scope=PROJECT, state=Across.headers())
def check(project):
    out = []
    for seen in tables(project):
        header = seen.table.meta.get("original_header") or seen.table.header
        if seen.table.meta.get("headerless"):
            continue
        msg = pandas_labels([str(h) for h in header])
        if msg:
            out.append(violation(seen.path, "DL130", seen.table.header_line, 1, msg, project))
    return out
