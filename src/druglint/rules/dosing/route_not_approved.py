"""DL401 route-not-approved: a drug is given by a route its spec does not approve.

The spec lists the approved routes from the label (talimogene laherparepvec: intralesional
only; acyclovir: oral, intravenous, topical, buccal). A route the label explicitly forbids
is DL402 instead. When the approved routes come from a derived spec and one of them is still
a draft (``review: required``: read from prose, not coded), the finding is info until a
person confirms the routes (docs/specs.md, "Derived specs"). Routes are SPL terms (vocab/routes.yaml) after the schema stage's
normalisation; drug names resolve through brands and synonyms.

Passing example (dosing.csv):

    drug,route,dose,dose_unit
    Imlygic,intralesional,4,mL

Failing example (dosing.csv):

    drug,route,dose,dose_unit
    Imlygic,subcutaneous,4,mL
"""
from __future__ import annotations

import numpy as np

from druglint.hits import hits
from druglint.registry import rule
from druglint.rules.dosing.spec_rows import messages, per_drug, route_keys, row_specs
from druglint.specs.provenance import DRAFT_NOTE, any_draft, draft_caps
from druglint.specs.tables import cite


@rule("DL401", "route-not-approved", "error", kinds=("dosing",), needs=("drug", "route"))
def check(ctx):
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
