"""DL202 percent-category-mismatch: ``frequency_percent`` contradicts ``frequency_category``.

The CIOMS III / EU SmPC bands: very common >= 10 %; common 1 % to < 10 %; uncommon
0.1 % to < 1 %; rare 0.01 % to < 0.1 %; very rare < 0.01 %. "not known" has no band.
A row whose percent falls outside its category's band says two different things.

Passing example (side_effects.csv):

    drug,effect,frequency_category,frequency_percent
    ibuprofen,dyspepsia,very common,50.3

Failing example (side_effects.csv):

    drug,effect,frequency_category,frequency_percent
    ibuprofen,dyspepsia,common,50.3
"""
from __future__ import annotations

import numpy as np

from druglint.grouping import broadcast
from druglint.hits import hits
from druglint.registry import rule
from druglint.vocab import frequency_bands


@rule("DL202", "percent-category-mismatch", "error", kinds=("side_effects",),
      needs=("frequency_percent", "frequency_category"), row=True)
def check(ctx):
    bands = frequency_bands()
    cat = ctx.frame["frequency_category"]
    pct = ctx.frame["frequency_percent"].to_numpy(dtype=float, na_value=np.nan)

    def col(f):  # once per distinct category, broadcast to the rows
        return broadcast(ctx, "frequency_category", lambda c: f(bands[c]) if c in bands else np.nan, float, np.nan)

    lo, hi = col(lambda b: b.lo), col(lambda b: b.hi)
    lo_in, hi_in = col(lambda b: float(b.lo_inclusive)) == 1, col(lambda b: float(b.hi_inclusive)) == 1
    with np.errstate(invalid="ignore"):
        below = np.where(lo_in, pct < lo, pct <= lo)
        above = np.where(hi_in, pct > hi, pct >= hi)
    # a percent outside 0-100 is DL201's finding; do not report it twice
    bad = ~np.isnan(pct) & ~np.isnan(lo) & (below | above) & (pct >= 0) & (pct <= 100)
    if not bad.any():
        return None
    c = cat[bad]
    msg = ("frequency_percent " + ctx.frame["frequency_percent"][bad].map("{:g}".format) + " % contradicts frequency_category "
           + c.map(repr) + " (" + c.map({k: b.text() for k, b in bands.items()}) + ")")
    return hits(bad, "frequency_percent", msg)
