"""DL602 trailing-zero-dose: a dose written with a trailing zero ("1.0 mg").

Joint Commission "Do Not Use" list: the decimal point of "1.0 mg" can be missed and the dose
read as 10 mg, a tenfold overdose. Write "1 mg". Only doses are checked (a number directly
followed by a dose unit such as mg, mL, units or PFU); a trailing zero that shows the
precision of a measurement ("a lesion of 1.0 cm") is correct and is not flagged.

Passing example (note.md):

    The lesion measured 1.0 cm; inject up to 1 mL.

Failing example (note.md):

    Inject up to 1.0 mL into the lesion.
"""
from __future__ import annotations

from druglint.model import Fix
from druglint.prose import DOCUMENT, Hit, patterns
from druglint.registry import rule


@rule("DL602", "trailing-zero-dose", "warning", scope=DOCUMENT, fixable=True)
def check(ctx):
    for m in patterns.TRAILING_ZERO.finditer(ctx.doc.prose):
        old = m.group(0)
        new = m.group(1) + m.group(3) + m.group(4)
        yield Hit(m.start(), f"trailing zero in the dose '{old}' can be misread as a tenfold dose; write '{new}'",
                  Fix(f"write '{new}'", old, new))
