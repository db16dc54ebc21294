"""DL642 duplicated-passage: a sentence of ten words or more occurs twice, word for word.

Copy-paste and extraction from labels duplicate passages; a duplicated dosing sentence
is at best noise and at worst hides an edit made to only one copy. The second occurrence
is reported with the line of the first. Whitespace and case are ignored; sentences of
fewer than ten words (headings, short warnings that are repeated on purpose) are not
compared.

Passing example (label.md):

    Imlygic is injected into cutaneous, subcutaneous and nodal lesions of melanoma.

    The second visit is three weeks after the first one, then every two weeks.

Failing example (label.md):

    Imlygic is injected into cutaneous, subcutaneous and nodal lesions of melanoma.

    Imlygic is injected into cutaneous, subcutaneous and nodal lesions of melanoma.
"""
from __future__ import annotations

import re

from druglint.prose import DOCUMENT, Hit
from druglint.prose.document import sentences
from druglint.registry import rule

MIN_WORDS = 10


@rule("DL642", "duplicated-passage", "warning", scope=DOCUMENT)
def check(ctx):
    doc = ctx.doc
    seen: dict[str, int] = {}
    for s, e in sentences(doc):
        words = re.findall(r"\w+", doc.prose[s:e].lower())
        if len(words) < MIN_WORDS:
            continue
        key = " ".join(words)
        if key in seen:
            first, _ = doc.position(seen[key])
            yield Hit(s, f"this sentence repeats line {first} word for word")
        else:
            seen[key] = s
