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

    def resolve(self, value: str) -> str | None:
        return self.lookup.get(norm(value))

    def suggest(self, value: str) -> str | None:
        """A did-you-mean for an unknown value, or None when nothing is close."""
        key = norm(value)
        match = difflib.get_close_matches(key, list(self.lookup), n=1, cutoff=0.75)
        return self.lookup[match[0]] if match else None


def _build(name: str, canonical: list[str], synonyms: dict[str, str] | None = None) -> Vocabulary:
    lookup = {norm(c): c for c in canonical}
    for alias, target in (synonyms or {}).items():
        lookup.setdefault(norm(alias), target)
    return Vocabulary(name, canonical, lookup)


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
        return _build(name, [t["name"] for t in d["terms"]], d.get("synonyms"))
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
