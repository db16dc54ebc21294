"""FAERS quarterly ASCII extracts ("$"-delimited): DRUG, REAC, DEMO, INDI, OUTC, RPSR, THER.

Two layouts are recognised: the current FAERS one (2012 Q4 onwards; records keyed by
``primaryid``, DRUG with ``dose_amt``, ``dose_unit``, ``dose_form``, ``dose_freq``) and the
legacy AERS one (2004-2012; keyed by ``isr``, no structured dose). Header names are
compared case-insensitively (some quarters write them in capitals).

DRUG is read as dosing records (one administration each): ``drugname`` -> drug,
``route`` -> route, ``dose_amt`` -> dose, ``dose_unit`` -> dose_unit, ``dose_freq`` ->
frequency. FAERS route and unit words are mapped onto the canonical vocabularies exactly:
routes by the SPL route list (case-insensitive: "Oral" -> oral); an empty route means "not
reported" in FAERS and becomes ``unknown`` (the SPL term C38311 for that); the ICH E2B
route "Subdermal", which has no SPL term, becomes SPL ``other`` (C38290). Unit codes: MG ->
mg, UG -> mcg, G -> g, ML -> mL, IU -> international unit (a coded field here, not a
handwritten order, so the Joint Commission "IU" warning does not apply), MG/M**2 -> mg/m2,
DF -> dosage form, GTT -> drop. Other words stay as written and are reported.
``dose_freq`` holds FAERS frequency codes (QD, BID, QOW, /wk), so ``frequency`` is a coded
column here (config ``coded-columns``): the free-text abbreviation rules leave it alone.
REAC, DEMO and the other files are reference tables for the cross-file rules DL135-DL137.

Sources: FDA, "FAERS Quarterly Data Extract Files" README (ASCII_README / FAQS in each
quarterly zip: file layouts, role_cod PS/SS/C/I, primaryid = caseid + caseversion);
legacy AERS README for the isr layout; ICH E2B(R2) route of administration list.
"""
from __future__ import annotations

import re

from druglint.presets.base import Preset
from druglint.presets.common import map_values, to_vocab

ROLES = ("DEMO", "DRUG", "REAC", "INDI", "OUTC", "RPSR", "THER")

# FAERS route words with no SPL term of their own (ICH E2B(R2) route list) -> SPL "other".
ROUTES_NOT_IN_SPL = {"subdermal": "other"}
# FAERS dose_unit codes -> canonical units (druglint vocab/units.yaml names).
UNITS = {
    "MG": "mg", "G": "g", "GM": "g", "UG": "mcg", "MCG": "mcg", "NG": "ng", "KG": "kg",
    "ML": "mL", "L": "L", "IU": "international unit", "KIU": None, "MIU": None,
    "MG/M**2": "mg/m2", "MG/KG": "mg/kg", "UG/KG": "mcg/kg", "MEQ": "mEq", "MMOL": "mmol",
    "DF": "dosage form", "GTT": "drop", "%": "%", "U": None,
}
UNITS = {k: v for k, v in UNITS.items() if v is not None}


def _lower_header(table) -> None:
    table.frame.columns = [str(c).lower() for c in table.frame.columns]
    table.header = [str(h).lower() for h in table.header]


def _drug_transform(table) -> None:
    _lower_header(table)
    f = table.frame
    if "route" in f.columns:
        route = f["route"].astype("str").str.strip()
        route = route.where(route.notna() & (route != ""), "unknown")
        f["route"] = to_vocab(route, "route", ROUTES_NOT_IN_SPL)
    if "dose_unit" in f.columns:
        f["dose_unit"] = map_values(f["dose_unit"], UNITS, casefold=False)


def _fields(fields: list[str]) -> list[str]:
    return [f.strip().lower() for f in fields]


def _recognise(role: str):
    def check(name: str, fields: list[str]) -> bool:
        if not re.match(rf"^{role}\d\dQ[1-4]\.txt$", name, re.I):
            return False
        f = _fields(fields)
        return bool(f) and f[0] in ("primaryid", "isr")
    return check


def _preset(role: str) -> Preset:
    common = dict(
        sources=("FDA FAERS Quarterly Data Extract Files, ASCII_README (file layouts)",
                 "FDA legacy AERS Quarterly Data Extract README (isr layout)"),
        recognise=_recognise(role), role=f"faers:{role}", key=("primaryid", "isr"),
    )
    if role == "DRUG":
        return Preset(name="faers-drug", title="FAERS DRUG (dosing records)", kind="dosing",
                      columns={"drug": "drugname", "route": "route", "dose": "dose_amt", "dose_unit": "dose_unit",
                               "frequency": "dose_freq"},
                      transform=_drug_transform, placeholder_columns=("dose_vbm",), coded_columns=("frequency",),
                      **common)
    return Preset(name=f"faers-{role.lower()}", title=f"FAERS {role}", kind=None, transform=_lower_header, **common)


PRESETS = [_preset(r) for r in ROLES]
