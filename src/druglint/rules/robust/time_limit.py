"""DL152 time-limit: checking the file took longer than ``limits.time-per-file``.

With a per-file time limit configured (seconds; off by default), the rules still to run on
a file when its time is up are skipped and named in the message, so one pathological file
cannot stall a run. The limit is checked between stages (after reading, after the schema
stage, after each rule): a single slow stage finishes before the file is cut short.

Configuration example (druglint.yaml):

    limits:
      time-per-file: 0.000001

Passing example (side_effects.md):

    # Side effects

    Nausea was reported.

Failing example (side_effects.csv):

    drug,effect
    acyclovir,nausea
"""
from druglint.registry import declare

RULE = declare("DL152", "time-limit", "error", module=__name__)
