"""DL607 drug-name-run-into-dose: a drug name is written against its dose ("Tegretol300").

ISMP list of error-prone dose designations: the last letters of a name run into a number
can be read as digits ("Inderal40" read as "Inderal 140"). Put a space between the name and
the dose: "Tegretol 300 mg". The name must be a known drug name (specs, vocabulary, and the
optional drug-name dictionary).

Passing example (note.md):

    Take acyclovir 400 mg five times a day.

Failing example (note.md):

    Take acyclovir400 mg five times a day.
"""
from __future__ import annotations

import re

from druglint.model import Fix
from druglint.prose import DOCUMENT, Hit, drugs
from druglint.registry import rule

RUN = re.compile(r"(?<![\w-])([A-Za-z][A-Za-z-]{3,})(\d+(?:\.\d+)?)(?![\w.])")


def is_drug(word: str, names: dict[str, str]) -> bool:
    low = word.lower()
    return low in names or low in drugs.dictionary()


@rule("DL607", "drug-name-run-into-dose", "warning", scope=DOCUMENT, fixable=True)
def check(ctx):
    names = getattr(ctx, "names", None) or drugs.names_of([])
    for m in RUN.finditer(ctx.doc.prose):
        if not is_drug(m.group(1), names):
            continue
        old = m.group(0)
        new = f"{m.group(1)} {m.group(2)}"
        yield Hit(m.start(), f"'{old}' runs the drug name into the dose; write '{new}'", Fix(f"write '{new}'", old, new))
