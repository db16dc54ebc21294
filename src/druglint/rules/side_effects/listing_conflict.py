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

from druglint.grouping import column_codes, first_of_group, recode
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
    key = drug * (len(terms) + 1) + term
    if "source" in ctx.frame.columns:
        src, src_u = column_codes(ctx, "source")
        key = key * (len(src_u) + 2) + (src + 1)
    return np.where(ok, key, -1), ok


def _value_codes(ctx, column: str) -> np.ndarray:
    """Integer code per row of the column's value (-1 when missing); percents compared to 6 decimals."""
    if column != "frequency_percent":
        return column_codes(ctx, column)[0]
    rounded = ctx.frame[column].astype("Float64").round(6)
    return np.asarray(pd.factorize(rounded)[0], dtype=np.int64)


def _shown(col: pd.Series, column: str) -> pd.Series:
    if column == "frequency_percent":
        return col.map(lambda v: "" if pd.isna(v) else f"{v:g}")
    if column == "serious":
        return col.map(lambda v: "" if pd.isna(v) else str(bool(v)).lower())
    return col.astype(str)




@rule("DL207", "side-effect-listing-conflict", "warning", kinds=("side_effects",), needs=("drug", "effect"), state=Rows("listing-rows", reads=("drug", "effect", "source") + ATTRIBUTES))
def check(ctx):
    present = [c for c in ATTRIBUTES if c in ctx.frame.columns]
    if not present or CASE_ID_COLUMNS & {str(h).strip().lower() for h in ctx.table.header}:
        return None
    key, ok = _keys(ctx)
    n_pairs = len(np.unique(key[ok])) if ok.any() else 0
    parts = []
    effect = ctx.frame["effect"].astype(str)
    drug = ctx.frame["drug"].astype(str)
    for column in present:
        vals = _value_codes(ctx, column)
        has = ok & (vals >= 0)
        first = first_of_group(key, has)
        fi = np.where(np.isnan(first), 0, first).astype(np.int64)
        differs = has & ~np.isnan(first) & (vals != vals[fi])
        if not differs.any():
            continue
        # one finding per pair: the first listing that disagrees with the pair's first
        rows = np.flatnonzero(differs)
        _, keep = np.unique(key[rows], return_index=True)
        rows = np.sort(rows[keep])
        shown = _shown(ctx.frame[column], column)
        f = fi[rows]
        lines = ctx.table.lines[f].astype(str).astype(object)
        desc = (effect.iloc[rows].map(repr).to_numpy(dtype=object) + " for " + drug.iloc[rows].to_numpy(dtype=object)
                + " is " + column + " " + shown.iloc[rows].to_numpy(dtype=object) + " here but "
                + shown.iloc[f].to_numpy(dtype=object) + " at line " + lines)
        mask = np.zeros(len(key), dtype=bool)
        if len(rows) >= PERVASIVE_PAIRS and len(rows) >= PERVASIVE_SHARE * n_pairs:
            mask[rows[0]] = True
            msg = (f"{len(rows):,} of {n_pairs:,} drug/reaction pairs are listed with different {column} values "
                   f"(first: {desc[0]}); the table seems to have lost the column that tells the listings apart "
                   "(study, placebo arm, bound, source): add it, or keep one listing per pair")
            parts.append(hits(mask, column, msg))
        else:
            mask[rows] = True
            parts.append(hits(mask, column, desc + "; keep one, or add the column that tells them apart"))
    return concat(parts) if parts else None
