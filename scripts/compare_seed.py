"""Compare the spec `spec derive` drafts from an article with a hand-written spec, fact by fact.

Each hand-written fact is reported as: derived (same value), derived differently (what the
draft says), missed although the hand spec cites the article for it, or not expected (the hand
spec cites only the label or DOMAIN.md for it). Draft facts the hand spec lacks are listed last.

    python scripts/compare_seed.py ../shared/seed/000_2c78fbb2e00dd8ba.txt specs/talimogene-laherparepvec.yaml
"""
from __future__ import annotations

import sys
import tempfile

from druglint.derive.run import derive_files
from druglint.specs.loader import load_file
from druglint.specs.terms import standard


def facts(spec) -> dict[tuple[str, str], tuple[str, str]]:
    """(family, key) -> (value shown, source) of a spec's facts."""
    out: dict[tuple[str, str], tuple[str, str]] = {}
    out[("name", "")] = (spec.name, spec.source or "")
    for b in spec.brands:
        out[("brand", str(b.value).casefold())] = (str(b.value), b.source or "")
    for s in spec.synonyms:
        out[("synonym", str(s.value).casefold())] = (str(s.value), s.source or "")
    for k, f in spec.identity.items():
        value = str(f.value).split(" ")[0] + (" " + str(f.value).split(" ")[1][:4] if k == "approval" and " " in str(f.value) else "")
        out[("identity", k)] = (value if k == "approval" else str(f.value), f.source or "")
    for r in spec.approved_routes:
        out[("route", r.route)] = (r.route, r.source or "")
    for r in spec.forbidden_routes:
        out[("forbidden route", r.route)] = (r.route, r.source or "")
    for f in spec.forms:
        out[("form", str(f.value))] = (str(f.value), f.source or "")
    for s in spec.strengths:
        out[("strength", s.quantity.text())] = (s.quantity.text(), s.source or "")
    for m in spec.maxima:
        out[("maximum", m.quantity.text())] = (m.quantity.text(), m.source or "")
    for p in spec.phases:
        out[("phase interval", f"{p.interval_days:g}" if p.interval_days else p.name)] = (
            f"{p.name} every {p.interval_days:g} days" if p.interval_days else p.name, p.source or "")
    for c in spec.contraindications:
        out[("contraindication", c.population or c.text[:30])] = (c.population or c.text, c.source or "")
    for r in spec.reactions:
        key = standard(r.term)
        out[("reaction", key)] = (r.term + (" (serious)" if r.serious else ""), r.source or "")
    for i in spec.interactions:
        out[("interaction", i.label)] = (f"{i.label} {i.severity}", i.source or "")
    for p in spec.populations:
        out[("population", p.population)] = (f"{p.population}: {p.recommendation}", p.source or "")
    return out


def _words(term: str) -> set[str]:
    """A reaction's words, plurals folded ("herpetic infections" -> herpetic, infection)."""
    return {w[:-1] if w.endswith("s") and len(w) > 3 else w for w in term.casefold().split()}


def _near(key: tuple[str, str], got: dict) -> tuple[str, str] | None:
    """A draft reaction worded differently from the hand spec's: same words up to plurals, or
    the hand term's words within it ("cellulitis" in "cellulitis at the injection site")."""
    if key[0] != "reaction":
        return None
    want = _words(key[1])
    for k in got:
        if k[0] == "reaction" and want <= _words(k[1]):
            return k
    return None


def main(article: str, hand_path: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        result = derive_files([article], tmp)
        if result.failed or not result.written:
            raise SystemExit(f"derive failed: {result.failed}")
        draft, _ = load_file(result.written[0])
    hand, _ = load_file(hand_path)
    got, want = facts(draft), facts(hand)
    counts: dict[str, int] = {}
    for key, (value, source) in want.items():
        cites_article = "article" in source
        near = _near(key, got)
        if key in got:
            verdict = "derived" if got[key][0].casefold() == value.casefold() else f"derived differently: {got[key][0]!r}"
        elif near is not None:
            verdict = f"derived differently: {got[near][0]!r}"
        else:
            verdict = "MISSED (the hand spec cites the article)" if cites_article else "not expected (label/DOMAIN only)"
        counts[verdict.split(":")[0].split(" (")[0]] = counts.get(verdict.split(":")[0].split(" (")[0], 0) + 1
        print(f"- {key[0]} {value!r}: {verdict}")
    matched = {_near(k, got) for k in want if k not in got}
    extra = [(k, v[0]) for k, v in got.items() if k not in want and k not in matched]
    print(f"\nDraft facts the hand spec does not have ({len(extra)}):")
    for k, v in extra:
        print(f"- {k[0]} {v!r}")
    print("\nSummary:", ", ".join(f"{k}: {v}" for k, v in counts.items()))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
