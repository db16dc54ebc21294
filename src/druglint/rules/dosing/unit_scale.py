"""Unit scales for comparing doses across units of one dimension (not a rule).

Mass in mg, volume in mL, amount of substance in mmol: the factors are the SI prefixes
(UCUM specification, unitsofmeasure.org, §§ 7-9 and Table 1 "prefixes": k = 10^3,
m = 10^-3, u (micro) = 10^-6, n = 10^-9). Units outside this table (unit, international
unit, PFU, mEq, dosage form, drop...) are never converted: arbitrary and biological units
have no fixed relation to mass (UCUM §24/§45), and mEq depends on the substance's valence.
Unit names are druglint's canonical ones (vocab/units.yaml).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

# canonical unit -> (dimension, size in the dimension's base unit)
SCALE: dict[str, tuple[str, float]] = {
    "kg": ("mass", 1e6), "g": ("mass", 1e3), "mg": ("mass", 1.0), "mcg": ("mass", 1e-3), "ng": ("mass", 1e-6),
    "L": ("volume", 1e3), "mL": ("volume", 1.0), "mcL": ("volume", 1e-3),
    "mol": ("amount", 1e3), "mmol": ("amount", 1.0),
}
BASE = {"mass": "mg", "volume": "mL", "amount": "mmol"}


def per_row(units: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(dimension per row or None, factor to the base unit per row or NaN), once per distinct unit."""
    codes, uniques = pd.factorize(pd.Series(units, dtype=object))
    dims = np.array([SCALE.get(u, (None, np.nan))[0] for u in uniques] + [None], dtype=object)
    factors = np.array([SCALE.get(u, (None, np.nan))[1] for u in uniques] + [np.nan], dtype=float)
    return dims[codes], factors[codes]
