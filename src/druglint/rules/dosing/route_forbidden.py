"""DL402 route-forbidden: a drug is given by a route its label explicitly forbids.

Talimogene laherparepvec: "Do not administer intravenously"; transcutaneous intrahepatic
injection caused hepatic haemorrhage. Acyclovir injection: not intramuscular or
subcutaneous, never as a bolus. A dosing record with such a route is a dangerous error or a
data-entry slip, either way one to look at first. A forbidden route derived by ``spec
derive`` and not yet reviewed (``review: required``) gives info, not error.

Passing example (dosing.csv):

    drug,route,dose,dose_unit
    talimogene laherparepvec,intralesional,4,mL

Failing example (dosing.csv):

    drug,route,dose,dose_unit
    talimogene laherparepvec,intravenous,4,mL
"""
from __future__ import annotations

from druglint.hits import hits
from druglint.registry import rule
from druglint.rules.dosing.spec_rows import messages, route_keys, row_specs
from druglint.specs.provenance import cap, note
from druglint.specs.tables import cite


@rule("DL402", "route-forbidden", "error", kinds=("dosing",), needs=("drug", "route"), row=True)
def check(ctx):
    canon, specs = row_specs(ctx)
    if canon.isna().all():
        return None
    forbidden = {f"{s.name}\x1f{r.route}": r for s in specs.values() for r in s.forbidden_routes}
    key = route_keys(canon, ctx.frame["route"])
    bad = key.isin(list(forbidden)).to_numpy()
    if not bad.any():
        return None
    def message(name, k):
        s, r = specs[name], forbidden[k]
        what = f"{r.qualifier} {r.route}" if r.qualifier else r.route
        why = f": {r.reason}" if r.reason else ""
        return f"{s.name} must not be given by the {what} route{why} ({cite(s, r.line, r.source, 40)}){note(r)}"

    msgs = messages(bad, {"drug": canon.to_numpy(dtype=object), "key": key.to_numpy(dtype=object)}, message)
    caps = key[bad].map(lambda k: cap(forbidden[k])).to_numpy(dtype=object)  # per offending row
    return hits(bad, "route", msgs, severity=caps)
