"""DL701 interaction-severity-weakened: an interaction's severity is lower than before.

An interaction downgraded from "contraindicated" or "major" to "minor" silences every
checker that reads the dataset; it is the most dangerous quiet edit a curator can make.
Pairs are matched ignoring the order of the two drugs and the case of their names, and
severities are compared in canonical form on the ranked scale of vocab/severities.yaml
(contraindicated > major > moderate > minor), so "Major" -> "major" is no change. A known
severity replaced by "unknown" or left empty counts as weakened. When a pair is listed
more than once, its strongest severity is the one compared.

If the change is intended, acknowledge it: ``druglint diff --accept --reason "..."``.

Old example (interactions.csv):

    drug_a,drug_b,severity
    warfarin,aspirin,major

Passing example (interactions.csv):

    drug_a,drug_b,severity
    Aspirin,Warfarin,Major

Failing example (interactions.csv):

    drug_a,drug_b,severity
    warfarin,aspirin,minor
"""
from __future__ import annotations

from druglint.diff.keys import pair_key, pair_label, pair_rank, severity_rank
from druglint.diff.pair import found, text
from druglint.registry import DIFF, rule


@rule("DL701", "interaction-severity-weakened", "error", kinds=("interactions", "spec_interactions"), scope=DIFF,
      needs=("drug_a", "drug_b", "severity"))
def check(pair):
    m = pair.join(pair_key, rank=pair_rank, label=pair_label)
    before, after = severity_rank(m["severity_old"]), severity_rank(m["severity_new"])
    mask = m["in_old"] & m["in_new"] & (before > 0) & (after < before)
    old, new = text(m["severity_old"]), text(m["severity_new"]).replace("", "(empty)")
    msg = "severity of " + m["label"] + " weakened: " + old + " -> " + new
    return found(m, mask, "severity", msg, old, new), m
