"""DL138 doubled-quotes: a cell of a never-quoted file holds CSV-escaped quotes ("").

Some formats never quote their fields (Drugs@FDA's tab-separated files, FAERS "$" files):
a '"' there is a literal character. A cell such as ``HY-PAM ""25""`` then holds two quote
characters on each side: the name was escaped for CSV by one tool and written without the
enclosing quotes by another, and every reader now shows the doubled quotes as part of the
name (the product is HY-PAM "25"). Checked in the files a preset reads unquoted; reported
once per cell.

Passing example (Products.txt):

    ApplNo	ProductNo	Form	Strength	ReferenceDrug	DrugName	ActiveIngredient	ReferenceStandard
    088713	001	CAPSULE;ORAL	EQ 25MG HYDROCHLORIDE	0	HY-PAM "25"	HYDROXYZINE PAMOATE	0

Failing example (Products.txt):

    ApplNo	ProductNo	Form	Strength	ReferenceDrug	DrugName	ActiveIngredient	ReferenceStandard
    088713	001	CAPSULE;ORAL	EQ 25MG HYDROCHLORIDE	0	HY-PAM ""25""	HYDROXYZINE PAMOATE	0
"""
from __future__ import annotations

import numpy as np

from druglint.across import Across
from druglint.registry import PROJECT, rule
from druglint.rules.realdata._tables import lines_of, tables, violation


@rule("DL138", "doubled-quotes", "warning", scope=PROJECT, state=Across.presets())
def check(project):
    out = []
    for seen in tables(project):
        if seen.preset is None or seen.preset.quoting is not False:
            continue
        header = list(seen.table.header)
        for i, col in enumerate(seen.frame.columns):
            s = seen.frame[col]
            if s.dtype != object and not str(s.dtype).startswith("str"):
                continue
            hit = s.astype("str").str.contains('""', regex=False, na=False).to_numpy()
            if not hit.any():
                continue
            rows = np.flatnonzero(hit)
            colno = header.index(col) + 1 if col in header else i + 1
            for line, value in zip(lines_of(seen.table, rows).tolist(), s.iloc[rows].tolist()):
                shown = str(value).replace('""', '"')
                out.append(violation(seen.path, "DL138", line, colno,
                                     f"{col} {value!r} holds CSV-escaped quotes in a file that never quotes; "
                                     f"write {shown!r}", project))
    return out
