"""Route and strength claims of the knowledge pack for drugs without a spec (not a rule).

Drugs@FDA lists each approved product's route and strength. What it lets druglint claim:

* Routes. A product whose route names SPL routes ("ORAL", "TOPICAL") supports those
  routes. "INJECTABLE;INJECTION" names no route: it supports every injection route, so an
  injectable ingredient is never told its intravenous use is unapproved. A product whose
  route column holds something else ("N/A", "FOR RX COMPOUNDING", "SINGLE-USE") supports
  anything: the drug gets no route claim at all.
* Strengths. Every parsed strength of the application holders' single-ingredient products,
  in its own unit ("40MG/0.8ML" is 50 mg/mL; per vial or per hour strengths are not
  concentrations and are left out). A drug with a product whose strength did not parse gets
  no strength claim.
* Coverage. A substance with fewer than two applications in Drugs@FDA (glycerin, triclosan,
  fish oil: one incidental product each) is mostly sold outside it: no claim. Route
  families count as one (oral with nasogastric and dental; topical with cutaneous;
  intravenous with its drip and bolus), and an injectable covers every injection route.
* Listings. A table of marketed products (Drugs@FDA, openFDA product or label records) is
  not checked: its routes and strengths are its products' own.
* Certainty. A drug with an over-the-counter product in Drugs@FDA may also be sold under an
  OTC monograph, which Drugs@FDA does not list: a claim about it is reported at info.

Each claim is computed once per distinct drug and cached for the process.
"""
from __future__ import annotations

from dataclasses import dataclass, field

INJECTION_WORDS = ("INJECTION", "INJECTABLE")
# Fewer applications than this: Drugs@FDA holds an incidental product of a substance sold
# mostly outside it (glycerin injection, a triclosan toothpaste, a fish-oil emulsion), so its
# routes and strengths say nothing about the substance's other uses.
MIN_APPLICATIONS = 2
# Routes that one product route covers in practice (SPL names): an oral product is given by
# nasogastric tube; "topical" and "cutaneous" are the same skin; a dental rinse is oral.
FAMILIES = (
    frozenset({"oral", "enteral", "nasogastric", "intragastric", "oropharyngeal", "dental", "periodontal"}),
    frozenset({"topical", "cutaneous", "percutaneous", "occlusive dressing technique", "transdermal"}),
    frozenset({"ophthalmic", "conjunctival", "intraocular", "intracameral"}),
    frozenset({"intravenous", "intravenous drip", "intravenous bolus", "intravascular"}),
)
# Non-injection routes; every other SPL route ("intra-articular", "soft tissue",
# "infiltration", "epidural", ...) is one an injectable may take.
NOT_INJECTION = frozenset({
    "oral", "enteral", "nasogastric", "intragastric", "oropharyngeal", "dental", "periodontal", "topical",
    "cutaneous", "percutaneous", "occlusive dressing technique", "transdermal", "ophthalmic", "conjunctival",
    "nasal", "respiratory (inhalation)", "auricular (otic)", "rectal", "vaginal", "buccal", "sublingual",
    "urethral", "irrigation", "transmucosal", "iontophoresis", "electro-osmosis", "endocervical", "intrauterine",
    "intravesical", "hemodialysis", "extracorporeal", "laryngeal", "intraduodenal", "intraesophageal", "intraileal",
    "intraluminal", "intrasinal", "endosinusial", "subgingival", "intragingival", "transtympanic", "intratympanic",
})
UNSPECIFIC = frozenset({"unknown", "other", "not applicable", "unassigned"})
# Tables that list marketed products (Drugs@FDA itself, openFDA product and label records):
# a product's route and strength are its label's; absent from Drugs@FDA it is an OTC
# monograph or unapproved product, which is not a defect of the listing.
LISTING_PRESETS = ("drugsatfda", "openfda-harmonized", "openfda-label")


def is_listing(ctx) -> bool:
    return str(ctx.table.meta.get("preset", "")).startswith(LISTING_PRESETS)


