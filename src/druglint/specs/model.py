"""The spec model: one drug's facts, each keeping the line it was read from and its source.

A spec is read from YAML (see docs/specs.md) by :mod:`druglint.specs.loader`. Every fact
below carries ``line`` (1-based line in ``path``) and ``source`` (the citation as written,
or ``None`` when the file gives none: that is finding DL503). ``Spec.cite`` expands a
citation key declared in the spec's ``sources:`` table ("uspi §2.1" -> the full title).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Fact:
    """A single-valued fact: identity fields, forms, indications, warnings."""

    value: Any
    line: int
    source: str | None
    note: str | None = None
    review: str | None = None  # derived facts: auto | required | confirmed (None: hand-written)


@dataclass(frozen=True)
class Quantity:
    amount: float
    unit: str

    def text(self) -> str:
        return f"{format_amount(self.amount)} {self.unit}"


def format_amount(x: float) -> str:
    """10^6 for powers of ten from a million up (how labels write PFU), else %g."""
    if x >= 1e6:
        exp = round(__import__("math").log10(x))
        if abs(10.0 ** exp - x) < 1e-9 * x:
            return f"10^{exp}"
    return f"{x:g}"


@dataclass(frozen=True)
class Route:
    route: str  # canonical SPL route name
    line: int
    source: str | None
    qualifier: str | None = None  # e.g. "transcutaneous" for transcutaneous intrahepatic injection
    reason: str | None = None
    review: str | None = None  # derived facts: auto | required | confirmed (None: hand-written)


@dataclass(frozen=True)
class Strength:
    quantity: Quantity
    line: int
    source: str | None
    form: str | None = None
    container: str | None = None
    note: str | None = None
    partial: bool = False  # the list may be incomplete (a repackager's label)
    review: str | None = None  # derived facts: auto | required | confirmed (None: hand-written)


@dataclass(frozen=True)
class MaxDose:
    quantity: Quantity
    line: int
    source: str | None
    route: str | None = None  # the maximum applies to this route only
    review: str | None = None  # derived facts: auto | required | confirmed (None: hand-written)


@dataclass(frozen=True)
class Phase:
    name: str
    line: int
    source: str | None
    aliases: tuple[str, ...] = ()
    interval_days: float | None = None  # days after the previous dose; None for the first
    maximum: Quantity | None = None
    strength: Quantity | None = None
    repeats: bool = False  # the last phase: every later dose follows it
    strength_line: int | None = None
    review: str | None = None  # derived facts: auto | required | confirmed (None: hand-written)


@dataclass(frozen=True)
class Contraindication:
    text: str
    line: int
    source: str | None
    population: str | None = None  # a dosing-record flag column: pregnant, immunocompromised
    review: str | None = None  # derived facts: auto | required | confirmed (None: hand-written)


@dataclass(frozen=True)
class Reaction:
    term: str  # standard term as the label writes it
    line: int
    source: str | None
    lay: tuple[str, ...] = ()
    percent: float | None = None
    category: str | None = None
    serious: bool | None = None
    note: str | None = None
    review: str | None = None  # derived facts: auto | required | confirmed (None: hand-written)


@dataclass(frozen=True)
class Interaction:
    line: int
    source: str | None
    effect: str
    severity: str
    drug: str | None = None  # canonical partner name
    drug_class: str | None = None
    members: tuple[str, ...] = ()  # canonical partner names (the drug itself, or the class members)
    justification: str | None = None
    review: str | None = None  # derived facts: auto | required | confirmed (None: hand-written)
    severity_basis: str | None = None  # "label": the label's wording gives the grade; "author": the spec's author graded it
    label_wording: str | None = None  # the label phrase the grade comes from (vocab/interaction_language.yaml)
    basis: str = "label"  # what the interaction itself rests on: "label" or "secondary" (another publication)

    @property
    def label(self) -> str:
        return self.drug_class or self.drug or "?"


@dataclass(frozen=True)
class Population:
    population: str  # pregnancy, breastfeeding, pediatric, ...
    recommendation: str
    line: int
    source: str | None
    review: str | None = None  # derived facts: auto | required | confirmed (None: hand-written)


@dataclass
class Spec:
    path: str
    name: str
    line: int
    source: str | None
    citations: dict[str, str] = field(default_factory=dict)
    brands: list[Fact] = field(default_factory=list)
    synonyms: list[Fact] = field(default_factory=list)
    identity: dict[str, Fact] = field(default_factory=dict)  # class, sponsor, developer, approval...
    approved_routes: list[Route] = field(default_factory=list)
    forbidden_routes: list[Route] = field(default_factory=list)
    forms: list[Fact] = field(default_factory=list)
    strengths: list[Strength] = field(default_factory=list)
    maxima: list[MaxDose] = field(default_factory=list)
    phases: list[Phase] = field(default_factory=list)
    indications: list[Fact] = field(default_factory=list)
    contraindications: list[Contraindication] = field(default_factory=list)
    warnings: list[Fact] = field(default_factory=list)
    reactions: list[Reaction] = field(default_factory=list)
    interactions: list[Interaction] = field(default_factory=list)
    populations: list[Population] = field(default_factory=list)
    name_review: str | None = None  # review status of the drug's name (derived specs)
    derived: dict | None = None  # the `derived:` block of a spec written by `spec derive`

    # ------------------------------------------------------------------ queries
    def names(self) -> list[str]:
        """The generic name, brands and synonyms (as written)."""
        return [self.name] + [str(f.value) for f in self.brands] + [str(f.value) for f in self.synonyms]

    def cite(self, source: str | None) -> str:
        """The citation with a leading key of ``sources:`` expanded."""
        if not source:
            return "(no source)"
        head, _, rest = source.partition(" ")
        full = self.citations.get(head)
        if not full:
            return source
        return f"{full}{(' ' if rest.startswith('(') else ', ') + rest if rest else ''}"

    def phase(self, name: str) -> Phase | None:
        from druglint.vocab import norm

        key = norm(name)
        for p in self.phases:
            if norm(p.name) == key or key in {norm(a) for a in p.aliases}:
                return p
        return None

    def strength_set(self) -> set[tuple[float, str]]:
        return {(s.quantity.amount, s.quantity.unit) for s in self.strengths}

    def interacting(self) -> dict[str, Interaction]:
        """Canonical partner name -> the spec interaction naming it (strongest first)."""
        from druglint.vocab import severity_rank

        rank = severity_rank()
        out: dict[str, Interaction] = {}
        for inter in sorted(self.interactions, key=lambda i: -(rank.get(i.severity) or 0)):
            for m in inter.members:
                out.setdefault(m, inter)
        return out

    def facts(self) -> list[tuple[str, int, str | None]]:
        """(description, line, source) of every fact, in file order (for DL503 and spec show)."""
        out: list[tuple[str, int, str | None]] = [("name", self.line, self.source)]
        out += [(f"brand {f.value}", f.line, f.source) for f in self.brands]
        out += [(f"synonym {f.value}", f.line, f.source) for f in self.synonyms]
        out += [(f"{k} {f.value}", f.line, f.source) for k, f in self.identity.items()]
        out += [(f"approved route {r.route}", r.line, r.source) for r in self.approved_routes]
        out += [(f"forbidden route {r.route}", r.line, r.source) for r in self.forbidden_routes]
        out += [(f"form {f.value}", f.line, f.source) for f in self.forms]
        out += [(f"strength {s.quantity.text()}", s.line, s.source) for s in self.strengths]
        out += [(f"maximum {m.quantity.text()} per visit", m.line, m.source) for m in self.maxima]
        out += [(f"phase {p.name}", p.line, p.source) for p in self.phases]
        out += [("indication", f.line, f.source) for f in self.indications]
        out += [(f"contraindication {c.population or c.text}", c.line, c.source) for c in self.contraindications]
        out += [("warning", f.line, f.source) for f in self.warnings]
        out += [(f"adverse reaction {r.term}", r.line, r.source) for r in self.reactions]
        out += [(f"interaction {i.label}", i.line, i.source) for i in self.interactions]
        out += [(f"population {p.population}", p.line, p.source) for p in self.populations]
        return sorted(out, key=lambda t: t[1])


@dataclass(frozen=True)
class SpecFinding:
    """A problem in a spec file (a DL5xx code)."""

    path: str
    line: int
    column: int
    code: str
    message: str
