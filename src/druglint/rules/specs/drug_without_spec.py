"""DL520 drug-without-spec: a drug name in the dataset is unknown to druglint, so no drug check sees it.

Reported once per file, at the first such name's row, naming how many distinct names are
unknown and the first few of them, as information: the dataset may be right, but druglint
cannot hold those rows against any fact. A name is known when a spec, vocab/drug_names.yaml
or the knowledge pack (every Drugs@FDA ingredient with its brands and salts, and the
drug-name dictionary's synonyms and international names) resolves it, in any case, with a
salt word, a dose suffix ("ASPIRIN 81 MG") or trailing punctuation; a known drug without a
hand-written spec is still checked against the pack's facts and is not reported. A name
that is a near miss of a known one is DL521 instead; identifiers (CID100000085, DB00787)
are not names and are not reported. One finding per file rather than one per name keeps a
2,000-drug list readable.

Passing example (side_effects.csv):

    drug,effect,frequency_percent
    Imlygic,fatigue,50.3
    warfarin,bleeding,2.1

Failing example (side_effects.csv):

    drug,effect,frequency_percent
    Zorblatamab,fatigue,12.0
    zorblatamab,chills,4.1
"""
from __future__ import annotations

import numpy as np

from druglint.hits import hits
from druglint.registry import rule
from druglint.rules.specs.names import NAME_FIRSTS, distinct_names


MAX_NAMED = 5




@rule("DL520", "drug-without-spec", "info", kinds=("side_effects", "interactions", "dosing"), state=NAME_FIRSTS)
def check(ctx):
    d = distinct_names(ctx)
    unknown = np.array([c is None and s is None for c, s in zip(d["canonical"], d["suggestion"])], dtype=bool)
    if not unknown.any():
        return None
    shown = [str(w) for w in d["written"][unknown]]
    n = len(shown)
    listed = "; ".join(shown[:MAX_NAMED]) + (f" and {n - MAX_NAMED:,} more" if n > MAX_NAMED else "")
    noun = "drug name is" if n == 1 else f"{n:,} drug names are"
    first = int(np.flatnonzero(unknown)[0])  # entries are in row order
    mask = np.zeros(len(ctx.frame), dtype=bool)
    mask[int(d["row"][first])] = True
    return hits(mask, str(d["column"][first]), f"{noun} unknown to druglint (no spec; not in the knowledge pack: Drugs@FDA and the "
                                                     f"drug-name dictionary), so no drug check sees {'it' if n == 1 else 'them'}: {listed}")
