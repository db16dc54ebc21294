"""DL152 time-limit: checking the file took longer than ``limits.time-per-file``.

With a per-file time limit configured (seconds; off by default), the rules still to run on
a file when its time is up are skipped and named in the message, so one pathological file
cannot stall a run. The limit is checked between stages (after reading, after typing the
columns, before each rule of a table or a text document): a single stage finishes before
the file is cut short, and every stage is bounded by the file's size (see
docs/reliability.md for the measured figures).

Configuration example (druglint.yaml):

    limits:
      time-per-file: 0.000001

Passing example (notes.xyz):

    a file druglint does not read is skipped at once, before any stage the clock stops

Failing example (side_effects.csv):

    drug,effect
    acyclovir,nausea
"""
from druglint.registry import declare

RULE = declare("DL152", "time-limit", "error", module=__name__)
