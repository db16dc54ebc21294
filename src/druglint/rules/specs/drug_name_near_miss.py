"""DL521 drug-name-near-miss: an unknown drug name is one typo away from a known one.


"talomogene laherparepvec" is not a drug; "talimogene laherparepvec" is. A misspelt name
silently escapes every check keyed on the drug (its spec, duplicates, interactions), so it
is a warning with a did-you-mean. Known names are spec identities and
vocab/drug_names.yaml (brands, synonyms, salts). To avoid "correcting" one real drug into
another, only a single edit (insertion, deletion, substitution, transposition) on a name of
six characters or more counts: with two edits, every suggestion on a real DDInter file named
a different real drug (fosinopril -> lisinopril). Reported once per distinct name per file.

Passing example (side_effects.csv):

    drug,effect,frequency_percent
    talimogene laherparepvec,fatigue,50.3

Failing example (side_effects.csv):

    drug,effect,frequency_percent
    talomogene laherparepvec,fatigue,50.3
"""
from __future__ import annotations

import numpy as np

from druglint.hits import concat, hits
from druglint.registry import rule
from druglint.rules.specs.names import distinct_names


@rule("DL521", "drug-name-near-miss", "warning", kinds=("side_effects", "interactions", "dosing"))
def check(ctx):
    names = distinct_names(ctx)
    if names.empty:
        return None
    names = names[names["canonical"].isna() & names["suggestion"].notna()]
    if names.empty:
        return None
    same = names["suggestion_for"].fillna("").astype(str).str.casefold() == names["suggestion"].fillna("").astype(str).str.casefold()
    target = np.where(same, names["suggestion_for"].fillna("").astype(str).map(repr),
                      names["suggestion_for"].fillna("").astype(str).map(repr) + " (" + names["suggestion"].fillna("").astype(str) + ")")
    msg = "unknown drug name " + names["written"].fillna("").astype(str).map(repr) + "; did you mean " + target + "?"
    parts = []
    for col, grp in names.assign(msg=msg.to_numpy(dtype=object)).groupby("column", sort=False):
        mask = np.zeros(len(ctx.frame), dtype=bool)
        mask[grp["row"].to_numpy()] = True
        order = np.argsort(grp["row"].to_numpy(), kind="stable")
        parts.append(hits(mask, col, grp["msg"].to_numpy(dtype=object)[order]))
    return concat(parts)
