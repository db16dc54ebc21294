"""DL113 no-records: the file has a header (or an empty list) but no records.

A header-only file usually means an export or a filter went wrong.

Passing example (drugs.csv):

    drug,effect
    acyclovir,nausea

Failing example (drugs.csv):

    drug,effect
"""
from druglint.registry import declare

RULE = declare("DL113", "no-records", "warning", module=__name__)
