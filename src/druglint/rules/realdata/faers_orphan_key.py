"""DL135 faers-orphan-key: a FAERS record refers to a case the quarter's DEMO file does not hold.

In a FAERS quarterly extract every DRUG, REAC, INDI, OUTC, RPSR and THER record belongs to
a report in DEMO, joined on ``primaryid`` (legacy AERS: ``isr``). A record whose key is not
in DEMO cannot be tied to a patient, an age, a sex or a country, and a join silently drops
it. Checked within one quarter (same folder and tag, e.g. DRUG17Q2.txt with DEMO17Q2.txt),
only when the quarter's DEMO file is among the checked files; reported once per orphan key
and file, at its first row.

Companion example (DEMO17Q2.txt):

    primaryid$caseid$caseversion$i_f_code$event_dt$mfr_dt$init_fda_dt$fda_dt$rept_cod$auth_num$mfr_num$mfr_sndr$lit_ref$age$age_cod$age_grp$sex$e_sub$wt$wt_cod$rept_dt$to_mfr$occp_cod$reporter_country$occr_country
    100001$10000$1$I$$$20170401$20170401$EXP$$$$$$$$F$Y$$$20170401$$MD$US$US

Passing example (REAC17Q2.txt):

    primaryid$caseid$pt$drug_rec_act
    100001$10000$Nausea$

Failing example (REAC17Q2.txt):

    primaryid$caseid$pt$drug_rec_act
    100001$10000$Nausea$
    100009$10008$Vomiting$
"""
from __future__ import annotations

import numpy as np

from druglint.across import Across
from druglint.registry import PROJECT, rule
from druglint.rules.realdata._faers import key_column, quarters
from druglint.rules.realdata._tables import lines_of, text, violation


@rule("DL135", "faers-orphan-key", "error", scope=PROJECT, state=Across.presets())
def check(project):
    out = []
    for group, roles in quarters(project).items():
        demo = roles.get("DEMO")
        if demo is None or key_column(demo) is None:
            continue
        dkey = key_column(demo)
        known = set(text(demo.frame[dkey]))
        for role, seen in sorted(roles.items()):
            k = key_column(seen)
            if role == "DEMO" or k is None:
                continue
            keys = text(seen.frame[k])
            orphan = (~keys.isin(known) & (keys != "")).to_numpy()
            if not orphan.any():
                continue
            first = orphan & ~keys.duplicated(keep="first").to_numpy()
            colno = list(seen.table.header).index(k) + 1 if k in seen.table.header else 1
            rows = np.flatnonzero(first)
            counts = keys[orphan].value_counts()
            for line, value in zip(lines_of(seen.table, rows).tolist(), keys.iloc[rows].tolist()):
                n = int(counts[value])
                out.append(violation(seen.path, "DL135", line, colno,
                                     f"{k} {value} is not in {demo.path} ({n} record{'s' if n > 1 else ''} of "
                                     f"this file refer to it); the report it belongs to is missing", project))
    return out
