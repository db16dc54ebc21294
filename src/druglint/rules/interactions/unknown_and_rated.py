"""DL306 interaction-unknown-and-rated: a pair is listed as "unknown" and also with a severity.

One listing of the drug pair (in either order) says its severity is ``unknown`` and
another rates it (minor, moderate, major, contraindicated). DL302 leaves "unknown" out
of its comparison, since "unknown" claims no severity; but the two listings still
contradict each other: a reader who finds the "unknown" one first misses the rating.
Each "unknown" listing of a rated pair is reported, with the line of the pair's first
rating. Usually two sources were merged; keep the rated listing.

Passing example (interactions.csv):

    drug_a,drug_b,severity
    warfarin,aspirin,major
    warfarin,fluconazole,unknown

Failing example (interactions.csv):

    drug_a,drug_b,severity
    warfarin,aspirin,major
    aspirin,warfarin,unknown
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from druglint.grouping import column_codes
from druglint.hits import hits
from druglint.registry import rule
from druglint.rules.interactions.pairs import PAIRS_AT_END, Settled, first_of_group, pair_keys


@rule("DL306", "interaction-unknown-and-rated", "warning", kinds=("interactions",), needs=("drug_a", "drug_b", "severity"),
      state=PAIRS_AT_END)
def check(ctx, state=None):
    """``state``: None on a whole table; on parts (streaming, Dask) the rule runs once at the
    end, on the "unknown" listings of rated pairs, each with its pair's first rating anywhere
    in the file (``pairs.Settled``): a rating may come after the "unknown" listing."""
    if isinstance(state, Settled):
        frame = ctx.frame
        return hits(np.ones(len(frame), dtype=bool), "severity",
                    _message(frame, [repr(v) for v in state.severity], state.line))
    unordered, _, is_self = pair_keys(ctx)
    sev_codes, sev_values = column_codes(ctx, "severity")
    unknown_codes = np.flatnonzero(np.asarray(sev_values, dtype=object) == "unknown")
    if unknown_codes.size == 0:
        return None
    is_unknown = np.isin(sev_codes, unknown_codes) & ~is_self
    rated = (sev_codes >= 0) & ~np.isin(sev_codes, unknown_codes) & ~is_self
    first = first_of_group(unordered, rated)
    bad = is_unknown & ~np.isnan(first)
    fi = np.where(np.isnan(first), 0, first).astype(np.int64)
    frame = ctx.frame
    other = np.empty(len(frame), dtype=object)
    other[bad] = frame["severity"].iloc[fi[bad]].map(repr).to_numpy(dtype=object)
    where = np.asarray(ctx.table.lines, dtype=np.int64)[fi]
    if not bad.any():
        return None
    return hits(bad, "severity", _message(frame[bad], other[bad], where[bad]))


def _message(rows, ratings, lines) -> pd.Series:
    """The finding of each "unknown" listing in ``rows``: its pair's rating (repr) and line."""
    return ("pair " + rows["drug_a"].astype(str) + " / " + rows["drug_b"].astype(str) + " is 'unknown' here but rated "
            + pd.Series(np.asarray(ratings, dtype=object), index=rows.index) + " at line "
            + pd.Series(np.asarray(lines).astype(str).astype(object), index=rows.index) + "; keep the rated listing")
