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

import re

from druglint.model import Fix
from druglint.prose import DOCUMENT, Hit, patterns
from druglint.registry import rule


@rule("DL602", "trailing-zero-dose", "warning", scope=DOCUMENT, fixable=True)
def check(ctx):
    for m in patterns.TRAILING_ZERO.finditer(ctx.doc.prose):
        old = m.group(0)
        if _measured_volume(ctx.doc.prose, m.start(), old):
            continue
        new = m.group(1) + m.group(3) + m.group(4)
        yield Hit(m.start(), f"trailing zero in the dose '{old}' can be misread as a tenfold dose; write '{new}'",
                  Fix(f"write '{new}'", old, new))


# A volume measured in the patient, not given to them: "the distribution volume (Vss) ranged
# from 4.7 to 6.0 L" (HUMIRA label, clinical pharmacology). Its trailing zero shows the
# precision of a measurement, which the Joint Commission list allows (DOMAIN.md section 1).
_MEASURED = re.compile(r"(?i)(?:volume of distribution|distribution volume|\bV\s*ss\b|\bVd\b|clearance)")


def _measured_volume(prose: str, start: int, old: str) -> bool:
    unit = old.split()[-1] if " " in old.strip() else old.lstrip("0123456789.")
    if unit.strip().casefold() not in ("l", "ml"):
        return False
    sentence = prose[max(0, start - 160): start]
    sentence = re.split(r"[.;:!?]\s", sentence)[-1]
    return _MEASURED.search(sentence) is not None
