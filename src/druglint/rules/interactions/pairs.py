"""Shared, vectorised pair keys for the interaction rules (not a rule itself)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from druglint.grouping import first_of_group  # noqa: F401  (re-exported for the pair rules)


def normal_names(uniques, config=None) -> pd.Index:
    """Distinct names as drugs: the resolved drug (brands, salts, synonyms, the knowledge
    pack), else the name's normalised key (case, spacing, trailing punctuation ignored)."""
    from druglint.specs import known

    names = np.asarray(uniques, dtype=object)
    drug, layer, how = known.resolve_how(config, names)
    return pd.Index(known.groups(config, names, drug, how, layer))


def pair_keys(ctx) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(unordered pair key, ordered key, is_self) per row; computed once per table. Names of
    one drug share an id (Lipitor, atorvastatin calcium and ATORVASTATIN. are atorvastatin):
    each column is factorised once and its distinct names resolved (specs.tables.names)."""
    if "pair_keys" in ctx.cache:
        return ctx.cache["pair_keys"]
    from druglint.specs.tables import names

    n = len(ctx.frame)
    na, nb = names(ctx, "drug_a"), names(ctx, "drug_b")
    a_codes, b_codes, a_u = na.codes, nb.codes, na.group
    shared, _ = pd.factorize(pd.Index(na.group).append(pd.Index(nb.group)))
    shared = np.append(np.asarray(shared, dtype=np.int64), -1)  # a missing name stays -1
    ca = shared[np.where(a_codes >= 0, a_codes, len(shared) - 1)]
    cb = shared[np.where(b_codes >= 0, len(a_u) + b_codes, len(shared) - 1)]
    if ctx.has("drug_a_id", "drug_b_id"):
        ca, cb = _by_source_ids(ctx, ca, cb)
    both = np.concatenate([ca, cb])
    width = int(both.max()) + 2 if both.size else 1
    valid = (ca >= 0) & (cb >= 0)
    # a row with a missing name gets a key of its own, so it matches nothing
    own = -1 - np.arange(n, dtype=np.int64)
    unordered = np.where(valid, np.minimum(ca, cb) * width + np.maximum(ca, cb), own)
    ordered = np.where(valid, ca * width + cb, own)
    out = (unordered, ordered, valid & (ca == cb))
    ctx.cache["pair_keys"] = out
    return out


def _by_source_ids(ctx, ca: np.ndarray, cb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Drug codes where the dataset names its drugs by its own ids (DDInter): a row with both
    ids pairs by them, the source's identity winning over name resolution (DDInter's "Vitamin
    D" and "Ergocalciferol" are two entries, though a Drugs@FDA brand joins the names); other
    rows keep their resolved names. Both kinds of code share one factorisation."""
    ida, idb = ctx.frame["drug_a_id"], ctx.frame["drug_b_id"]
    by_id = (ida.notna() & idb.notna() & (ida != "") & (idb != "")).to_numpy()
    if not by_id.any():
        return ca, cb
    labels = pd.Index(np.concatenate([
        np.where(by_id, "id\x1f" + ida.astype(str).to_numpy(dtype=object), ca.astype(str).astype(object)),
        np.where(by_id, "id\x1f" + idb.astype(str).to_numpy(dtype=object), cb.astype(str).astype(object))]))
    codes, _ = pd.factorize(labels)
    n = len(ca)
    codes = np.asarray(codes, dtype=np.int64)
    na, nb = codes[:n], codes[n:]
    return np.where(by_id | (ca >= 0), na, -1), np.where(by_id | (cb >= 0), nb, -1)
