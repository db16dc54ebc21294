"""DL133 placeholder-dose: a dose text says only that the dose is unknown, in one of several spellings.

FAERS verbatim dose text (DRUG ``dose_vbm``) and exports built on it (openFDA
``drug_dose``) write an unknown dose many ways: an empty cell, "UNK", "UNKNOWN",
"UNK, UNKNOWN", "UNK UNK, UNKNOWN", "N/A"... A reporter's "unknown" is information and is
kept as written; but a count of reports with a known dose, or a dose parser, must treat all
these spellings (and the empty cell) alike, and a tool that only knows one of them counts
the others as doses. Reported, at info, at each cell whose whole text is made of
unknown-dose words (UNK, UNKNOWN, N/A, NA, NK, NOT KNOWN, NOT REPORTED, NR), in the dose
text columns a preset names, when the column writes an unknown dose in more than one way
(counting the empty cell); one spelling used throughout is a convention. The message names
the spellings and their counts, identical for every cell of the column, so the findings
group as one. Partial placeholders such as "20 MG, UNK" (dose known, frequency not) are
real information and are not reported.

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

import re

import numpy as np
import pandas as pd

from druglint.across import Across
from druglint.registry import PROJECT, rule
from druglint.rules.realdata._tables import lines_of, tables, text, violation

_WORD = r"(?:unk|unknown|n/a|na|nk|not\s+known|not\s+reported|nr)"
UNKNOWN_DOSE = re.compile(rf"^{_WORD}(?:[\s,;./-]+{_WORD})*$", re.I)


@rule("DL133", "placeholder-dose", "info", scope=PROJECT, state=Across.presets())
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
            codes, uniques = pd.factorize(cells)
            is_ph_u = np.array([UNKNOWN_DOSE.match(u) is not None for u in uniques] + [False], dtype=bool)
            ph = is_ph_u[codes]
            empty = int((cells == "").sum())
            spellings = cells[ph].value_counts()
            if not ph.any() or len(spellings) + (empty > 0) < 2:
                continue  # one way of writing "unknown" throughout: a convention
            ways = ", ".join(f"{s!r} x{n:,}" for s, n in spellings.items())
            if empty:
                ways += f", empty x{empty:,}"
            msg = (f"{col} writes an unknown dose {len(spellings) + (empty > 0)} ways ({ways}); keep what was "
                   "reported, but treat every spelling as 'no dose' when counting or parsing doses")
            colno = header.index(col) + 1 if col in header else 1
            for line in lines_of(seen.table, np.flatnonzero(ph)).tolist():
                out.append(violation(seen.path, "DL133", line, colno, msg, project))
    return out
