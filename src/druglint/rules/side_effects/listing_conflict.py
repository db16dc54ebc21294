"""DL207 side-effect-listing-conflict: one drug and reaction listed twice with different frequencies or seriousness.

The side-effect counterpart of DL302: the drug (resolved through brands and synonyms) and
the reaction (through lay wording and UK/US spelling: fever = pyrexia) are listed more
than once, and the listings disagree on ``frequency_category``, ``frequency_percent`` or
``serious``. A reader cannot tell which applies; usually two sources were merged, or the
column that told the listings apart (study, placebo arm, lower/upper bound) was dropped.
Rows with different ``source`` values are not compared (two sources may disagree). A
table of individual case reports (a report id column: ``safetyreportid``, ``primaryid``,
``caseid``, ``isr``, ``report_id``, ``id``...) is not a listing: each report has its own
seriousness, so such a table is not checked.
One finding per drug, reaction and column, at the first listing that disagrees, naming
the first listing's line. When a table has this on a large share of its pairs (100 pairs
or more and at least 5 % of its drug/reaction pairs), the cause is the table's layout, not
each pair: one finding then names the count and the first example.

Passing example (side_effects.csv):

    drug,effect,frequency_percent,serious
    acyclovir,nausea,2.4,false
    acyclovir,headache,1.9,false

Failing example (side_effects.csv):

    drug,effect,frequency_percent,serious
    acyclovir,nausea,2.4,false
    Zovirax,Nausea,8,false
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from druglint.grouping import column_codes, count_distinct, first_of_group, recode
from druglint.hits import concat, hits
from druglint.registry import rule
from druglint.shapes import Rows
from druglint.rules.side_effects.spec_lookup import effect_terms
from druglint.specs.tables import names

ATTRIBUTES = ("frequency_category", "frequency_percent", "serious")
PERVASIVE_PAIRS, PERVASIVE_SHARE = 100, 0.05
# columns naming one case report per row (FAERS ASCII, openFDA drug/event exports)
CASE_ID_COLUMNS = frozenset({"id", "safetyreportid", "primaryid", "caseid", "isr", "report_id", "reportid", "case_id",
                             "case_number"})


def _keys(ctx) -> tuple[np.ndarray, np.ndarray]:
    n = names(ctx, "drug")
    drug, _ = recode(n.codes, n.group)
    term, terms = effect_terms(ctx)
    ok = (drug >= 0) & (term >= 0)
    key = drug * (len(terms) + 1)  # in place from here: each step on a 7-million-row table is 50 MB
    key += term
    if "source" in ctx.frame.columns:
        src, src_u = column_codes(ctx, "source")
        key *= len(src_u) + 2
        key += src
        key += 1
    key[~ok] = -1
    return key, ok


def _value_codes(ctx, column: str) -> np.ndarray:
    """Integer code per row of the column's value (-1 when missing); percents compared to 6 decimals."""
    if column != "frequency_percent":
        return column_codes(ctx, column)[0]
    col = ctx.frame[column]
    if col.dtype == np.float64:  # the typed column: rounded in numpy, NaN is -1 as NA would be
        codes, uniques = pd.factorize(np.round(col.to_numpy(), 6))
    else:
        codes, uniques = pd.factorize(col.astype("Float64").round(6))
    return codes.astype(np.int32) if len(uniques) < 2**31 - 1 else codes  # compared, never added


def _shown(col: pd.Series, column: str) -> pd.Series:
    if column == "frequency_percent":
        return col.map(lambda v: "" if pd.isna(v) else f"{v:g}")
    if column == "serious":
        return col.map(lambda v: "" if pd.isna(v) else str(bool(v)).lower())
    return col.astype(str)


def _describe(ctx, column: str, rows: np.ndarray, f: np.ndarray) -> np.ndarray:
    """"'nausea' for acyclovir is frequency_percent 8 here but 2.4 at line 2", for the given
    rows only (a pervasive conflict needs one; building it for every row cost millions of strings)."""
    frame = ctx.frame
    shown_here = _shown(frame[column].iloc[rows], column).to_numpy(dtype=object)
    shown_first = _shown(frame[column].iloc[f], column).to_numpy(dtype=object)
    lines = ctx.table.lines[f].astype(str).astype(object)
    return (frame["effect"].iloc[rows].astype(str).map(repr).to_numpy(dtype=object) + " for "
            + frame["drug"].iloc[rows].astype(str).to_numpy(dtype=object) + " is " + column + " " + shown_here
            + " here but " + shown_first + " at line " + lines)


@rule("DL207", "side-effect-listing-conflict", "warning", kinds=("side_effects",), needs=("drug", "effect"), state=Rows("listing-rows", reads=("drug", "effect", "source") + ATTRIBUTES))
def check(ctx):
    present = [c for c in ATTRIBUTES if c in ctx.frame.columns]
    if not present or CASE_ID_COLUMNS & {str(h).strip().lower() for h in ctx.table.header}:
        return None
    key, ok = _keys(ctx)
    n_pairs = count_distinct(key[ok])
    parts = []
    for column in present:
        vals = _value_codes(ctx, column)
        has = ok & (vals >= 0)
        first = first_of_group(key, has)
        fi = np.where(np.isnan(first), 0, first).astype(np.int64)
        differs = has & ~np.isnan(first) & (vals != vals[fi])
        del vals, has, first
        if not differs.any():
            continue
        # one finding per pair: the first listing that disagrees with the pair's first
        rows = np.flatnonzero(differs)
        del differs
        _, keep = np.unique(key[rows], return_index=True)
        rows = np.sort(rows[keep])
        mask = np.zeros(len(key), dtype=bool)
        if len(rows) >= PERVASIVE_PAIRS and len(rows) >= PERVASIVE_SHARE * n_pairs:
            mask[rows[0]] = True
            msg = (f"{len(rows):,} of {n_pairs:,} drug/reaction pairs are listed with different {column} values "
                   f"(first: {_describe(ctx, column, rows[:1], fi[rows[:1]])[0]}); the table seems to have lost the column "
                   "that tells the listings apart (study, placebo arm, bound, source): add it, or keep one listing per pair")
            parts.append(hits(mask, column, msg))
        else:
            mask[rows] = True
            parts.append(hits(mask, column, _describe(ctx, column, rows, fi[rows]) + "; keep one, or add the column that tells them apart"))
    return concat(parts) if parts else None
