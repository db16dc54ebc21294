"""DL121 stray-whitespace: a cell starts or ends with spaces.

"acyclovir " and "acyclovir" are different strings to every tool that joins or
deduplicates exactly. Information only; the fix strips the cell.

Passing example (side_effects.csv):

    drug,effect
    acyclovir,nausea

Failing example (side_effects.csv):

    drug,effect
    acyclovir ,nausea
"""
from druglint.registry import declare

RULE = declare("DL121", "stray-whitespace", "info", module=__name__, fixable=True)
