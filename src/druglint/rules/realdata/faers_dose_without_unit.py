"""DL137 faers-dose-without-unit: a FAERS dose amount has no unit.

``dose_amt`` is a number and ``dose_unit`` says what it counts (MG, UG, IU, DF...); "40"
alone can be 40 mg or 40 mcg, a thousandfold difference. Reported at each DRUG record
(current FAERS layout) with a dose amount and an empty unit. The legacy AERS layout has no
structured dose and is not checked.

Passing example (DRUG17Q2.txt):

    primaryid$caseid$drug_seq$role_cod$drugname$prod_ai$val_vbm$route$dose_vbm$cum_dose_chr$cum_dose_unit$dechal$rechal$lot_num$exp_dt$nda_num$dose_amt$dose_unit$dose_form$dose_freq
    100001$10000$1$PS$RISPERDAL$RISPERIDONE$1$Oral$2 MG$$$U$U$$$020272$2$MG$TABLET$

Failing example (DRUG17Q2.txt):

    primaryid$caseid$drug_seq$role_cod$drugname$prod_ai$val_vbm$route$dose_vbm$cum_dose_chr$cum_dose_unit$dechal$rechal$lot_num$exp_dt$nda_num$dose_amt$dose_unit$dose_form$dose_freq
    100001$10000$1$PS$RISPERDAL$RISPERIDONE$1$Oral$2$$$U$U$$$020272$2$$TABLET$
"""
from __future__ import annotations

import numpy as np

from druglint.across import Across
from druglint.registry import PROJECT, rule
from druglint.rules.realdata._faers import quarters
from druglint.rules.realdata._tables import lines_of, text, violation


@rule("DL137", "faers-dose-without-unit", "error", scope=PROJECT, state=Across.presets())
def check(project):
    out = []
    for group, roles in quarters(project).items():
        drug = roles.get("DRUG")
        if drug is None or not {"dose_amt", "dose_unit"} <= set(drug.frame.columns):
            continue
        amt = text(drug.frame["dose_amt"])
        unit = text(drug.frame["dose_unit"])
        bad = ((amt != "") & (unit == "")).to_numpy()
        colno = list(drug.table.header).index("dose_unit") + 1 if "dose_unit" in drug.table.header else 1
        rows = np.flatnonzero(bad)
        for line, value in zip(lines_of(drug.table, rows).tolist(), amt.iloc[rows].tolist()):
            out.append(violation(drug.path, "DL137", line, colno,
                                 f"dose_amt {value!r} has no dose_unit; a dose without its unit is ambiguous", project))
    return out
