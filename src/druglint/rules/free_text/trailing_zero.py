"""DL431 free-text-trailing-zero: a free-text cell writes a dose with a trailing zero ("1.0 mL").

Joint Commission "Do Not Use" list, in free-text columns (see DL430 for which columns):
"1.0 mL" can be read as 10 mL. Only doses (a number directly followed by a dose unit) are
checked; "lesion 1.0 cm" is a measurement.

Passing example (dosing.csv):

    drug,route,frequency
    talimogene laherparepvec,intralesional,up to 1 mL every 2 weeks

Failing example (dosing.csv):

    drug,route,frequency
    talimogene laherparepvec,intralesional,up to 1.0 mL every 2 weeks
"""
from __future__ import annotations

from druglint.registry import rule
from druglint.rules.free_text._columns import KINDS, designation_hits


def _build(m):
    old = m[0]
    new = m[1] + m[3] + m[4]
    return "trailing zero in the dose '" + old + "' can be misread as a tenfold dose; write '" + new + "'", old, new


@rule("DL431", "free-text-trailing-zero", "warning", kinds=KINDS, fixable=True, row=True)
def check(ctx):
    from druglint.prose.patterns import PREFILTER, TRAILING_ZERO

    return designation_hits(ctx, TRAILING_ZERO, _build, PREFILTER["trailing_zero"])


