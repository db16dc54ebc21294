r"""DL111 binary-file: the file holds NUL bytes and is not text.

A spreadsheet (.xlsx), a compressed file or a database saved with a .csv name cannot be
linted as text; export it as CSV first.

Passing example (drugs.csv):

    drug,effect
    acyclovir,nausea

Failing example (drugs.csv, python-bytes):

    b"PK\x03\x04\x00\x00drug,effect\n"
"""
from druglint.registry import declare

RULE = declare("DL111", "binary-file", "error", module=__name__)
