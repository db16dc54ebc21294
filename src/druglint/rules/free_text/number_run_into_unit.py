"""DL433 free-text-number-run-into-unit: a free-text cell runs a dose number into its unit ("10mg").

ISMP list of error-prone dose designations, in free-text columns (see DL430): the "m" of
"10mg" can be read as zeros. Write "10 mg".

Passing example (dosing.csv):

    drug,route,frequency
    acyclovir,oral,400 mg five times a day

Failing example (dosing.csv):

    drug,route,frequency
    acyclovir,oral,400mg five times a day
"""
from __future__ import annotations

from druglint.registry import rule
from druglint.rules.free_text._columns import KINDS, designation_hits


def _build(m):
    old = m[0]
    new = m[1] + " " + m[2]
    return "'" + old + "' runs the number into the unit; write '" + new + "'", old, new


@rule("DL433", "free-text-number-run-into-unit", "warning", kinds=KINDS, fixable=True, row=True)
def check(ctx):
    from druglint.prose.patterns import PREFILTER, NUMBER_RUN_INTO_UNIT

    return designation_hits(ctx, NUMBER_RUN_INTO_UNIT, _build, PREFILTER["number_run_into_unit"])


