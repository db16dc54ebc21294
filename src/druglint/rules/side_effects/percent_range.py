"""DL201 percent-out-of-range: ``frequency_percent`` is below 0 or above 100.

A percentage of patients cannot be negative or exceed 100. A value such as 4250 is often
a decimal separator lost in an export (42.50).

Passing example (side_effects.csv):

    drug,effect,frequency_percent
    ibuprofen,dyspepsia,50.3

Failing example (side_effects.csv):

    drug,effect,frequency_percent
    ibuprofen,dyspepsia,503
"""
from __future__ import annotations

from druglint.hits import hits
from druglint.registry import rule


@rule("DL201", "percent-out-of-range", "error", kinds=("side_effects",), needs=("frequency_percent",), row=True)
def check(ctx):
    pct = ctx.frame["frequency_percent"]
    bad = (pct < 0) | (pct > 100)
    if not bad.any():
        return None
    return hits(bad, "frequency_percent", "frequency_percent " + pct[bad].map("{:g}".format) + " is outside 0-100")
