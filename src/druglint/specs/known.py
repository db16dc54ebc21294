"""The one place where rules ask what a drug name is: the specs' names first (a hand-written
spec overrides), then the knowledge pack (``druglint.knowledge``: every FDA-approved
ingredient, its brands, salts, synonyms and international names). Not a rule.

Everything here works on distinct values (the callers factorise their columns). The pack is
loaded only when a name is asked about, and not at all when the configuration turns it off
(``knowledge = false``); then only the specs and ``vocab/drug_names.yaml`` are known.
"""
from __future__ import annotations

from typing import Any

import numpy as np

# A did-you-mean needs a name of at least this many characters, one edit from a known name
# (see specs/resolve.py for the measurement behind one edit rather than two).
MIN_SUGGEST_LENGTH = 6


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
    drug, layer, _ = resolve_how(config, names)
    return drug, layer


_MEMO: dict = {}  # (specs, pack, name) -> (drug, layer, how): streamed chunks repeat their names


def resolve_how(config: Any, names: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``resolve`` plus how the pack matched each name (generic, brand, synonym, salt,
    international, normalised, combination; None outside the pack). Remembered per process,
    so a name is resolved once however many chunks or tables repeat it."""
    from druglint.specs.loader import for_config

    names = np.asarray(names, dtype=object)
    scope = (id(for_config(config).resolver), id(pack(config)))
    if len(_MEMO) > 200_000:
        _MEMO.clear()
    todo = [n for n in dict.fromkeys(names.tolist()) if (scope, n) not in _MEMO]
    if todo:
        arr = np.empty(len(todo), dtype=object)
        arr[:] = todo
        for n, d, l, h in zip(todo, *_resolve_how(config, arr)):
            _MEMO[(scope, n)] = (d, l, h)
    got = [_MEMO[(scope, n)] for n in names.tolist()]
    out = [np.empty(len(names), dtype=object) for _ in range(3)]
    for k in range(3):
        out[k][:] = [g[k] for g in got]
    return out[0], out[1], out[2]


def _resolve_how(config: Any, names: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    from druglint.specs.loader import for_config

    names = np.asarray(names, dtype=object)
    resolver = for_config(config).resolver
    drug = np.empty(len(names), dtype=object)
    drug[:] = [resolver.resolve(n, suggest=False).canonical for n in names]
    layer = np.full(len(names), None, dtype=object)
    how = np.full(len(names), None, dtype=object)
    known = drug != None  # noqa: E711 (element-wise)
    layer[known] = ["spec" if d in resolver.with_spec else "vocab" for d in drug[known]]
    kb = pack(config)
    missing = np.flatnonzero(~known)
    if kb is not None and missing.size:
        found, hows = kb.resolve_many(names[missing])
        found = np.asarray(found, dtype=object)
        how[missing] = np.asarray(hows, dtype=object)
        ids = drug_ids(config)
        unnamed = np.flatnonzero(found == None)  # noqa: E711 -- a drug id no name row spells
        if unnamed.size:
            k = keys(names[missing][unnamed])
            found[unnamed] = [x if x in ids else None for x in k]
        hit = found != None  # noqa: E711
        # a drug a spec knows keeps the spec's name (the pack's id is the same generic name)
        drug[missing[hit]] = found[hit]
        layer[missing[hit]] = "pack"
    return drug, layer, how


# How the pack matched a name, when that is too loose to hang a fact or an identity on:
# "normalised" dropped dose, form or unknown words ("ODOR CONTROL POWDER SPRAY" resolved to
# a drug on the openFDA label table), "combination" split a name into parts.
LOOSE = ("normalised", "combination")


def firm(layer: np.ndarray, how: np.ndarray) -> np.ndarray:
    """True where a resolution can carry facts: a spec or vocabulary name, or a pack name
    matched as written (generic, brand, synonym, international name, salt)."""
    return (layer != None) & ~((layer == "pack") & np.isin(how.astype(str), LOOSE))  # noqa: E711


def groups(config: Any, names: Any, drug: np.ndarray, how: np.ndarray, layer: np.ndarray) -> np.ndarray:
    """The identity that pair and grouping rules compare, per name: the drug, except that a
    name the pack knows only through salt or ester words, a dictionary synonym, or only
    loosely, keeps its own
    ("Estrone sulfate" and "Estrone" are two entries that DDInter lists and grades apart),
    and a parenthesised qualifier that is not a drug name stays part of it."""
    from druglint.knowledge.normaliser import levels

    names = np.asarray(names, dtype=object)
    key, spelled, normal = (np.asarray(x, dtype=object) for x in levels(names))  # one pass per distinct name
    salted = (layer == "pack") & (spelled != normal)
    # dictionary synonyms name classes and relatives too ("Vitamin D" -> ergocalciferol, which
    # DDInter lists and grades apart): only brands, generic and international names merge
    own = ~firm(layer, how) | (how == "salt") | salted | ((layer == "pack") & (how == "synonym"))
    group = np.where(own, key, drug).astype(object)
    return with_qualifier(config, names, group)


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


def suggest(config: Any, resolver: Any, names: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The near-miss search, one entry point for every caller: per name that resolves to
    nothing, (the drug it probably means, the known spelling it matched, same) or Nones.
    Spec and vocabulary names are tried first (a few hundred hand-checked names: any single
    edit, ``Resolver.suggest``), then the knowledge pack (typing slips only, towards Drugs@FDA
    and generic names: ``near_misses``). ``same`` is True where the pack's name differs only
    in punctuation or national spelling: that is the name itself, not a typo of it. Each
    search skips names longer than its own dictionary's longest name plus one."""
    names = np.asarray(names, dtype=object)
    res = resolver.resolve_many(names)
    drug = np.array([r.suggestion for r in res] + [None], dtype=object)[:-1]
    spelled = np.array([r.suggestion_for for r in res] + [None], dtype=object)[:-1]
    same = np.zeros(len(names), dtype=bool)
    rest = np.flatnonzero(drug == None)  # noqa: E711 (element-wise)
    if rest.size:
        d, s = near_misses(config, names[rest])
        drug[rest], spelled[rest] = d, s
        same[rest] = same_letters(names[rest], s)
    return drug, spelled, same


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
    longest = kb.longest_key + 1  # a longer name is one edit from no known name
    for i, key in enumerate(k):  # once per distinct unknown name
        # the variants of a name of length L take O(L^2) memory: a 20,000-character cell
        # once took 11 GB here, so names no edit can make known are not expanded at all
        if MIN_SUGGEST_LENGTH <= len(key) <= longest and not key.replace(" ", "").isdigit():
            v = _one_edit_variants(key)
            variant.extend(v)
            owner.extend([i] * len(v))
    if not variant:
        return drug, spelled
    found_drugs, target = kb.near_miss_lookup(variant)
    hit = np.flatnonzero(pd.notna(found_drugs))
    if not hit.size:
        return drug, spelled
    table = pd.DataFrame({"owner": np.asarray(owner)[hit], "key": np.asarray(variant, dtype=object)[hit],
                          "drug": found_drugs[hit], "target": target[hit]})
    # a known name that differs only in punctuation or national spelling is that name (the
    # caller sees it as the same letters); otherwise only a target may be suggested
    same = np.array([spelling_variant(k[o], c) for o, c in zip(table["owner"], table["key"])], dtype=bool)
    variants = table[same].drop_duplicates("owner")
    drug[variants["owner"].to_numpy()] = variants["drug"].to_numpy(dtype=object)
    spelled[variants["owner"].to_numpy()] = variants["key"].to_numpy(dtype=object)
    table = table[~same & table["target"].to_numpy() & ~table["owner"].isin(variants["owner"]).to_numpy()]
    one = table.groupby("owner")["drug"].nunique() == 1  # ambiguous neighbours: no suggestion
    table["other"] = table["key"] != table["drug"]  # the generic name itself first
    best = table[table["owner"].isin(one[one].index)].sort_values(["owner", "other"], kind="stable").drop_duplicates("owner")
    drug[best["owner"].to_numpy()] = best["drug"].to_numpy(dtype=object)
    spelled[best["owner"].to_numpy()] = best["key"].to_numpy(dtype=object)
    return drug, spelled


def same_letters(names: Any, spelled: Any) -> np.ndarray:
    """True where a name and its near miss are one name: they differ only in punctuation,
    spacing or national spelling (see ``spelling_variant``), not by a typo."""
    return np.array([s is not None and spelling_variant(n, s) for n, s in zip(names, spelled)], dtype=bool)


def drug_ids(config: Any = None) -> frozenset:
    """Every drug id of the pack ("nicotinamide" is one even where no name row spells it)."""
    kb = pack(config)
    if kb is None:
        return frozenset()
    cached = kb.__dict__.get("_drug_id_set")
    if cached is None:
        cached = kb.__dict__["_drug_id_set"] = frozenset(str(d) for d in kb.drugs())
    return cached


_VARIANTS = ((r"ph", "f"), (r"ae", "e"), (r"oe", "e"), (r"y", "i"), (r"k", "c"), (r"th", "t"), (r"ium\b", "um"),
             (r"(?<=\w)e\b", ""), (r"(?<=\w)a\b", ""), (r"(?<=\w)o\b", ""))


def spelling_variant(a: str, b: str) -> bool:
    """True when two names differ only as national spellings do: a final -e, -a or -o
    (ketoprofene, paroxetin, fluconazol), -ium / -um (aluminium), ph / f, ae / e, y / i."""
    import re

    def letters(x: str) -> str:
        return re.sub(r"[^0-9a-z]+", "", str(x).casefold())

    if letters(a) == letters(b):
        return True

    def canon(x: str) -> str:
        x = str(x).casefold()
        for pattern, repl in _VARIANTS:
            x = re.sub(pattern, repl, x)
        return re.sub(r"[^0-9a-z]+", "", x)

    return canon(a) == canon(b)


_VOWELS = "aeiouy"


def _one_edit_variants(key: str) -> list[str]:
    """The strings one typing slip from ``key``: two adjacent letters swapped, a vowel for
    another vowel, a vowel or a doubled letter added or dropped; the first letter kept.
    Consonant changes are left out: on the FAERS samples they were mostly other real names
    (Tyverb is Tykerb's EU brand, Selara a Japanese brand, Pectin not plectin), while the
    true misspellings were vowel slips (CIPROFLOXICIN, Cyclophosphemide, PRALIA, EYELEA)."""
    splits = [(key[:i], key[i:]) for i in range(len(key) + 1)]
    out = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + b[1:] for a, b in splits if b and (b[0] in _VOWELS or b[:1] == b[1:2] or a[-1:] == b[:1])}
    out |= {a + c + b[1:] for a, b in splits if b and b[0] in _VOWELS for c in _VOWELS}
    out |= {a + c + b for a, b in splits for c in _VOWELS}
    out |= {a + a[-1] + b for a, b in splits if a}
    out.discard(key)
    return [v for v in out if v[:1] == key[:1]]
