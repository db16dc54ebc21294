"""DL106 out-of-range: a number is outside the range its column allows.

A ``dose`` or ``concentration`` must be greater than 0; an ``interval_days`` cannot be
negative. (A percent outside 0-100 is DL201.)

Passing example (dosing.csv):

    drug,route,dose,dose_unit
    acyclovir,oral,400,mg

Failing example (dosing.csv):

    drug,route,dose,dose_unit
    acyclovir,oral,-400,mg
"""
from druglint.registry import declare

RULE = declare("DL106", "out-of-range", "error", module=__name__)
