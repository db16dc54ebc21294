"""DL601 error-prone-abbreviation: prose uses an abbreviation on the Joint Commission or ISMP list.

An abbreviation on the Joint Commission "Do Not Use" list or the ISMP list of error-prone
abbreviations is used in prose.

The abbreviations, their replacements and the misreadings they cause are the vocabulary
``vocab/abbreviations.yaml`` (sources named there). The finding's fix suggests the
replacement; when the replacement is one unambiguous text the fix is mechanical.

Tokens that are also ordinary words or common acronyms (OS for overall survival, MS for
multiple sclerosis, "in", "as") are flagged only next to a dose or an administration verb;
dose abbreviations such as U, IU and cc only right after a number, so "U.S." is not flagged.
FHIR timing codes (QD, QOD) are flagged here because prose is read by people; in a coded
frequency column of a dataset they are legitimate (see DL430).

Passing example (leaflet.md):

    # Dosing

    Inject 0.5 mL under the skin every other day.

Failing example (leaflet.md):

    # Dosing

    Inject 0.5 mL under the skin QOD.
"""
from __future__ import annotations

import re

from druglint.model import Fix
from druglint.prose import DOCUMENT, Hit, patterns
from druglint.registry import rule
from druglint.rules.prose._common import in_dose_context, line_is_caps


def _plural(entry_new: str, number_text: str) -> str:
    if entry_new in ("unit", "International Unit") and number_text.strip() not in ("1", "one"):
        return entry_new + "s"
    return entry_new


_NUMBER_AHEAD = re.compile(r"[ \t]*\d")


@rule("DL601", "error-prone-abbreviation", "warning", scope=DOCUMENT, fixable=True)
def check(ctx):
    doc = ctx.doc
    for m in patterns.abbreviation_regex().finditer(doc.prose):
        group = "plain" if m.group("plain") else "num" if m.group("num") else "ctx"
        token = m.group(group)
        start = m.start(group)
        entry = patterns.lookup(token)
        if entry is None:
            continue
        if group == "ctx" and (line_is_caps(doc, start) or not in_dose_context(doc, start, m.end(group), entry.context)):
            continue
        if group == "ctx" and token.upper() == "IN" and _NUMBER_AHEAD.match(doc.prose, m.end(group)):
            continue  # "1 IN 3 M" (FAERS dose text: once in 3 months) is the preposition, not intranasal
        new = entry.single_replacement
        fix = None
        if new is not None:
            new = _plural(new, doc.prose[m.start():start])
            fix = Fix(f"replace '{token}' with '{new}'", token, new)
        msg = f"'{token}' is on the {entry.list_name} ({entry.problem.rstrip('.')}); write '{new or entry.replacement}'"
        yield Hit(start, msg, fix)
