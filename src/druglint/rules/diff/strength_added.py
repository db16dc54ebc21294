"""DL709 strength-added: a drug has a strength (concentration) it did not have before.

A new strength is a new product: every order, label and dose calculation must know about
it, and a strength added by mistake makes "strength not marketed" checks accept a
wrong concentration (10^8 PFU/mL where only 10^6 PFU/mL is used for the first dose).
Strengths are matched by drug (ignoring case), amount and unit; a strength is only
reported for a drug the old version already had (a new drug brings all its strengths).
Drug specs' strength lists are compared the same way.

Old example (dosing.csv):

    drug,route,concentration,concentration_unit,phase
    talimogene laherparepvec,intralesional,1000000,PFU/mL,initial

Passing example (dosing.csv):

    drug,route,concentration,concentration_unit,phase
    Talimogene laherparepvec,intralesional,1e6,PFU/mL,initial

Failing example (dosing.csv):

    drug,route,concentration,concentration_unit,phase
    talimogene laherparepvec,intralesional,1000000,PFU/mL,initial
    talimogene laherparepvec,intralesional,100000000,PFU/mL,initial
"""
from __future__ import annotations

import pandas as pd

from druglint.diff.keys import strength_key, strength_text
from druglint.diff.pair import found, norm
from druglint.registry import DIFF, rule


@rule("DL709", "strength-added", "warning", kinds=("dosing", "spec_strengths"), scope=DIFF,
      needs=("drug", "concentration"))
def check(pair):
    m = pair.join(strength_key, label=lambda f: f["drug"].astype("str").fillna(""))
    known = pd.Index(norm(pair.old["drug"]).unique())
    drug = m["key"].str.split(" @ ", n=1).str[0]
    mask = ~m["in_old"] & m["in_new"] & drug.isin(known)
    new = strength_text(m, "_new")
    msg = "strength " + new + " added for " + m["label"]
    return found(m, mask, "concentration", msg, "", new), m
