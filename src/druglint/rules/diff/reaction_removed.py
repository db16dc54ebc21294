"""DL703 reaction-removed: an adverse reaction listed before for a drug is no longer listed.

A reaction that disappears from a side-effect dataset disappears from every label, leaflet
and signal check built on it. Reactions are matched by drug and effect, ignoring case and
extra spaces; a reaction that moved to another file is not reported. The message says when
the removed reaction was marked serious. The finding points at its line in the old version.

Severity error: removing a reaction hides it at least as much as DL704 (kept, no longer
serious) does, so a review gate with ``--fail-on error`` refuses both.

Old example (side_effects.csv):

    drug,effect,serious
    talimogene laherparepvec,herpetic infection,true
    talimogene laherparepvec,fatigue,false

Passing example (side_effects.csv):

    drug,effect,serious
    Talimogene laherparepvec,Herpetic infection,true
    talimogene laherparepvec,fatigue,false

Failing example (side_effects.csv):

    drug,effect,serious
    talimogene laherparepvec,fatigue,false
"""
from __future__ import annotations

import numpy as np

from druglint.diff.keys import effect_key, effect_label, effect_rank, serious_flag
from druglint.diff.pair import found
from druglint.registry import DIFF, rule


@rule("DL703", "reaction-removed", "error", kinds=("side_effects", "spec_reactions"), scope=DIFF, needs=("drug", "effect"))
def check(pair):
    m = pair.join(effect_key, rank=effect_rank, label=effect_label)
    mask = m["in_old"] & ~m["in_new"]
    serious = serious_flag(m["serious_old"]).to_numpy()
    what = np.where(serious, "serious reaction ", "reaction ")
    msg = what + m["label"] + " removed"
    old = np.where(serious, "listed (serious)", "listed")
    return found(m, mask, "effect", msg, old, "removed"), m
