"""DL520 drug-without-spec: a drug in the dataset has no spec, so spec checks skip it.

Reported once per distinct drug per file (at its first row; brands and synonyms of one drug
count once), as information: the
dataset is not wrong, but druglint cannot hold it against label facts. Names are resolved
through spec identities and vocab/drug_names.yaml (brands, synonyms, salts, any case), so
"IMLYGIC", "T-VEC" and "talimogene laherparepvec" all find the bundled spec. A name that
is a near miss of a known one is DL521 instead; identifiers (CID100000085, DB00787) are
not names and are not reported. Add a spec (docs/specs.md) and point
``--specs`` or the ``specs`` config key at its folder.

Passing example (side_effects.csv):

    drug,effect,frequency_percent
    Imlygic,fatigue,50.3
    T-VEC,chills,48.6

Failing example (side_effects.csv):

    drug,effect,frequency_percent
    warfarin,bleeding,2.1
    Warfarin,bruising,1.4
"""
from __future__ import annotations

import numpy as np

from druglint.hits import hits
from druglint.registry import rule
from druglint.rules.specs.names import distinct_names


@rule("DL520", "drug-without-spec", "info", kinds=("side_effects", "interactions", "dosing"))
def check(ctx):
    names = distinct_names(ctx)
    if names.empty:
        return None
    names = names[~names["has_spec"].astype(bool) & names["suggestion"].isna()]
    if names.empty:
        return None
    known = names["canonical"].notna().to_numpy()
    written = names["written"].fillna("").astype(str).map(repr).to_numpy(dtype=object)
    canon = names["canonical"].fillna("").astype(str).to_numpy(dtype=object)
    msg = np.where(known, "no spec for " + canon + " (written " + written + "); spec checks skip it",
                   "drug " + written + " is not a known name and has no spec; spec checks skip it")
    parts = []
    for col, grp in names.assign(msg=msg).groupby("column", sort=False):
        mask = np.zeros(len(ctx.frame), dtype=bool)
        mask[grp["row"].to_numpy()] = True
        order = np.argsort(grp["row"].to_numpy(), kind="stable")
        parts.append(hits(mask, col, grp["msg"].to_numpy(dtype=object)[order]))
    from druglint.hits import concat

    return concat(parts)
