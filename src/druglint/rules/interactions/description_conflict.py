"""DL307 interaction-description-conflict: a pair is listed twice in the same order with different descriptions.

The same ordered pair (drug_a then drug_b, names compared ignoring case and spacing)
appears twice with different ``effect`` or ``mechanism`` text. Direction matters in
interaction text ("A increases the serum concentration of B"), so only listings in the
same order are compared. The two texts may both be true (two sources worded it
differently) or one may be stale, so this is info: pick one wording or merge them. A
listing repeating the first exactly is a duplicate row (DL108), not this.

Passing example (interactions.csv):

    drug_a,drug_b,severity,effect
    warfarin,aspirin,major,bleeding risk increased
    warfarin,fluconazole,major,warfarin exposure increased

Failing example (interactions.csv):

    drug_a,drug_b,severity,effect
    warfarin,aspirin,major,bleeding risk increased
    Warfarin,Aspirin,major,antiplatelet effect reduced
"""
from __future__ import annotations

import numpy as np

from druglint.grouping import column_codes
from druglint.hits import concat, hits
from druglint.registry import rule
from druglint.rules.interactions.pairs import first_of_group, pair_keys

TEXT_COLUMNS = ("effect", "mechanism")


def _normal_codes(ctx, column: str) -> np.ndarray:
    """Per row, a code of the text with case and spacing ignored (-1 when empty)."""
    import pandas as pd

    codes, uniques = column_codes(ctx, column)
    norm = pd.Index(uniques).astype(str).str.strip().str.casefold().str.replace(r"\s+", " ", regex=True)
    inner, _ = pd.factorize(np.asarray(norm, dtype=object))
    inner = np.append(np.asarray(inner, dtype=np.int64), -1)
    return inner[codes]


@rule("DL307", "interaction-description-conflict", "info", kinds=("interactions",), needs=("drug_a", "drug_b"))
def check(ctx):
    _, ordered, is_self = pair_keys(ctx)
    parts = []
    for column in TEXT_COLUMNS:
        if column not in ctx.frame.columns:
            continue
        text = _normal_codes(ctx, column)
        has = (text >= 0) & ~is_self
        first = first_of_group(ordered, has)
        fi = np.where(np.isnan(first), 0, first).astype(np.int64)
        bad = has & ~np.isnan(first) & (text != text[fi])
        if not bad.any():
            continue
        f = fi[bad]
        sub = ctx.frame[bad]
        msg = ("pair " + sub["drug_a"].astype(str) + " / " + sub["drug_b"].astype(str) + " has another " + column
               + " at line " + ctx.table.lines[f].astype(str).astype(object) + " ("
               + ctx.frame[column].iloc[f].astype(str).str.slice(0, 60).map(repr).to_numpy(dtype=object)
               + "); pick one wording or merge them")
        parts.append(hits(bad, column, msg))
    return concat(parts) if parts else None
