"""Shared by the dosing spec rules (not a rule): per-row spec, phase and administration order."""
from __future__ import annotations

import numpy as np
import pandas as pd

from druglint.specs.tables import with_spec


def row_specs(ctx) -> tuple[pd.Series, dict]:
    return with_spec(ctx, "drug")


def _spec_rows(ctx) -> np.ndarray:
    return row_specs(ctx)[0].notna().to_numpy(dtype=bool)


def _spec_rows_state():
    from druglint.shapes import Rows

    return Rows("dosing-spec-rows", where=_spec_rows)


# The dosing rules that follow a patient's doses of a drug (DL403, DL405, DL406, DL407, DL412)
# look only at doses of drugs with a spec, and a sequence groups one drug's doses: their
# state is those rows (every column), nothing else.
SPEC_ROWS = _spec_rows_state()


def per_drug(canon: pd.Series, specs: dict, fn) -> np.ndarray:
    """Broadcast ``fn(spec)`` (one call per distinct drug) to the rows; None without a spec."""
    codes, uniques = pd.factorize(canon)
    vals = [fn(specs[u]) for u in uniques] + [None]
    out = np.empty(len(vals), dtype=object)
    out[:] = vals
    return out[codes]


def phase_ids(ctx) -> tuple[np.ndarray, list]:
    """(per row: index into the phase table or -1, the phase table). The phase comes from the
    ``phase`` column (names and aliases of the spec), else, for administration records,
    from the dose's position in the patient's sequence. Integer ids keep Phase objects out
    of hashing and per-row Python."""
    cache = ctx.__dict__.setdefault("_spec_cache", {})
    if "phase_ids" in cache:
        return cache["phase_ids"]
    canon, specs = row_specs(ctx)
    n = len(canon)
    table: list = []
    where: dict[int, int] = {}  # id(phase) -> table index

    def tid(p) -> int:
        if p is None:
            return -1
        if id(p) not in where:
            where[id(p)] = len(table)
            table.append(p)
        return where[id(p)]

    ids = np.full(n, -1, dtype=np.int64)
    if "phase" in ctx.frame.columns:
        key = (canon.fillna("") + "\x1f" + ctx.frame["phase"].fillna("")).where(canon.notna() & ctx.frame["phase"].notna())
        codes, uniques = pd.factorize(key)
        per = np.array([tid(specs[u.split("\x1f", 1)[0]].phase(u.split("\x1f", 1)[1])) for u in uniques] + [-1], dtype=np.int64)
        ids = per[codes]
    seq = sequence(ctx)
    if seq is not None:
        idx = seq["dose_index"].to_numpy(dtype=float, na_value=np.nan)
        drug = canon.to_numpy(dtype=object, na_value=None)
        for name in canon.dropna().unique():  # one pass per drug with a spec
            phases = specs[name].phases
            need = (drug == name) & (ids < 0) & ~np.isnan(idx)
            if not phases or not need.any():
                continue
            lookup = np.array([tid(p) for p in phases] + [-1], dtype=np.int64)
            k = idx[need].astype(np.int64)
            last = len(phases) - 1
            k = np.where(k > last, last if phases[-1].repeats else last + 1, k)
            ids[need] = lookup[k]
    cache["phase_ids"] = (ids, table)
    return ids, table


def row_phase(ctx) -> np.ndarray:
    """The spec Phase of each row (object array, None when unknown)."""
    ids, table = phase_ids(ctx)
    arr = np.empty(len(table) + 1, dtype=object)
    arr[:] = list(table) + [None]
    return arr[ids]


def phase_attr(ctx, fn, dtype=object) -> np.ndarray:
    """``fn(phase)`` per row, computed once per phase (None/NaN rows without a phase)."""
    ids, table = phase_ids(ctx)
    missing = np.nan if dtype is float else None
    vals = np.empty(len(table) + 1, dtype=dtype)
    vals[:] = [fn(p) for p in table] + [missing]
    return vals[ids]


def phase_caps(ids: np.ndarray, table: list) -> np.ndarray:
    """Per row: "info" where the row's phase is a draft spec fact (``review: required``), else None."""
    from druglint.specs.provenance import cap

    per = np.empty(len(table) + 1, dtype=object)
    per[:] = [cap(p) for p in table] + [None]
    return per[ids]


def messages(mask: np.ndarray, columns: dict[str, np.ndarray], fn) -> np.ndarray:
    """One message per offending row, built once per distinct combination of ``columns``
    (``fn`` receives one value of each column, in order) and broadcast."""
    rows = np.flatnonzero(mask)
    if rows.size == 0:
        return np.empty(0, dtype=object)
    sub = pd.DataFrame({k: pd.Series(np.asarray(v)[rows], dtype=object) for k, v in columns.items()})
    codes = sub.groupby(list(columns), sort=False, dropna=False).ngroup().to_numpy()
    first = pd.Series(np.arange(rows.size)).groupby(codes).first().to_numpy()
    uniq = sub.iloc[first]
    vals = np.empty(len(first), dtype=object)
    vals[:] = [fn(*t) for t in zip(*(uniq[k].to_numpy(dtype=object) for k in columns))]
    return vals[codes]


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
