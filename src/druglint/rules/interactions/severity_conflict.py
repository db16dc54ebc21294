"""DL302 severity-conflict: one drug pair is listed with different severities.

The pair is unordered: warfarin/aspirin and aspirin/warfarin are the same interaction, so
two directions that disagree are a conflict, as are two listings in the same direction.
Names are compared as drugs (brands, salts, synonyms resolved through the specs and the
knowledge pack): "Lipitor / clarithromycin" and "atorvastatin / clarithromycin" are one pair.
Each row that disagrees with the pair's first listing is reported with that line. One of
them is wrong, and a reader may pick the weaker one. "unknown" is not compared (it does
not claim a severity).

Passing example (interactions.csv):

    drug_a,drug_b,severity
    warfarin,aspirin,major
    warfarin,ibuprofen,major

Failing example (interactions.csv):

    drug_a,drug_b,severity
    atorvastatin,clarithromycin,major
    Lipitor,clarithromycin,minor
"""
from __future__ import annotations

import numpy as np

from druglint.grouping import column_codes
from druglint.hits import hits
from druglint.registry import rule
from druglint.rules.interactions.pairs import PAIRS, first_of_group, pair_hashes, pair_keys


@rule("DL302", "severity-conflict", "error", kinds=("interactions",), needs=("drug_a", "drug_b", "severity"), state=PAIRS)
def check(ctx, state=None):
    """``state``: the pairs' first listings in other parts (streaming, Dask); None on a whole table."""
    frame = ctx.frame
    n = len(frame)
    unordered, ordered, is_self = pair_keys(ctx)
    sev = frame["severity"]
    sev_codes, sev_values = column_codes(ctx, "severity")  # compare integers, not strings
    unknown = np.flatnonzero(np.asarray(sev_values, dtype=object) == "unknown")
    rated = (sev_codes >= 0) & ~np.isin(sev_codes, unknown) & ~is_self
    first = first_of_group(unordered, rated)
    has_first = ~np.isnan(first)
    first_i = np.where(has_first, first, 0).astype(np.int64)
    bad = rated & has_first & (sev_codes != sev_codes[first_i])
    other = np.empty(n, dtype=object)
    other[bad] = sev.iloc[first_i[bad]].map(repr).to_numpy(dtype=object)
    where = np.asarray(ctx.table.lines, dtype=np.int64)[first_i]
    turned = ordered != ordered[first_i]
    if state is not None:  # a first rated listing in an earlier part wins over this part's own
        found, line, flip, sid = state.earlier(state.rated, ctx, rated)
        mine = state.severity_ids(ctx)
        bad = np.where(found, mine != sid, bad)
        if found.any():
            shown = np.array([repr(v) for v in state.values] + [""], dtype=object)
            other[found] = shown[sid[found]]
            where = np.where(found, line, where)
            turned = np.where(found, flip != pair_hashes(ctx)[4], turned)
    if not bad.any():
        return None
    sub = frame[bad]
    note = np.where(turned[bad], " (listed there in the other order)", "")
    msg = ("pair " + sub["drug_a"].astype(str) + " / " + sub["drug_b"].astype(str) + " is " + sub["severity"].map(repr)
           + " here but " + other[bad] + " at line " + where[bad].astype(str) + note)
    return hits(bad, "severity", msg)
