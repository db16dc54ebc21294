"""Layers of drug knowledge, strongest first: hand-written specs, label-derived specs (a spec
with a ``derived:`` block, written by ``druglint spec derive``), then the knowledge pack.

A name resolves in the strongest layer that knows it: a spec's generic name, brand or synonym
(or a vocabulary name of a drug that has a spec) resolves to that spec; anything else goes to
the pack. Facts are layered per section: a spec that lists routes decides the routes; one
that lists none leaves them to the pack. Every fact carries its layer and source record.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SPEC, DERIVED, PACK, VOCAB = "spec", "derived", "pack", "vocab"
TITLES = {SPEC: "hand-written spec", DERIVED: "derived spec", PACK: "knowledge pack", VOCAB: "druglint vocabulary"}
# the spec resolver's words -> the resolution kinds of ``druglint.knowledge.pack.HOWS``
_SPEC_HOW = {"exact": "generic", "synonym": "synonym", "salt": "salt", "parenthesis": "normalised"}


def spec_layer(spec: Any) -> str:
    """'derived' for a spec written by ``spec derive`` (it has a ``derived:`` block), else 'spec'."""
    return DERIVED if getattr(spec, "derived", None) else SPEC


@dataclass
class Knowledge:
    specs: Any  # druglint.specs.loader.SpecSet
    pack: Any  # druglint.knowledge.pack.Pack | None (None: the configuration turned it off)

    @classmethod
    def for_config(cls, config: Any) -> "Knowledge":
        from druglint import knowledge
        from druglint.specs.loader import load_specs, spec_dirs

        return cls(load_specs(spec_dirs(config)), knowledge.load(config))

    # ------------------------------------------------------------- resolution
    def resolve_many(self, names: list[Any]) -> list[dict]:
        """Per name: {name, drug, how, layer, source} (drug, how, layer, source None when unknown)."""
        import pandas as pd

        codes, uniques = pd.factorize(pd.Series(list(names), dtype=object))
        spec_res = self.specs.resolver.resolve_many([str(u) for u in uniques])
        out_u: list[dict] = []
        pending = []
        for i, (u, r) in enumerate(zip(uniques, spec_res)):
            spec = self.specs.specs.get(r.canonical) if r.canonical else None
            if spec is not None:
                out_u.append(self._from_spec(str(u), r, spec))
            else:
                out_u.append({"name": str(u), "drug": None, "how": None, "layer": None, "source": None,
                              "_vocab": r.canonical, "_how": r.how})
                pending.append(i)
        if pending and self.pack is not None:
            for i, r in zip(pending, self.pack.describe_many([uniques[i] for i in pending])):
                if r is not None:
                    out_u[i].update(drug=r.drug, how=r.how, layer=PACK, source=r.source)
        for row in out_u:  # pack off: the vocabulary still names drugs
            vocab, how = row.pop("_vocab", None), row.pop("_how", None)
            if row["drug"] is None and vocab and self.pack is None:
                row.update(drug=vocab, how=_SPEC_HOW.get(how, "synonym"), layer=VOCAB, source="vocab/drug_names.yaml")
        missing = {"name": None, "drug": None, "how": None, "layer": None, "source": None}
        return [dict(out_u[c]) if c >= 0 else dict(missing, name=names[j]) for j, c in enumerate(codes)]

    def _from_spec(self, written: str, r: Any, spec: Any) -> dict:
        from druglint.knowledge import key

        from druglint.engine import display_path

        how = _SPEC_HOW.get(r.how, "synonym")
        path = display_path(spec.path)
        source = f"{path}:{spec.line}"
        k = key([written])[0]
        for f in spec.brands:
            if key([str(f.value)])[0] == k:
                how, source = "brand", f"{path}:{f.line} ({spec.cite(f.source)})"
        for f in spec.synonyms:
            if key([str(f.value)])[0] == k:
                source = f"{path}:{f.line} ({spec.cite(f.source)})"
        return {"name": written, "drug": spec.name, "how": how, "layer": spec_layer(spec), "source": source}

    # ------------------------------------------------------------------- listing
    def listing(self, layer: str | None = None, match: str | None = None, with_products: bool = False) -> tuple[list[dict], dict]:
        """(rows, counts): one row per known drug: drug, layer, names, products; counts per layer."""
        import pandas as pd

        spec_rows = pd.DataFrame([{"drug": s.name, "layer": spec_layer(s), "names": len(s.names()), "products": 0}
                                  for s in self.specs], columns=["drug", "layer", "names", "products"])
        if self.pack is not None:
            names = self.pack.names_table.groupby("drug").size().rename("names")
            p = self.pack.products
            single = p.drop_duplicates(["drug", "appl", "product"]).groupby("drug").size()
            combo = p[p["combination"] != ""].drop_duplicates(["combination", "appl", "product"]).groupby("combination").size()
            prods = pd.concat([single, combo]).groupby(level=0).sum().rename("products")
            pack_rows = pd.concat([names, prods], axis=1).fillna(0).astype(int).rename_axis("drug").reset_index()
            pack_rows["layer"] = PACK
        else:
            pack_rows = pd.DataFrame(columns=["drug", "layer", "names", "products"])
        counts = {SPEC: int((spec_rows["layer"] == SPEC).sum()), DERIVED: int((spec_rows["layer"] == DERIVED).sum()),
                  PACK: int(len(pack_rows)), "pack_with_products": int((pack_rows["products"] > 0).sum())}
        # a drug with a spec is listed once, in its spec layer, with the pack's product count
        if len(pack_rows):
            spec_rows["products"] = spec_rows["drug"].map(pack_rows.set_index("drug")["products"]).fillna(0).astype(int)
            pack_rows = pack_rows[~pack_rows["drug"].isin(spec_rows["drug"])]
        rows = pd.concat([spec_rows, pack_rows[["drug", "layer", "names", "products"]]], ignore_index=True)
        if layer:
            rows = rows[rows["layer"] == layer]
        if match:
            rows = rows[rows["drug"].str.contains(match.casefold(), regex=False)]
        if with_products:
            rows = rows[rows["products"] > 0]
        rows = rows.sort_values("drug", kind="stable")
        return rows.to_dict("records"), counts

    # ------------------------------------------------------------------- facts
    def pack_facts(self, drug: str) -> dict | None:
        """The pack's facts of a drug as plain data, every fact with its layer and source."""
        if self.pack is None:
            return None
        f = self.pack.facts(drug)
        if f is None:
            return None
        by_route: dict[str, list[str]] = {}
        unspecific: list[str] = []
        forms: dict[str, list[str]] = {}
        strengths: dict[tuple, dict] = {}
        for p in f.products:
            for r in p.routes:
                by_route.setdefault(r, []).append(p.record)
            if not p.route_specific:
                unspecific.append(p.record)
            forms.setdefault(p.form, []).append(p.record)
            k = (p.strength_text, p.form, p.combination)
            if k not in strengths:
                strengths[k] = {"value": p.strength.label() if p.strength else p.strength_text, "written": p.strength_text,
                                "form": p.form, "combination": p.combination or None, "parsed": p.strength is not None,
                                "layer": PACK, "sources": []}
            strengths[k]["sources"].append(p.record)
        return {
            "drug": drug,
            "release": self.pack.releases,
            "names": [{"value": n.name, "how": n.how, "layer": PACK, "sources": [n.source]} for n in f.names],
            "routes": [{"value": r, "layer": PACK, "sources": recs} for r, recs in sorted(by_route.items())],
            "route_specific": {"value": f.route_specific, "layer": PACK, "sources": unspecific[:20],
                               "note": None if f.route_specific else
                               f"{len(unspecific)} product(s) name no specific route (e.g. INJECTABLE;INJECTION): "
                               "a route outside the list is not known to be unapproved"},
            "forms": [{"value": x, "layer": PACK, "sources": recs} for x, recs in sorted(forms.items())],
            "strengths": list(strengths.values()),
            "applications": [{"value": a, "status": s, "layer": PACK, "sources": [f"Drugs@FDA {a}"]} for a, s in f.applications],
        }
