"""Helpers shared by the prose rules."""
from __future__ import annotations

import re

from druglint.prose import patterns
from druglint.prose.sentences import sentences


def sentence_at(doc, offset: int) -> tuple[int, int]:
    import bisect

    spans = sentences(doc)
    starts = getattr(doc, "_sentence_starts", None)
    if starts is None or len(starts) != len(spans):
        starts = [s for s, _ in spans]
        doc._sentence_starts = starts
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and spans[i][0] <= offset < spans[i][1]:
        return spans[i]
    return offset, offset


def in_dose_context(doc, start: int, end: int, context: str = "route", window: int = 40) -> bool:
    """Is an ambiguous abbreviation at [start, end) used as one? Drug-name abbreviations
    (MS, HCT, T3) must be followed by a dose ("MS 10 mg"); route and frequency ones must
    follow a dose or an administration verb in the same sentence ("2 drops OS",
    "instill in OS", "10 mg hs"). A capitalised word right before (a brand such as
    "Exforge HCT") or capitals around (a heading such as "BODY AS A WHOLE") rule it out."""
    s, e = sentence_at(doc, start)
    lo, hi = max(s, start - window), min(e, end + window)
    before, after = doc.prose[lo:start], doc.prose[end:hi]
    prev_word = re.search(r"([A-Za-z]+)\W*$", before)
    next_word = re.match(r"\W*([A-Za-z]+)", after)
    if (prev_word and len(prev_word.group(1)) >= 2 and prev_word.group(1).isupper()) or \
            (next_word and len(next_word.group(1)) >= 2 and next_word.group(1).isupper()):
        return False
    if context == "drug_name":
        brand_suffix = prev_word is not None and prev_word.group(1)[0].isupper() and \
            not patterns.ADMIN_VERB.fullmatch(prev_word.group(1)) and before[:prev_word.start()].strip() != ""
        return not brand_suffix and \
            patterns.DOSE_AHEAD.match(after) is not None
    return bool(patterns.DOSE_QUANTITY.search(before) or patterns.ADMIN_VERB.search(before))


def line_is_caps(doc, offset: int) -> bool:
    line, _ = doc.position(offset)
    return patterns.mostly_upper(doc.line_text(line))
