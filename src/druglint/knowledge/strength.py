"""Marketed strengths as written in Drugs@FDA, parsed: "40MG/0.8ML", "EQ 2MG BASE/ML",
"1,000 UNITS/ML", "10MG **Federal Register determination that product was not discontinued...**".

A strength is an amount (value, unit), optionally per an amount of the product (per_value,
per_unit: "/0.8ML" -> 0.8 mL, "/ML" -> 1 mL, "/VIAL" -> 1 vial), and a basis: "EQ 10MG BASE"
means 10 mg of the base (active moiety), not of the salt; "EQ 5MG ACID" of the acid.
A restatement in parentheses ("10MG/2ML (5MG/ML)") and an appended note ("**...**") are kept
in ``note``. Several ingredients' strengths joined by ";" are split by ``split_parts``.

``parse_many`` works on a column, once per distinct value (one vectorised regular-expression
pass); ``parse`` is the scalar form. A text that is not a strength ("N/A", "2%,100MG") parses
to None: the caller keeps its raw text and makes no strength claim from it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# Units as Drugs@FDA writes them -> the unit druglint uses (vocab/units.yaml spelling).
UNITS = {
    "MG": "mg", "GM": "g", "G": "g", "MCG": "mcg", "UG": "mcg", "KG": "kg", "ML": "mL", "L": "L", "%": "%",
    "MEQ": "mEq", "MMOL": "mmol", "UNITS": "units", "UNIT": "units", "USP UNITS": "units", "IU": "[iU]",
    "MILLION UNITS": "million units", "PRESSOR UNITS": "units", "MCI": "mCi", "UCI": "uCi", "MBQ": "MBq",
    "GBQ": "GBq", "PFU": "[PFU]",
}
_NUM = r"\d[\d,]*(?:\.\d+)?|\.\d+"
_UNIT_ALT = "|".join(sorted((re.escape(u) for u in UNITS), key=len, reverse=True))
PATTERN = re.compile(
    r"^(?P<eq>EQ\s+)?(?P<value>" + _NUM + r")\s*(?P<unit>" + _UNIT_ALT + r")"
    r"(?:\s+(?P<basis>[A-Z][A-Z ]*?))?"
    r"(?:\s*/\s*(?P<per_value>" + _NUM + r")?\s*(?P<per_unit>[A-Z][A-Z ]*?|%))?"
    r"\s*(?P<restated>\([^()]*\))?\s*$",
    re.IGNORECASE,
)
_NOTE = re.compile(r"\s*\*\*(.*?)(?:\*\*|$)\s*", re.S)
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?:\D|$))")


@dataclass(frozen=True)
class Strength:
    value: float
    unit: str
    per_value: float | None = None
    per_unit: str | None = None
    basis: str | None = None  # "base", "acid"... for "EQ ... BASE"; None: the ingredient as named
    note: str | None = None
    text: str = ""

    def label(self) -> str:
        """'40 mg/0.8 mL', '2 mg (base)/mL', '1000 units/mL'."""
        out = f"{self.value:g} {self.unit}"
        if self.basis:
            out += f" ({self.basis})"
        if self.per_unit:
            per = "" if self.per_value in (None, 1.0) else f"{self.per_value:g} "
            out += f"/{per}{self.per_unit}"
        return out


def _num(s: Any) -> Any:
    import pandas as pd

    return pd.to_numeric(s.str.replace(_THOUSANDS, "", regex=True), errors="coerce")


def parse_frame(values: Any):
    """A DataFrame (value, unit, per_value, per_unit, basis, note) per input value; rows
    that are not strengths have value NaN. Work is done once per distinct value."""
    import numpy as np
    import pandas as pd

    s = values if isinstance(values, pd.Series) else pd.Series(np.asarray(values, dtype=object))
    codes, uniques = pd.factorize(s)
    u = pd.Series(uniques, dtype=object).astype(str)
    note = u.str.extract(_NOTE, expand=False).str.strip()
    body = u.str.replace(_NOTE, " ", regex=True).str.strip()
    m = body.str.extract(PATTERN)
    restated = m["restated"].str.strip("() ")
    note = note.where(note.notna() & (note != ""), restated)
    out = pd.DataFrame({
        "value": _num(m["value"].fillna("")),
        "unit": m["unit"].str.upper().map(UNITS),
        "per_value": _num(m["per_value"].fillna("")),
        "per_unit": m["per_unit"].str.strip().map(lambda x: UNITS.get(x.upper(), x.lower()) if isinstance(x, str) else None),
        "basis": m["basis"].str.strip().str.lower(),
        "note": note,
    })
    out.loc[out["per_unit"].notna() & out["per_value"].isna(), "per_value"] = 1.0
    out.loc[out["value"].isna(), ["unit", "per_unit", "per_value", "basis"]] = None
    # "EQ 10MG" without a named basis still means an equivalent amount
    eq = m["eq"].notna() & out["basis"].isna() & out["value"].notna()
    out.loc[eq, "basis"] = "equivalent"
    missing = pd.DataFrame([[None] * len(out.columns)], columns=out.columns, dtype=object)
    out = pd.concat([out.astype(object), missing], ignore_index=True)  # last row: missing values (code -1)
    full = out.iloc[np.where(codes < 0, len(out) - 1, codes)].astype(object)
    return full.where(full.notna(), None).set_axis(s.index)


def parse_many(values: Any) -> list[Strength | None]:
    """One :class:`Strength` (or None) per value."""
    import pandas as pd

    s = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype=object)
    f = parse_frame(s)
    out: list[Strength | None] = []
    for text, row in zip(s.tolist(), f.itertuples(index=False)):  # builds result objects only
        if row.value is None:
            out.append(None)
            continue
        out.append(Strength(float(row.value), row.unit, None if row.per_value is None else float(row.per_value),
                            row.per_unit, row.basis, row.note, str(text)))
    return out


def parse(text: Any) -> Strength | None:
    """The strength written in ``text`` ("EQ 2MG BASE/ML"), or None when it is not one."""
    if text is None:
        return None
    return parse_many([str(text)])[0]


def split_parts(text: str) -> list[str]:
    """'5MG;10MG' -> ['5MG', '10MG'] (one part per ingredient); an appended note stays with
    every part it follows."""
    note = _NOTE.search(text)
    body = _NOTE.sub(" ", text) if note else text
    parts = [p.strip() for p in body.split(";")]
    return [p + (f" **{note.group(1).strip()}**" if note else "") for p in parts]
