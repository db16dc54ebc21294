"""Semantic checks of a parsed spec (DL503-DL505): every fact has a source, the spec does
not contradict itself, and each phase's strength is a marketed strength.

Schema problems (wrong types, unknown keys, unknown vocabulary terms) are found while
parsing, in ``parse.py`` (DL501, DL502, DL506); duplicates across files in ``load_specs``
(DL507).
"""
from __future__ import annotations

from druglint.specs.model import Spec, SpecFinding, format_amount


def standard_term(term: str) -> str:
    """A reaction term's matching key: lay wording -> standard term, UK -> US spelling."""
    from druglint.specs.terms import standard

    return standard(term)


def validate(spec: Spec) -> list[SpecFinding]:
    from druglint.vocab import frequency_bands

    out: list[SpecFinding] = []
    path = spec.path

    def bad(line: int, code: str, message: str) -> None:
        out.append(SpecFinding(path, line, 1, code, message))

    for what, line, source in spec.facts():
        if source is None or not str(source).strip():
            bad(line, "DL503", f"{what}: fact has no source (add 'source:' naming the label section or document)")

    bands = frequency_bands()
    seen: dict[str, tuple[str | None, int, str]] = {}
    for r in spec.reactions:
        if r.percent is not None and r.category in bands:
            b = bands[r.category]
            below = r.percent < b.lo if b.lo_inclusive else r.percent <= b.lo
            above = r.percent > b.hi if b.hi_inclusive else r.percent >= b.hi
            if below or above:
                bad(r.line, "DL504", f"adverse reaction {r.term!r}: {r.percent:g} % contradicts its category "
                                     f"{r.category!r} ({b.text()})")
        key = standard_term(r.term)
        cat = r.category or (_category_of(r.percent) if r.percent is not None else None)
        prev = seen.get(key)
        if prev is not None:
            if cat and prev[0] and cat != prev[0]:
                bad(r.line, "DL504", f"adverse reaction {r.term!r} is {cat!r} here but {prev[0]!r} at line {prev[1]} "
                                     f"({prev[2]!r})")
            elif cat == prev[0]:
                bad(r.line, "DL504", f"adverse reaction {r.term!r} is listed twice (also line {prev[1]}, {prev[2]!r})")
        else:
            seen[key] = (cat, r.line, r.term)

    for label, routes in (("approved", spec.approved_routes), ("forbidden", spec.forbidden_routes)):
        first: dict[tuple[str, str], int] = {}
        for r in routes:  # a route listed twice: a copy-paste slip that hides which entry is meant
            key = (r.route, (r.qualifier or "").strip().casefold())
            if key in first:
                bad(r.line, "DL504", f"{label} route {r.route!r} is listed twice (also line {first[key]})")
            else:
                first[key] = r.line

    _check_grades(spec, bad)

    approved = {r.route: r for r in spec.approved_routes}
    for r in spec.forbidden_routes:
        if r.route in approved and not r.qualifier:
            bad(r.line, "DL504", f"route {r.route!r} is both approved (line {approved[r.route].line}) and forbidden")

    marketed = spec.strength_set()
    for p in spec.phases:
        if p.strength is not None and marketed and (p.strength.amount, p.strength.unit) not in marketed:
            shown = ", ".join(s.quantity.text() for s in spec.strengths)
            bad(p.strength_line or p.line, "DL505", f"phase {p.name!r}: strength {p.strength.text()} is not a marketed strength "
                                                    f"({shown})")
        elif p.strength is not None and not marketed:
            bad(p.strength_line or p.line, "DL505", f"phase {p.name!r}: strength {p.strength.text()} given but the spec lists "
                                                    "no marketed strengths")
        for m in spec.maxima:
            if p.maximum is not None and m.route is None and p.maximum.unit == m.quantity.unit and p.maximum.amount > m.quantity.amount:
                bad(p.line, "DL504", f"phase {p.name!r}: maximum {p.maximum.text()} exceeds the per-visit maximum "
                                     f"{m.quantity.text()} (line {m.line})")
    names: dict[str, int] = {}
    for p in spec.phases:
        for n in (p.name, *p.aliases):
            k = n.strip().casefold()
            if k in names:
                bad(p.line, "DL504", f"phase name {n!r} is used twice (also line {names[k]})")
            names[k] = p.line
    if spec.phases and sum(p.interval_days is None for p in spec.phases) > 1:
        bad(spec.phases[0].line, "DL504", "only the first phase may have no interval_days")
    return out


def _check_grades(spec: Spec, bad) -> None:
    """An interaction graded from the label's wording must carry the grade that wording gives
    (vocab/interaction_language.yaml); wording that gives no grade is an unknown term."""
    from druglint.specs.grading import label_severity

    for inter in spec.interactions:
        if inter.severity_basis != "label" or not inter.label_wording:
            continue
        given = label_severity(inter.label_wording)
        if given is None:
            bad(inter.line, "DL506", f"interaction {inter.label}: label_wording {inter.label_wording!r} matches no phrase of "
                                     "vocab/interaction_language.yaml; quote the label's instruction, or say "
                                     "severity_basis: author")
        elif given != inter.severity:
            bad(inter.line, "DL504", f"interaction {inter.label}: severity {inter.severity!r} but the label wording "
                                     f"{inter.label_wording!r} gives {given!r} (vocab/interaction_language.yaml)")
        if inter.basis == "secondary":
            bad(inter.line, "DL504", f"interaction {inter.label}: severity_basis 'label' but basis 'secondary' "
                                     "(a grade cannot come from a label the interaction is not in)")


def _category_of(percent: float) -> str | None:
    from druglint.vocab import frequency_bands

    for name, b in frequency_bands().items():
        lo_ok = percent >= b.lo if b.lo_inclusive else percent > b.lo
        hi_ok = percent <= b.hi if b.hi_inclusive else percent < b.hi
        if lo_ok and hi_ok:
            return name
    return None


__all__ = ["validate", "format_amount"]
