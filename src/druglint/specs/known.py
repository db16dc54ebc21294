"""The one place where rules ask what a drug name is: the specs' names first (a hand-written
spec overrides), then the knowledge pack (``druglint.knowledge``: every FDA-approved
ingredient, its brands, salts, synonyms and international names). Not a rule.

Everything here works on distinct values (the callers factorise their columns). The pack is
loaded only when a name is asked about, and not at all when the configuration turns it off
(``knowledge = false``); then only the specs and ``vocab/drug_names.yaml`` are known.
"""
from __future__ import annotations

import string
from typing import Any

import numpy as np

# A did-you-mean needs a name of at least this many characters, one edit from a known name
# (see specs/resolve.py for the measurement behind one edit rather than two).
MIN_SUGGEST_LENGTH = 6
_ALPHABET = string.ascii_lowercase + " -"


def pack(config: Any = None):
    """The knowledge pack, or None when the configuration turns it off."""
    try:
        from druglint import knowledge
    except ImportError:  # pragma: no cover - a checkout without the pack
        return None
    return knowledge.load(config)


def keys(values: Any) -> np.ndarray:
    """The matching key of each name (case, spacing, symbols, trailing punctuation): the
    knowledge pack's normaliser, so that every rule agrees on what one name is."""
    from druglint import knowledge

    return np.asarray(knowledge.key(values), dtype=object)


def resolve(config: Any, names: Any) -> tuple[np.ndarray, np.ndarray]:
    """(drug, layer) per name: the canonical drug ("atorvastatin", "talimogene laherparepvec",
    "amlodipine; atorvastatin" for a combination) or None, and where it was found: "spec",
    "vocab" (vocab/drug_names.yaml) or "pack" (None when unknown). Specs win over the pack."""
    from druglint.specs.loader import for_config

    names = np.asarray(names, dtype=object)
    resolver = for_config(config).resolver
    drug = np.empty(len(names), dtype=object)
    drug[:] = [resolver.resolve(n, suggest=False).canonical for n in names]
    layer = np.full(len(names), None, dtype=object)
    known = drug != None  # noqa: E711 (element-wise)
    layer[known] = ["spec" if d in resolver.with_spec else "vocab" for d in drug[known]]
    kb = pack(config)
    missing = np.flatnonzero(~known)
    if kb is not None and missing.size:
        found, _ = kb.resolve_many(names[missing])
        found = np.asarray(found, dtype=object)
        hit = found != None  # noqa: E711
        # a drug a spec knows keeps the spec's name (the pack's id is the same generic name)
        drug[missing[hit]] = found[hit]
        layer[missing[hit]] = "pack"
    return drug, layer


def with_qualifier(config: Any, names: Any, drugs: np.ndarray) -> np.ndarray:
    """The drug of each name, with the name's trailing parenthesis kept when it is not itself
    a drug name: "Hydrocortisone (topical)" and "Hydrocortisone" are two products that an
    interaction list grades apart (DDInter does), while "Imlygic (talimogene laherparepvec)"
    is talimogene laherparepvec."""
    import re

    out = np.asarray(drugs, dtype=object).copy()
    tail = re.compile(r"\(([^()]+)\)\s*$")
    found = [(i, m.group(1)) for i, n in enumerate(names) if isinstance(n, str) and "(" in n
             for m in [tail.search(n)] if m is not None]
    if not found:
        return out
    inner = np.array([q for _, q in found], dtype=object)
    named, _ = resolve(config, inner)
    for (i, q), d in zip(found, named):
        if d is None and out[i] is not None:
            qualifier = " ".join(str(q).split()).casefold()
            if not str(out[i]).endswith(f"({qualifier})"):
                out[i] = f"{out[i]} ({qualifier})"
    return out


def near_misses(config: Any, names: Any) -> tuple[np.ndarray, np.ndarray]:
    """(drug, known spelling) per name that is ONE edit (insertion, deletion, substitution,
    transposition) from a name of the knowledge pack, else None. The caller passes names
    that resolve to nothing. A name whose one-edit neighbours belong to different drugs is
    ambiguous and gets no suggestion; so does a name shorter than six characters."""
    import pandas as pd

    names = np.asarray(names, dtype=object)
    drug = np.full(len(names), None, dtype=object)
    spelled = np.full(len(names), None, dtype=object)
    kb = pack(config)
    if kb is None or not len(names):
        return drug, spelled
    k = keys(names)
    owner, variant = [], []
    for i, key in enumerate(k):  # once per distinct unknown name
        if len(key) >= MIN_SUGGEST_LENGTH and not key.replace(" ", "").isdigit():
            v = _one_edit_variants(key)
            variant.extend(v)
            owner.extend([i] * len(v))
    if not variant:
        return drug, spelled
    index = kb.known_keys()
    at = index.get_indexer(pd.Index(variant, dtype=index.dtype))  # same dtype: no per-call conversion
    hit = at >= 0
    if not hit.any():
        return drug, spelled
    owners = np.asarray(owner)[hit]
    found_keys = np.asarray(variant, dtype=object)[hit]
    found_drugs, _ = kb.resolve_many(found_keys)
    table = pd.DataFrame({"owner": owners, "key": found_keys, "drug": np.asarray(found_drugs, dtype=object)}).dropna()
    one = table.groupby("owner")["drug"].nunique() == 1  # ambiguous neighbours: no suggestion
    table["other"] = table["key"] != table["drug"]  # the generic name itself first
    best = table[table["owner"].isin(one[one].index)].sort_values(["owner", "other"], kind="stable").drop_duplicates("owner")
    drug[best["owner"].to_numpy()] = best["drug"].to_numpy(dtype=object)
    spelled[best["owner"].to_numpy()] = best["key"].to_numpy(dtype=object)
    return drug, spelled


def same_letters(names: Any, spelled: Any) -> np.ndarray:
    """True where a name and its near miss have the same letters and digits (they differ
    only in punctuation or spacing: a spelling of the same name, not a typo)."""
    import re

    strip = re.compile(r"[^0-9a-z]+")
    return np.array([s is not None and strip.sub("", str(n).casefold()) == strip.sub("", str(s).casefold())
                     for n, s in zip(names, spelled)], dtype=bool)


def _one_edit_variants(key: str) -> list[str]:
    """Every string one insertion, deletion, substitution or transposition from ``key``."""
    splits = [(key[:i], key[i:]) for i in range(len(key) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in _ALPHABET}
    out |= {a + c + b for a, b in splits for c in _ALPHABET}
    out.discard(key)
    return list(out)
