"""DL641 lost-number: a unit or an interval with its number missing ("up to mL every weeks").

Numbers rendered as images or superscripts drop out of extracted label text: "Doses up to
mL every weeks" stands where "up to 4 mL every 2 weeks" was written. A dose or volume unit
right after "up to", "maximum of", "dose of", "volume of", "more than", "at least" or an
administration verb, or "every" followed by a
plural time unit, is reported.

Passing example (label.md):

    Inject up to 4 mL every 2 weeks.

Failing example (label.md):

    Inject up to mL every weeks.
"""
from __future__ import annotations

import re

from druglint.prose import DOCUMENT, Hit
from druglint.registry import rule

_UNIT = r"(?:mg|mcg|mL|ml|g|units|PFU(?:/mL)?|mg/kg|mg/m2|mL/kg)"
LOST = re.compile(
    rf"\b(?:up[ \t]+to|(?:maximum|max|total|dose|doses|volume|volumes)[ \t]+of|(?:more|less|greater|fewer)[ \t]+than|at[ \t]+(?:least|most)|"
    rf"inject|injecting|administer|administered|give|given|receive|received)[ \t]+({_UNIT})(?![\w/])"
    r"|\b(?:every|each|for|after)[ \t]+(days|weeks|months|hours)\b(?![ \t]+(?:of|or|after|before))", re.I)
_NOT_LOST = re.compile(r"\b(?:for|after)[ \t]+(?:days|weeks|months|hours)\b", re.I)


@rule("DL641", "lost-number", "warning", scope=DOCUMENT)
def check(ctx):
    text = ctx.doc.prose
    for m in LOST.finditer(text):
        word = m.group(1) or m.group(2)
        if m.group(2) and _NOT_LOST.match(m.group(0)):
            continue  # "for weeks", "after months" are ordinary English
        yield Hit(m.start(1) if m.group(1) else m.start(2),
                  f"'{m.group(0)}' has no number before '{word}': a number was probably lost when the text was extracted")
