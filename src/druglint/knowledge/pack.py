"""The knowledge pack in memory: name resolution and per-drug facts, each with its source.

``Pack.open(folder)`` reads ``pack.json``, ``drugs.txt`` and the memory-mapped name index
(``index.npy``); ``names.parquet`` and ``products.parquet`` are read on first use. Resolution
(``resolver.py``) is vectorised over distinct values. ``how`` says what it took: the name's
own kind in the pack (generic, salt, brand, synonym, international), ``salt`` when only salt
words had to be dropped, ``normalised`` when case and punctuation were not enough (dose or
form suffix, parenthesis, report noise, trailing maker name), ``combination`` for "A AND B".
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any

from druglint.knowledge.strength import Strength

HOWS = ("generic", "brand", "synonym", "salt", "international", "normalised", "combination")


@dataclass(frozen=True)
class Resolution:
    name: str  # as written
    drug: str | None  # drug id (active moiety, or "a; b" for a combination), None when unknown
    how: str | None  # see HOWS; None when unknown
    layer: str | None = None  # "pack" here; the layered lookup sets "spec" or "derived"
    source: str | None = None  # "Drugs@FDA NDA020702 product 001", ...
    matched: str | None = None  # the pack name it matched, as written in the source


@dataclass(frozen=True)
class ProductFact:
    """One Drugs@FDA product of an ingredient (the source of route, form and strength facts)."""

    appl: str  # "NDA020702"
    product: str  # "001"
    brand: str
    form: str  # "tablet"
    route: str  # as written: "ORAL", "INJECTION"
    routes: tuple[str, ...]  # SPL route names; () when the route names none
    route_specific: bool
    strength_text: str
    strength: Strength | None
    status: str  # Prescription, Over-the-counter, Discontinued, None (Tentative Approval)
    combination: str  # other-ingredient products: "amlodipine; atorvastatin"; "" when single

    @property
    def record(self) -> str:
        return f"Drugs@FDA {self.appl} product {self.product}"


@dataclass(frozen=True)
class NameFact:
    name: str
    how: str
    source: str  # "Drugs@FDA NDA020702 product 001", "drug-named-entity-recognition 2.0.9: ..."


@dataclass
class IngredientFacts:
    drug: str
    names: list[NameFact] = field(default_factory=list)
    products: list[ProductFact] = field(default_factory=list)

    def _names(self, how: str) -> list[str]:
        return [n.name for n in self.names if n.how == how]

    @property
    def brands(self) -> list[str]:
        return self._names("brand")

    @property
    def synonyms(self) -> list[str]:
        return self._names("synonym")

    @property
    def international(self) -> list[str]:
        return self._names("international")

    @property
    def salts(self) -> list[str]:
        return self._names("salt")

    @property
    def routes(self) -> tuple[str, ...]:
        """SPL route names of every product (sorted)."""
        return tuple(sorted({r for p in self.products for r in p.routes}))

    @property
    def route_specific(self) -> bool:
        """True when every product names its routes: only then is a route outside ``routes``
        unapproved per Drugs@FDA ("INJECTABLE;INJECTION" names none)."""
        return bool(self.products) and all(p.route_specific for p in self.products)

    @property
    def forms(self) -> tuple[str, ...]:
        return tuple(sorted({p.form for p in self.products if p.form}))

    @property
    def strengths(self) -> list[Strength]:
        """Distinct parsed strengths of the application holders' single-ingredient products
        (a combination's strengths are in ``products``, with ``combination`` set)."""
        seen: dict[tuple, Strength] = {}
        for p in self.products:
            if p.strength is not None and not p.combination:
                s = p.strength
                seen.setdefault((s.value, s.unit, s.per_value, s.per_unit, s.basis), s)
        return list(seen.values())

    @property
    def applications(self) -> list[tuple[str, str]]:
        """(application, marketing status of its products) pairs, e.g. ('NDA020702', 'Prescription')."""
        return sorted({(p.appl, p.status) for p in self.products})

    @property
    def sources(self) -> list[str]:
        return sorted({p.record for p in self.products} | {n.source for n in self.names})


def _read(pq: Any, path: str) -> Any:
    """A parquet file as a DataFrame: one thread (faster and steadier than pyarrow's pool for
    files this small on a busy machine) and no pyarrow.dataset import."""
    return pq.ParquetFile(path).read(use_threads=False).to_pandas()


MEMO_LIMIT = 500_000  # distinct names remembered per process


class Pack:
    """The loaded pack: the name index (memory-mapped), the drug list and metadata at once;
    ``names_table`` (key, name, drug, how, source, record, alternatives) and ``products`` (one
    row per product ingredient, see ``assemble.products``) on first use."""

    def __init__(self, folder: str):
        import numpy as np

        self.folder = folder
        with open(os.path.join(folder, "pack.json"), encoding="utf-8") as fh:
            self.meta = json.load(fh)
        with open(os.path.join(folder, "drugs.txt"), encoding="utf-8") as fh:
            self.drug_ids = np.array(fh.read().split("\n")[:-1], dtype=object)
        self.index = np.load(os.path.join(folder, "index.npy"), mmap_mode="r")
        self._names: Any = None
        self._products: Any = None
        self._memo: dict[Any, tuple[int, Any, Any]] = {}  # distinct written name -> (row, how, combination)
        self._by_drug: dict[str, tuple[int, int]] | None = None
        self._by_combo: dict[str, list[int]] | None = None

    @classmethod
    def open(cls, folder: str) -> "Pack":
        return cls(folder)

    @property
    def names_table(self) -> Any:
        if self._names is None:
            import pyarrow.parquet as pq

            t = _read(pq, os.path.join(self.folder, "names.parquet"))
            t["name"] = t["name"].where(t["name"].notna(), t["key"])  # stored only when it differs in more than case
            self._names = t
        return self._names

    @property
    def products(self) -> Any:
        if self._products is None:
            import pyarrow.parquet as pq

            p = _read(pq, os.path.join(self.folder, "products.parquet"))
            for c in ("unit", "per_unit", "basis", "note"):
                p[c] = p[c].astype(object).where(p[c].notna(), None)
            self._products = p
        return self._products

    @property
    def releases(self) -> dict[str, str]:
        """source name -> release ("Drugs@FDA" -> "2019-07-02")."""
        return {s["name"]: s.get("release", "") for s in self.meta.get("sources", [])}

    def source_label(self, source: str, record: str, name: str | None = None) -> str:
        """Human citation of one name row."""
        if source == "Drugs@FDA":
            return f"Drugs@FDA {record}"
        what = f"{name!r} -> {record!r}" if name is not None else repr(record)
        return f"{source} {self.releases.get(source, '')}: {what}".replace("  ", " ")

    # --------------------------------------------------------------- resolution
    def resolve_many(self, names: Any) -> tuple[Any, Any]:
        """(drug, how) object arrays, one entry per input (None where unknown)."""
        from druglint.knowledge.resolver import drugs_of

        rows, how, combos = self._resolve_rows(names)
        return drugs_of(self.index, self.drug_ids, rows, how, combos), how

    def _resolve_rows(self, names: Any) -> tuple[Any, Any, Any]:
        """resolver.resolve_rows, remembered per distinct value across calls of one process
        (rules resolve drug_a, then drug_b, then the next file's columns)."""
        import numpy as np
        import pandas as pd

        from druglint.knowledge.resolver import resolve_rows

        s = names if isinstance(names, pd.Series) else pd.Series(np.asarray(names, dtype=object))
        codes, uniques = pd.factorize(s)
        memo = self._memo
        new = [u for u in uniques if u not in memo]
        if new:
            if len(memo) + len(new) > MEMO_LIMIT:
                memo.clear()
            rows, hows, combos = resolve_rows(self.index, self.drug_ids, new)
            memo.update(zip(new, zip(rows.tolist(), hows, combos)))
        got = [memo[u] for u in uniques] + [(-1, None, None)]  # last: missing values (code -1)
        rows = np.array([g[0] for g in got], dtype=np.int64)[codes]
        hows = np.array([g[1] for g in got], dtype=object)[codes]
        combos = np.array([g[2] for g in got], dtype=object)[codes]
        return rows, hows, combos

    def describe_many(self, names: Any) -> list[Resolution | None]:
        """``resolve`` for many names at once (the names table is read once, rows taken in bulk)."""
        import numpy as np

        rows, how, combos = self._resolve_rows(names)
        hit = np.flatnonzero(rows >= 0)
        t = self.names_table
        cols = {c: t[c].to_numpy(dtype=object)[rows[hit]] for c in ("drug", "name", "source", "record")}
        out: list[Resolution | None] = [None] * len(rows)
        for j, i in enumerate(hit):
            out[i] = Resolution(str(names[i]), cols["drug"][j], how[i], "pack",
                                self.source_label(cols["source"][j], cols["record"][j], cols["name"][j]), cols["name"][j])
        for i in np.flatnonzero(how == "combination"):
            out[i] = Resolution(str(names[i]), combos[i], "combination", "pack", "each part resolved on its own", None)
        return out

    def resolve(self, name: Any) -> Resolution | None:
        """The resolution of one name, or None when the pack does not know it."""
        rows, how, combos = self._resolve_rows([name])
        r = int(rows[0])
        if how[0] == "combination":
            return Resolution(str(name), combos[0], "combination", "pack", "each part resolved on its own", None)
        if r < 0:
            return None
        t = self.names_table.iloc[r]
        return Resolution(str(name), t["drug"], how[0], "pack", self.source_label(t["source"], t["record"], t["name"]), t["name"])

    def is_known_name(self, name: Any) -> bool:
        return self.resolve_many([name])[0][0] is not None

    def known_keys(self) -> Any:
        """Every name key of the pack (a pandas Index): the near-miss dictionary. Built once:
        the Index keeps its hash table, which every later lookup reuses (rebuilding it per
        table cost 40 ms each in a 20-file pre-commit run)."""
        cached = self.__dict__.get("_known_keys")
        if cached is None:
            import pandas as pd

            cached = self.__dict__["_known_keys"] = pd.Index(self.names_table["key"].to_numpy(dtype=object))
        return cached

    @property
    def longest_key(self) -> int:
        """Length of the longest name key (pack.json; a name longer by two is one edit from none)."""
        if "longest_key" in self.meta:
            return int(self.meta["longest_key"])
        return max(map(len, self.known_keys()), default=0)  # a pack built before the field

    def near_miss_lookup(self, keys: Any) -> tuple[Any, Any]:
        """(drug id or None, may-be-suggested) per name key: the exact-key lookup of the
        near-miss search, on the memory-mapped index and the one-bit-per-name target list
        (``targets.npy``: Drugs@FDA names and generic names), never reading names.parquet."""
        import numpy as np

        from druglint.knowledge.index import lookup

        rows = lookup(self.index, keys)
        hit = rows >= 0
        drug = np.full(len(rows), None, dtype=object)
        drug[hit] = self.drug_ids[np.asarray(self.index["drug"])[rows[hit]]]
        target = np.zeros(len(rows), dtype=bool)
        bits = self.__dict__.get("_targets")
        if bits is None:
            path = os.path.join(self.folder, "targets.npy")
            if os.path.exists(path):
                bits = np.unpackbits(np.load(path))[: len(self.index)].astype(bool)
            else:  # a pack built before targets.npy
                t = self.names_table
                bits = ((t["source"] == "Drugs@FDA") | (t["how"] == "generic")).to_numpy()
            self.__dict__["_targets"] = bits
        target[hit] = bits[rows[hit]]
        return drug, target

    def drugs(self) -> Any:
        """The drug ids (sorted object ndarray)."""
        return self.drug_ids

    # -------------------------------------------------------------------- facts
    def facts(self, drug: str) -> IngredientFacts | None:
        """Names and products of a drug id (moiety or combination), None when unknown."""
        import numpy as np

        where = np.searchsorted(self.drug_ids, drug)  # drugs.txt is sorted
        number = where if where < len(self.drug_ids) and self.drug_ids[where] == drug else -1
        name_rows = np.flatnonzero(np.asarray(self.index["drug"]) == number) if number >= 0 else np.array([], dtype=int)
        prod_rows = self._product_rows(drug)
        if not len(name_rows) and not len(prod_rows):
            return None
        t = self.names_table.iloc[name_rows]
        names = [NameFact(n, h, self.source_label(src, rec, n)) for n, h, src, rec in zip(t["name"], t["how"], t["source"], t["record"])]
        return IngredientFacts(drug, names, [self._product(r) for r in self.products.iloc[prod_rows].to_dict("records")])

    def _product_rows(self, drug: str) -> list[int]:
        if self._by_drug is None:
            import pandas as pd

            p = self.products
            first = pd.Series(range(len(p)), index=p["drug"].to_numpy()).groupby(level=0).agg(["min", "max"])
            self._by_drug = {d: (int(a), int(b) + 1) for d, a, b in zip(first.index, first["min"], first["max"])}
            combos = p.index[p["combination"] != ""]
            self._by_combo = pd.Series(combos, index=p.loc[combos, "combination"].to_numpy()).groupby(level=0).agg(list).to_dict()
        if drug in self._by_drug:
            a, b = self._by_drug[drug]
            return list(range(a, b))
        return list(self._by_combo.get(drug, []))  # type: ignore[union-attr]

    @staticmethod
    def _product(r: dict) -> ProductFact:
        strength = None
        if r["value"] == r["value"] and r["value"] is not None:  # not NaN: the text parsed
            per = r["per_value"]
            strength = Strength(float(r["value"]), r["unit"], float(per) if per == per and per is not None else None,
                                r["per_unit"], r["basis"], r["note"], r["strength"])
        return ProductFact(r["appl"], r["product"], r["brand"], r["form"], r["route"],
                           tuple(x for x in (r["routes"] or "").split("|") if x), bool(r["route_specific"]),
                           r["strength"], strength, r["status"], r["combination"])
