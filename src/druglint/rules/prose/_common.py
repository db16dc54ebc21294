"""Helpers shared by the prose rules."""
from __future__ import annotations

import re

from druglint.prose import patterns
from druglint.prose.document import sentences


def sentence_at(doc, offset: int) -> tuple[int, int]:
    for s, e in sentences(doc):
        if s <= offset < e:
            return s, e
    return offset, offset


def in_dose_context(doc, start: int, end: int, window: int = 40) -> bool:
    """A dose quantity or an administration verb near [start, end) in the same sentence."""
    s, e = sentence_at(doc, start)
    lo, hi = max(s, start - window), min(e, end + window)
    before, after = doc.prose[lo:start], doc.prose[end:hi]
    return bool(patterns.DOSE_QUANTITY.search(before) or patterns.DOSE_QUANTITY.search(after)
                or patterns.ADMIN_VERB.search(before) or re.match(r"\s*(?:daily|twice|once|every|q\d)", after))


def line_is_caps(doc, offset: int) -> bool:
    line, _ = doc.position(offset)
    return patterns.mostly_upper(doc.line_text(line))
