"""DL150 file-too-large: the file is larger than ``limits.max-file-size``; it is not read.

Reading a table takes several times its size in memory, so a file over the configured
limit (default 1 GB) is reported instead of read: a stray database dump in a data folder
cannot exhaust the machine or hold up a pre-commit hook. Raise the limit (or set it to
``none``) in the configuration to check such a file.

Configuration example (druglint.yaml):

    limits:
      max-file-size: 60B

Passing example (side_effects.csv):

    drug,effect
    acyclovir,nausea

Failing example (side_effects.csv):

    drug,effect
    acyclovir,nausea
    acyclovir,headache
    acyclovir,vomiting
"""
from druglint.registry import declare

RULE = declare("DL150", "file-too-large", "error", module=__name__)
