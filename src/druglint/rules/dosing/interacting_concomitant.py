"""DL409 interacting-concomitant-drug: a concomitant drug interacts with the dosed drug per a spec.

``concomitant`` lists other drugs the patient takes, separated by semicolons. A name that
resolves (brands, synonyms, salts) to a partner of a spec interaction of the dosed drug (or
whose own spec names the dosed drug) is reported with the spec's severity and effect:
acyclovir with talimogene laherparepvec may defeat the treatment. An interaction derived by
``spec derive`` and not yet reviewed (``review: required``) gives info, not warning; a row
is info only when every interaction it names is such a draft.

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
from druglint.specs.provenance import is_draft, note
from druglint.specs.tables import canonical_or_text, cite, interaction_pairs, spec_set, split_concomitant


@rule("DL409", "interacting-concomitant-drug", "warning", kinds=("dosing",), needs=("drug", "concomitant"), row=True)
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
    per_key = np.empty(len(uniques) + 1, dtype=object)
    per_key[:] = [pairs.get(tuple(u.split("\x1f", 1))) for u in uniques] + [None]
    hit = np.array([f is not None for f in per_key], dtype=bool)[codes]
    if not hit.any():
        return None
    rows = parts["row"].to_numpy()[hit]
    names = parts["name"].to_numpy(dtype=object)[hit]
    keys = key.to_numpy(dtype=object)[hit]
    per_msg, per_draft = {}, {}
    for k in pd.unique(keys):  # one text per distinct (dosed drug, partner) pair
        spec, inter = pairs[tuple(k.split("\x1f", 1))]
        per_msg[k] = (f"interacts with {k.split(chr(31), 1)[0]} ({inter.severity}: {inter.effect}; "
                      f"{cite(spec, inter.line, inter.source, 30)}){note(inter)}")
        per_draft[k] = is_draft(inter)
    text = "concomitant " + pd.Series(names, dtype=object).map(repr) + " " + pd.Series(keys, dtype=object).map(per_msg)
    # several interacting drugs on one row make one finding; join only those rows (groupby-join is slow)
    multi = pd.Series(rows).duplicated(keep=False).to_numpy()
    single = pd.Series(text.to_numpy(dtype=object)[~multi], index=rows[~multi], dtype=object)
    joined = text[multi].groupby(rows[multi], sort=False).agg("; ".join) if multi.any() else single.iloc[:0]
    every = pd.concat([single, joined]).sort_index()
    draft = pd.Series(keys, dtype=object).map(per_draft).to_numpy(dtype=bool)
    all_draft = pd.Series(draft).groupby(rows).all()  # a row is info only when all it names are drafts
    mask = np.zeros(len(ctx.frame), dtype=bool)
    mask[every.index.to_numpy()] = True
    caps = np.where(all_draft.reindex(every.index).to_numpy(dtype=bool), "info", None).astype(object)
    return hits(mask, "concomitant", every.to_numpy(dtype=object), severity=caps)
