"""DL702 interaction-removed: a drug pair listed before is no longer listed.

Deleting a pair is a downgrade to "no interaction": nothing warns about the combination
any more. Pairs are matched ignoring the order of the two drugs and the case of their
names, so turning "warfarin, aspirin" into "Aspirin, Warfarin" is not a removal. A pair that
moved to another file (a renamed or split file) is not reported either. The finding points
at the pair's line in the old version.

Old example (interactions.csv):

    drug_a,drug_b,severity
    warfarin,aspirin,major
    simvastatin,clarithromycin,contraindicated

Passing example (interactions.csv):

    drug_a,drug_b,severity
    aspirin,warfarin,major
    clarithromycin,simvastatin,contraindicated

Failing example (interactions.csv):

    drug_a,drug_b,severity
    warfarin,aspirin,major
"""
from __future__ import annotations

from druglint.diff.keys import pair_key, pair_label, pair_rank
from druglint.diff.pair import found, text
from druglint.registry import DIFF, rule


@rule("DL702", "interaction-removed", "error", kinds=("interactions", "spec_interactions"), scope=DIFF, needs=("drug_a", "drug_b"))
def check(pair):
    m = pair.join(pair_key, rank=pair_rank, label=pair_label)
    mask = m["in_old"] & ~m["in_new"]
    sev = text(m["severity_old"])
    msg = "interaction " + m["label"] + " (" + sev.replace("", "no severity") + ") removed"
    return found(m, mask, "drug_a", msg, sev, ""), m
