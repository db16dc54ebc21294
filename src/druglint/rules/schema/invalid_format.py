"""DL107 invalid-format: a coded value does not have its code's format.

A MedDRA code (``meddra_code``) is 8 digits; a shorter one has usually lost its leading
zeros or been read as a number by a spreadsheet.

Passing example (side_effects.csv):

    drug,effect,meddra_code
    acyclovir,nausea,12345678

Failing example (side_effects.csv):

    drug,effect,meddra_code
    acyclovir,nausea,1234567
"""
from druglint.registry import declare

RULE = declare("DL107", "invalid-format", "error", module=__name__)
