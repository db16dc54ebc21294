"""DL520 drug-without-spec: a drug in the dataset has no spec, so spec checks skip it.

Reported once per file, at the first such drug's row, naming how many distinct drugs have no
spec and the first few of them (brands and synonyms of one drug count once), as
information: the dataset is not wrong, but druglint cannot hold it against label facts. One
finding per file rather than one per drug keeps a 2,000-drug interaction list readable. Names are resolved
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


MAX_NAMED = 5


@rule("DL520", "drug-without-spec", "info", kinds=("side_effects", "interactions", "dosing"))
def check(ctx):
    d = distinct_names(ctx)
    unknown = ~d["has_spec"].astype(bool) & np.array([s is None for s in d["suggestion"]], dtype=bool)
    if not unknown.any():
        return None
    shown = [str(c if c is not None else w) for c, w in zip(d["canonical"][unknown], d["written"][unknown])]
    n = len(shown)
    listed = "; ".join(shown[:MAX_NAMED]) + (f" and {n - MAX_NAMED:,} more" if n > MAX_NAMED else "")
    noun = "drug has" if n == 1 else f"{n:,} drugs have"
    first = int(np.flatnonzero(unknown)[0])  # entries are in row order
    mask = np.zeros(len(ctx.frame), dtype=bool)
    mask[int(d["row"][first])] = True
    return hits(mask, str(d["column"][first]), f"{noun} no spec, so spec checks skip them: {listed}")
