"""Shared by DL520 and DL521: each distinct drug name of a table, at its first row (not a rule)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from druglint.specs.tables import drugs

# Identifiers in a drug column (STITCH CID100000085, DrugBank DB00787, DDInter1263, RxCUI
# 281) are not names: they are neither "unknown drugs" nor misspellings.
IDENTIFIER = r"^[A-Za-z]{0,8}[:_\-]?\d{3,}$"

NAME_COLUMNS = {"side_effects": ("drug",), "dosing": ("drug",), "interactions": ("drug_a", "drug_b")}


def distinct_names(ctx) -> pd.DataFrame:
    """row, column, written, canonical, suggestion, suggestion_for, has_spec; one row per
    distinct drug (its canonical name when known, else the written name with case and
    spacing ignored), at its first occurrence."""
    from druglint.vocab import norm

    parts = []
    for col in NAME_COLUMNS.get(ctx.kind, ()):
        if col not in ctx.frame.columns:
            continue
        d = drugs(ctx, col)
        written = ctx.frame[col]
        parts.append(pd.DataFrame({"row": np.arange(len(written), dtype=np.int64), "column": col,
                                   "written": written.to_numpy(dtype=object), **{k: d[k].to_numpy() for k in
                                   ("canonical", "suggestion", "suggestion_for", "has_spec")}}))
    if not parts:
        return pd.DataFrame(columns=["row", "column", "written", "canonical", "suggestion", "suggestion_for", "has_spec"])
    allnames = pd.concat(parts, ignore_index=True)
    allnames = allnames[allnames["written"].notna()]
    allnames = allnames[~allnames["written"].astype(str).str.strip().str.match(IDENTIFIER)]
    codes, uniques = pd.factorize(allnames["written"])
    keys = np.array([norm(u) for u in uniques], dtype=object)[codes]
    # a known drug counts once however it is written (Coumadin and warfarin are one drug)
    keys = np.where(allnames["canonical"].notna().to_numpy(), allnames["canonical"].to_numpy(dtype=object), keys)
    allnames = allnames.assign(key=keys).sort_values(["row"], kind="stable")
    return allnames.drop_duplicates("key", keep="first")
