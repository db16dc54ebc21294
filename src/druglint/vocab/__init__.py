"""Controlled vocabularies shipped as YAML data files beside this module, each naming its
sources. ``vocabulary(name)`` gives a case- and whitespace-insensitive lookup."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

_SPACE = re.compile(r"[\s_]+")


def norm(text: str) -> str:
    """The matching key of a value: case-folded, whitespace collapsed, ends stripped."""
    return _SPACE.sub(" ", str(text)).strip().casefold()


@lru_cache(maxsize=None)
def data(name: str) -> Any:
    """The parsed content of ``vocab/<name>.yaml``."""
    from druglint.memo import memo

    raw = resources.files(__name__).joinpath(f"{name}.yaml").read_bytes()

    def parse() -> Any:
        from ruamel.yaml import YAML

        return YAML(typ="safe").load(raw.decode("utf-8"))

    return memo("vocab", raw, parse)


@dataclass
class Vocabulary:
    name: str
    canonical: list[str]
    lookup: dict[str, str] = field(default_factory=dict)  # norm(value) -> canonical
    # norm(value) -> canonical for abbreviations that resolve but are error-prone (ISMP):
    # the schema reports them as DL411 rather than as a plain respelling (DL105)
    error_prone: dict[str, str] = field(default_factory=dict)

    def resolve(self, value: str) -> str | None:
        return self.lookup.get(norm(value))

    def suggest(self, value: str) -> str | None:
        """A did-you-mean for an unknown value, or None when nothing is close."""
        key = norm(value)
        if self.name == "route":
            return _route_suggest(key, self.lookup)
        match = difflib.get_close_matches(key, list(self.lookup), n=1, cutoff=0.75)
        return self.lookup[match[0]] if match else None


# Route words are built from a prefix and a root (intra + vesical, sub + cutaneous): a
# did-you-mean must keep the root, not only share letters ("intravesicular" is
# intravesical, never "intratesticular"). Adjective endings are compared as one stem.
_ROUTE_PREFIX = re.compile(r"^(intra|extra|sub|trans|endo|peri|retro|epi|inter|per|supra)-?")
_ROUTE_ENDING = re.compile(r"(?:ularly|ally|ular|ar|al|ic|ous|ly|e)$")


def _route_stem(word: str) -> str:
    return _ROUTE_ENDING.sub("", word.replace("-", ""))


def _route_suggest(key: str, lookup: dict[str, str]) -> str | None:
    stems = {}
    for alias, target in lookup.items():
        stems.setdefault(_route_stem(alias), set()).add(target)
    same_stem = stems.get(_route_stem(key), set())
    if len(same_stem) == 1:
        return next(iter(same_stem))
    for cand in difflib.get_close_matches(key, list(lookup), n=5, cutoff=0.75):
        p1, p2 = _ROUTE_PREFIX.match(key), _ROUTE_PREFIX.match(cand)
        root1 = key[p1.end():] if p1 else key
        root2 = cand[p2.end():] if p2 else cand
        if (p1 is None) == (p2 is None) and root1[:2] == root2[:2]:
            return lookup[cand]
    return None


def _build(name: str, canonical: list[str], synonyms: dict[str, str] | None = None,
           error_prone: dict[str, str] | None = None) -> Vocabulary:
    lookup = {norm(c): c for c in canonical}
    for alias, target in (synonyms or {}).items():
        lookup.setdefault(norm(alias), target)
    risky = {norm(a): t for a, t in (error_prone or {}).items()}
    for alias, target in risky.items():
        lookup.setdefault(alias, target)
    return Vocabulary(name, canonical, lookup, risky)


@lru_cache(maxsize=None)
def vocabulary(name: str) -> Vocabulary:
    """Vocabularies by name: frequency_category, severity, route, unit."""
    if name == "frequency_category":
        d = data("frequency_categories")
        return _build(name, [t["name"] for t in d["terms"]], d.get("synonyms"))
    if name == "severity":
        d = data("severities")
        return _build(name, [t["name"] for t in d["terms"]])
    if name == "route":
        d = data("routes")
        return _build(name, [t["name"] for t in d["terms"]], {**(d.get("synonyms") or {}), **(d.get("abbreviations") or {})},
                      d.get("error_prone"))
    if name == "unit":
        d = data("units")
        return _build(name, [t["name"] for t in d["terms"]], d.get("aliases"))
    raise KeyError(name)


@dataclass(frozen=True)
class Band:
    """A CIOMS frequency band in percent; each bound inclusive or not."""

    lo: float
    hi: float
    lo_inclusive: bool
    hi_inclusive: bool

    def text(self) -> str:
        if self.hi >= 100:
            return f"{'>=' if self.lo_inclusive else '>'} {self.lo:g} %"
        if self.lo <= 0:
            return f"{'<=' if self.hi_inclusive else '<'} {self.hi:g} %"
        return f"{self.lo:g} % to {'<=' if self.hi_inclusive else '<'} {self.hi:g} %"


@lru_cache(maxsize=None)
def frequency_bands() -> dict[str, Band]:
    """CIOMS category -> its band ('not known' has none and is left out)."""
    return {t["name"]: Band(float(t["min_percent"]), float(t["max_percent"]), bool(t["min_inclusive"]), bool(t["max_inclusive"]))
            for t in data("frequency_categories")["terms"] if t.get("min_percent") is not None}


@lru_cache(maxsize=None)
def severity_rank() -> dict[str, int | None]:
    return {t["name"]: t.get("rank") for t in data("severities")["terms"]}
