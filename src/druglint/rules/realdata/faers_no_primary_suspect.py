"""DL136 faers-no-primary-suspect: a FAERS case lists no primary suspect drug.

Every FAERS report names exactly one primary suspect drug: a DRUG record with
``role_cod`` PS (the others are SS secondary suspect, C concomitant, I interacting; FAERS
ASCII_README). A case without one cannot be attributed to a drug, which is the point of
the report. Checked per quarter on the DRUG file: each case key (``primaryid``, legacy
``isr``) with no PS record is reported at its first DRUG row; when the quarter's DEMO file
is checked too, a DEMO case with no DRUG record at all is reported at its DEMO row.

Passing example (DRUG17Q2.txt):

    primaryid$caseid$drug_seq$role_cod$drugname$prod_ai$val_vbm$route$dose_vbm$cum_dose_chr$cum_dose_unit$dechal$rechal$lot_num$exp_dt$nda_num$dose_amt$dose_unit$dose_form$dose_freq
    100001$10000$1$PS$RISPERDAL$RISPERIDONE$1$Oral$$$$U$U$$$020272$$$TABLET$
    100001$10000$2$C$RISPERDAL$RISPERIDONE$1$Oral$$$$U$U$$$020272$$$TABLET$

Failing example (DRUG17Q2.txt):

    primaryid$caseid$drug_seq$role_cod$drugname$prod_ai$val_vbm$route$dose_vbm$cum_dose_chr$cum_dose_unit$dechal$rechal$lot_num$exp_dt$nda_num$dose_amt$dose_unit$dose_form$dose_freq
    100001$10000$1$SS$RISPERDAL$RISPERIDONE$1$Oral$$$$U$U$$$020272$$$TABLET$
    100001$10000$2$C$RISPERDAL$RISPERIDONE$1$Oral$$$$U$U$$$020272$$$TABLET$
"""
from __future__ import annotations

import numpy as np

from druglint.across import Across
from druglint.registry import PROJECT, rule
from druglint.rules.realdata._faers import key_column, quarters
from druglint.rules.realdata._tables import lines_of, text, violation


@rule("DL136", "faers-no-primary-suspect", "error", scope=PROJECT, state=Across.presets())
def check(project):
    out = []
    for group, roles in quarters(project).items():
        drug = roles.get("DRUG")
        if drug is None or key_column(drug) is None or "role_cod" not in drug.frame.columns:
            continue
        k = key_column(drug)
        keys = text(drug.frame[k])
        ps = text(drug.frame["role_cod"]).str.upper() == "PS"
        has_ps = set(keys[ps])
        lacking = (~keys.isin(has_ps) & (keys != "") & ~keys.duplicated(keep="first")).to_numpy()
        rows = np.flatnonzero(lacking)
        colno = list(drug.table.header).index("role_cod") + 1 if "role_cod" in drug.table.header else 1
        for line, value in zip(lines_of(drug.table, rows).tolist(), keys.iloc[rows].tolist()):
            roles_of = sorted(set(text(drug.frame["role_cod"])[keys == value]))
            out.append(violation(drug.path, "DL136", line, colno,
                                 f"case {k} {value} has no primary suspect drug (role_cod PS); its drugs are "
                                 f"{', '.join(r or 'empty' for r in roles_of)}", project))
        demo = roles.get("DEMO")
        if demo is not None and key_column(demo) is not None:
            dk = text(demo.frame[key_column(demo)])
            nodrug = (~dk.isin(set(keys)) & (dk != "")).to_numpy()
            for line, value in zip(lines_of(demo.table, np.flatnonzero(nodrug)).tolist(), dk[nodrug].tolist()):
                out.append(violation(demo.path, "DL136", line, 1,
                                     f"case {value} has no record in {drug.path}, so no primary suspect drug", project))
    return out
