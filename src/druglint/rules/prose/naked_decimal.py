"""DL603 naked-decimal-dose: a dose below 1 written without a leading zero (".5 mL").

Joint Commission "Do Not Use" list: the decimal point of ".5 mL" can be missed and the dose
read as 5 mL. Write "0.5 mL". Only doses are checked (a number directly followed by a dose
unit).

Passing example (note.md):

    Inject 0.5 mL into each lesion smaller than 1.5 cm.

Failing example (note.md):

    Inject .5 mL into each lesion smaller than 1.5 cm.
"""
from __future__ import annotations

from druglint.model import Fix
from druglint.prose import DOCUMENT, Hit, patterns
from druglint.registry import rule


@rule("DL603", "naked-decimal-dose", "warning", scope=DOCUMENT, fixable=True)
def check(ctx):
    for m in patterns.NAKED_DECIMAL.finditer(ctx.doc.prose):
        old = m.group(0)
        new = "0" + old
        yield Hit(m.start(), f"dose '{old}' has no leading zero and can be read as ten times the dose; write '{new}'",
                  Fix(f"write '{new}'", old, new))
