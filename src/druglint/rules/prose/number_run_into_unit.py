"""DL604 number-run-into-unit: a dose number written against its unit ("10mg").

ISMP list of error-prone dose designations: in "10mg" the "m" can be read as a zero or two
zeros ("10mg" read as "100 g"). Put a space between the number and the unit: "10 mg".
A measured value is not a dose: a number right after a lab analyte or "value(s) of" /
"level(s) of" ("hemoglobin values of 10g or less") is not reported.

Passing example (note.md):

    Take 10 mg twice a day.

Failing example (note.md):

    Take 10mg twice a day.
"""
from __future__ import annotations

from druglint.model import Fix
from druglint.prose import DOCUMENT, Hit, patterns
from druglint.registry import rule


@rule("DL604", "number-run-into-unit", "warning", scope=DOCUMENT, fixable=True)
def check(ctx):
    prose = ctx.doc.prose
    for m in patterns.NUMBER_RUN_INTO_UNIT.finditer(prose):
        if patterns.lab_value_before(prose, m.start()):
            continue
        old = m.group(0)
        new = f"{m.group(1)} {m.group(2)}"
        yield Hit(m.start(), f"'{old}' runs the number into the unit; write '{new}'", Fix(f"write '{new}'", old, new))
