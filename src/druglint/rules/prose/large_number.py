"""DL606 large-number-without-commas: a dose of 1,000 or more written without separators.

ISMP list of error-prone dose designations: zeros are miscounted in "100000 units". Write
"100,000 units" (or "100 thousand units", "1 million units").

Passing example (note.md):

    The dose is 100,000 units once a week.

Failing example (note.md):

    The dose is 100000 units once a week.
"""
from __future__ import annotations

from druglint.model import Fix
from druglint.prose import DOCUMENT, Hit, patterns
from druglint.registry import rule


@rule("DL606", "large-number-without-commas", "warning", scope=DOCUMENT, fixable=True)
def check(ctx):
    for m in patterns.LARGE_NUMBER.finditer(ctx.doc.prose):
        old = m.group(1)
        new = patterns.with_commas(old)
        yield Hit(m.start(), f"'{m.group(0)}' is hard to count; write '{new}{m.group(2)}{m.group(3)}'",
                  Fix(f"write '{new}'", old, new))
