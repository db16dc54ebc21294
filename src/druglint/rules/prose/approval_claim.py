"""DL621 approval-contradicts-spec: the text gives an approval year that the spec contradicts.

A sentence about the document's drug that speaks of its approval ("approved by the FDA in
2017") is held against the spec's ``drug.approval`` (authority and date). The year is
reported when it differs from the spec's year and the sentence names the spec's authority
or no authority at all (approval by another authority is DL625's concern: a spec that
records one approval does not contradict another). Negated sentences are not claims. An
approval derived by ``spec derive`` and not yet reviewed (``review: required``; SPL codes no
approval date, so a label's year is always read from text) gives info, not error.

Passing example (article.md):

    # Imlygic

    Imlygic was approved by the U.S. Food and Drug Administration (FDA) in October 2015.

Failing example (article.md):

    # Imlygic

    Imlygic was approved by the U.S. Food and Drug Administration (FDA) in October 2017.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from druglint.prose import DOCUMENT, Hit, facts
from druglint.registry import rule
from druglint.specs.provenance import cap, note

APPROVAL = re.compile(r"\bapprov(?:al|ed|es|e)\b|\blicen[cs]ed\b|\bauthori[sz](?:ed|ation)\b", re.I)
YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
AUTHORITIES = {
    "FDA": re.compile(r"\bFDA\b|Food\s+and\s+Drug\s+Administration", re.I),
    "EMA": re.compile(r"\bEMA\b|\bEMEA\b|European\s+Medicines\s+Agency|European\s+Commission|\bin\s+(?:the\s+)?(?:EU|Europe)\b", re.I),
    "MHRA": re.compile(r"\bMHRA\b|\bin\s+the\s+UK\b|United\s+Kingdom", re.I),
    "Health Canada": re.compile(r"Health\s+Canada|\bin\s+Canada\b", re.I),
    "TGA": re.compile(r"\bTGA\b|Therapeutic\s+Goods\s+Administration|\bin\s+Australia\b", re.I),
    "PMDA": re.compile(r"\bPMDA\b|\bin\s+Japan\b", re.I),
}


def spec_approval(spec) -> tuple[str, str] | None:
    fact = spec.identity.get("approval")
    if fact is None:
        return None
    m = re.match(r"^(.*?)\s*(\d{4})?(?:-\d\d-\d\d)?$", str(fact.value).strip())
    if not m:
        return None
    return (m.group(1) or "").strip(), m.group(2) or ""


@rule("DL621", "approval-contradicts-spec", "error", scope=DOCUMENT)
def check(ctx):
    spec = ctx.spec
    if spec is None:
        return
    known = spec_approval(spec)
    if known is None:
        return
    authority, year = known
    for s, sentence, m in facts.sentences_with(ctx, APPROVAL):
        if facts.negated(sentence, m.start()) or not facts.about_subject(ctx, sentence):
            continue
        named = facts.per_sentence(ctx, sentence, "authorities", lambda: [a for a, p in AUTHORITIES.items() if p.search(sentence)])
        years = facts.per_sentence(ctx, sentence, "years", lambda: [(y.start(), y.group(1)) for y in YEAR.finditer(sentence)])
        if not years:
            continue
        i = bisect_right(years, (m.start(), "\U0010ffff"))  # the first year after the claim, else the first
        pos, claimed = years[i] if i < len(years) else years[0]
        if authority and named and authority not in named:
            continue
        if year and claimed != year and not facts.per_sentence(ctx, sentence, "year:" + year, lambda: any(y == year for _, y in years)):
            fact = spec.identity.get("approval")
            yield Hit(s + pos, f"approval year {claimed} contradicts the spec: {authority or 'approved'} {year}{note(fact)}",
                      severity=cap(fact))
