"""DL708 dose-raised: a maximum dose or volume is higher than before.

A raised dose goes straight into orders and pumps; "0.4 mL" becoming "4 mL" is the classic
tenfold error. In a dosing dataset the records are matched by drug, route and phase, and
within each unit group: doses in mg, g, mcg are converted to one another (and mL, L, mcL),
while arbitrary and infectivity units (unit, PFU) are only compared with the same unit.
When a record is listed more than once, its largest dose is the one compared. Drug specs'
maximum doses and volumes are compared the same way.

Old example (dosing.csv):

    drug,route,dose,dose_unit,phase
    talimogene laherparepvec,intralesional,4,mL,initial

Passing example (dosing.csv):

    drug,route,dose,dose_unit,phase
    Talimogene laherparepvec,intralesional,4000,mcL,initial

Failing example (dosing.csv):

    drug,route,dose,dose_unit,phase
    talimogene laherparepvec,intralesional,40,mL,initial
"""
from __future__ import annotations

from druglint.diff.keys import base_dose, dose_key, dose_label, dose_text
from druglint.diff.pair import found
from druglint.registry import DIFF, rule


@rule("DL708", "dose-raised", "error", kinds=("dosing", "spec_maxima"), scope=DIFF, needs=("drug", "dose"))
def check(pair):
    m = pair.join(dose_key, rank=base_dose, label=dose_label)
    before = base_dose(m.rename(columns={"dose_old": "dose", "dose_unit_old": "dose_unit"}))
    after = base_dose(m.rename(columns={"dose_new": "dose", "dose_unit_new": "dose_unit"}))
    mask = m["in_old"] & m["in_new"] & (after > before * (1 + 1e-9))
    old, new = dose_text(m, "_old"), dose_text(m, "_new")
    msg = "maximum dose of " + m["label"] + " raised: " + old + " -> " + new
    return found(m, mask, "dose", msg, old, new), m
