"""DL203 serious-marked-not-serious: a reaction the drug's spec calls serious is marked not serious.

The spec (a label's warnings, or its serious adverse reactions) says the reaction is
serious; a row saying ``serious: false`` for that drug and reaction understates a risk.
Drug names resolve through brands and synonyms, reaction terms through lay wording
(fever = pyrexia) and UK/US spelling. A reaction derived from a label's table or prose by
``spec derive`` and not yet reviewed (``review: required``) gives info, not error.

Passing example (side_effects.csv):

    drug,effect,serious
    talimogene laherparepvec,cellulitis,true

Failing example (side_effects.csv):

    drug,effect,serious
    Imlygic,cellulitis,false
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from druglint.hits import hits
from druglint.registry import rule
from druglint.rules.side_effects.spec_lookup import matched, reaction_attr
from druglint.specs.provenance import cap, note
from druglint.specs.tables import cite


@rule("DL203", "serious-marked-not-serious", "error", kinds=("side_effects",), needs=("drug", "effect", "serious"), row=True)
def check(ctx):
    mask, found = matched(ctx)
    if not mask.any():
        return None
    spec_serious = reaction_attr(ctx, lambda s, r: r.serious is True, bool)
    serious = ctx.frame["serious"]
    marked_not = (serious.notna() & (serious == False)).to_numpy(dtype=bool)  # noqa: E712
    bad = mask & spec_serious & marked_not
    if not bad.any():
        return None
    f = found[bad]
    msg = pd.Series([f"{s.name}: {r.term!r} is serious in the spec ({cite(s, r.line, r.source)}) but marked not serious"
                     f"{note(r)}" for s, r in f], dtype=object)  # one message per offending row
    return hits(bad, "serious", msg.to_numpy(dtype=object), severity=np.array([cap(r) for _, r in f], dtype=object))
