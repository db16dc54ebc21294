"""``druglint spec resolve``, ``druglint spec list`` and the layered ``druglint spec show``.

``spec resolve NAME... | -`` answers "what does druglint think COUMADINE is?": per name the
drug, how it was recognised (generic, brand, synonym, salt, international, normalised,
combination), the layer (spec, derived, pack) and the source record. Exit status 0 when every
name resolves, 1 when one does not. ``spec list`` lists the known drugs with counts per layer.
"""
from __future__ import annotations

import json
import sys
from typing import Any

EXIT_OK, EXIT_UNRESOLVED, EXIT_ERROR = 0, 1, 2
SECTIONS = ("routes", "forms", "strengths")  # facts the pack can give where a spec gives none


def add_parsers(ssub: Any, add_common: Any) -> None:
    r = ssub.add_parser("resolve", help="which drug each name is, how it was recognised, in which layer")
    r.add_argument("names", nargs="+", metavar="NAME", help="drug names; '-' reads one name per line from stdin")
    add_common(r)
    ls = ssub.add_parser("list", help="the drugs druglint knows, with counts per layer")
    ls.add_argument("--layer", choices=("spec", "derived", "pack"), help="only drugs of this layer")
    ls.add_argument("--match", metavar="TEXT", help="only drugs whose name contains TEXT")
    ls.add_argument("--with-products", action="store_true", help="only drugs with Drugs@FDA products")
    add_common(ls)


def _names(args: Any) -> list[str]:
    out: list[str] = []
    for n in args.names:
        if n == "-":
            out.extend(line.rstrip("\r\n") for line in sys.stdin if line.strip())
        else:
            out.append(n)
    return out


def cmd_resolve(args: Any, cfg: Any) -> int:
    from druglint.knowledge.layers import Knowledge

    rows = Knowledge.for_config(cfg).resolve_many(_names(args))
    if args.format == "json":
        print(json.dumps(rows, indent=1, ensure_ascii=False))
    else:
        width = min(max((len(r["name"] or "") for r in rows), default=0), 40)
        for r in rows:
            if r["drug"] is None:
                print(f"{(r['name'] or ''):<{width}}  -> (unknown)")
            else:
                print(f"{r['name']:<{width}}  -> {r['drug']}  [{r['how']}, {r['layer']}]  {r['source']}")
    return EXIT_OK if all(r["drug"] is not None for r in rows) else EXIT_UNRESOLVED


def cmd_list(args: Any, cfg: Any) -> int:
    from druglint.knowledge.layers import Knowledge

    k = Knowledge.for_config(cfg)
    rows, counts = k.listing(args.layer, args.match, args.with_products)
    if args.format == "json":
        print(json.dumps({"counts": counts, "releases": k.pack.releases if k.pack else {}, "drugs": rows}, indent=1))
        return EXIT_OK
    pack = "off" if k.pack is None else f"{counts['pack']} ({counts['pack_with_products']} with Drugs@FDA products)"
    print(f"hand-written specs: {counts['spec']}, derived specs: {counts['derived']}, knowledge pack: {pack}")
    if rows:
        w = min(max(len(r["drug"]) for r in rows), 50)
        print(f"{'drug':<{w}}  {'layer':<8} {'names':>5} {'products':>8}")
        for r in rows:
            print(f"{r['drug']:<{w}}  {r['layer']:<8} {r['names']:>5} {r['products']:>8}")
    print(f"{len(rows)} drug(s) listed")
    return EXIT_OK


