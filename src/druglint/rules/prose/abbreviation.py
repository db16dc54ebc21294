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

An abbreviation the text itself defines ("methotrexate (MTX)", "MTX (methotrexate)", as
labels do for their own short forms) is reported at info: the reader has the expansion,
though the short form remains on the list.

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
# after a token ending in '.', a capital (or the end of the line) means its period also ended the sentence
_SENTENCE_END_AHEAD = re.compile(r"(?:[ \t]+[\"'(\[]?[A-Z]|[ \t]*(?:\n|$))")


def _expansions(entry) -> list[str]:
    parts = re.split(r"\s*(?:\bor\b|,|/|;)\s*", entry.replacement)
    return [p.strip() for p in parts if len(p.strip()) >= 3 and not re.search(r"written in full|write the", p)]


def defined_at(doc, token: str, entry, cache: dict) -> int | None:
    """Offset where the text defines ``token`` as its listed expansion, or None."""
    if token not in cache:
        cache[token] = None
        for exp in _expansions(entry):
            e, t = re.escape(exp), re.escape(token)
            m = re.search(rf"\b{e}[ \t]*\([ \t]*{t}[ \t]*\)|(?<!\w){t}[ \t]*\([ \t]*{e}[ \t]*\)", doc.prose, re.I)
            if m is not None and (cache[token] is None or m.start() < cache[token]):
                cache[token] = m.start()
    return cache[token]


@rule("DL601", "error-prone-abbreviation", "warning", scope=DOCUMENT, fixable=True)
def check(ctx):
    doc = ctx.doc
    defined: dict[str, int | None] = {}
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
            if token.endswith(".") and not new.endswith(".") and _SENTENCE_END_AHEAD.match(doc.prose, m.end(group)):
                fix = Fix(f"replace '{token}' with '{new}.' (keeping the full stop)", token, new + ".")
            else:
                fix = Fix(f"replace '{token}' with '{new}'", token, new)
        msg = f"'{token}' is on the {entry.list_name} ({entry.problem.rstrip('.')}); write '{new or entry.replacement}'"
        at = defined_at(doc, token, entry, defined)
        if at is not None and at <= start < at + 80 and doc.prose[start - 1:start] == "(" and at != start:
            continue  # the definition itself: "methotrexate (MTX)"
        if at is not None:
            shown = " ".join(doc.prose[at:at + 60].split(")")[0].split()) + ")"
            yield Hit(start, f"{msg}; the text defines it ('{shown}'), so this is info", fix, severity="info")
            continue
        yield Hit(start, msg, fix)
