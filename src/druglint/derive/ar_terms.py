"""The adverse-reaction term list used to find reaction mentions in prose, and how it is built.

The shipped list (``data/adverse_terms.txt``) is drawn from the human annotations of the
NLM/FDA "SPL ADR" set (Demner-Fushman et al., Sci Data 2018; TAC 2017 ADR track; public
domain, CC0), training split, as kept in ../shared/gold/label_adverse_reactions: a term
enters the list when annotators marked it in at least ``MIN_LABELS`` different labels and,
where it occurs in those sections' text, it was marked at least ``MIN_PRECISION`` of the
time. Only the labels' own words are used (no MedDRA term or code). ``build`` is the one
builder: ``scripts/build_adverse_terms.py`` writes the list from the whole split, and the
gold test measures the same builder by 5-fold cross-validation over labels.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

MIN_LABELS = 2
MIN_PRECISION = 0.7
DATA = Path(__file__).resolve().parent / "data" / "adverse_terms.txt"


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def compile_terms(terms) -> re.Pattern | None:
    alts = sorted({t for t in terms if t}, key=len, reverse=True)  # longest first: "back pain" before "pain"
    if not alts:
        return None
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(t) for t in alts) + r")(?![\w-])", re.I)


def find(pattern: re.Pattern | None, text: str) -> list[tuple[str, int]]:
    """(mention as written, offset) of every listed term in ``text``."""
    if pattern is None:
        return []
    return [(m.group(1), m.start(1)) for m in pattern.finditer(text)]


def build(sections: list[dict], min_labels: int = MIN_LABELS, min_precision: float = MIN_PRECISION) -> set[str]:
    """Terms from annotated sections ({"label", "text", "reactions": [{"text"}]})."""
    labels: dict[str, set] = defaultdict(set)
    for s in sections:
        for m in s["reactions"]:
            labels[_norm(m["text"])].add(s["label"])
    terms = {t for t, ls in labels.items() if len(ls) >= min_labels and len(t) > 2}
    pattern = compile_terms(terms)
    seen: Counter = Counter()
    marked: Counter = Counter()
    for s in sections:
        gold = {_norm(m["text"]) for m in s["reactions"]}
        for t in {_norm(x) for x, _ in find(pattern, " ".join(s["text"].split()))}:
            seen[t] += 1
            marked[t] += t in gold
    return {t for t in terms if not seen[t] or marked[t] / seen[t] >= min_precision}


@lru_cache(maxsize=1)
def shipped() -> re.Pattern | None:
    if not DATA.is_file():
        return None
    terms = [ln.strip() for ln in DATA.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    return compile_terms(terms)
