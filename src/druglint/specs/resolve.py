"""Drug-name resolution: generic names, brands, synonyms, salt forms and case -> canonical name.

Two sources of names: the identities of the loaded specs (generic name, brands, synonyms) and
the shipped vocabulary ``vocab/drug_names.yaml`` (58 drugs with sourced brands, salts and INN
spellings). Error-prone abbreviations listed there (HCT, MS...) are never resolved silently.
A name that resolves to nothing may be a near miss of a known name: ``suggest`` proposes it
only for a single edit (a typo) on a name of six characters or more, so that distinct real
drugs sharing a stem (fosinopril, lisinopril) are not "corrected" into each other.

Columns are resolved once per distinct value (``pandas.factorize``), then broadcast back.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from druglint.vocab import data, norm

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

# Salt and hydrate words that follow a base name ("acyclovir sodium", "valacyclovir HCl").
SALT_WORDS = ("sodium", "potassium", "calcium", "magnesium", "hydrochloride", "hcl", "hydrobromide", "sulfate", "sulphate",
              "phosphate", "acetate", "succinate", "mesylate", "maleate", "tartrate", "citrate", "besylate", "fumarate",
              "dihydrate", "monohydrate", "trihydrate", "anhydrous", "disodium", "dipropionate", "propionate", "valerate")
_SALT = re.compile(r"(?:\s+(?:" + "|".join(SALT_WORDS) + r"))+$")
_PAREN = re.compile(r"\s*\(([^()]*)\)\s*")
_PUNCT = re.compile(r"[®™]")
# A did-you-mean needs a name of at least 6 characters within ONE edit (insertion, deletion,
# substitution or transposition) of a known name. Two edits were tried and measured on the
# DDInter ATC-A file: all 5 suggestions were distinct real drugs (esomeprazole -> omeprazole,
# duloxetine -> fluoxetine, mephenytoin -> phenytoin, fosinopril -> lisinopril,
# cycloserine -> cyclosporine), because drug names share stems.
MIN_SUGGEST_LENGTH = 6


def _key(name: Any) -> str:
    return norm(_PUNCT.sub("", str(name)))


@dataclass(frozen=True)
class Resolution:
    written: str
    canonical: str | None  # None: unknown name
    how: str  # "exact", "synonym", "salt", "parenthesis", "unknown"
    suggestion: str | None = None  # canonical-cased name it probably means (did you mean)
    suggestion_for: str | None = None  # the known spelling the suggestion matched


@dataclass
class Resolver:
    lookup: dict[str, str] = field(default_factory=dict)  # key -> canonical generic name
    display: dict[str, str] = field(default_factory=dict)  # key -> name as written in the source
    with_spec: set[str] = field(default_factory=set)  # canonical names that have a spec

    def add(self, name: str, canonical: str, overwrite: bool = False) -> None:
        k = _key(name)
        if not k:
            return
        if overwrite or k not in self.lookup:
            self.__dict__.pop("_longest", None)
            self.lookup[k] = canonical
            self.display[k] = str(name).strip()

    def canonical(self, name: Any) -> str | None:
        return self.resolve(name).canonical

    def resolve(self, name: Any, suggest: bool = True) -> Resolution:
        written = "" if name is None else str(name)
        k = _key(written)
        if not k:
            return Resolution(written, None, "unknown")
        hit = self.lookup.get(k)
        if hit:
            return Resolution(written, hit, "exact" if k == hit else "synonym")
        base = _SALT.sub("", k)
        if base != k and base in self.lookup:
            return Resolution(written, self.lookup[base], "salt")
        m = _PAREN.search(k)
        if m:  # "Imlygic (talimogene laherparepvec)" or "talimogene laherparepvec (T-VEC)"
            for part in (_PAREN.sub(" ", k).strip(), m.group(1).strip()):
                inner = self.resolve(part, suggest=False)
                if inner.canonical:
                    return Resolution(written, inner.canonical, "parenthesis")
        if not suggest:
            return Resolution(written, None, "unknown")
        guess = self.suggest(k)
        return Resolution(written, None, "unknown", self.lookup[guess] if guess else None,
                          self.display.get(guess) if guess else None)

    def suggest(self, key: str) -> str | None:
        """The known key one edit away from ``key`` (a generic name preferred), or None."""
        n = len(key)
        if n < MIN_SUGGEST_LENGTH or key.isdigit():
            return None
        longest = self.__dict__.get("_longest")
        if longest is None:
            longest = self.__dict__["_longest"] = max(map(len, self.lookup), default=0)
        if n > longest + 1:  # no known name is one edit away; the deletion variants below
            return None      # would cost the square of the length (a 500,000-letter cell: minutes)
        memo = self.__dict__.setdefault("_suggest_memo", {})
        if key in memo:
            return memo[key]
        best = None
        for cand in self._one_deletion_apart(key):
            if _one_edit(key, cand):
                if best is None or (self.lookup[cand] == cand and self.lookup[best] != best):
                    best = cand
        memo[key] = best
        return best

    def _one_deletion_apart(self, key: str) -> list[str]:
        """Known keys that share a one-deletion variant with ``key`` (a superset of the keys
        one insertion, deletion, substitution or transposition away), in the order a scan
        by length then by insertion would meet them, so ties resolve as they always did."""
        index = self.__dict__.get("_deletions")
        if index is None:
            index = self.__dict__["_deletions"] = {}
            for rank, k in enumerate(self.lookup):
                for v in {k, *(k[:i] + k[i + 1:] for i in range(len(k)))}:
                    index.setdefault(v, []).append((len(k), rank, k))
        found = {c for v in {key, *(key[:i] + key[i + 1:] for i in range(len(key)))} for c in index.get(v, ())}
        return [k for _, _, k in sorted(found)]

    # -------------------------------------------------------------- vectorised
    def resolve_many(self, values: Any) -> list[Resolution]:
        """One resolution per value (distinct values expected), remembered across columns and
        tables of one process."""
        memo = self.__dict__.setdefault("_memo", {})
        if len(memo) > 200_000:  # bounded across runs in one process
            memo.clear()
        out = []
        for u in values:
            r = memo.get(u)
            if r is None:
                r = memo[u] = self.resolve(u)
            out.append(r)
        return out

    def resolve_series(self, s: "pd.Series") -> "pd.DataFrame":
        """Per row: ``canonical`` (or None), ``suggestion`` (or None), ``has_spec`` and ``code``
        (the factor code of the distinct written value, -1 for missing)."""
        import numpy as np
        import pandas as pd

        codes, uniques = pd.factorize(s)
        res = self.resolve_many(uniques)
        canon = np.array([r.canonical for r in res] + [None], dtype=object)
        sugg = np.array([r.suggestion for r in res] + [None], dtype=object)
        sugg_for = np.array([r.suggestion_for for r in res] + [None], dtype=object)
        spec = np.array([r.canonical in self.with_spec if r.canonical else False for r in res] + [False], dtype=bool)
        return pd.DataFrame({"canonical": pd.Series(canon[codes], dtype=object, index=s.index),
                             "suggestion": pd.Series(sugg[codes], dtype=object, index=s.index),
                             "suggestion_for": pd.Series(sugg_for[codes], dtype=object, index=s.index),
                             "has_spec": spec[codes], "code": codes}, index=s.index)


def _one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by exactly one insertion, deletion, substitution or
    transposition of adjacent letters (linear time, no edit-distance table)."""
    if a == b:
        return False
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la < lb:
        a, b, la, lb = b, a, lb, la
    i = 0
    while i < lb and a[i] == b[i]:
        i += 1
    if la != lb:  # one letter more in a
        return a[i + 1:] == b[i:]
    if a[i + 1:] == b[i + 1:]:  # substitution
        return True
    return i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2:] == b[i + 2:]  # transposition


@lru_cache(maxsize=1)
def vocab_resolver() -> Resolver:
    """Names from vocab/drug_names.yaml only (no specs)."""
    r = Resolver()
    for d in data("drug_names")["drugs"]:
        canon = norm(d["name"])
        r.add(d["name"], canon, overwrite=True)
        for syn in d.get("synonyms") or []:
            r.add(syn, canon)
    return r


@lru_cache(maxsize=None)
def class_members(name: str) -> list[str]:
    """Canonical member names of a class in vocab/drug_classes.yaml ([] when unknown)."""
    key = norm(name)
    for c in data("drug_classes")["classes"]:
        if norm(c["name"]) == key:
            return [norm(m) for m in c.get("members") or []]
    return []


def split_list(text: Any) -> list[str]:
    """'acyclovir; prednisone' -> ['acyclovir', 'prednisone'] (the concomitant column)."""
    if text is None:
        return []
    return [p.strip() for p in str(text).split(";") if p.strip()]
