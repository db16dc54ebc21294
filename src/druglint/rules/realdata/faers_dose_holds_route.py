"""DL145 faers-dose-holds-route-or-form: a FAERS dose text holds a route or a dosage form, not a dose.

DRUG ``dose_vbm`` is the verbatim dose ("20 MG, QD"); the route and the dosage form have
fields of their own (``route``, ``dose_form``). A dose text that names only a route
("IV", "ORAL", "INTRAVENOUS NOS") or a dosage form ("TABLET"), possibly with a frequency
("IV, ONCE"), and no number, carries no dose: the route or form was typed into the wrong
field, and a dose parser finds nothing or takes the word for a unit. Routes are the SPL
route names and their abbreviations (vocab/routes.yaml); dosage forms are the head words
of the SPL dosage form names (NCI Thesaurus subset C54456: TABLET, CAPSULE, INJECTION,
SOLUTION...). Reported at the DRUG record, both FAERS layouts.

Passing example (DRUG04Q1.TXT):

    isr$drug_seq$role_cod$drugname$val_vbm$route$dose_vbm$dechal$rechal$lot_num$exp_dt$nda_num$v13
    4263742$1$PS$NEXIUM$1$ORAL$40 MG, QD$$$$$$

Failing example (DRUG04Q1.TXT):

    isr$drug_seq$role_cod$drugname$val_vbm$route$dose_vbm$dechal$rechal$lot_num$exp_dt$nda_num$v13
    4263742$1$PS$NEXIUM$1$$ORAL$$$$$$
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from druglint.across import Across
from druglint.registry import PROJECT, rule
from druglint.rules.realdata._faers import column_number, quarters
from druglint.rules.realdata._tables import lines_of, text, violation

# head words of SPL dosage form names (NCI Thesaurus C54456), singular and plural
FORMS = {"tablet", "capsule", "injection", "solution", "suspension", "cream", "ointment", "gel", "lotion", "patch",
         "spray", "powder", "syrup", "elixir", "aerosol", "suppository", "lozenge", "granule", "film", "implant",
         "insert", "liquid", "emulsion", "foam", "pellet", "paste", "inhalant", "concentrate", "drops", "tincture"}
_FREQUENCY = re.compile(r"^(?:once|twice|daily|weekly|monthly|qd|bid|tid|qid|qw|qod|prn|as needed|unk|unknown|nos|"
                        r"once daily|one time|single dose|continuous)$", re.I)


def _kind_of(value: str) -> str | None:
    """'route' or 'form' when the text is only a route or form (with frequency words), else None."""
    from druglint.vocab import vocabulary

    if not value or re.search(r"\d", value):
        return None
    routes = vocabulary("route")
    found = None
    for part in re.split(r"\s*[,;]\s*", value.strip()):
        p = re.sub(r"\s+(?:nos|\(not otherwise specified\))$", "", part.strip(), flags=re.I)
        if not p or _FREQUENCY.match(p):
            continue
        if routes.resolve(p):
            found = found or "route"
        elif p.casefold().rstrip("s") in FORMS or p.casefold() in FORMS:
            found = found or "dosage form"
        else:
            return None
    return found


@rule("DL145", "faers-dose-holds-route-or-form", "warning", scope=PROJECT, state=Across.presets())
def check(project):
    out = []
    for _, roles in quarters(project).items():
        drug = roles.get("DRUG")
        if drug is None or "dose_vbm" not in drug.frame.columns:
            continue
        dose = text(drug.frame["dose_vbm"])
        codes, uniques = pd.factorize(dose)
        kinds = np.array([_kind_of(u) for u in uniques] + [None], dtype=object)  # once per distinct text
        per_row = kinds[codes]
        rows = np.flatnonzero(pd.notna(per_row))
        col = column_number(drug, "dose_vbm")
        for line, value, kind in zip(lines_of(drug.table, rows).tolist(), dose.iloc[rows].tolist(), per_row[rows]):
            where = "route" if kind == "route" else "dose_form"
            out.append(violation(drug.path, "DL145", line, col,
                                 f"dose_vbm {value!r} names a {kind}, not a dose: the dose is missing "
                                 f"(the {kind} has its own field, {where})", project))
    return out
