"""DL605 unit-with-period: a dose unit written with a period inside a sentence ("10 mg. daily").

ISMP list of error-prone dose designations: the period after "mg." can be read as the digit
1 ("10 mg." read as "10 mg1"). Write the unit without a period. A period that ends the
sentence is not flagged.

Passing example (note.md):

    Take 10 mg daily with food.

Failing example (note.md):

    Take 10 mg. daily with food.
"""
from __future__ import annotations

from druglint.model import Fix
from druglint.prose import DOCUMENT, Hit, patterns
from druglint.registry import rule


@rule("DL605", "unit-with-period", "warning", scope=DOCUMENT, fixable=True)
def check(ctx):
    for m in patterns.UNIT_WITH_PERIOD.finditer(ctx.doc.prose):
        old = m.group(0)
        new = old[:-1]
        yield Hit(m.start(), f"the period after '{m.group(2)}' can be read as the digit 1; write '{new}'",
                  Fix(f"write '{new}'", old, new))
