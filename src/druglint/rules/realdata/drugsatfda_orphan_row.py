"""DL141 drugsatfda-orphan-row: a Drugs@FDA row points to no row of the table it refers to.

The Drugs@FDA data files join on keys (FDA, "Drugs@FDA Data Files" data definitions):
Products.ApplNo -> Applications; MarketingStatus and TE (ApplNo, ProductNo) -> Products;
MarketingStatus and TE MarketingStatusID -> MarketingStatus_Lookup. A row whose key is not
in the table it refers to (a marketing status of a product Products does not list, a
product of an application Applications does not hold) is dropped by a join without a
word, so counts of marketed products differ by how the tables are joined. Checked for the
files of one folder, when the referred table is among the checked files; reported once per
missing key and file, at its first row. A key on a line of the referred file that could not
be read (DL114) is not reported.

Companion example (Applications.txt):

    ApplNo	ApplType	ApplPublicNotes	SponsorName
    000004	NDA		PHARMICS

Passing example (Products.txt):

    ApplNo	ProductNo	Form	Strength	ReferenceDrug	DrugName	ActiveIngredient	ReferenceStandard
    000004	004	SOLUTION/DROPS;OPHTHALMIC	1%	0	PAREDRINE	HYDROXYAMPHETAMINE HYDROBROMIDE	0

Failing example (Products.txt):

    ApplNo	ProductNo	Form	Strength	ReferenceDrug	DrugName	ActiveIngredient	ReferenceStandard
    000004	004	SOLUTION/DROPS;OPHTHALMIC	1%	0	PAREDRINE	HYDROXYAMPHETAMINE HYDROBROMIDE	0
    000009	001	TABLET;ORAL	10MG	0	OTHER	OTHER	0
"""
from __future__ import annotations

import numpy as np

from druglint.across import Across
from druglint.registry import PROJECT, rule
from druglint.rules.realdata._drugsatfda import folders
from druglint.rules.realdata._tables import lines_of, text, violation

# (table, its key columns) -> (referred table, the same key there)
REFERENCES = (
    ("Products", ("ApplNo",), "Applications"),
    ("MarketingStatus", ("ApplNo", "ProductNo"), "Products"),
    ("TE", ("ApplNo", "ProductNo"), "Products"),
    ("MarketingStatus", ("MarketingStatusID",), "MarketingStatus_Lookup"),
    ("TE", ("MarketingStatusID",), "MarketingStatus_Lookup"),
)


def _raw_keys(seen, cols) -> set[str]:
    """Keys of every line of the referred file, read from its text: the key columns lead each
    Drugs@FDA table, and a row the reader could not take (DL114, an extra tab) still exists."""
    n = len(cols)
    if list(seen.table.header[:n]) != list(cols):
        return set()
    try:
        with open(seen.path, "rb") as fh:
            lines = fh.read().decode("utf-8", "replace").splitlines()[1:]
    except OSError:
        return set()
    return {"/".join(p.strip() for p in ln.split("\t")[:n]) for ln in lines if ln.strip()}


def _keys(seen, cols):
    out = text(seen.frame[cols[0]])
    for c in cols[1:]:
        out = out + "/" + text(seen.frame[c])
    return out


@rule("DL141", "drugsatfda-orphan-row", "error", scope=PROJECT, state=Across.presets())
def check(project):
    out = []
    for _, roles in folders(project).items():
        for name, cols, target in REFERENCES:
            seen, other = roles.get(name), roles.get(target)
            if seen is None or other is None or not all(c in seen.frame.columns and c in other.frame.columns
                                                         for c in cols):
                continue
            keys = _keys(seen, cols)
            known = set(_keys(other, cols))
            orphan = (~keys.isin(known) & (keys.str.strip("/") != "")).to_numpy()
            if orphan.any():  # rows the reader dropped are DL114's, not orphans
                orphan = orphan & ~keys.isin(_raw_keys(other, cols)).to_numpy()
            if not orphan.any():
                continue
            first = orphan & ~keys.duplicated(keep="first").to_numpy()
            counts = keys[orphan].value_counts()
            col = list(seen.table.header).index(cols[-1]) + 1 if cols[-1] in seen.table.header else 1
            what = " ".join(cols)
            rows = np.flatnonzero(first)
            for line, value in zip(lines_of(seen.table, rows).tolist(), keys.iloc[rows].tolist()):
                n = int(counts[value])
                out.append(violation(seen.path, "DL141", line, col,
                                     f"{what} {value} is not in {target} ({other.path}; {n} row{'s' if n > 1 else ''} "
                                     f"of this file refer{'' if n > 1 else 's'} to it); a join on {what} drops {'them' if n > 1 else 'it'}",
                                     project))
    return out
