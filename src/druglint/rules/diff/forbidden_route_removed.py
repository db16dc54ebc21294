"""DL707 forbidden-route-removed: a drug spec no longer forbids a route it forbade.

A forbidden route ("Do not administer intravenously") is what makes a dosing record with
that route an error (DL4xx). Deleting it from the spec makes an intravenous oncolytic virus
look acceptable. Routes are compared in their canonical SPL form with their qualifier
("intrahepatic (transcutaneous)"), so respelling a route is not a removal. The finding
points at the old spec's line.

Old example (imlygic.yaml):

    spec: 1
    sources:
      uspi: "IMLYGIC US Prescribing Information (Amgen), as summarised in druglint DOMAIN.md section 3"
    drug:
      name: talimogene laherparepvec
      source: uspi title
    routes:
      approved:
        - {route: intralesional, source: "uspi section 2"}
      forbidden:
        - {route: intravenous, reason: "Do not administer intravenously", source: "uspi section 2"}

Passing example (imlygic.yaml):

    spec: 1
    sources:
      uspi: "IMLYGIC US Prescribing Information (Amgen), as summarised in druglint DOMAIN.md section 3"
    drug:
      name: Talimogene laherparepvec
      source: uspi title
    routes:
      approved:
        - {route: intralesional, source: "uspi section 2"}
      forbidden:
        - {route: Intravenous, reason: "Do not administer intravenously", source: "uspi section 2"}

Failing example (imlygic.yaml):

    spec: 1
    sources:
      uspi: "IMLYGIC US Prescribing Information (Amgen), as summarised in druglint DOMAIN.md section 3"
    drug:
      name: talimogene laherparepvec
      source: uspi title
    routes:
      approved:
        - {route: intralesional, source: "uspi section 2"}
"""
from __future__ import annotations

from druglint.diff.pair import found, norm, text
from druglint.registry import DIFF, rule


def _key(f):
    drug, route = norm(f["drug"]), norm(f["route"])
    return (drug + ": " + route).where((drug != "") & (route != ""), "")


@rule("DL707", "forbidden-route-removed", "error", kinds=("spec_forbidden_routes",), scope=DIFF, needs=("drug", "route"))
def check(pair):
    m = pair.join(_key, label=lambda f: f["drug"].astype("str") + ": " + f["route"].astype("str"))
    mask = m["in_old"] & ~m["in_new"]
    old = text(m["route_old"])
    msg = "forbidden route " + old + " removed from the spec of " + text(m["drug_old"])
    return found(m, mask, "route", msg, old, ""), m
