"""DL432 free-text-naked-decimal: a free-text cell writes a dose below 1 without a leading zero (".5 mL").

Joint Commission "Do Not Use" list, in free-text columns (see DL430): ".5 mL" can be read as
5 mL. Write "0.5 mL".

Passing example (dosing.csv):

    drug,route,frequency
    talimogene laherparepvec,intralesional,0.5 mL per lesion every 2 weeks

Failing example (dosing.csv):

    drug,route,frequency
    talimogene laherparepvec,intralesional,.5 mL per lesion every 2 weeks
"""
from __future__ import annotations

from druglint.registry import rule
from druglint.rules.free_text._columns import KINDS, designation_hits


def _build(m):
    old = m[0]
    new = "0" + old
    return "dose '" + old + "' has no leading zero; write '" + new + "'", old, new


@rule("DL432", "free-text-naked-decimal", "warning", kinds=KINDS, fixable=True, row=True)
def check(ctx):
    from druglint.prose.patterns import PREFILTER, NAKED_DECIMAL

    return designation_hits(ctx, NAKED_DECIMAL, _build, PREFILTER["naked_decimal"])