def pack_drug_per_row(ctx, spec_gives):
    """Per row, the drug whose Drugs@FDA facts the row is held against (object array), or
    None for the whole table when it is a product listing. A row gets None where its drug
    is not firmly resolved or where its spec gives the fact (``spec_gives(spec)``: a spec
    overrides the pack). Shared by DL401 and DL404; once per distinct name."""
    import numpy as np

    from druglint.rules.dosing.spec_rows import row_specs
    from druglint.specs.tables import names

    if is_listing(ctx):
        return None  # a product listing (Drugs@FDA itself, openFDA records): its products' own facts
    n = names(ctx, "drug")
    _, specs = row_specs(ctx)
    covered = {c for c, s in specs.items() if spec_gives(s)}
    return n.per_row(np.array([None if (d is None or d in covered) else d for d in n.fact_drug], dtype=object))


def verdict_hits(ctx, ok, codes, verdict, column: str):
    """Hits for the rows ``ok`` whose distinct key (``codes``) got a verdict (message,
    severity or None); None when no row did."""
    import numpy as np

    from druglint.hits import hits

    per_row = verdict[codes]
    hit = np.array([v is not None for v in per_row], dtype=bool)
    if not hit.any():
        return None
    mask = np.zeros(len(ctx.frame), dtype=bool)
    mask[np.flatnonzero(ok)[hit]] = True
    return hits(mask, column, np.array([v[0] for v in per_row[hit]], dtype=object),
                severity=np.array([v[1] for v in per_row[hit]], dtype=object))


@dataclass(frozen=True)
class RouteClaim:
    routes: frozenset[str]  # SPL route names of the products
    any_injection: bool  # a product says only "injection": every injection route is supported
    firm: bool  # False: an OTC product exists (monograph products are not in Drugs@FDA)
    example: str  # "Drugs@FDA NDA020702 product 001" for the message

    def supports(self, route: str) -> bool:
        """True when a product's route (or one of its family) is ``route``, when an
        injectable that names no route covers it, or when ``route`` claims nothing."""
        if route in UNSPECIFIC or route in self.routes:
            return True
        if self.any_injection and route not in NOT_INJECTION:
            return True
        if route == "parenteral":
            return self.any_injection or any(r not in NOT_INJECTION for r in self.routes)
        return any(route in fam and fam & self.routes for fam in FAMILIES)


@dataclass(frozen=True)
class StrengthClaim:
    by_unit: dict[str, tuple[float, ...]] = field(default_factory=dict)  # "mg/mL" -> amounts
    firm: bool = True
    example: str = ""


def facts(config, drug: str):
    """The pack's facts of ``drug`` (None without a pack or products), once per drug."""
    from druglint.specs.known import pack

    kb = pack(config)
    if kb is None or not drug:
        return None
    memo = kb.__dict__.setdefault("_rule_facts", {})
    if drug not in memo:
        memo[drug] = kb.facts(drug)
    return memo[drug]


def route_claim(config, drug: str) -> RouteClaim | None:
    """What Drugs@FDA says about the routes of ``drug``; None when it makes no claim."""
    f = facts(config, drug)
    if f is None or len({p.appl for p in f.products}) < MIN_APPLICATIONS:
        return None
    routes: set[str] = set()
    injection = False
    for p in f.products:
        text = (p.route or "").upper()
        if any(w in text for w in INJECTION_WORDS):
            injection = True
        elif not p.route_specific:
            return None  # a product whose route names nothing: no claim
        routes.update(p.routes)
    firm = not any(p.status == "Over-the-counter" for p in f.products)
    return RouteClaim(frozenset(routes), injection, firm, f.products[0].record)


def strength_claim(config, drug: str) -> StrengthClaim | None:
    """Marketed strengths of ``drug`` per unit ("mg", "mg/mL", "%"); None when no claim."""
    f = facts(config, drug)
    if f is None or len({p.appl for p in f.products}) < MIN_APPLICATIONS:
        return None
    by_unit: dict[str, set[float]] = {}
    unparsed = False
    for p in f.products:
        if p.combination:
            continue  # a combination product's strengths are the combination's
        s = p.strength
        if s is None:
            unparsed = True
            continue
        unit, amount = s.unit, s.value
        if s.per_unit:
            if s.per_unit != "mL" or not s.per_value:
                continue  # per vial, per hour, per actuation: not a concentration druglint compares
            unit, amount = f"{s.unit}/mL", s.value / s.per_value
        by_unit.setdefault(unit, set()).add(round(amount, 9))
    if unparsed or not by_unit:
        return None
    firm = not any(p.status == "Over-the-counter" for p in f.products)
    return StrengthClaim({u: tuple(sorted(v)) for u, v in by_unit.items()}, firm, f.products[0].record)
