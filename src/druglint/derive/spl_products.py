"""Facts an SPL label codes for each product: active moiety and UNII, proprietary and generic
names, dosage form, route, strength and its basis, application number and marketing category.

A product is an inner ``manufacturedProduct`` (or a kit's ``partProduct``) with a ``name``;
its holder (the outer ``manufacturedProduct``, or the kit's ``part``) carries the routes
(``consumedIn/substanceAdministration/routeCode``, NCI Thesaurus C54455 codes) and the
approval (``subjectOf/approval``: id = application number, code = marketing category).
Traps handled here: a kit part without the active moiety (Humira's alcohol swab, route
TOPICAL) gives no facts, so adalimumab is not made topical; a kit part without its own
approval takes the kit's; a repackager's strengths are only what it repackages (``partial``).
Strength basis: ingredient classCode ACTIB = the strength is of the active ingredient named,
ACTIM = of the active moiety, ACTIR = of a reference substance.
"""
from __future__ import annotations

from druglint.derive.document import DFact, Document
from druglint.derive.hl7 import NS, _local, text_of

ACTIVE = {"ACTIB": "active ingredient", "ACTIM": "active moiety", "ACTIR": "reference substance"}


def _route_names() -> dict[str, str]:
    from druglint.vocab import data

    return {t["code"]: t["name"] for t in data("routes")["terms"]}


def _products(root):
    for el in root.iter(f"{NS}manufacturedProduct", f"{NS}partProduct", f"{NS}manufacturedMedicine"):
        if el.find(f"{NS}name") is not None or el.find(f"{NS}formCode") is not None:
            yield el


def _actives(p) -> list[tuple[object, str, object]]:
    """(ingredient element, basis class, substance element) of the product's active ingredients."""
    out = []
    for ing in p:
        name = _local(ing)
        if name == "ingredient" and ing.get("classCode") in ACTIVE:
            out.append((ing, ing.get("classCode"), ing.find(f"{NS}ingredientSubstance")))
        elif name == "activeIngredient":  # SPL before R4
            out.append((ing, "ACTIB", ing.find(f"{NS}activeIngredientSubstance")))
    return [x for x in out if x[2] is not None]


def _moiety(substance) -> tuple[str, str | None]:
    m = substance.find(f"{NS}activeMoiety/{NS}activeMoiety")
    node = m if m is not None else substance
    name = node.find(f"{NS}name")
    code = node.find(f"{NS}code")
    return (text_of(name).casefold() if name is not None else "", code.get("code") if code is not None else None)


def _approval(p):
    """(approval element, holder) for the product: its own holder's, else the enclosing kit's."""
    holder = p.getparent()
    while holder is not None:
        appr = holder.find(f"{NS}subjectOf/{NS}approval")
        if appr is not None:
            return appr
        holder = holder.getparent()
        if holder is not None and _local(holder) not in ("manufacturedProduct", "part"):
            return None
    return None


