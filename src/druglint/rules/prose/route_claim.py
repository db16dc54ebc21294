"""DL620 route-contradicts-spec: the text says the drug is given by a route its spec does not allow.

Held against the spec of the drug the document is about (front matter ``drug:``, else the
drug named most in the title and first paragraph): a route claim ("taken orally", "given
intravenously", "injected under the skin") about that drug is reported when the spec lists
the route as forbidden, or lists approved routes and this is not one of them. A negated
sentence ("Do not administer intravenously", "unlike chemotherapy given intravenously") is
not a claim, and a sentence that names another drug is left alone. When the routes the
finding rests on were derived by ``spec derive`` and are not yet reviewed (``review:
required``), it is info, not error.

A drug without a spec is held against the knowledge pack when the sentence names it (a
pronoun is not enough): the routes of its Drugs@FDA products, "per Drugs@FDA" in the
message. An injectable product that names no route supports every injection route; a drug
with over-the-counter products is reported at info (OTC monograph products are not in
Drugs@FDA).

Passing example (article.md):

    # Imlygic

    Imlygic is injected directly into melanoma lesions. Do not administer it intravenously.

Failing example (article.md):

    # Imlygic

    Imlygic is usually given intravenously in a day clinic.
"""
from __future__ import annotations

import os
import re

from druglint.prose import DOCUMENT, Hit, facts
from druglint.registry import rule
from druglint.specs.provenance import cap, note

ROUTE_CLAIMS: dict[str, re.Pattern[str]] = {
    "oral": re.compile(r"\b(?:orally|by\s+mouth|per\s+os|oral\s+(?:tablets?|capsules?|solution|medication|medicine|drug|"
                       r"therapy|dose|doses|administration|route|pill)|(?:as|in)\s+(?:a\s+)?(?:tablets?|capsules?|pills?)\b"
                       r"|swallowed)\b", re.I),
    "intravenous": re.compile(r"\b(?:intravenously|intravenous\s+(?:infusion|injection|administration|use|route|bolus|drip)|"
                              r"IV\s+(?:infusion|injection|push|bolus|drip)|into\s+(?:a|the)\s+vein|by\s+(?:an?\s+)?infusion|infused)\b", re.I),
    "subcutaneous": re.compile(r"\b(?:subcutaneously|subcutaneous\s+(?:injection|administration|use|route)|"
                               r"(?:injected|given|administered)\s+under\s+the\s+skin)\b", re.I),
    "intramuscular": re.compile(r"\b(?:intramuscularly|intramuscular\s+(?:injection|administration|use|route)|"
                                r"into\s+(?:a|the)\s+muscle)\b", re.I),
    "topical": re.compile(r"\b(?:topically|applied\s+to\s+the\s+skin|as\s+a\s+(?:cream|ointment|gel))\b", re.I),
    "respiratory (inhalation)": re.compile(r"\b(?:inhaled|by\s+inhalation|through\s+an\s+inhaler)\b", re.I),
}


def judged(spec, route: str) -> tuple[bool, str, tuple]:
    """(allowed, why not, the spec route facts the verdict rests on: for the review cap). A
    forbidden variant ("intravenous bolus") does not forbid its whole route ("intravenous"
    infusion); a forbidden route forbids its variants."""
    forbidding = [r for r in spec.forbidden_routes if not r.qualifier and (r.route == route or route.startswith(r.route + " "))]
    approved = [r.route for r in spec.approved_routes]
    if forbidding:
        return False, f"the spec forbids the {route} route", tuple(forbidding)
    if approved and not any(a == route or a.startswith(route) or route.startswith(a) for a in approved):
        return False, f"the spec approves only {', '.join(approved)}", tuple(spec.approved_routes)
    return True, "", ()


@rule("DL620", "route-contradicts-spec", "error", scope=DOCUMENT)
def check(ctx):
    spec = ctx.spec
    if spec is None:
        yield from _pack_claims(ctx)
        return
    if not (spec.approved_routes or spec.forbidden_routes):
        return
    for route, pattern in ROUTE_CLAIMS.items():
        for s, sentence, m in facts.sentences_with(ctx, pattern):
            if facts.negated(sentence, m.start()) or not facts.about_subject(ctx, sentence):
                continue
            claimed = route
            if route == "intravenous" and re.search(r"bolus|push", m.group(0), re.I):
                claimed = "intravenous bolus"
            ok, why, basis = judged(spec, claimed)
            if not ok:
                yield Hit(s + m.start(), f"'{m.group(0)}' says {spec.name} is given by the {claimed} route, but {why} "
                                         f"(spec {os.path.basename(spec.path)}){note(*basis)}", severity=cap(*basis))


def _pack_claims(ctx):
    """A drug without a spec: route claims against its Drugs@FDA products' routes."""
    drug = getattr(ctx, "pack_drug", None)
    claim = drug.routes if drug is not None else None
    if claim is None:
        return
    for route, pattern in ROUTE_CLAIMS.items():
        if claim.supports(route):
            continue
        for s, sentence, m in facts.sentences_with(ctx, pattern):
            if facts.negated(sentence, m.start()) or not facts.about_pack_subject(ctx, sentence):
                continue
            listed = ", ".join(sorted(claim.routes) + (["injection"] if claim.any_injection else []))
            note = "" if claim.firm else "; it has over-the-counter products, and OTC monograph products are not in Drugs@FDA"
            yield Hit(s + m.start(), f"'{m.group(0)}' says {drug.name} is given by the {route} route, but its products "
                                     f"per Drugs@FDA are {listed} (e.g. {claim.example}){note}",
                      severity=None if claim.firm else "info")
