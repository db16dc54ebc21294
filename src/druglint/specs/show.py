"""A spec as plain data (``as_dict``: every fact with its value, line, source and citation)
and as text (``as_text``), for ``druglint spec show`` (``knowledge/cli.py`` adds the
knowledge pack's layer).
"""
from __future__ import annotations

from typing import Any


def _fact(spec: Any, value: Any, line: int, source: str | None, **extra: Any) -> dict:
    out = {"value": value, "line": line, "source": source, "citation": spec.cite(source)}
    out.update({k: v for k, v in extra.items() if v not in (None, (), [], "")})
    return out


def as_dict(spec: Any) -> dict:
    """The spec as plain data: every fact with its value, line, source and expanded citation."""
    f = _fact
    return {
        "name": spec.name,
        "path": spec.path,
        "identity": [f(spec, spec.name, spec.line, spec.source, field="name")]
        + [f(spec, b.value, b.line, b.source, field="brand") for b in spec.brands]
        + [f(spec, s.value, s.line, s.source, field="synonym") for s in spec.synonyms]
        + [f(spec, v.value, v.line, v.source, field=k, note=v.note) for k, v in spec.identity.items()],
        "routes": [f(spec, r.route, r.line, r.source, status="approved") for r in spec.approved_routes]
        + [f(spec, r.route, r.line, r.source, status="forbidden", qualifier=r.qualifier, reason=r.reason) for r in spec.forbidden_routes],
        "forms": [f(spec, x.value, x.line, x.source) for x in spec.forms],
        "strengths": [f(spec, s.quantity.text(), s.line, s.source, form=s.form, container=s.container, note=s.note)
                      for s in spec.strengths],
        "maximum_per_visit": [f(spec, m.quantity.text(), m.line, m.source, route=m.route) for m in spec.maxima],
        "phases": [f(spec, p.name, p.line, p.source, interval_days=p.interval_days,
                     maximum=p.maximum.text() if p.maximum else None, strength=p.strength.text() if p.strength else None,
                     repeats=p.repeats or None, aliases=list(p.aliases)) for p in spec.phases],
        "indications": [f(spec, x.value, x.line, x.source, note=x.note) for x in spec.indications],
        "contraindications": [f(spec, c.text, c.line, c.source, population=c.population) for c in spec.contraindications],
        "warnings": [f(spec, x.value, x.line, x.source) for x in spec.warnings],
        "adverse_reactions": [f(spec, r.term, r.line, r.source, percent=r.percent, category=r.category, serious=r.serious,
                                lay=list(r.lay), note=r.note) for r in spec.reactions],
        "interactions": [f(spec, i.label, i.line, i.source, severity=i.severity, effect=i.effect, members=list(i.members),
                           justification=i.justification) for i in spec.interactions],
        "populations": [f(spec, p.population, p.line, p.source, recommendation=p.recommendation) for p in spec.populations],
    }


def as_text(spec: Any, data: dict) -> str:
    from druglint.engine import display_path

    lines = [f"{spec.name}  ({display_path(spec.path)})"]
    how = data["resolved_from"]
    if how["name"].strip().casefold() != spec.name:
        lines.append(f"  resolved from {how['name']!r} ({how['how']})")
    numbers: dict[str, int] = {}  # a citation key of `sources:` -> its number, printed once at the end

    def cited(fact: dict) -> str:
        head, _, rest = str(fact.get("source") or "").partition(" ")
        if head not in spec.citations:
            return fact["citation"]
        n = numbers.setdefault(head, len(numbers) + 1)
        return f"[{n}]" + (f" {rest}" if rest else "")

    for section, facts in data.items():
        if section in ("name", "path", "resolved_from") or not facts:
            continue
        lines.append("")
        lines.append(section.replace("_", " ").capitalize())
        for fact in facts:
            extra = {k: v for k, v in fact.items() if k not in ("value", "line", "source", "citation", "field")}
            label = f"{fact['field']}: " if "field" in fact else ""
            detail = "; ".join(f"{k.replace('_', ' ')} {_short(v)}" for k, v in extra.items())
            lines.append(f"  {label}{fact['value']}" + (f"  [{detail}]" if detail else "") + f"  (line {fact['line']})")
            lines.append(f"      source: {cited(fact)}")
    if numbers:
        lines += ["", "Sources"] + [f"  [{n}] {spec.citations[key]}" for key, n in numbers.items()]
    return "\n".join(lines) + "\n"


def _short(v: Any) -> str:
    if isinstance(v, list):
        return ", ".join(map(str, v))
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)
