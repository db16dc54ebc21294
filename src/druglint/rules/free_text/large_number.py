"""DL435 free-text-large-number: a free-text cell writes a dose of 1,000 or more without commas.

ISMP list of error-prone dose designations, in free-text columns (see DL430): zeros are
miscounted in "100000 units". Write "100,000 units".

Passing example (dosing.csv):

    drug,route,frequency
    nystatin,oral,"500,000 units four times daily"

Failing example (dosing.csv):

    drug,route,frequency
    nystatin,oral,500000 units four times daily
"""
from __future__ import annotations

from druglint.registry import rule
from druglint.rules.free_text._columns import KINDS, designation_hits


def _build(m):
    digits = m[1]
    # thousands separators, vectorised: reverse, group by three, reverse back
    rev = digits.str[::-1].str.replace(r"(\d{3})(?=\d)", r"\1,", regex=True).str[::-1]
    new = rev
    return "'" + m[0] + "' is hard to count; write '" + new + m[2] + m[3] + "'", digits, new


@rule("DL435", "free-text-large-number", "warning", kinds=KINDS, fixable=True, row=True)
def check(ctx):
    from druglint.prose.patterns import PREFILTER, LARGE_NUMBER

    return designation_hits(ctx, LARGE_NUMBER, _build, PREFILTER["large_number"])


