"""DL122 not-checked: a data file of a format druglint does not read, or a folder holding no file it reads.

Pointing druglint at an Arrow (Feather) file or at a folder of files it cannot read must not end
in "All checks passed": nothing was checked. Such a file (``.feather``, ``.numbers``,
``.feather``, a compressed ``.csv.gz`` ...) is named once at warning level with what to do
instead, and so is a folder given on the command line in which no file could be read. The
message for a format comes from ``druglint.readers.unread_format``, so it disappears the day
a reader for that format is added. Files druglint itself writes (baselines, waivers, the
reviewed-changes file) are not data and are never linted or reported.

Passing example (interactions.csv):

    drug_a,drug_b,severity
    warfarin,aspirin,major

Failing example (interactions.feather):

    drug_a,drug_b,severity
    warfarin,aspirin,major
"""
from druglint.registry import declare

RULE = declare("DL122", "not-checked", "warning", module=__name__)
