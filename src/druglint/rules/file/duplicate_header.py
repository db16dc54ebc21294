"""DL115 duplicate-header: two columns share one name.

Only the first column of that name is checked; the second is almost always an export
mistake (a column pasted twice) or two different fields given one name.

Passing example (drugs.csv):

    drug,effect,source
    acyclovir,nausea,label

Failing example (drugs.csv):

    drug,effect,effect
    acyclovir,nausea,headache
"""
from druglint.registry import declare

RULE = declare("DL115", "duplicate-header", "error", module=__name__)
