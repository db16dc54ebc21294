"""The drug specs a prose document is held against, through the specs package's own loader
(``druglint.specs.for_config``: bundled specs plus the config's ``specs`` folders), plus the
small helpers the spec-contradiction rules share: which sentences speak about the document's
drug, and how the spec's facts are worded.
"""
from __future__ import annotations

import re
from typing import Any

from druglint.prose import patterns


def specs(config: Any) -> list[Any]:
    try:
        from druglint.specs import for_config
    except ImportError:
        return []
    try:
        return list(for_config(config))
    except Exception:  # a broken spec is reported by the spec loader's own rules (DL5xx)
        return []


def spec_for(name: str | None, loaded: list[Any]) -> Any:
    if not name:
        return None
    low = name.lower()
    for s in loaded:
        if any(str(n).lower() == low for n in s.names()):
            return s
    return None


# ------------------------------------------------------------------ sentence tests
_PRONOUN = re.compile(r"\b(?:it|its)\b|\b(?:this|the)\s+(?:[a-z-]+\s+)?(?:drug|medicine|medication|product|therapy|treatment|injection|virus)\b",
                      re.I)


def about_subject(ctx: Any, sentence: str) -> bool:
    """Does the sentence speak about the document's drug (by name or pronoun) and no other
    known drug?"""
    from druglint.prose import drugs

    spec = ctx.spec
    if spec is None:
        return False
    names = getattr(ctx, "names", {}) or {}
    own = {n.lower() for n in spec.names()}
    found = drugs.mentions(sentence, names)
    others = [c for c in found if c.lower() not in own and c != spec.name]
    if others:
        return False
    if any(c == spec.name or c.lower() in own for c in found):
        return True
    return _PRONOUN.search(sentence) is not None


def negated(sentence: str, start: int) -> bool:
    return patterns.negated(sentence[:start])


def sentences_with(ctx: Any, pattern: re.Pattern[str]):
    """(sentence start offset, sentence text, match) for each match inside a sentence."""
    from druglint.prose.document import sentences

    doc = ctx.doc
    for s, e in sentences(doc):
        text = doc.prose[s:e]
        for m in pattern.finditer(text):
            yield s, text, m
