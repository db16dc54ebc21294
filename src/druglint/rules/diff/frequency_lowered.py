"""DL705 frequency-lowered: a reaction's frequency category dropped by more than one step.

The CIOMS categories are ordered very common > common > uncommon > rare > very rare
(vocab/frequency_categories.yaml, the EU SmPC 4.8 convention). A move of one step is a
normal revision as data accumulate; a move of two or more (very common -> rare) usually
means a wrong row or a typo and makes a frequent reaction look negligible. "not known" has
no place in the order and is never compared. Categories are compared in canonical form, so
"Very Common" and "very common" are the same. (The examples use a made-up drug so that
they cannot contradict a real label.)

Old example (side_effects.csv):

    drug,effect,frequency_category
    examplinib,fatigue,very common
    examplinib,rash,common

Passing example (side_effects.csv):

    drug,effect,frequency_category
    Examplinib,fatigue,Very Common
    examplinib,rash,uncommon

Failing example (side_effects.csv):

    drug,effect,frequency_category
    examplinib,fatigue,rare
    examplinib,rash,common
"""
from __future__ import annotations

from druglint.diff.keys import effect_key, effect_label, frequency_step
from druglint.diff.pair import found, text
from druglint.registry import DIFF, rule


@rule("DL705", "frequency-lowered", "warning", kinds=("side_effects", "spec_reactions"), scope=DIFF,
      needs=("drug", "effect", "frequency_category"))
def check(pair):
    m = pair.join(effect_key, rank=lambda f: -frequency_step(f["frequency_category"]), label=effect_label)
    before, after = frequency_step(m["frequency_category_old"]), frequency_step(m["frequency_category_new"])
    steps = after - before
    mask = m["in_old"] & m["in_new"] & (steps > 1)
    old, new = text(m["frequency_category_old"]), text(m["frequency_category_new"])
    msg = ("frequency of " + m["label"] + " lowered by " + steps.fillna(0).astype(int).astype(str)
           + " categories: " + old + " -> " + new)
    return found(m, mask, "frequency_category", msg, old, new), m
