"""DL301 self-interaction: a drug is listed as interacting with itself.

Names are compared as drugs: resolved through the specs, the name vocabulary and the
knowledge pack (brands, salts, synonyms, international names), else by their normalised
spelling (case, spacing, trailing punctuation). "Lipitor / atorvastatin calcium" is
atorvastatin with itself. A self-pair is a data-entry error or a lost partner name; it
hides the real pair. The message names the drug both names resolve to.

Passing example (interactions.csv):

    drug_a,drug_b,severity
    warfarin,aspirin,major

Failing example (interactions.csv):

    drug_a,drug_b,severity
    Lipitor,atorvastatin calcium,major
"""
from __future__ import annotations

import numpy as np

from druglint.hits import hits
from druglint.registry import rule
from druglint.rules.interactions.pairs import pair_keys


@rule("DL301", "self-interaction", "error", kinds=("interactions",), needs=("drug_a", "drug_b"), row=True)
def check(ctx):
    _, _, is_self = pair_keys(ctx)
    if not is_self.any():
        return None
    from druglint.specs.tables import names

    na = names(ctx, "drug_a")
    a = ctx.frame["drug_a"][is_self].astype(str).to_numpy(dtype=object)
    b = ctx.frame["drug_b"][is_self].astype(str).to_numpy(dtype=object)
    drug = na.per_row(na.canonical)[is_self]
    msgs = [f"drug {x!r} is listed as interacting with itself" if x.casefold() == y.casefold() or d is None
            else f"{x!r} and {y!r} are one drug ({d}): it is listed as interacting with itself"
            for x, y, d in zip(a, b, drug)]  # offending rows only
    return hits(is_self, "drug_b", np.array(msgs, dtype=object))
