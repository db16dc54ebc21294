"""DL409 interacting-concomitant-drug: a concomitant drug interacts with the dosed drug per a spec.

``concomitant`` lists other drugs the patient takes, separated by semicolons. A name that
resolves (brands, synonyms, salts) to a partner of a spec interaction of the dosed drug (or
whose own spec names the dosed drug) is reported with the spec's severity and effect:
acyclovir with talimogene laherparepvec may defeat the treatment.

Passing example (dosing.csv):

    drug,route,concomitant
    talimogene laherparepvec,intralesional,ondansetron; paracetamol

Failing example (dosing.csv):

    drug,route,concomitant
    talimogene laherparepvec,intralesional,paracetamol; Zovirax
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from druglint.hits import hits
from druglint.registry import rule
from druglint.specs.tables import canonical_or_text, cite, interaction_pairs, spec_set, split_concomitant


@rule("DL409", "interacting-concomitant-drug", "warning", kinds=("dosing",), needs=("drug", "concomitant"))
def check(ctx):
    specs = spec_set(ctx)
    pairs = interaction_pairs(specs)
    if not pairs:
        return None
    parts = split_concomitant(ctx.frame)
    if parts.empty:
        return None
    dosed = canonical_or_text(ctx, "drug").to_numpy(dtype=object)
    resolved = specs.resolver.resolve_series(parts["name"])
    partner = resolved["canonical"].fillna(parts["name"].str.casefold())
    key = pd.Series(dosed[parts["row"].to_numpy()], dtype=object).fillna("") + "\x1f" + partner.to_numpy(dtype=object)
    codes, uniques = pd.factorize(key)
    found = np.empty(len(uniques) + 1, dtype=object)
    found[:] = [pairs.get(tuple(u.split("\x1f", 1))) for u in uniques] + [None]
    found = found[codes]
    hit = np.array([f is not None for f in found], dtype=bool) if len(found) else np.zeros(0, dtype=bool)
    if not hit.any():
        return None
    msgs: dict[int, list[str]] = {}
    for j in np.flatnonzero(hit):  # offending (row, drug) pairs only
        spec, inter = found[j]
        row = int(parts["row"].iloc[j])
        msgs.setdefault(row, []).append(
            f"concomitant {parts['name'].iloc[j]!r} interacts with {dosed[row]} ({inter.severity}: {inter.effect}; "
            f"{cite(spec, inter.line, inter.source, 30)})")
    mask = np.zeros(len(ctx.frame), dtype=bool)
    mask[list(msgs)] = True
    return hits(mask, "concomitant", np.array(["; ".join(msgs[i]) for i in np.flatnonzero(mask)], dtype=object))
