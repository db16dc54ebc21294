"""DL642 duplicated-passage: a passage occurs twice, word for word.

Copy-paste and extraction from labels duplicate passages; a duplicated dosing passage
is at best noise and at worst hides an edit made to only one copy. A repeat is reported
once, at the first sentence of the second copy, with the line of the first copy, when it
is a *passage*: three or more consecutive sentences repeated in order, or a sentence (or
run of sentences) of ten words or more that is a whole paragraph in both places (a
paragraph pasted twice). Whitespace and case are ignored.

Not reported: one or two sentences reused inside different surroundings. Labels restate
text by design (the Highlights summarise the full prescribing information, 21 CFR
201.57(a), and openFDA extracts often hold both versions in one field), and trial reports
end several paragraphs with the same sentence ("Adverse events occurred at a similar rate
regardless of age, gender, or race.").

Passing example (label.md):

    In the heart failure study, rates were 47% with the drug and 45% with placebo.
    Adverse events occurred at a similar rate regardless of age, gender, or race.

    In the hypertension study, rates were 52% with the drug and 50% with placebo.
    Adverse events occurred at a similar rate regardless of age, gender, or race.

Failing example (label.md):

    Imlygic is injected into cutaneous, subcutaneous and nodal lesions of melanoma.

    Imlygic is injected into cutaneous, subcutaneous and nodal lesions of melanoma.
"""
from __future__ import annotations

import bisect
import re

from druglint.prose import DOCUMENT, Hit
from druglint.prose.sentences import paragraphs, sentences
from druglint.registry import rule

MIN_WORDS = 10  # a lone repeated sentence shorter than this is a heading or a deliberate warning
MIN_RUN = 3  # consecutive repeated sentences that make a passage wherever they stand


def _whole_paragraph(prose: str, paras: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_right(paras, (start, len(prose) + 1)) - 1
    if i < 0:
        return False
    a, b = paras[i]
    return a <= start and end <= b and not prose[a:start].strip() and not prose[end:b].strip()


@rule("DL642", "duplicated-passage", "warning", scope=DOCUMENT)
def check(ctx):
    doc = ctx.doc
    spans = sentences(doc)
    keys = [" ".join(re.findall(r"\w+", doc.prose[s:e].lower())) for s, e in spans]
    paras = paragraphs(doc)
    first: dict[str, int] = {}
    covered = -1  # sentences up to this index belong to a run already judged
    for i, key in enumerate(keys):
        j = first.setdefault(key, i)
        if j == i or i <= covered or len(key.split()) < MIN_WORDS:
            continue
        n = 1
        while i + n < len(keys) and j + n < i and keys[i + n] == keys[j + n]:
            n += 1
        covered = i + n - 1
        words = sum(len(keys[k].split()) for k in range(i, i + n))
        passage = n >= MIN_RUN or (words >= MIN_WORDS
                                    and _whole_paragraph(doc.prose, paras, spans[i][0], spans[i + n - 1][1])
                                    and _whole_paragraph(doc.prose, paras, spans[j][0], spans[j + n - 1][1]))
        if passage:
            line, _ = doc.position(spans[j][0])
            what = "this sentence" if n == 1 else f"this passage of {n} sentences"
            yield Hit(spans[i][0], f"{what} repeats line {line} word for word")
