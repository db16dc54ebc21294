"""Where a spec interaction's severity comes from: the label's wording mapped by
``vocab/interaction_language.yaml``, or the spec author's own grading (not a rule).

FDA labels do not grade interactions; they say what to do ("do not coadminister", "avoid",
"consider the risks and benefits", "monitor"). A grade that the label's phrase gives is as
firm as the label; any other grade is an opinion, and the rules that hold a dataset against
it (DL304, DL305) report at info.
"""
from __future__ import annotations

import re
from functools import lru_cache

# values of the spec keys (docs/specs.md)
SEVERITY_BASES = ("label", "author")  # severity_basis: who graded the interaction
BASES = ("label", "secondary")  # basis: what the interaction itself rests on


@lru_cache(maxsize=1)
def _rungs() -> tuple[tuple[str, re.Pattern[str]], ...]:
    from druglint.vocab import data

    out = []
    for rung in data("interaction_language")["rungs"]:
        joined = "|".join(f"(?:{p})" for p in rung["phrases"])
        out.append((rung["severity"], re.compile(rf"\b(?:{joined})\b", re.I)))
    return tuple(out)


def label_severity(wording: str | None) -> str | None:
    """The severity a label phrase gives (the most severe rung it matches), or None."""
    if not wording:
        return None
    text = " ".join(str(wording).split())
    for severity, pattern in _rungs():
        if pattern.search(text):
            return severity
    return None


def is_label_graded(inter) -> bool:
    """True when both the interaction and its grade rest on the label's own words."""
    return getattr(inter, "severity_basis", None) == "label" and getattr(inter, "basis", "label") != "secondary"


def provenance_note(inter) -> str:
    """Why a finding built on this interaction is only information, for its message."""
    if getattr(inter, "basis", "label") == "secondary":
        return "the spec's interaction rests on a secondary source, not a label"
    return "the spec's grade is its author's, not the label's wording"
