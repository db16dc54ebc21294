"""How well derived adverse-reaction terms match what people marked (issue 14 item 5).

../shared/gold/label_adverse_reactions/train.jsonl: 239 sections (adverse reactions,
warnings and precautions, boxed warning) of 101 FDA labels with every reaction mention
human annotators marked (NLM/FDA SPL ADR set, CC0). The prose extractor
(``druglint.derive.adverse.prose_terms``: list patterns plus the CC0 term list) is run on
each section's text; a section's derived terms and its marked mentions are compared as
sets of lowercased terms (annotators mark a term once per section).

The term list is learned from this same split, so it is measured by 5-fold
cross-validation over labels (a label's sections are all in one fold; fold = sha256(label)
mod 5): the list, with its blocking terms, is rebuilt from four folds with ``ar_terms.build``
and the fifth is matched. Nothing else is learned from the data. Figures are printed per fold,
per section kind and pooled (``pytest tests/test_derive_gold.py -s``); ``spec derive`` mines
only the adverse reactions section (LOINC 34084-4) for reaction terms, so that row is the one
its drafts see. The held-out half of the gold set is never read. Skipped without ../shared.
"""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from pathlib import Path

import pytest

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "label_adverse_reactions" / "train.jsonl"


def _norm(t: str) -> str:
    return " ".join(t.casefold().split())


def _pr(c: list[int]) -> tuple[float, float]:
    tp, fp, fn = c
    return tp / max(1, tp + fp), tp / max(1, tp + fn)


def measure(sections: list[dict], folds: int = 5) -> dict:
    """Counts [tp, fp, fn] pooled, per fold and per section kind, by cross-validation over labels."""
    from druglint.derive import adverse, ar_terms

    fold = {s["label"]: int(hashlib.sha256(s["label"].encode()).hexdigest(), 16) % folds for s in sections}
    pooled, per_fold, per_section = [0, 0, 0], [[0, 0, 0] for _ in range(folds)], defaultdict(lambda: [0, 0, 0])
    real = ar_terms.shipped
    try:
        for k in range(folds):
            train = [s for s in sections if fold[s["label"]] != k]
            pattern = ar_terms.compile_terms(ar_terms.build(train))
            ar_terms.shipped = lambda p=pattern: p  # the held-out fold sees only the other folds' list
            for s in (s for s in sections if fold[s["label"]] == k):
                gold = {_norm(m["text"]) for m in s["reactions"]}
                got = {_norm(t) for t, _ in adverse.prose_terms(s["text"])}
                counts = (len(got & gold), len(got - gold), len(gold - got))
                for target in (pooled, per_fold[k], per_section[s["section"]]):
                    for i, c in enumerate(counts):
                        target[i] += c
    finally:
        ar_terms.shipped = real
    return {"pooled": pooled, "folds": per_fold, "sections": dict(per_section)}


@pytest.mark.slow
def test_adverse_reaction_terms_against_human_annotations():
    if not GOLD.is_file():
        pytest.skip("../shared/gold is absent")
    sections = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    result = measure(sections)
    p, r = _pr(result["pooled"])
    print(f"\n5-fold CV over {len({s['label'] for s in sections})} labels, {len(sections)} sections: "
          f"P={p:.3f} R={r:.3f} (tp, fp, fn = {result['pooled']})")
    for k, c in enumerate(result["folds"]):
        print(f"  fold {k}: P={_pr(c)[0]:.3f} R={_pr(c)[1]:.3f} {c}")
    for name, c in sorted(result["sections"].items()):
        print(f"  {name}: P={_pr(c)[0]:.3f} R={_pr(c)[1]:.3f} {c}")
    # Floors just under the measured values (the closing note gives them). The goal,
    # P >= 0.90 and R >= 0.70, is met on the adverse reactions sections (what derive mines),
    # not over all sections: warnings and boxed warnings stay near P 0.67, R 0.45.
    assert p >= 0.82 and r >= 0.61
    ar_p, ar_r = _pr(result["sections"]["adverse reactions"])
    assert ar_p >= 0.89 and ar_r >= 0.70
