"""DL131 header-row-repeated: a data row repeats the header line.

When exports are concatenated (``cat a.csv b.csv``, or pandas ``to_csv(mode="a")`` with
the header left on), the second file's header lands in the middle of the data. Every tool
then reads "drug_a", "severity"... as a record: a drug named "drug" and a severity that is
not a severity. Reported at that row when every cell equals its column's name (ignoring
case and surrounding spaces) and the table has at least two named columns. Any table.

Passing example (interactions.csv):

    drug_a,drug_b,severity
    warfarin,aspirin,major
    warfarin,ibuprofen,major

Failing example (interactions.csv):

    drug_a,drug_b,severity
    warfarin,aspirin,major
    drug_a,drug_b,severity
    warfarin,ibuprofen,major
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from druglint.across import Across
from druglint.registry import PROJECT, rule
from druglint.rules.realdata._tables import lines_of, tables, violation
from druglint.shapes import Rows


def header_rows(table, frame: pd.DataFrame) -> np.ndarray:
    """Per row of ``frame`` (the table's cells, by position), True when every named column's
    cell equals its name (case and surrounding spaces ignored)."""
    same = np.zeros(len(frame), dtype=bool)
    if table.meta.get("headerless"):
        return same
    header = [str(h) for h in (table.meta.get("original_header") or table.header)]
    named = [(i, h.strip().casefold()) for i, h in enumerate(header[: frame.shape[1]]) if h.strip()]
    if len(named) < 2 or len(frame) == 0:
        return same
    same[:] = True
    for i, name in named:
        # compared once per distinct value, then broadcast with the factor codes
        col = frame.iloc[:, i]
        if col.dtype == object:  # JSON cells may hold lists or objects (unhashable)
            col = col.astype("str").where(col.notna(), None)
        codes, uniques = pd.factorize(col)
        hit = np.array([str(u).strip().casefold() == name for u in uniques] + [name == ""], dtype=bool)
        same &= hit[codes]
        if not same.any():
            break
    return same


# a streamed table keeps only its rows that repeat the header (row-local: grows with them)
@rule("DL131", "header-row-repeated", "error", scope=PROJECT,
      state=Across({"*": Rows("DL131:header-rows", where=lambda ctx: header_rows(ctx.table, ctx.raw))}))
def check(project):
    out = []
    for seen in tables(project):
        same = header_rows(seen.table, seen.frame)
        for line in np.unique(lines_of(seen.table, np.flatnonzero(same))).tolist():
            out.append(violation(seen.path, "DL131", line, 1,
                                 "this row repeats the header line (a leftover of concatenated exports); remove it",
                                 project))
    return out
