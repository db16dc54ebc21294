"""DL155 fix-not-written: ``--fix`` found fixes for a file but did not write them.

A fix replaces the file through a temp file and a rename, which makes a new inode. It is
refused, naming the file and the reason, when that would change what druglint does not own
or write what the user may not write: a read-only file (0444) or folder, a file with hard
links (the other names would keep the old content), an owner, group or extended attribute
that cannot be carried over; or when the file changed while --fix ran (an editor saved it).
The other files of the run are fixed as usual; the run exits 1. Setuid/setgid bits and the
mode are kept on every file that is written.

Passing example (interactions.csv, fix):

    drug_a,drug_b,severity
    warfarin,aspirin,Major

Failing example (interactions.csv, fix-read-only):

    drug_a,drug_b,severity
    warfarin,aspirin,Major
"""
from druglint.registry import declare

RULE = declare("DL155", "fix-not-written", "error", module=__name__)
