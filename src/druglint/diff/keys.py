"""Record keys and ranks for the diff rules, vectorised over a side's rows.

Keys are in matching form (case-folded, whitespace collapsed) so that "Warfarin" and
"warfarin " are one record; the unordered drug pair makes "a + b" and "b + a" one pair.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from druglint.diff.pair import norm

# Decimal SI prefixes within one dimension (UCUM: m = 1e-3, u = 1e-6, n = 1e-9, k = 1e3).
# Only mass and volume are converted; arbitrary and infectivity units never are (units.yaml).
_FACTOR = {"kg": 1e3, "g": 1.0, "mg": 1e-3, "mcg": 1e-6, "ng": 1e-9, "L": 1e3, "mL": 1.0, "mcL": 1e-3}


def pair_key(f: pd.DataFrame) -> pd.Series:
    a, b = norm(f["drug_a"]).to_numpy(dtype=object), norm(f["drug_b"]).to_numpy(dtype=object)
    lo, hi = np.where(a <= b, a, b), np.where(a <= b, b, a)
    key = pd.Series(lo, index=f.index, dtype=object) + " + " + pd.Series(hi, index=f.index, dtype=object)
    return key.where((a != "") & (b != ""), "")


def pair_label(f: pd.DataFrame) -> pd.Series:
    return f["drug_a"].astype("str").fillna("") + " + " + f["drug_b"].astype("str").fillna("")


def effect_key(f: pd.DataFrame) -> pd.Series:
    d, e = norm(f["drug"]), norm(f["effect"])
    return (d + ": " + e).where((d != "") & (e != ""), "")


def effect_label(f: pd.DataFrame) -> pd.Series:
    return f["drug"].astype("str").fillna("") + ": " + f["effect"].astype("str").fillna("")


@lru_cache(maxsize=1)
def _severity_rank() -> dict[str, float]:
    from druglint.vocab import severity_rank

    return {k: float(v or 0) for k, v in severity_rank().items()}


def pair_rank(f: pd.DataFrame) -> pd.Series:
    """Among rows of one pair, the strongest severity represents it."""
    return severity_rank(f["severity"])


def effect_rank(f: pd.DataFrame) -> pd.Series:
    """Among rows of one reaction, a serious one represents it."""
    return serious_flag(f["serious"]).astype("float64")


def severity_rank(s: pd.Series) -> pd.Series:
    """Rank of a canonical severity (contraindicated 4 ... minor 1); unknown or missing 0."""
    return s.map(_severity_rank()).astype("float64").fillna(0.0)


@lru_cache(maxsize=1)
def _frequency_order() -> dict[str, float]:
    """CIOMS categories from most to least frequent: very common 0 ... very rare 4, in the
    order of vocab/frequency_categories.yaml ('not known' has no band and no place)."""
    from druglint.vocab import frequency_bands

    bands = frequency_bands()
    ordered = sorted(bands, key=lambda name: -bands[name].lo)
    return {name: float(i) for i, name in enumerate(ordered)}


def frequency_step(s: pd.Series) -> pd.Series:
    """Position of a canonical category in the CIOMS order (0 = very common); NaN if none."""
    return s.map(_frequency_order()).astype("float64")


def serious_flag(s: pd.Series) -> pd.Series:
    """True where a reaction is marked serious (missing = not marked)."""
    return s.astype("boolean").fillna(False).astype(bool)


def unit_factor(units: pd.Series) -> pd.Series:
    """Factor to the dimension's base unit (g, mL); 1 for units never converted."""
    return units.map(_FACTOR).astype("float64").fillna(1.0)


def unit_group(units: pd.Series) -> pd.Series:
    """What doses can be compared within: 'mass', 'volume', else the unit itself."""
    groups = {u: ("mass" if u in ("kg", "g", "mg", "mcg", "ng") else "volume") for u in _FACTOR}
    text = units.astype("str").where(units.notna(), "")
    return text.map(groups).fillna(text).astype(object)


def dose_key(f: pd.DataFrame) -> pd.Series:
    """drug / route / phase / unit group: a dose in mL and one in PFU are different records."""
    drug = norm(f["drug"])
    unit = f["dose_unit"] if "dose_unit" in f.columns else pd.Series("", index=f.index)
    parts = [drug, norm(f["route"]), norm(f["phase"]), unit_group(unit)]
    key = parts[0] + " / " + parts[1] + " / " + parts[2] + " / " + parts[3]
    return key.where(drug != "", "")


def dose_label(f: pd.DataFrame) -> pd.Series:
    phase = f["phase"].astype("str").where(f["phase"].notna(), "")
    route = f["route"].astype("str").where(f["route"].notna(), "")
    phase_text = np.where(phase == "per visit", ", per visit", np.where(phase != "", ", " + phase + " phase", ""))
    return (f["drug"].astype("str").fillna("") + np.where(route != "", ", " + route, "") + phase_text)


def base_dose(f: pd.DataFrame) -> pd.Series:
    unit = f["dose_unit"] if "dose_unit" in f.columns else pd.Series(None, index=f.index, dtype=object)
    return pd.to_numeric(f["dose"], errors="coerce").astype("float64") * unit_factor(unit)


def dose_text(f: pd.DataFrame, prefix: str) -> pd.Series:
    """'4 mL' from the dose and dose_unit columns with suffix ``prefix`` (_old or _new)."""
    from druglint.diff.pair import text

    dose = text(pd.to_numeric(f["dose" + prefix], errors="coerce").astype("float64"))
    unit = f.get("dose_unit" + prefix)
    if unit is None:
        return dose
    u = text(unit)
    return (dose + np.where(u != "", " " + u, "")).astype(object)


def strength_key(f: pd.DataFrame) -> pd.Series:
    """drug @ amount unit, the amount in %g form so 1e6 and 1000000 are one strength."""
    from druglint.diff.pair import text

    drug = norm(f["drug"])
    amount = text(pd.to_numeric(f["concentration"], errors="coerce").astype("float64"))
    unit = f["concentration_unit"] if "concentration_unit" in f.columns else pd.Series("", index=f.index)
    key = drug + " @ " + amount + " " + text(unit)
    return key.where((drug != "") & (amount != ""), "")


def strength_text(f: pd.DataFrame, prefix: str) -> pd.Series:
    from druglint.diff.pair import text

    amount = text(pd.to_numeric(f["concentration" + prefix], errors="coerce").astype("float64"))
    unit = text(f["concentration_unit" + prefix]) if ("concentration_unit" + prefix) in f.columns else ""
    return (amount + " " + unit).str.strip().astype(object)
