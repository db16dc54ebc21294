"""DL704 reaction-seriousness-dropped: a reaction marked serious is no longer marked serious.

The ``serious`` flag decides what reaches expedited reporting and the warnings section of a
label. Changing it from true to false, or emptying it, is reported; the values are
compared as booleans ("yes", "TRUE" and "1" are all true). Reactions are matched by drug and
effect, ignoring case.

Old example (side_effects.csv):

    drug,effect,serious
    talimogene laherparepvec,herpetic infection,true

Passing example (side_effects.csv):

    drug,effect,serious
    talimogene laherparepvec,Herpetic infection,yes

Failing example (side_effects.csv):

    drug,effect,serious
    talimogene laherparepvec,herpetic infection,false
"""
from __future__ import annotations

from druglint.diff.keys import effect_key, effect_label, effect_rank, serious_flag
from druglint.diff.pair import found, text
from druglint.registry import DIFF, rule


@rule("DL704", "reaction-seriousness-dropped", "error", kinds=("side_effects", "spec_reactions"), scope=DIFF,
      needs=("drug", "effect", "serious"))
def check(pair):
    m = pair.join(effect_key, rank=effect_rank, label=effect_label)
    mask = m["in_old"] & m["in_new"] & serious_flag(m["serious_old"]) & ~serious_flag(m["serious_new"])
    new = text(m["serious_new"]).replace("", "(empty)")
    msg = "reaction " + m["label"] + " is no longer marked serious: true -> " + new
    return found(m, mask, "serious", msg, "true", new), m
