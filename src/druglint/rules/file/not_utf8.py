r"""DL110 not-utf8: the file is not UTF-8 text.

druglint reads text datasets as UTF-8 (with or without a byte-order mark). A file saved as
Windows-1252, Latin-1 or UTF-16 would have its accented names silently garbled, so it is
reported at the first byte that cannot be decoded, with a guess at the real encoding.

Passing example (drugs.csv):

    drug,effect
    acyclovir,nausea

Failing example (drugs.csv, python-bytes):

    b"drug,effect\nacyclovir,naus\xe9e\n"
"""
from druglint.registry import declare

RULE = declare("DL110", "not-utf8", "error", module=__name__)
