"""DL401 route-not-approved: a drug is given by a route its spec does not approve.

The spec lists the approved routes from the label (talimogene laherparepvec: intralesional
only; acyclovir: oral, intravenous, topical, buccal,
ophthalmic). A route the label explicitly forbids
is DL402 instead. When the approved routes come from a derived spec and one of them is still
a draft (``review: required``: read from prose, not coded), the finding is info until a
person confirms the routes (docs/specs.md, "Derived specs"). Routes are SPL terms
(vocab/routes.yaml) after the schema stage's normalisation; drug names resolve through
brands, salts and synonyms.

A drug without a spec is held against the knowledge pack: the routes of its Drugs@FDA
products (the message says "per Drugs@FDA" and cites a product). Only a specific claim is
an error: a product listed only as "INJECTABLE;INJECTION" supports every injection route
(intravenous use of an injectable is never reported), a product whose route names nothing
("N/A") leaves the drug unchecked, and a drug with an over-the-counter product (OTC
monograph products are not in Drugs@FDA) is reported at info.

Passing example (dosing.csv):

    drug,route,dose,dose_unit
    Imlygic,intralesional,4,mL

Failing example (dosing.csv):

    drug,route,dose,dose_unit
    Imlygic,subcutaneous,4,mL
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from druglint.hits import hits
from druglint.registry import rule
from druglint.rules.dosing.spec_rows import messages, per_drug, route_keys, row_specs
from druglint.specs.provenance import DRAFT_NOTE, any_draft, draft_caps
from druglint.specs.tables import cite


@rule("DL401", "route-not-approved", "error", kinds=("dosing",), needs=("drug", "route"), row=True)
def check(ctx):
    from druglint.hits import concat

    return concat([_spec_routes(ctx), _pack_routes(ctx)])


def _pack_routes(ctx):
    """Rows whose drug has no spec with approved routes, against the Drugs@FDA products."""
    from druglint.rules.dosing.pack_facts import pack_drug_per_row, route_claim, verdict_hits

    drug = pack_drug_per_row(ctx, lambda spec: spec.approved_routes)
    if drug is None:
        return None
    route = ctx.frame["route"].to_numpy(dtype=object, na_value=None)
    spl = np.isin(route, list(_spl_routes()))
    ok = (drug != None) & spl  # noqa: E711  -- only SPL route names (others are DL104's)
    if not ok.any():
        return None
    key = pd.Series(drug[ok], dtype=object) + "\x1f" + pd.Series(route[ok], dtype=object)
    codes, uniques = pd.factorize(key)
    verdict = np.empty(len(uniques), dtype=object)  # per distinct (drug, route): None or (message, severity)
    for i, k in enumerate(uniques):
        d, r = k.split("\x1f", 1)
        claim = route_claim(ctx.config, d)
        if claim is None or claim.supports(r):
            verdict[i] = None
            continue
        approved = ", ".join(sorted(claim.routes) + (["injection"] if claim.any_injection else []))
        note = "" if claim.firm else "; it has over-the-counter products, and OTC monograph products are not in Drugs@FDA"
        verdict[i] = (f"{d} is not approved for {r} use per Drugs@FDA (its products' routes: {approved}; e.g. "
                      f"{claim.example}){note}", None if claim.firm else "info")
    return verdict_hits(ctx, ok, codes, verdict, "route")


def _spec_routes(ctx):
    canon, specs = row_specs(ctx)
    if canon.isna().all():
        return None
    route = ctx.frame["route"].to_numpy(dtype=object, na_value=None)
    key = route_keys(canon, ctx.frame["route"])
    listed = {f"{s.name}\x1f{r.route}" for s in specs.values() for r in (*s.approved_routes, *s.forbidden_routes)}
    checkable = per_drug(canon, specs, lambda s: bool(s.approved_routes)).astype(bool)
    bad = checkable & ctx.frame["route"].notna().to_numpy() & ~key.isin(listed).to_numpy()
    bad &= ~_unspecific(ctx.frame["route"], canon, specs)
    if not bad.any():
        return None
    def message(name, r):
        s = specs[name]
        routes = ", ".join(x.route for x in s.approved_routes)
        return (f"{s.name} is not approved for {r} use (approved: {routes}; "
                f"{cite(s, s.approved_routes[0].line, s.approved_routes[0].source, 40)})"
                + (DRAFT_NOTE if any_draft(s.approved_routes) else ""))

    msgs = messages(bad, {"drug": canon.to_numpy(dtype=object), "route": route}, message)
    draft = per_drug(canon, specs, lambda s: any_draft(s.approved_routes)) == True  # noqa: E712 - object array
    return hits(bad, "route", msgs, severity=draft_caps(draft[bad]))


# SPL routes that name no specific route (C38311 unknown, C38290 other, C48623 not
# applicable): FAERS "Unknown", Drugs@FDA "N/A". A record saying "route not known" does not
# claim an unapproved route. SPL "parenteral" (C38291, Drugs@FDA "INJECTION") is any
# injection route: it agrees with a spec that approves one of them.
UNSPECIFIC = frozenset({"unknown", "other", "not applicable"})


def _spl_routes() -> frozenset[str]:
    from druglint.vocab import vocabulary

    return frozenset(vocabulary("route").canonical)


INJECTION_ROUTES = frozenset({
    "intravenous", "intravenous bolus", "intravenous drip", "intramuscular", "subcutaneous", "intradermal",
    "intralesional", "intra-arterial", "intrathecal", "epidural", "intra-articular", "intravitreal",
    "intraperitoneal", "intracavernous", "intratumor", "intranodal", "intrahepatic", "infiltration",
    "intraocular", "intracardiac", "intraspinal", "intraosseous", "intralymphatic", "intravesical", "parenteral",
})


def _unspecific(route, canon, specs) -> np.ndarray:
    r = route.to_numpy(dtype=object, na_value=None)
    out = np.isin(r, list(UNSPECIFIC))
    par = r == "parenteral"
    if par.any():
        ok_by_drug = {c: any(a.route in INJECTION_ROUTES for a in specs[c].approved_routes)
                      for c in canon.dropna().unique() if c in specs}  # one entry per distinct drug
        ok = canon.map(ok_by_drug).fillna(False).to_numpy(dtype=bool)
        out |= par & ok
    return out
