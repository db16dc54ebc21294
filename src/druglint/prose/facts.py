"""The drug specs a prose document is held against, through the specs package's own loader
(``druglint.specs.for_config``: bundled specs plus the config's ``specs`` folders), plus the
small helpers the spec-contradiction rules share: which sentences speak about the document's
drug, and how the spec's facts are worded.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
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


class PackDrug:
    """The document's drug as the knowledge pack knows it (no spec): its names, and the route
    and strength claims of its Drugs@FDA products (rules/dosing/pack_facts.py)."""

    def __init__(self, name: str, names: list[str], routes: Any, strengths: Any) -> None:
        self.name = name
        self._names = names
        self.routes = routes  # RouteClaim | None
        self.strengths = strengths  # StrengthClaim | None

    def names(self) -> list[str]:
        return self._names


def pack_drug(config: Any, name: str | None) -> PackDrug | None:
    """The pack's view of the drug ``name`` (the subject, else the title: "Lipitor Tablets")."""
    if not name or not str(name).strip():
        return None
    from druglint.rules.dosing.pack_facts import facts, route_claim, strength_claim
    from druglint.specs.known import firm, resolve_how

    drugs, layer, how = resolve_how(config, [str(name).strip()])
    drug = drugs[0] if firm(layer, how)[0] else None  # a loose match carries no facts
    f = facts(config, drug) if drug else None
    if f is None:
        return None
    names = [drug] + [n.name for n in f.names if n.name]
    return PackDrug(drug, names, route_claim(config, drug), strength_claim(config, drug))


def subject_of(ctx: Any) -> Any:
    """The spec of the document's drug, else its knowledge-pack view (either has .name, .names())."""
    return ctx.spec if ctx.spec is not None else getattr(ctx, "pack_drug", None)


# ------------------------------------------------------------------ sentence tests
_PRONOUN = re.compile(r"\b(?:it|its)\b|\b(?:this|the)\s+(?:[a-z-]+\s+)?(?:drug|medicine|medication|product|therapy|treatment|injection|virus)\b",
                      re.I)


def per_sentence(ctx: Any, sentence: str, what: str, compute: Any) -> Any:
    """``compute()`` once per sentence: the rules ask the same question of a sentence for
    each claim in it, and a sentence of 50,000 claims must not cost 50,000 scans of itself
    (sentences_with yields a sentence's matches one after another, so one entry is enough)."""
    memo = ctx.__dict__.setdefault("_sentence_memo", {})
    hit = memo.get(what)
    if hit is not None and hit[0] is sentence:
        return hit[1]
    value = compute()
    memo[what] = (sentence, value)
    return value


def about_subject(ctx: Any, sentence: str) -> bool:
    """Does the sentence speak about the document's drug (by name or pronoun) and no other
    known drug?"""
    return per_sentence(ctx, sentence, "about_subject", lambda: _about_subject(ctx, sentence))


def _about_subject(ctx: Any, sentence: str) -> bool:
    from druglint.prose import drugs

    spec = subject_of(ctx)
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


def about_pack_subject(ctx: Any, sentence: str) -> bool:
    """For a drug known only to the knowledge pack: the sentence names it (a pronoun is not
    enough) and names no other drug the pack knows (word by word)."""
    return per_sentence(ctx, sentence, "about_pack_subject", lambda: _about_pack_subject(ctx, sentence))


def _about_pack_subject(ctx: Any, sentence: str) -> bool:
    from druglint.prose import drugs

    subject = getattr(ctx, "pack_drug", None)
    if subject is None:
        return False
    own = {n.lower() for n in subject.names()}
    low = sentence.lower()
    if not any(n and re.search(r"(?<![\w-])" + re.escape(n) + r"(?![\w-])", low) for n in own if len(n) >= 3):
        return False
    vocab = drugs.pack_vocabulary()
    own_words = {w for n in own for w in drugs.WORD.findall(n)}
    words = {w.lower() for w in drugs.WORD.findall(sentence) if len(w) >= 4}
    known = getattr(ctx, "names", {}) or {}
    eng = drugs.english()
    return not [w for w in words - own_words
                if w in known or (vocab is not None and w in vocab[0] and w not in eng)]


_CLAUSES: list[Any] = [None, None]  # (sentence, its clause breaks and negation cues): the last sentence asked about


def _word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what \w matches


def negated(sentence: str, start: int) -> bool:
    """``patterns.negated(sentence[:start])``, in time independent of ``start``: the clause
    breaks and negation cues of the sentence are found once, and a claim looks up the last
    break before it and the first cue after that break. Cutting the sentence at ``start``
    only changes a match there when ``start`` falls inside a word; that case cuts."""
    if 0 < start < len(sentence) and _word(sentence[start - 1]) and _word(sentence[start]):
        return patterns.negated(sentence[:start])
    if _CLAUSES[0] is not sentence:
        breaks = [m.end() for m in patterns.CLAUSE_BREAK.finditer(sentence)]
        cues = [(m.start(), m.end()) for m in patterns.NEGATION.finditer(sentence)]
        _CLAUSES[0], _CLAUSES[1] = sentence, (breaks, [a for a, _ in cues], cues)
    breaks, cue_starts, cues = _CLAUSES[1]
    n = bisect_right(breaks, start)
    clause = breaks[n - 1] if n else 0
    i = bisect_left(cue_starts, clause)
    return i < len(cues) and cues[i][1] <= start


def sentences_with(ctx: Any, pattern: re.Pattern[str]):
    """(sentence start offset, sentence text, match) for each match inside a sentence."""
    from druglint.prose.sentences import sentences

    doc = ctx.doc
    for s, e in sentences(doc):
        text = doc.prose[s:e]
        for m in pattern.finditer(text):
            yield s, text, m
