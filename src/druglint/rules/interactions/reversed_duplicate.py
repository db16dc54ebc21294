"""DL303 reversed-duplicate: a pair is listed again in the other order with the same severity.

An interaction is symmetric: aspirin/warfarin repeats warfarin/aspirin. The copy is
redundant, doubles the pair in counts, and the two copies drift apart when one is edited
(which DL302 then reports). Remove the later copy. Names are compared as drugs (brands,
salts, synonyms resolved through the specs and the knowledge pack), so "Coumadin / aspirin"
repeats "aspirin / warfarin".

Passing example (interactions.csv):

    drug_a,drug_b,severity
    warfarin,aspirin,major

Failing example (interactions.csv):

    drug_a,drug_b,severity
    warfarin,aspirin,major
    aspirin,warfarin,major
"""
from __future__ import annotations

import numpy as np

from druglint.grouping import column_codes
from druglint.hits import hits
from druglint.registry import rule
from druglint.rules.interactions.pairs import PAIRS, first_of_group, pair_hashes, pair_keys


@rule("DL303", "reversed-duplicate", "warning", kinds=("interactions",), needs=("drug_a", "drug_b", "severity"), state=PAIRS)
def check(ctx, state=None):
    """``state``: the pairs' first listings in other parts (streaming, Dask); None on a whole table."""
    frame = ctx.frame
    unordered, ordered, is_self = pair_keys(ctx)
    first = first_of_group(unordered).astype(np.int64)
    sev = column_codes(ctx, "severity")[0]  # missing is -1, equal to missing as before
    bad = (~is_self) & (ordered != ordered[first]) & (sev == sev[first]) & (np.arange(len(frame)) != first)
    where = np.asarray(ctx.table.lines, dtype=np.int64)[first]
    if state is not None:  # a first listing in an earlier part wins over this part's own
        found, line, flip, sid = state.earlier(state.any, ctx, ~is_self)
        bad = np.where(found, (flip != pair_hashes(ctx)[4]) & (state.severity_ids(ctx) == sid), bad)
        where = np.where(found, line, where)
    if not bad.any():
        return None
    sub = frame[bad]
    msg = ("pair " + sub["drug_a"].astype(str) + " / " + sub["drug_b"].astype(str)
           + " repeats the reversed pair at line " + where[bad].astype(str) + " with the same severity")
    return hits(bad, "drug_a", msg)
