"""DL151 cell-too-large: a cell holds more text than ``limits.max-cell-size``.

A data cell of megabytes is almost always a broken export (an unclosed quote that
swallowed the rest of a file, a whole label pasted into one field). It is reported and not
checked further, so no rule spends its time on it. The default limit is 1 MB of text.
In text documents (Markdown, prose monographs) a line over the limit is reported the same
way and left out of parsing (a 100 MB line took minutes and 14x its size in memory).

Configuration example (druglint.yaml):

    limits:
      max-cell-size: 20B

Passing example (side_effects.csv):

    drug,effect
    acyclovir,nausea

Failing example (side_effects.csv):

    drug,effect
    acyclovir,nausea and vomiting and a headache
"""
from druglint.registry import declare

RULE = declare("DL151", "cell-too-large", "error", module=__name__)
