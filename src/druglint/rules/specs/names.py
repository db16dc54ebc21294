"""Shared by DL520 and DL521: each distinct drug name of a table, at its first row (not a rule)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from druglint.specs.tables import names

# Identifiers in a drug column (STITCH CID100000085, DrugBank DB00787, DDInter1263, RxCUI
# 281) are not names: they are neither "unknown drugs" nor misspellings.
IDENTIFIER = r"^[A-Za-z]{0,8}[:_\-]?\d{3,}$"

NAME_COLUMNS = {"side_effects": ("drug",), "dosing": ("drug",), "interactions": ("drug_a", "drug_b")}


def distinct_names(ctx) -> pd.DataFrame:
    """row, column, written, canonical, suggestion, suggestion_for, has_spec; one row per
    distinct drug (its canonical name when known, else the written name with case and
    spacing ignored), at its first occurrence. Computed per distinct name, once per table."""
    cache = ctx.__dict__.setdefault("_spec_cache", {})
    if "distinct_names" not in cache:
        cache["distinct_names"] = _distinct_names(ctx)
    return cache["distinct_names"]


def _distinct_names(ctx) -> pd.DataFrame:
    parts = []
    for col in NAME_COLUMNS.get(ctx.kind, ()):
        if col not in ctx.frame.columns:
            continue
        n = names(ctx, col)
        # pandas.factorize numbers values in order of first appearance: code k first occurs
        # where the running maximum of the codes reaches k
        seen = np.maximum.accumulate(np.concatenate([[-1], n.codes]))
        first_rows = np.flatnonzero(seen[1:] > seen[:-1])
        parts.append(pd.DataFrame({"row": first_rows.astype(np.int64), "column": col, "written": n.written,
                                   "canonical": n.canonical, "suggestion": n.suggestion,
                                   "suggestion_for": n.suggestion_for, "has_spec": n.has_spec, "key": n.group},
                                  dtype=object).astype({"row": np.int64, "has_spec": bool}))
    if not parts:
        return pd.DataFrame(columns=["row", "column", "written", "canonical", "suggestion", "suggestion_for", "has_spec"])
    allnames = pd.concat(parts, ignore_index=True)
    ident = pd.Series(allnames["written"].to_numpy(dtype=object)).astype(str).str.strip().str.match(IDENTIFIER)
    allnames = allnames[~ident.to_numpy(dtype=bool)]
    # a known drug counts once however it is written (Coumadin and warfarin are one drug)
    allnames = allnames.sort_values(["row"], kind="stable")
    return allnames.drop_duplicates("key", keep="first").drop(columns="key")
