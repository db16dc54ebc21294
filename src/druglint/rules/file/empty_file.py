r"""DL112 empty-file: the file holds nothing (or only whitespace).

An empty dataset is almost always a failed export. A dataset needs a header line and at
least one record.

Passing example (drugs.csv):

    drug,effect
    acyclovir,nausea

Failing example (drugs.csv, python-bytes):

    b"\n\n"
"""
from druglint.registry import declare

RULE = declare("DL112", "empty-file", "error", module=__name__)
