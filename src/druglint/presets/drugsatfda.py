"""Drugs@FDA data files (tab-separated, CRLF): Products.txt and its companion tables.

Products.txt is read as dosing records (one marketed product each): ``DrugName`` -> drug and
``Form`` -> route. Drugs@FDA writes ``Form`` as "DOSAGE FORM;ROUTE" ("TABLET;ORAL",
"INJECTABLE;INJECTION", "SOLUTION;INTRAVENOUS, INTRAMUSCULAR"): the text after the last
";" is the route part; a part naming several routes gives one record per route (same
line). ``Strength`` stays free text ("EQ 10MG BASE", "5MG;10MG") and is not parsed into a
dose. The dosage form goes to a ``dosage_form`` column.

Drugs@FDA route words are mapped onto the SPL route list (vocab/routes.yaml) exactly:
first the SPL list itself (case-insensitive), then these Drugs@FDA words:

- ORAL-20, ORAL-21, ORAL-28 -> oral (Drugs@FDA / Orange Book mark oral contraceptive packs of
  20, 21 or 28 tablets this way);
- IV (INFUSION) -> intravenous; IM-IV -> intramuscular and intravenous (two records);
- INJECTION -> parenteral (SPL C38291; Drugs@FDA's "INJECTION" does not say which
  injection route, and parenteral is the SPL term covering all of them);
- SPINAL -> intraspinal (SPL C38263);
- N/A and FOR RX COMPOUNDING (bulk powder for pharmacy compounding) -> not applicable (C48623);
- IMPLANTATION, INTRATRACHEAL, INTRAOSSEOUS, INTRA-ANAL, PERFUSION, CARDIAC and PERFUSION,
  BILIARY (real routes with no term in the SPL list druglint ships) -> other (C38290).

Everything else is kept as written, so a Form whose route part is a package or a dosage
form ("VIAL; SINGLE-USE", "TABLET; ORALLY DISINTEGRATING") or a misspelling
("INTRAVESICULAR") is reported by the schema (DL104); so is a Form with no route part
("VIAL", "SYRINGE"), whose whole text stands as the route. Form "UNKNOWN" -> unknown.

The files are tab-separated and never quoted, so a '"' is read as a literal character.
Applications.txt, MarketingStatus.txt, MarketingStatus_Lookup.txt and TE.txt are reference
tables. Source: FDA, "Drugs@FDA Data Files" data definitions (fda.gov, Drugs@FDA download
page: Products table, Form = "dosage form;route of administration").
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from druglint.presets.base import Preset
from druglint.presets.common import explode_list

PRODUCTS = ["ApplNo", "ProductNo", "Form", "Strength", "ReferenceDrug", "DrugName", "ActiveIngredient", "ReferenceStandard"]
OTHERS = {
    "Applications.txt": ["ApplNo", "ApplType", "ApplPublicNotes", "SponsorName"],
    "MarketingStatus.txt": ["MarketingStatusID", "ApplNo", "ProductNo"],
    "MarketingStatus_Lookup.txt": ["MarketingStatusID", "MarketingStatusDescription"],
    "TE.txt": ["ApplNo", "ProductNo", "MarketingStatusID", "TECode"],
}

DRUGSATFDA_ROUTES: dict[str, tuple[str, ...]] = {
    "oral-20": ("oral",), "oral-21": ("oral",), "oral-28": ("oral",),
    "iv (infusion)": ("intravenous",), "im-iv": ("intramuscular", "intravenous"),
    "injection": ("parenteral",), "spinal": ("intraspinal",),
    "n/a": ("not applicable",), "for rx compounding": ("not applicable",), "unknown": ("unknown",),
    "implantation": ("other",), "intratracheal": ("other",), "intraosseous": ("other",), "intra-anal": ("other",),
    "perfusion, cardiac": ("other",), "perfusion, biliary": ("other",),
}


def _route_list(part: str | None) -> list[str | None]:
    from druglint.vocab import vocabulary

    if part is None:
        return [None]
    vocab = vocabulary("route")
    whole = part.strip()
    key = whole.casefold()
    if key in DRUGSATFDA_ROUTES:
        return list(DRUGSATFDA_ROUTES[key])
    if vocab.resolve(whole):
        return [vocab.resolve(whole)]
    out: list[str | None] = []
    for piece in re.split(r"\s*,\s*", whole):
        if not piece:
            continue
        k = piece.casefold()
        if k in DRUGSATFDA_ROUTES:
            out.extend(DRUGSATFDA_ROUTES[k])
        else:
            out.append(vocab.resolve(piece) or piece)
    return out or [whole]


def _whole_form_route(form: str) -> list[str | None]:
    """A Form with no ';': never split on its commas (they separate dosage-form words)."""
    from druglint.vocab import vocabulary

    key = form.strip().casefold()
    if key in DRUGSATFDA_ROUTES:
        return list(DRUGSATFDA_ROUTES[key])
    return [vocabulary("route").resolve(form) or form.strip()]


def _products_transform(table) -> None:
    f = table.frame
    form = f["Form"].astype("str")
    has_route = form.str.contains(";", regex=False, na=False)
    split = form.str.rsplit(";", n=1)
    dosage_form = split.str[0].str.strip().where(has_route, form.str.strip())
    # no ";ROUTE" part: the whole Form stands where the route should be ("VIAL", "SYRINGE"),
    # so the schema names it; Form "UNKNOWN" says the route is not known (SPL "unknown")
    route_part = split.str[1].str.strip().where(has_route, form.str.strip())
    # one lookup per distinct route text, then broadcast with the factor codes
    codes, uniques = pd.factorize(route_part)
    whole = set(form.str.strip()[~has_route].dropna().unique())  # Forms with no ";ROUTE" part
    lists = np.empty(len(uniques) + 1, dtype=object)
    for i, u in enumerate(uniques):  # distinct route texts only (a few hundred), not rows
        routes_u = _whole_form_route(u) if u in whole else _route_list(u)
        lists[i] = list(dict.fromkeys(routes_u))  # "INTRAVENOUS, IV (INFUSION)" is one route
    lists[-1] = [None]
    routes = pd.Series(lists[codes], index=f.index)
    f = f.assign(dosage_form=dosage_form)
    table.frame = f
    explode_list(table, "Form", routes)


def _is(header: list[str]):
    return lambda name, fields: [x.strip() for x in fields[: len(header)]] == header


PRESETS = [
    Preset(
        name="drugsatfda-products",
        title="Drugs@FDA Products.txt (marketed products: form;route, strength)",
        kind="dosing",
        sources=("FDA Drugs@FDA Data Files, data definitions (Products: Form = dosage form;route)",),
        recognise=_is(PRODUCTS),
        columns={"drug": "DrugName", "route": "Form"},
        transform=_products_transform,
        role="drugsatfda:Products",
        key=("ApplNo", "ProductNo"),
        delimiter="\t",
        quoting=False,
    ),
] + [
    Preset(name="drugsatfda-" + fname.split(".")[0].lower(), title=f"Drugs@FDA {fname}", kind=None,
           sources=("FDA Drugs@FDA Data Files, data definitions",), recognise=_is(cols), delimiter="\t", quoting=False,
           role="drugsatfda:" + fname.split(".")[0])
    for fname, cols in OTHERS.items()
]
