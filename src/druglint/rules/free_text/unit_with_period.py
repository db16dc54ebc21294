"""DL434 free-text-unit-with-period: a free-text cell writes a unit with a period ("10 mg. daily").

ISMP list of error-prone dose designations, in free-text columns (see DL430): the period of
"mg." can be read as the digit 1. A period that ends the cell's sentence is not flagged.

Passing example (dosing.csv):

    drug,route,frequency
    acyclovir,oral,400 mg five times daily

Failing example (dosing.csv):

    drug,route,frequency
    acyclovir,oral,400 mg. five times daily
"""
from __future__ import annotations

from druglint.registry import rule
from druglint.rules.free_text._columns import KINDS, designation_hits


def _build(m):
    old = m[0]
    new = old.str[:-1]
    return "the period after '" + m[2] + "' can be read as the digit 1; write '" + new + "'", old, new


@rule("DL434", "free-text-unit-with-period", "warning", kinds=KINDS, fixable=True, row=True)
def check(ctx):
    from druglint.prose.patterns import PREFILTER, UNIT_WITH_PERIOD

    return designation_hits(ctx, UNIT_WITH_PERIOD, _build, PREFILTER["unit_with_period"])


