"""Drug names in prose: which known drugs a text mentions, and near-misses of known names.

Names come from three places, smallest first:

1. the drug specs of the run (names, brands, synonyms);
2. ``vocab/drug_names.yaml`` (canonical generic names, brands, salts, INN spellings);
3. when installed, the dictionary of the PyPI package ``drug-named-entity-recognition``
   (MIT licence, about 107,000 name variants compiled by Fast Data Science from MedlinePlus,
   MeSH, Wikipedia and NHS; ``pip install "druglint[drugnames]"``). druglint reads the
   package's data file; it ships none of it.

4. the knowledge pack (``druglint.knowledge``): every Drugs@FDA ingredient with its brands and
   salts, and the shipped name dictionary's synonyms and international names. A word that
   is a pack name, or a word of one, is never a near-miss; its generic names are near-miss
   targets like the extra's.

A near-miss must not be an English word: the English word list of the PyPI package
``pyspellchecker`` (MIT licence, same extra) decides that. Without it, only near-misses of the
names in (1) and (2) are reported.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

WORD = re.compile(r"(?<![\w-])[A-Za-z][A-Za-z'’-]*[A-Za-z](?![\w-])")


@lru_cache(maxsize=1)
def vocab_names() -> dict[str, str]:
    """lower-case name or synonym -> canonical generic name, from vocab/drug_names.yaml."""
    from druglint.vocab import data

    out: dict[str, str] = {}
    for d in data("drug_names")["drugs"]:
        out[d["name"].lower()] = d["name"]
        for s in d.get("synonyms") or []:
            out.setdefault(str(s).lower(), d["name"])
    return out


_GENERICS: set[str] = set()


def generics() -> set[str]:
    """Canonical (generic) names of the dictionary: the near-miss targets it offers."""
    dictionary()
    return _GENERICS


@lru_cache(maxsize=1)
def dictionary() -> dict[str, str]:
    """lower-case variant -> canonical name from drug-named-entity-recognition, or {}."""
    import bz2
    import importlib.util
    import os
    import pickle

    try:
        found = importlib.util.find_spec("drug_named_entity_recognition")
    except (ImportError, ValueError):
        found = None
    if found is None or not found.submodule_search_locations:
        return {}
    path = os.path.join(list(found.submodule_search_locations)[0], "drug_ner_dictionary.pkl.bz2")
    try:
        with bz2.open(path, "rb") as fh:
            # the package's own data file (plain dicts and lists, no classes), read the way
            # the package itself reads it, without importing the package (which reaches the
            # network and reads a cache in the home folder)
            d = pickle.load(fh)  # noqa: S301
        out = {str(k).lower(): (v[0] if isinstance(v, list) and v else str(v)) for k, v in d["drug_variant_to_canonical"].items()}
        _GENERICS.update(str(k).lower() for k in d["drug_canonical_to_data"])
        return out
    except Exception:
        return {}


@lru_cache(maxsize=1)
def english() -> frozenset[str]:
    """English words (lower-case) from pyspellchecker's word-frequency list, or empty."""
    import gzip
    import importlib.util
    import json
    import os

    try:
        found = importlib.util.find_spec("spellchecker")
    except (ImportError, ValueError):
        found = None
    if found is None or not found.submodule_search_locations:
        return frozenset()
    path = os.path.join(list(found.submodule_search_locations)[0], "resources", "en.json.gz")
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            return frozenset(json.load(fh))
    except Exception:
        return frozenset()


@lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    """Every word of every dictionary variant (so 'laherparepvec' alone is known)."""
    out: set[str] = set()
    for v in dictionary():
        out.update(WORD.findall(v))
    return frozenset(out)


def names_of(specs: Iterable[object]) -> dict[str, str]:
    """lower-case name -> canonical for the spec drugs plus the vocabulary."""
    out = dict(vocab_names())
    for s in specs:
        canon = getattr(s, "name", None)
        if not canon:
            continue
        for n in spec_aliases(s):
            out[n.lower()] = canon
    return out


def spec_aliases(spec: object) -> list[str]:
    names = [getattr(spec, "name", "")]
    for attr in ("brands", "synonyms", "brand_names", "aliases", "names"):
        v = getattr(spec, attr, None)
        if isinstance(v, (list, tuple)):
            names.extend(str(x) for x in v)
        elif isinstance(v, str):
            names.append(v)
    return [n for n in names if n]


def name_regex(names: Iterable[str]) -> re.Pattern[str]:
    alts = sorted({re.escape(n).replace(r"\ ", r"\s+") for n in names if len(n) >= 3}, key=lambda x: (-len(x), x))
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])", re.I) if alts else re.compile(r"(?!x)x")


def mentions(text: str, names: dict[str, str]) -> dict[str, int]:
    """canonical -> number of mentions in ``text`` (specs and vocabulary names only)."""
    counts: dict[str, int] = {}
    for m in name_regex(names).finditer(text):
        canon = names.get(re.sub(r"\s+", " ", m.group(0)).lower())
        if canon:
            counts[canon] = counts.get(canon, 0) + 1
    return counts


