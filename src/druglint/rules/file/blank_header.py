"""DL116 blank-header: a column has no name.

A column without a name cannot be mapped to a canonical column, and its cells are not
checked. A leftover pandas index column (",drug,effect") is the usual cause.

Passing example (drugs.csv):

    drug,effect
    acyclovir,nausea

Failing example (drugs.csv):

    ,drug,effect
    0,acyclovir,nausea
"""
from druglint.registry import declare

RULE = declare("DL116", "blank-header", "error", module=__name__)
