"""Shared by the dosing spec rules (not a rule): per-row spec, phase and administration order."""
from __future__ import annotations

import numpy as np
import pandas as pd

from druglint.specs.tables import with_spec


def row_specs(ctx) -> tuple[pd.Series, dict]:
    return with_spec(ctx, "drug")


def per_drug(canon: pd.Series, specs: dict, fn) -> np.ndarray:
    """Broadcast ``fn(spec)`` (one call per distinct drug) to the rows; None without a spec."""
    codes, uniques = pd.factorize(canon)
    vals = [fn(specs[u]) for u in uniques] + [None]
    out = np.empty(len(vals), dtype=object)
    out[:] = vals
    return out[codes]


def row_phase(ctx) -> np.ndarray:
    """The spec Phase of each row: from the phase column, else (administration records) from
    the dose's position in the patient's sequence. None when unknown."""
    cache = ctx.__dict__.setdefault("_spec_cache", {})
    if "phase" in cache:
        return cache["phase"]
    canon, specs = row_specs(ctx)
    n = len(canon)
    out = np.full(n, None, dtype=object)
    if "phase" in ctx.frame.columns:
        key = canon.fillna("") + "\x1f" + ctx.frame["phase"].fillna("")
        codes, uniques = pd.factorize(key.where(canon.notna() & ctx.frame["phase"].notna()))
        vals = []
        for u in uniques:
            drug, ph = u.split("\x1f", 1)
            vals.append(specs[drug].phase(ph))
        arr = np.empty(len(vals) + 1, dtype=object)
        arr[:] = vals + [None]
        out = arr[codes]
    seq = sequence(ctx)
    if seq is not None:
        idx = seq["dose_index"].to_numpy(dtype=float, na_value=np.nan)
        drug = canon.to_numpy(dtype=object, na_value=None)
        for name in canon.dropna().unique():  # one pass per drug with a spec
            phases = specs[name].phases
            need = (drug == name) & (out == None) & ~np.isnan(idx)  # noqa: E711
            if not phases or not need.any():
                continue
            table = np.empty(len(phases) + 1, dtype=object)
            table[:] = list(phases) + [None]
            k = idx[need].astype(np.int64)
            last = len(phases) - 1
            k = np.where(k > last, last if phases[-1].repeats else last + 1, k)
            out[need] = table[k]
    cache["phase"] = out
    return out


def parse_dates(s: pd.Series) -> pd.Series:
    """ISO dates fast; other spellings (20151102, 01-FEB-22) once per distinct value."""
    iso = pd.to_datetime(s, format="%Y-%m-%d", errors="coerce")
    rest = s.notna() & iso.isna()
    if rest.any():
        codes, uniques = pd.factorize(s[rest])
        parsed = pd.to_datetime(pd.Series(uniques), format="mixed", errors="coerce", dayfirst=False)
        iso.loc[rest] = parsed.to_numpy()[codes]
    return iso


def sequence(ctx) -> pd.DataFrame | None:
    """For administration records (patient_id and date present): per row ``dose_index``
    (0 for a patient's first dose of the drug), ``gap_days`` and ``prev_row``."""
    cache = ctx.__dict__.setdefault("_spec_cache", {})
    if "sequence" in cache:
        return cache["sequence"]
    f = ctx.frame
    if not {"patient_id", "date"} <= set(f.columns):
        cache["sequence"] = None
        return None
    from druglint.specs.tables import canonical_or_text

    drug = canonical_or_text(ctx, "drug")
    date = parse_dates(f["date"])
    d = pd.DataFrame({"drug": drug.to_numpy(dtype=object), "patient": f["patient_id"].to_numpy(dtype=object),
                      "date": date.to_numpy(), "row": np.arange(len(f))})
    ok = d["drug"].notna() & d["patient"].notna() & d["date"].notna()
    s = d[ok].sort_values(["drug", "patient", "date", "row"], kind="stable")
    g = s.groupby(["drug", "patient"], sort=False)
    s = s.assign(dose_index=g.cumcount(), gap_days=g["date"].diff().dt.days, prev_row=g["row"].shift())
    out = pd.DataFrame({"dose_index": np.nan, "gap_days": np.nan, "prev_row": np.nan}, index=range(len(f)))
    out.loc[s["row"].to_numpy(), ["dose_index", "gap_days", "prev_row"]] = s[["dose_index", "gap_days", "prev_row"]].to_numpy(dtype=float)
    cache["sequence"] = out
    return out


def route_keys(canon: pd.Series, route: pd.Series) -> pd.Series:
    """'drug\x1froute' per row (None where either is missing)."""
    ok = canon.notna() & route.notna()
    return (canon.fillna("") + "\x1f" + route.fillna("").astype(str)).where(ok, None)


def phase_attr(phases: np.ndarray, fn, dtype=object) -> np.ndarray:
    """``fn(phase)`` per row, computed once per distinct phase (None rows give None/NaN)."""
    codes, uniques = pd.factorize(pd.Series(phases, dtype=object))
    missing = np.nan if dtype is float else None
    vals = np.empty(len(uniques) + 1, dtype=dtype)
    vals[:] = [fn(u) for u in uniques] + [missing]
    return vals[codes]