# ------------------------------------------------------------------ edit distance
def distance(a: str, b: str, limit: int = 3) -> int:
    """Optimal-string-alignment (Damerau) distance, stopping early past ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        best = i
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                v = min(v, prev2[j - 2] + 1)
            cur[j] = v
            best = min(best, v)
        if best > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def edits1(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in _LETTERS]
    inserts = [a + c + b for a, b in splits for c in _LETTERS]
    return set(deletes + transposes + replaces + inserts)


def allowed_distance(word: str) -> int:
    return 2 if len(word) >= 11 else 1


def near_miss(token: str, focus: dict[str, str], use_dictionary: bool = True) -> tuple[str, str] | None:
    """(suggested spelling, canonical drug) when ``token`` is a near-miss of a known name.

    ``focus`` maps the lower-case spec and vocabulary names, and each long word of a
    multi-word name, to a canonical name. A token that is itself a known name, a dictionary
    word or an English word is never a near-miss."""
    low = token.lower()
    if len(low) < 6 or len(low) > 40 or low in focus:  # no drug name is longer than 40 letters
        return None
    eng = english()
    if low in eng or (low.endswith("s") and low[:-1] in eng) or (low.endswith("es") and low[:-2] in eng):
        return None
    dic = dictionary() if use_dictionary else {}
    if dic and (low in dic or low in dictionary_words()):
        return None
    pack_names = pack_vocabulary() if use_dictionary else None
    if pack_names is not None and (low in pack_names[0] or low in pack_names[1]):
        return None  # a name (brand, international name, salt) or a word of a name the pack knows
    best: tuple[int, str] | None = None
    limit = allowed_distance(low)
    for name in focus:
        if " " in name or abs(len(name) - len(low)) > limit or len(name) < 6:
            continue
        d = distance(low, name, limit)
        if d <= limit and not _inflection(low, name) and (best is None or d < best[0]):
            best = (d, name)
    if best is not None:
        return best[1], focus[best[1]]
    # edits1 builds ~54*len candidates of len chars each: bound it (a 77k-char token exhausted memory in fuzzing)
    # the generic names of the knowledge pack (every Drugs@FDA ingredient and the dictionary's
    # drugs), and of the optional extra's dictionary; English words must be known to use them
    if (dic or (pack_names is not None and eng)) and 7 <= len(low) <= 64 and not low.endswith(_MEDICAL_ENDINGS):
        gen = generics()
        pack_gen = pack_names[2] if pack_names is not None else frozenset()
        for cand in sorted(edits1(low)):
            if (cand in gen or cand in pack_gen) and len(cand) >= 7 and cand not in eng and " " not in cand \
                    and not _inflection(low, cand):
                return cand, dic.get(cand, cand)
    return None


@lru_cache(maxsize=1)
def pack_vocabulary() -> tuple[frozenset[str], frozenset[str], frozenset[str]] | None:
    """(every name key, every word of a name, the generic names) of the knowledge pack, or
    None without it. Read once per process, only when a prose word needs it."""
    from druglint.specs.known import pack

    kb = pack()
    if kb is None:
        return None
    keys = [str(k) for k in kb.known_keys()]
    words: set[str] = set()
    for k in keys:
        words.update(WORD.findall(k))
    return frozenset(keys), frozenset(words), frozenset(str(d) for d in kb.drugs())


SALT_WORDS = {"sodium", "potassium", "calcium", "magnesium", "hydrochloride", "hydrobromide", "acetate", "phosphate",
              "sulfate", "sulphate", "succinate", "maleate", "mesylate", "tartrate", "citrate", "fumarate", "bisulfate",
              "acetonide", "hexacetonide", "cypionate", "propionate", "valerate", "dipropionate", "besylate", "chloride"}


def focus_names(names: dict[str, str]) -> dict[str, str]:
    """Names plus each word (6+ letters) of a multi-word generic name (not salt words)."""
    out = dict(names)
    for n, canon in names.items():
        if " " in n and n == canon.lower():
            for w in n.split():
                if len(w) >= 6 and w.isalpha() and w not in SALT_WORDS:
                    out.setdefault(w, canon)
    return out


# medical English that is one letter from some generic name in the large dictionary
# ("dystonia" / "dystonin"): the dictionary stage leaves words with these endings alone
_MEDICAL_ENDINGS = ("ia", "ic", "al", "ous", "osis", "itis", "emia", "ory", "ive", "ism", "ary")


def _inflection(a: str, b: str) -> bool:
    return a + "s" == b or b + "s" == a or a + "es" == b or b + "es" == a


def match_case(suggestion: str, token: str) -> str:
    if token.isupper():
        return suggestion.upper()
    if token[:1].isupper():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion
