"""DL143 faers-event-after-receipt: a FAERS event date is after the date FDA received the report.

DEMO gives the adverse event's date (``event_dt``) and the date FDA first received the case
(``init_fda_dt``; the legacy AERS layout has only ``fda_dt``, the date FDA received that
version). A report cannot be received before the event it reports happened, so an event
date after the receipt date, whatever days the partial dates (YYYY, YYYYMM, YYYYMMDD)
stand for, is wrong; time-to-onset and reporting-lag analyses use it. Reported at the DEMO
record.

Passing example (DEMO17Q2.txt):

    primaryid$caseid$caseversion$i_f_code$event_dt$mfr_dt$init_fda_dt$fda_dt$rept_cod$auth_num$mfr_num$mfr_sndr$lit_ref$age$age_cod$age_grp$sex$e_sub$wt$wt_cod$rept_dt$to_mfr$occp_cod$reporter_country$occr_country
    100001$10000$1$I$2017$$20170401$20170401$EXP$$$$$$$$F$Y$$$20170401$$MD$US$US

Failing example (DEMO17Q2.txt):

    primaryid$caseid$caseversion$i_f_code$event_dt$mfr_dt$init_fda_dt$fda_dt$rept_cod$auth_num$mfr_num$mfr_sndr$lit_ref$age$age_cod$age_grp$sex$e_sub$wt$wt_cod$rept_dt$to_mfr$occp_cod$reporter_country$occr_country
    100001$10000$1$I$20170612$$20170401$20170401$EXP$$$$$$$$F$Y$$$20170401$$MD$US$US
"""
from __future__ import annotations

import numpy as np

from druglint.across import Across
from druglint.registry import PROJECT, rule
from druglint.rules.realdata._faers import column_number, date_bounds, quarters
from druglint.rules.realdata._tables import lines_of, text, violation


@rule("DL143", "faers-event-after-receipt", "error", scope=PROJECT, state=Across.presets())
def check(project):
    out = []
    for _, roles in quarters(project).items():
        demo = roles.get("DEMO")
        if demo is None or "event_dt" not in demo.frame.columns:
            continue
        receipt = "init_fda_dt" if "init_fda_dt" in demo.frame.columns else "fda_dt"
        if receipt not in demo.frame.columns:
            continue
        event, got = text(demo.frame["event_dt"]), text(demo.frame[receipt])
        e_lo, _ = date_bounds(event)
        _, r_hi = date_bounds(got)
        bad = (e_lo >= 0) & (r_hi >= 0) & (e_lo > r_hi)
        rows = np.flatnonzero(bad)
        col = column_number(demo, "event_dt")
        for line, e, r in zip(lines_of(demo.table, rows).tolist(), event.iloc[rows].tolist(), got.iloc[rows].tolist()):
            out.append(violation(demo.path, "DL143", line, col,
                                 f"event_dt {e} is after {receipt} {r}: a report cannot be received before its event",
                                 project))
    return out
