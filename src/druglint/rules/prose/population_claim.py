"""DL623 contraindicated-population-safe: the text calls the drug safe for a population its spec excludes.

The spec's contraindications (``population:``) and its populations whose recommendation is
"contraindicated" or "not recommended" are the excluded groups. A sentence about the
document's drug that names such a group (pregnant women, breastfeeding, immunocompromised
or immunosuppressed patients...) and calls the drug safe for it ("is safe during
pregnancy", "can be used in immunocompromised patients", "well tolerated by pregnant
women") is reported. Negated sentences ("is not safe in pregnancy", "should not be used
by...") are not claims. A group excluded only by facts that ``spec derive`` read from text and
nobody has reviewed yet (``review: required``) gives info, not error.

Passing example (article.md):

    # Imlygic

    Imlygic must not be used during pregnancy.

Failing example (article.md):

    # Imlygic

    Imlygic is safe to use during pregnancy.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from druglint.prose import DOCUMENT, Hit, facts
from druglint.registry import rule
from druglint.specs.provenance import DRAFT_NOTE, is_draft

POPULATION_WORDS: dict[str, str] = {
    "pregnant": r"pregnan\w*|expectant\s+mothers?|expecting\s+mothers?",
    "pregnancy": r"pregnan\w*|expectant\s+mothers?|expecting\s+mothers?",
    "breastfeeding": r"breast[- ]?feeding|breast[- ]?fed|nursing\s+mothers?|lactat\w*",
    "immunocompromised": r"immuno-?compromised|immuno-?suppressed|immuno-?deficien\w*|weakened\s+immune\s+systems?",
}
SAFE = re.compile(r"\b(?:safe(?:ly)?|harmless|well[- ]tolerated|suitable|no\s+(?:known\s+)?risks?|"
                  r"can\s+(?:also\s+)?(?:safely\s+)?be\s+(?:used|given|taken|administered)|"
                  r"(?:is|are)\s+(?:also\s+)?(?:recommended|approved|indicated)\s+(?:for|in|during))\b", re.I)


def exclusions(spec) -> dict[str, tuple[str, bool]]:
    """population key -> (how the spec words the exclusion, whether only draft facts say so).
    A reviewed or hand-written fact wins over a draft one."""
    out: dict[str, tuple[str, bool]] = {}

    def put(key: str, rec: str, fact, replace: bool) -> None:
        draft = is_draft(fact)
        had = out.get(key)
        if had is None or (had[1] and not draft) or (replace and had[1] == draft):
            out[key] = (rec, draft)

    for c in spec.contraindications:
        if c.population and c.population.lower() in POPULATION_WORDS:
            put(c.population.lower(), "contraindicated", c, True)
    for p in spec.populations:
        rec = p.recommendation.lower()
        if p.population.lower() in POPULATION_WORDS and ("contraindicated" in rec or "not recommended" in rec):
            put(p.population.lower(), rec, p, False)
    return out


_BREAK = re.compile(r"[;:]|\bbut\b|\bhowever\b|\bwhereas\b")


def _breaks_between(ctx, sentence: str, lo: int, hi: int) -> bool:
    """``_BREAK.search(sentence[lo:hi])``, with the sentence's breaks found once (a sentence
    of many claims is not scanned once per claim). Cutting inside a word changes what the
    slice matches: then the slice is searched."""
    def inside_word(i: int) -> bool:
        return 0 < i < len(sentence) and (sentence[i - 1].isalnum() or sentence[i - 1] == "_") \
            and (sentence[i].isalnum() or sentence[i] == "_")

    if inside_word(lo) or inside_word(hi):
        return _BREAK.search(sentence[lo:hi]) is not None
    spans = facts.per_sentence(ctx, sentence, "breaks", lambda: [(b.start(), b.end()) for b in _BREAK.finditer(sentence)])
    i = bisect_left(spans, (lo, -1))
    return i < len(spans) and spans[i][1] <= hi


@rule("DL623", "contraindicated-population-safe", "error", scope=DOCUMENT)
def check(ctx):
    spec = ctx.spec
    if spec is None:
        return
    held = exclusions(spec)
    groups = {k: v for k, (v, _) in held.items()}
    if not groups:
        return
    words = re.compile("|".join(f"(?P<{k}>\\b(?:{POPULATION_WORDS[k]}))" for k in groups), re.I)
    for s, sentence, m in facts.sentences_with(ctx, SAFE):
        if "no risk" in m.group(0).lower() or "no known risk" in m.group(0).lower():
            blanked = facts.per_sentence(ctx, sentence, "blank:" + m.group(0),
                                         lambda: sentence.replace(m.group(0), " " * len(m.group(0))))
            negated = facts.negated(blanked, m.start())
        else:
            negated = facts.negated(sentence, m.start())
        if negated or not facts.about_subject(ctx, sentence):
            continue
        pm = facts.per_sentence(ctx, sentence, "population", lambda: words.search(sentence))
        if pm is None:
            continue
        # the population and the safety claim must be in one clause
        lo, hi = sorted((pm.start(), m.start()))
        if _breaks_between(ctx, sentence, lo, hi):
            continue
        group = pm.lastgroup or ""
        draft = held[group][1]
        yield Hit(s + m.start(), f"'{m.group(0)}' for {pm.group(0)} contradicts the spec of {spec.name}, which marks "
                                 f"{group} as {groups[group]}" + (DRAFT_NOTE if draft else ""), severity="info" if draft else None)
