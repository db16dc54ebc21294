"""DL117 blank-row: an empty line inside the data.

Blank lines at the end of a file are fine; one between records often marks where two
files were pasted together. Blank lines before the header are reported too (the table
is still read from the header on): some tools take such a file for prose or read an
empty header.

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
