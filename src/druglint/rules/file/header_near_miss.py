"""DL120 header-near-miss: a header name is one edit from a canonical column, or the file uses another delimiter.

A column whose name is nearly canonical ("efect", "drugb", "dose unit" with a typo) is read
as an unknown extra column, so its values are never checked; when the kind can only be told
through it, the whole file would be skipped. Both are reported with a did-you-mean, so a
file druglint did not check never passes green. A delimited file whose header names a kind
only when split by another delimiter ("Drug A;Drug B;Severity" in a ``.csv``) is read with
that delimiter, and the hint says so. How "near" is decided: ``druglint.kinds.near_miss``.

Passing example (interactions.csv):

    drug_a,drug_b,severity,effect
    warfarin,aspirin,major,bleeding

Failing example (interactions.csv):

    drug_a,drug_b,severity,efect
    warfarin,aspirin,major,bleeding
"""
from druglint.registry import declare

RULE = declare("DL120", "header-near-miss", "warning", module=__name__)
