"""DL301 self-interaction: a drug is listed as interacting with itself.

Names are compared ignoring case and extra spaces. A self-pair is a data-entry error or a
lost partner name; it hides the real pair.

Passing example (interactions.csv):

    drug_a,drug_b,severity
    warfarin,aspirin,major

Failing example (interactions.csv):

    drug_a,drug_b,severity
    warfarin,Warfarin,major
"""
from __future__ import annotations

from druglint.hits import hits
from druglint.registry import rule
from druglint.rules.interactions.pairs import pair_keys


@rule("DL301", "self-interaction", "error", kinds=("interactions",), needs=("drug_a", "drug_b"))
def check(ctx):
    _, _, is_self = pair_keys(ctx)
    if not is_self.any():
        return None
    return hits(is_self, "drug_b", "drug " + ctx.frame["drug_a"][is_self].map(repr) + " is listed as interacting with itself")
