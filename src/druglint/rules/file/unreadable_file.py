"""DL154 unreadable-file: a path that is not a regular file, or a file that cannot be read.

A FIFO (named pipe), a device such as /dev/zero, or a socket is never opened for reading:
reading a FIFO waits for a writer forever, a device may never end. A file whose
permissions forbid reading, or whose read fails, is reported too. Each is one finding; the
other files of the run are checked as usual (before, the run hung or stopped at exit 2).

Passing example (drugs.csv):

    drug,effect
    acyclovir,nausea

Failing example (drugs.csv, fifo):

    (a named pipe, as made by `mkfifo drugs.csv`)
"""
from druglint.registry import declare

RULE = declare("DL154", "unreadable-file", "error", module=__name__)
