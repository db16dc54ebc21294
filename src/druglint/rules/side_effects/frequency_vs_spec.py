"""DL204 frequency-contradicts-spec: a reaction's frequency is in another band than the spec's.

A reaction's percent or category falls in another CIOMS band than the drug's spec gives for it.

A row's band is its ``frequency_category`` or, without one, the band of its
``frequency_percent``; the spec's band comes the same way from its category or percent.
Different trials give different percents, so only a different band is reported (fatigue at
50.3 % is "very common"; a row calling it "common" or giving 5 % contradicts the label).
A reaction derived by ``spec derive`` and not yet reviewed (``review: required``) gives
info, not warning.

Passing example (side_effects.csv):

    drug,effect,frequency_percent
    talimogene laherparepvec,fatigue,48

Failing example (side_effects.csv):

    drug,effect,frequency_category
    talimogene laherparepvec,pyrexia,common
"""
from __future__ import annotations

import numpy as np

from druglint.hits import hits
from druglint.registry import rule
from druglint.rules.side_effects.spec_lookup import matched, reaction_attr
from druglint.specs.provenance import cap, note
from druglint.specs.tables import category_from_percent, cite


@rule("DL204", "frequency-contradicts-spec", "warning", kinds=("side_effects",), needs=("drug", "effect"), row=True)
def check(ctx):
    has_cat = "frequency_category" in ctx.frame.columns
    has_pct = "frequency_percent" in ctx.frame.columns
    if not (has_cat or has_pct):
        return None
    mask, found = matched(ctx)
    if not mask.any():
        return None
    # only the rows whose reaction is in a spec can contradict it: judge those alone (a
    # table of millions of rows with a few matched ones builds no per-row object arrays)
    idx = np.flatnonzero(mask)
    pct = ctx.frame["frequency_percent"].to_numpy(dtype=float, na_value=np.nan)[idx] if has_pct else np.full(idx.size, np.nan)
    given = ctx.frame["frequency_category"].to_numpy(dtype=object, na_value=None)[idx] if has_cat \
        else np.full(idx.size, None, dtype=object)
    from_pct = category_from_percent(pct)
    # a category outside the vocabulary is DL104's finding; judge such a row by its percent
    from druglint.vocab import frequency_bands

    known = np.isin(given.astype(str), [*frequency_bands(), "not known"]) & (given != None)  # noqa: E711
    given = np.where(known, given, None)
    row_cat = np.where(given != None, given, from_pct)  # noqa: E711
    spec_cat = reaction_attr(ctx, lambda s, r: r.category or (category_from_percent(np.array([r.percent]))[0]
                                                              if r.percent is not None else None))[idx]
    wrong = (row_cat != None) & (spec_cat != None) & (row_cat != spec_cat) & (row_cat != "not known")  # noqa: E711
    if not wrong.any():
        return None
    msgs, caps = [], []
    for i in np.flatnonzero(wrong):
        s, r = found[idx[i]]
        said = f"{pct[i]:g} % ({row_cat[i]})" if given[i] is None else repr(row_cat[i])
        spec_said = f"{r.percent:g} %, {spec_cat[i]}" if r.percent is not None else spec_cat[i]
        msgs.append(f"{s.name}: {r.term} is {said} here but {spec_said} in the spec ({cite(s, r.line, r.source)}){note(r)}")
        caps.append(cap(r))
    bad = np.zeros(len(ctx.frame), dtype=bool)
    bad[idx[wrong]] = True
    col = "frequency_category" if has_cat else "frequency_percent"
    return hits(bad, col, np.array(msgs, dtype=object), severity=np.array(caps, dtype=object))
