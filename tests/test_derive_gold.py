"""How well derived adverse-reaction terms match what people marked (issue 14 item 5).

../shared/gold/label_adverse_reactions/train.jsonl: 239 sections (adverse reactions,
warnings and precautions, boxed warning) of 101 FDA labels with every reaction mention
human annotators marked (NLM/FDA SPL ADR set, CC0). The prose extractor
(``druglint.derive.adverse.prose_terms``: list patterns plus the CC0 term list) is run on
each section's text; a section's derived terms and its marked mentions are compared as
sets of lowercased terms (annotators mark a term once per section).

The term list is learned from this same split, so it is measured by 5-fold
cross-validation over labels (a label's sections are all in one fold; fold = sha256(label)
mod 5): the list is rebuilt from four folds with ``ar_terms.build`` and the fifth is
matched. Printed figures are in the closing note. Skipped without ../shared.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "label_adverse_reactions" / "train.jsonl"


def _norm(t: str) -> str:
    return " ".join(t.casefold().split())


def measure(sections: list[dict], folds: int = 5) -> dict:
    from druglint.derive import adverse, ar_terms

    fold = {s["label"]: int(hashlib.sha256(s["label"].encode()).hexdigest(), 16) % folds for s in sections}
    tp = fp = fn = 0
    real = ar_terms.shipped
    try:
        for k in range(folds):
            train = [s for s in sections if fold[s["label"]] != k]
            pattern = ar_terms.compile_terms(ar_terms.build(train))
            ar_terms.shipped = lambda p=pattern: p  # the held-out fold sees only the other folds' list
            for s in (s for s in sections if fold[s["label"]] == k):
                gold = {_norm(m["text"]) for m in s["reactions"]}
                got = {_norm(t) for t, _ in adverse.prose_terms(s["text"])}
                tp, fp, fn = tp + len(got & gold), fp + len(got - gold), fn + len(gold - got)
    finally:
        ar_terms.shipped = real
    return {"tp": tp, "fp": fp, "fn": fn, "precision": tp / (tp + fp), "recall": tp / (tp + fn)}


@pytest.mark.slow
def test_adverse_reaction_terms_against_human_annotations():
    if not GOLD.is_file():
        pytest.skip("../shared/gold is absent")
    sections = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    result = measure(sections)
    print(f"\n5-fold CV over {len({s['label'] for s in sections})} labels, {len(sections)} sections: "
          f"P={result['precision']:.3f} R={result['recall']:.3f} (tp {result['tp']}, fp {result['fp']}, fn {result['fn']})")
    # Floors at the measured values (docs and the closing note give them); the goal is
    # P >= 0.90 and R >= 0.70, which this extractor does not reach (see the note).
    assert result["precision"] >= 0.80
    assert result["recall"] >= 0.45
