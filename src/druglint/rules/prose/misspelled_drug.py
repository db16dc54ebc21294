"""DL610 misspelled-drug-name: a word is one or two letters away from a known drug name.

Misspelled drug names break search, pharmacovigilance coding and name matching across
datasets ("talomogene laherparepvec" is a real misspelling of talimogene laherparepvec in
published sources). Known names are the drug specs' names and synonyms, the vocabulary
``vocab/drug_names.yaml``, the knowledge pack (every Drugs@FDA ingredient, its brands and
salts, the name dictionary's synonyms and international names: a word that is one of these,
or a word of one, is never called a typo) and, when the optional extra
``druglint[drugnames]`` is installed, the drug-name dictionary of the PyPI package
drug-named-entity-recognition (MIT).

To keep false positives near zero a word is reported only when it is not itself a known
drug name or an English word (pyspellchecker's English list, same extra), is at least six
letters long, and is within one edit of a known name (two edits for words of eleven letters
or more when the name is a spec or vocabulary name; one edit against the generic names of the
large dictionary, which must have at least seven letters; its brand variants are word-like
and too often one letter from an English or medical word to be used).

Passing example (article.md):

    # Imlygic

    Talimogene laherparepvec is injected into melanoma lesions.

Failing example (article.md):

    # Imlygic

    Talimogene laherparepvac is injected into melanoma lesions.
"""
from __future__ import annotations

from druglint.prose import DOCUMENT, Hit, drugs
from druglint.registry import rule


@rule("DL610", "misspelled-drug-name", "warning", scope=DOCUMENT)
def check(ctx):
    names = getattr(ctx, "names", None) or drugs.names_of([])
    focus = drugs.focus_names(names)
    verdict: dict[str, tuple[str, str] | None] = {}
    for m in drugs.WORD.finditer(ctx.doc.prose):
        token = m.group(0)
        if len(token) < 6 or not token.isalpha() or (token.isupper() and len(token) < 8):
            continue
        low = token.lower()
        if low not in verdict:
            verdict[low] = drugs.near_miss(token, focus)
        found = verdict[low]
        if found is None:
            continue
        suggestion, canonical = found
        shown = drugs.match_case(suggestion, token)
        about = f" ({canonical})" if canonical.lower() != suggestion.lower() else ""
        yield Hit(m.start(), f"'{token}' looks like a misspelling of a drug name; did you mean '{shown}'{about}?")
