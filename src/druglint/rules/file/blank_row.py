"""DL117 blank-row: an empty line inside the data.

Blank lines at the end of a file are fine; one between records often marks where two
files were pasted together.

Passing example (drugs.csv):

    drug,effect
    acyclovir,nausea
    acyclovir,headache

Failing example (drugs.csv):

    drug,effect
    acyclovir,nausea

    acyclovir,headache
"""
from druglint.registry import declare

RULE = declare("DL117", "blank-row", "warning", module=__name__)