def product_facts(root, doc: Document) -> None:
    routes = _route_names()
    for number, p in enumerate(_products(root), start=1):
        actives = _actives(p)
        if not actives:
            continue  # a kit, or a kit part without an active ingredient (e.g. an alcohol swab)
        holder = p.getparent()
        pname_el = p.find(f"{NS}name")
        pname = text_of(pname_el, skip_nested=True) if pname_el is not None else ""
        ndc_el = p.find(f"{NS}code")
        ndc = ndc_el.get("code") if ndc_el is not None else None
        where = f"product {pname or number}" + (f" (NDC {ndc})" if ndc else "")
        moieties = []
        for ing, basis, sub in actives:
            moiety, unii = _moiety(sub)
            if moiety:
                moieties.append((ing, basis, sub, moiety, unii))
        single = len({m[3] for m in moieties}) == 1

        def add(family, entry, el, quote, moiety, what):
            line = el.sourceline or 1
            doc.facts.append(DFact(family, entry, f"{where}, {what} (line {line})", "coded",
                                   {"element": what, "line": line}, quote, moiety))

        for ing, basis, sub, moiety, unii in moieties:
            if moiety not in doc.moieties:
                doc.moieties.append(moiety)
            mel = sub.find(f"{NS}activeMoiety/{NS}activeMoiety")
            mel = sub if mel is None else mel
            add("name", {"name": moiety}, mel, text_of(mel.find(f"{NS}name")) if mel.find(f"{NS}name") is not None else moiety,
                moiety, "activeMoiety name")
            if unii:
                add("identity", {"key": "unii", "value": unii}, mel, f'activeMoiety code="{unii}" name="{moiety.upper()}"',
                    moiety, "activeMoiety code")
            if pname and single and pname.casefold() != moiety:  # a generic product's name is no brand
                add("brands", {"name": pname}, pname_el, pname, moiety, "name")
            elif pname and not single:  # a combination product's brand is not the brand of each moiety
                names = " + ".join(m[3] for m in moieties)
                add("identity", {"key": "combination", "value": f"{pname} ({names})"}, pname_el, pname, moiety, "name")
            gen = p.find(f"{NS}asEntityWithGeneric/{NS}genericMedicine/{NS}name")
            if gen is not None and single and text_of(gen).casefold() != moiety:
                add("synonyms", {"name": text_of(gen).casefold()}, gen, text_of(gen), moiety, "genericMedicine name")
            form = p.find(f"{NS}formCode")
            if form is not None and form.get("displayName"):
                add("forms", {"form": form.get("displayName").casefold()}, form,
                    f'formCode code="{form.get("code")}" displayName="{form.get("displayName")}"', moiety, "formCode")
            for rc in holder.findall(f"{NS}consumedIn/{NS}substanceAdministration/{NS}routeCode") if holder is not None else ():
                name = routes.get(rc.get("code") or "") or (rc.get("displayName") or "").casefold()
                if name:
                    add("routes", {"route": name}, rc, f'routeCode code="{rc.get("code")}" displayName="{rc.get("displayName")}"',
                        moiety, "routeCode")
            strength = _strength(ing, basis, sub, moiety, doc.repackager)
            if strength:
                q = ing.find(f"{NS}quantity")
                quote = " / ".join(f'{_local(x)} value="{x.get("value")}" unit="{x.get("unit")}"' for x in q)
                add("strengths", strength, q, quote, moiety, "ingredient quantity")
            appr = _approval(p)
            if appr is not None:
                aid = appr.find(f"{NS}id")
                code = appr.find(f"{NS}code")
                if aid is not None and aid.get("extension"):
                    add("identity", {"key": "application", "value": aid.get("extension").upper()}, aid,
                        f'approval id extension="{aid.get("extension")}"', moiety, "approval id")
                if code is not None and code.get("displayName"):
                    add("identity", {"key": "marketing_category", "value": code.get("displayName")}, code,
                        f'approval code="{code.get("code")}" displayName="{code.get("displayName")}"', moiety, "approval code")
            if doc.labeler:
                org = root.find(f"{NS}author/{NS}assignedEntity/{NS}representedOrganization/{NS}name")
                add("identity", {"key": "labeler", "value": doc.labeler}, org if org is not None else root, doc.labeler,
                    moiety, "author representedOrganization name")


def _num(x: str | None) -> float | None:
    try:
        return float(x) if x is not None else None
    except ValueError:
        return None


def _fmt(x: float) -> str:
    return f"{x:g}"


def _strength(ing, basis: str, sub, moiety: str, partial: bool) -> dict | None:
    from druglint.vocab import vocabulary

    q = ing.find(f"{NS}quantity")
    if q is None:
        return None
    num, den = q.find(f"{NS}numerator"), q.find(f"{NS}denominator")
    nv, nu = _num(num.get("value") if num is not None else None), (num.get("unit") if num is not None else None)
    dv, du = _num(den.get("value") if den is not None else None), (den.get("unit") if den is not None else None) or "1"
    units = vocabulary("unit")
    nunit = units.resolve(nu or "")
    if nv is None or nunit is None or not dv:
        return None
    labelled = f"{_fmt(nv)} {nu}" + ("" if du == "1" and dv == 1 else f"/{_fmt(dv)} {du}")
    if du == "1":  # per unit of the dose form (a tablet, a capsule)
        amount, unit = nv / dv, nunit
    else:
        dunit = units.resolve(du)
        unit = units.resolve(f"{nunit}/{dunit}") if dunit else None
        if unit is None:
            return None
        amount = nv / dv
    sname = sub.find(f"{NS}name")
    named = text_of(sname).casefold() if sname is not None else moiety
    out = {"amount": round(amount, 6), "unit": unit, "as_labelled": labelled,
           "basis": f"{ACTIVE[basis]} ({moiety if basis == 'ACTIM' else named})"}
    if partial:
        out["partial"] = True
    return out
