"""DL706 contraindication-removed: a drug spec no longer lists a contraindication it listed.

Contraindications drive the checks that refuse a dose for a pregnant or immunocompromised
patient (DL4xx); deleting one from the spec silently switches those checks off for every
dataset held against it. Contraindications are matched by drug and by the population they
name (or by their text when they name none), ignoring case, so rewording the text of a
population contraindication is not a removal. The finding points at the old spec's line.

Old example (imlygic.yaml):

    spec: 1
    sources:
      uspi: "IMLYGIC US Prescribing Information (Amgen), as summarised in druglint DOMAIN.md section 3"
    drug:
      name: talimogene laherparepvec
      source: uspi title
    contraindications:
      - {text: "Immunocompromised patients", population: immunocompromised, source: "uspi section 4"}
      - {text: "Pregnant patients", population: pregnant, source: "uspi section 4"}

Passing example (imlygic.yaml):

    spec: 1
    sources:
      uspi: "IMLYGIC US Prescribing Information (Amgen), as summarised in druglint DOMAIN.md section 3"
    drug:
      name: talimogene laherparepvec
      source: uspi title
    contraindications:
      - {text: "Pregnant patients", population: pregnant, source: "uspi section 4"}
      - {text: "Severely immunocompromised patients", population: immunocompromised, source: "uspi section 4"}

Failing example (imlygic.yaml):

    spec: 1
    sources:
      uspi: "IMLYGIC US Prescribing Information (Amgen), as summarised in druglint DOMAIN.md section 3"
    drug:
      name: talimogene laherparepvec
      source: uspi title
    contraindications:
      - {text: "Immunocompromised patients", population: immunocompromised, source: "uspi section 4"}
"""
from __future__ import annotations

from druglint.diff.pair import found, norm, text
from druglint.registry import DIFF, rule


def _key(f):
    drug, what = norm(f["drug"]), norm(f["contraindication"])
    return (drug + ": " + what).where((drug != "") & (what != ""), "")


@rule("DL706", "contraindication-removed", "error", kinds=("spec_contraindications",), scope=DIFF,
      needs=("drug", "contraindication"))
def check(pair):
    m = pair.join(_key, label=lambda f: f["drug"].astype("str") + ": " + f["contraindication"].astype("str"))
    mask = m["in_old"] & ~m["in_new"]
    old = text(m["contraindication_old"])
    msg = "contraindication " + old + " removed from the spec of " + text(m["drug_old"])
    return found(m, mask, "contraindication", msg, old, ""), m