# ------------------------------------------------------------------------ show
def show(args: Any, cfg: Any) -> int:
    """The layered ``spec show``: a spec's facts (layer spec or derived), then the pack's facts
    for every section the spec leaves empty; a drug only the pack knows shows the pack's."""
    from druglint.knowledge.layers import PACK, TITLES, Knowledge, spec_layer
    from druglint.specs.show import as_dict, as_text

    k = Knowledge.for_config(cfg)
    res = k.resolve_many([args.name])[0]
    if res["drug"] is None:
        from druglint.specs.known import suggest

        drug, spelled, same = suggest(cfg, k.specs.resolver, [args.name])
        hint = f"; did you mean {spelled[0]!r} ({drug[0]})?" if drug[0] is not None and not same[0] else ""
        print(f"druglint: error: unknown drug {args.name!r}{hint} (see 'druglint spec list')", file=sys.stderr)
        return EXIT_ERROR
    spec = k.specs.specs.get(res["drug"]) if res["layer"] != PACK else None
    pack = k.pack_facts(res["drug"])
    if spec is not None:
        data = as_dict(spec)
        layer = spec_layer(spec)
        for section, facts in data.items():
            if isinstance(facts, list):
                for f in facts:
                    f["layer"] = layer
        data["layer"] = layer
        if pack is not None:
            pack = {s: pack[s] for s in ("names", *SECTIONS, "route_specific", "applications", "release")
                    if s in ("names", "route_specific", "applications", "release") or not data.get(s)}
            if data.get("routes"):
                pack.pop("route_specific", None)  # the spec decides the routes
        data["pack"] = pack
    else:
        data = {"name": res["drug"], "layer": PACK, **(pack or {})}
    data["resolved_from"] = {"name": args.name, "how": res["how"], "layer": res["layer"], "source": res["source"]}
    if args.format == "json":
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return EXIT_OK
    out = []
    if spec is not None:
        own = {s: v for s, v in data.items() if s not in ("layer", "pack")}
        out.append(as_text(spec, own).rstrip("\n").replace(f"{spec.name}  (", f"{spec.name}  [{TITLES[data['layer']]}] (", 1))
        if data.get("pack"):
            out.append("")
            out.append("From the knowledge pack (sections the spec leaves empty)")
            out.extend(_pack_text(data["pack"], indent="  "))
    else:
        rel = ", ".join(f"{n} {v}" for n, v in data.get("release", {}).items())
        out.append(f"{res['drug']}  [{TITLES[PACK]}: {rel}]")
        out.append(f"  resolved from {args.name!r} ({res['how']}; {res['source']})")
        out.extend(_pack_text(data, indent=""))
    sys.stdout.write("\n".join(out) + "\n")
    return EXIT_OK


def _sources(recs: list[str]) -> str:
    more = f" (+{len(recs) - 1} more)" if len(recs) > 1 else ""
    return f"{recs[0]}{more}" if recs else "(no source)"


def _pack_text(p: dict, indent: str) -> list[str]:
    out: list[str] = []
    names = p.get("names") or []
    if names:
        out += ["", f"{indent}Names"]
        shown = [n for n in names if n["how"] in ("generic", "brand", "salt", "international")] + \
                [n for n in names if n["how"] not in ("generic", "brand", "salt", "international")][:10]
        out += [f"{indent}  {n['how']}: {n['value']}  [pack]  source: {_sources(n['sources'])}" for n in shown]
        if len(shown) < len(names):
            out.append(f"{indent}  ... {len(names) - len(shown)} more synonyms (--format json lists all)")
    if p.get("routes") or "route_specific" in p:
        out += ["", f"{indent}Routes (SPL names)"]
        out += [f"{indent}  {r['value']}  [pack]  source: {_sources(r['sources'])}" for r in p.get("routes", [])]
        rs = p.get("route_specific")
        if rs is not None:
            out.append(f"{indent}  route-specific: {'yes' if rs['value'] else 'no'}  [pack]" + (f"  {rs['note']}" if rs["note"] else ""))
    for section, title in (("forms", "Dosage forms"), ("strengths", "Marketed strengths")):
        facts = p.get(section) or []
        if facts:
            out += ["", f"{indent}{title}"]
            for f in facts:
                extra = ""
                if section == "strengths":
                    extra = f"  [{f['form']}; written {f['written']!r}" + (f"; in {f['combination']}" if f["combination"] else "") + "]"
                out.append(f"{indent}  {f['value']}{extra}  [pack]  source: {_sources(f['sources'])}")
    apps = p.get("applications") or []
    if apps:
        out += ["", f"{indent}Applications"]
        out += [f"{indent}  {a['value']}  {a['status']}  [pack]" for a in apps]
    return out
