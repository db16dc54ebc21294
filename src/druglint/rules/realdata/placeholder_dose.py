"""DL133 placeholder-dose: a dose text cell says "UNK" where other cells say nothing.

FAERS verbatim dose text (DRUG ``dose_vbm``) and exports built on it (openFDA
``drug_dose``) write an unknown dose two ways: an empty cell, and the placeholder "UNK"
(also "UNKNOWN", "N/A"). Counting reports with a known dose, or parsing doses, then treats
"UNK" as a dose. Reported for a whole cell that is only a placeholder, in the dose text
columns a preset names, when the same column also leaves unknown doses empty (one
placeholder used consistently is a convention, not a defect). Partial placeholders such as
"20 MG, UNK" (dose known, frequency not) are real information and are not reported.

Passing example (DRUG17Q2.txt):

    primaryid$caseid$drug_seq$role_cod$drugname$prod_ai$val_vbm$route$dose_vbm$cum_dose_chr$cum_dose_unit$dechal$rechal$lot_num$exp_dt$nda_num$dose_amt$dose_unit$dose_form$dose_freq
    100001$10000$1$PS$RISPERDAL$RISPERIDONE$1$Oral$2 MG, QD$$$U$U$$$020272$2$MG$TABLET$QD
    100002$10001$1$PS$RISPERDAL$RISPERIDONE$1$Oral$$$$U$U$$$020272$$$TABLET$

Failing example (DRUG17Q2.txt):

    primaryid$caseid$drug_seq$role_cod$drugname$prod_ai$val_vbm$route$dose_vbm$cum_dose_chr$cum_dose_unit$dechal$rechal$lot_num$exp_dt$nda_num$dose_amt$dose_unit$dose_form$dose_freq
    100001$10000$1$PS$RISPERDAL$RISPERIDONE$1$Oral$UNK$$$U$U$$$020272$$$TABLET$
    100002$10001$1$PS$RISPERDAL$RISPERIDONE$1$Oral$$$$U$U$$$020272$$$TABLET$
"""
from __future__ import annotations

import numpy as np

from druglint.registry import PROJECT, rule
from druglint.rules.realdata._tables import lines_of, tables, text, violation

PLACEHOLDERS = {"unk", "unknown", "n/a"}


@rule("DL133", "placeholder-dose", "warning", scope=PROJECT)
def check(project):
    out = []
    for seen in tables(project):
        if seen.preset is None:
            continue
        header = list(seen.table.header)
        for col in seen.preset.placeholder_columns:
            if col not in seen.frame.columns:
                continue
            cells = text(seen.frame[col])
            folded = cells.str.casefold()
            ph = folded.isin(PLACEHOLDERS).to_numpy()
            if not ph.any() or not (cells == "").any():
                continue
            empty = int((cells == "").sum())
            colno = header.index(col) + 1 if col in header else 1
            rows = np.flatnonzero(ph)
            for line, value in zip(lines_of(seen.table, rows).tolist(), cells.iloc[rows].tolist()):
                out.append(violation(seen.path, "DL133", line, colno,
                                     f"{col} {value!r} is a placeholder for an unknown dose, while {empty} other "
                                     f"cells of {col} leave it empty; use one (an empty cell)", project))
    return out
