"""DL624 strength-not-marketed: the text names a strength of the drug that its spec does not list.

A concentration ("10^7 PFU/mL", "1 x 10^7 PFU/mL", "50 mg/mL") in a sentence about the
document's drug, or an amount in a sentence about its presentation (vial, tablet, capsule,
strength, supplied, available), is held against the spec's ``strengths`` when the unit is
one of the spec's strength units. A value the spec does not list is reported. Doses ("400 mg
five times a day") are not strengths and are not checked. When the spec's strengths of that
unit include one derived by ``spec derive`` and not yet reviewed (``review: required``), or
come from a repackager's label (``partial``), the list may be incomplete: info, not error.

A drug without a spec is held against the knowledge pack: the strengths of its Drugs@FDA
single-ingredient products, for an amount in a sentence that names the drug and says how it
is supplied ("supplied as", "available in", "each tablet contains"), speaks of no dosing
(dose, daily, take, maximum, every, per kg) and names no salt (a salt's strength is not the
base's); "per Drugs@FDA" in the message (info for a drug with over-the-counter products).

Passing example (article.md):

    # Imlygic

    Imlygic is supplied in vials of 10^6 PFU/mL and 10^8 PFU/mL.

Failing example (article.md):

    # Imlygic

    Imlygic is supplied in vials of 10^7 PFU/mL.
"""
from __future__ import annotations

import re

from druglint.prose import DOCUMENT, Hit, facts
from druglint.registry import rule
from druglint.rules.prose.flattened_superscript import FLATTENED
from druglint.specs.provenance import DRAFT_NOTE, is_draft

_SUP = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
AMOUNT = re.compile(r"(?<![\w.^])(?:(\d+(?:\.\d+)?)[ \t]*[x×][ \t]*)?(?:10[ \t]*\^[ \t]*(\d+)|10([⁰¹²³⁴⁵⁶⁷⁸⁹]+)|"
                    r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)(?:[ \t]+(million|billion))?)"
                    r"[ \t]*((?:[A-Za-z%\[\]]+)(?:/[A-Za-z]+)?)")
PRESENTATION = re.compile(r"\b(?:vials?|tablets?|capsules?|strengths?|supplied|available|presentations?|concentrations?|"
                          r"contains?|formulations?)\b", re.I)


# Against the knowledge pack (any drug, label text full of doses) a sentence must say how the
# product is supplied, must not speak of dosing, and must not name a salt (a salt's strength
# and the base's differ: naproxen sodium 275 mg is naproxen 250 mg).
SUPPLIED = re.compile(r"\b(?:supplied|available\s+(?:as|in)|strengths?\s+of|each\s+(?:tablet|capsule|vial|mL)\s+contains)\b", re.I)
DOSING = re.compile(r"\b(?:dos(?:e|es|age|ing)|daily|day|take|taken|maximum|max|every|hours?|times|initial|per\s+kg|/kg)\b", re.I)
SALT = re.compile(r"\b(?:sodium|potassium|calcium|hydrochloride|hcl|sulfate|phosphate|acetate|maleate|mesylate|tartrate|"
                  r"citrate|besylate|fumarate|succinate|bromide|chloride)\b", re.I)


def amount_of(m: re.Match[str]) -> float | None:
    coef = float(m.group(1)) if m.group(1) else 1.0
    if m.group(2):
        return coef * 10.0 ** int(m.group(2))
    if m.group(3):
        return coef * 10.0 ** int(m.group(3).translate(_SUP))
    try:
        v = float(m.group(4).replace(",", ""))
    except ValueError:
        return None
    v *= {"million": 1e6, "billion": 1e9}.get((m.group(5) or "").lower(), 1.0)
    return coef * v


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b))


@rule("DL624", "strength-not-marketed", "error", scope=DOCUMENT)
def check(ctx):
    spec = ctx.spec
    if spec is None:
        yield from _pack_claims(ctx)
        return
    if not spec.strengths:
        return
    by_unit: dict[str, list[float]] = {}
    for amount, unit in spec.strength_set():
        by_unit.setdefault(unit.lower(), []).append(amount)
    for s, sentence, m in facts.sentences_with(ctx, AMOUNT):
        unit = m.group(6).lower()
        if unit not in by_unit:
            continue
        if "/" not in unit and not facts.per_sentence(ctx, sentence, "presentation", lambda: bool(PRESENTATION.search(sentence))):
            continue
        flat = facts.per_sentence(ctx, sentence, "flattened", lambda: [(f.start(), f.end()) for f in FLATTENED.finditer(sentence)])
        if any(a <= m.start(4 if m.group(4) else 0) < b for a, b in flat):
            continue  # "106 PFU/mL" is DL640's finding
        value = amount_of(m)
        if value is None or any(_same(value, a) for a in by_unit[unit]):
            continue
        if not facts.about_subject(ctx, sentence) or facts.negated(sentence, m.start()):
            continue
        from druglint.specs.model import format_amount

        listed = ", ".join(f"{format_amount(a)} {m.group(6)}" for a in sorted(by_unit[unit]))
        weak = any(x.partial or is_draft(x) for x in spec.strengths if x.quantity.unit.lower() == unit)
        partial = any(x.partial for x in spec.strengths if x.quantity.unit.lower() == unit)
        why = DRAFT_NOTE if weak and not partial else (
            "; the spec's list is partial (a repackager's label lists only what it repackages)" if weak else "")
        yield Hit(s + m.start(), f"'{m.group(0).strip()}' is not a marketed strength of {spec.name} (the spec lists {listed})"
                                 f"{why}", severity="info" if weak else None)


def _supplied_only(sentence: str) -> bool:
    return bool(SUPPLIED.search(sentence)) and not DOSING.search(sentence) and not SALT.search(sentence)


def _pack_claims(ctx):
    """A drug without a spec: presentation strengths against its Drugs@FDA products'."""
    from druglint.specs.model import format_amount

    drug = getattr(ctx, "pack_drug", None)
    claim = drug.strengths if drug is not None else None
    if claim is None:
        return
    by_unit = {u.lower(): (u, amounts) for u, amounts in claim.by_unit.items()}
    for s, sentence, m in facts.sentences_with(ctx, AMOUNT):
        unit = m.group(6).lower()
        if unit not in by_unit or not facts.per_sentence(ctx, sentence, "supplied", lambda: _supplied_only(sentence)):
            continue  # only "supplied as / available in" sentences: labels are full of doses
        value = amount_of(m)
        shown_unit, amounts = by_unit[unit]
        if value is None or any(_same(value, a) for a in amounts):
            continue
        if not facts.about_pack_subject(ctx, sentence) or facts.negated(sentence, m.start()):
            continue
        listed = ", ".join(f"{format_amount(a)} {shown_unit}" for a in amounts[:8]) + (" ..." if len(amounts) > 8 else "")
        note = "" if claim.firm else "; it has over-the-counter products, and OTC monograph strengths are not in Drugs@FDA"
        yield Hit(s + m.start(), f"'{m.group(0).strip()}' is not a marketed strength of {drug.name} per Drugs@FDA "
                                 f"({listed}; e.g. {claim.example}){note}", severity=None if claim.firm else "info")
