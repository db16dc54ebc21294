"""DL640 flattened-superscript: a power of ten lost its superscript ("106 PFU/mL").

When label text is copied from a PDF or an SPL rendering, "10⁶ PFU/mL" often becomes
"106 PFU/mL", a value ten thousand times smaller. A number made of "10" followed by one or
two digits (101 to 1019), directly before a count unit (PFU, CFU, TCID50, vector genomes,
viral particles, cells, copies) or after "x" in scientific notation ("1 x 108"), is reported
with the exponent that was probably meant. Write "10^6" or "10⁶".

A real count is left alone: cells per volume of blood ("CD4+ counts of 104 cells/mm3",
"110 cells/µL" are lab counts in the hundreds, never powers of ten), and a number that is
one end of a range with an ordinary number ("101 to 200 cells", "50-105 copies").

Passing example (label.md):

    Each vial contains 10^6 PFU/mL (1 million plaque-forming units per mL).

Failing example (label.md):

    Each vial contains 106 PFU/mL (1 million plaque-forming units per mL).
"""
from __future__ import annotations

import re

from druglint.model import Fix
from druglint.prose import DOCUMENT, Hit
from druglint.registry import rule

COUNT_UNIT = r"(?:PFU|CFU|TCID50|TCID_50|vg|VG|GC|viral[ \t]particles|vector[ \t]genomes|cells|copies|IU/kg\b(?!x))"
FLATTENED = re.compile(rf"(?<![\w.,^])10(1[0-9]|[1-9])(?![\d,.]\d)([ \t]*{COUNT_UNIT})(?![A-Za-z])"
                       rf"|(?<=[x×] )10(1[0-9]|[1-9])(?![\d,.]\d)\b")


_BLOOD_COUNT = re.compile(r"[ \t]*/[ \t]*(?:mm3|mm\^3|mm³|cu[ \t]?mm|[µμu]L|microlit(?:er|re)|L)\b")
_RANGE_BEFORE = re.compile(r"(\d[\d,]*)[ \t]*(?:-|–|to|and)[ \t]*$")
_RANGE_AFTER = re.compile(r"[ \t]*(?:-|–|to|and)[ \t]*(\d[\d,]*)")
_POWER = re.compile(r"10(?:1[0-9]|[1-9])|10\^?\d+|1(?:,?000)+")


def _real_count(prose: str, m: re.Match) -> bool:
    if m.group(2) is None:
        return False  # scientific notation ("1 x 108")
    if m.group(2).strip().startswith("cells") and _BLOOD_COUNT.match(prose, m.end()):
        return True
    before = _RANGE_BEFORE.search(prose, max(0, m.start() - 20), m.start())
    after = _RANGE_AFTER.match(prose, m.start() + 2 + len(m.group(1)))
    other = before or after
    return other is not None and not _POWER.fullmatch(other.group(1))


@rule("DL640", "flattened-superscript", "warning", scope=DOCUMENT, fixable=True)
def check(ctx):
    prose = ctx.doc.prose
    for m in FLATTENED.finditer(prose):
        if _real_count(prose, m):
            continue
        exp = m.group(1) or m.group(3)
        old = "10" + exp
        new = f"10^{exp}"
        yield Hit(m.start(), f"'{m.group(0).strip()}' looks like 10^{exp} with its superscript lost; write '{new}'",
                  Fix(f"write '{new}'", old, new))
