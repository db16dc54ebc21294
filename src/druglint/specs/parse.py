"""Parse one spec file (ruamel.yaml, via druglint.yamlio) into a :class:`Spec`, keeping lines.

``load_file`` parses one file and reports schema problems (DL501 YAML, DL502 schema) as
findings instead of raising. Reading folders of specs is ``loader.py``; semantic checks
are in ``validate.py``.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from druglint.specs.provenance import FACT_META, check_derived, check_review
from druglint.specs.model import (Contraindication, Fact, Interaction, MaxDose, Phase, Population, Quantity, Reaction,
                                  Route, Spec, SpecFinding, Strength)

SPEC_VERSION = 1
TOP_KEYS = {"spec", "derived", "sources", "drug", "routes", "forms", "strengths", "schedule", "indications", "contraindications",
            "warnings", "adverse_reactions", "interactions", "populations"}
# identity facts a label codes (spec derive writes them; hand-written specs may too)
IDENTITY_CODED = ("unii", "labeler", "application", "marketing_category", "combination")


@dataclass
class _Reader:
    path: str
    findings: list[SpecFinding] = field(default_factory=list)

    def bad(self, line: int, message: str, code: str = "DL502") -> None:
        self.findings.append(SpecFinding(self.path, line, 1, code, message))

    # typed access ------------------------------------------------------------
    def get(self, node: Any, key: str, kind: type | tuple[type, ...], where: str, required: bool = False,
            default: Any = None) -> Any:
        from druglint import yamlio

        if not isinstance(node, dict) or key not in node or node[key] is None:
            if required:
                self.bad(yamlio.line_of(node), f"{where}: required key {key!r} is missing")
            return default
        value = node[key]
        if kind is float and isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        if kind is str and isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool) and kind in (float, int)):
            want = {str: "text", float: "a number", bool: "true or false", list: "a list", dict: "a mapping"}.get(
                kind if isinstance(kind, type) else kind[0], "another type")
            self.bad(yamlio.line_of(node, key), f"{where}: {key!r} must be {want}, not {type(value).__name__}")
            return default
        return value

    def keys(self, node: Any, allowed: set[str], where: str) -> None:
        from druglint import yamlio

        if isinstance(node, dict):
            for k in node:
                if str(k) not in allowed:
                    self.bad(yamlio.line_of(node, k), f"{where}: unknown key {str(k)!r} (expected one of "
                                                      f"{', '.join(sorted(allowed))})")

    def items(self, node: Any, key: str, where: str) -> list[tuple[Any, int]]:
        """(item, line) of a list-valued key; a non-list is reported."""
        from druglint import yamlio

        seq = self.get(node, key, list, where)
        if not seq:
            return []
        return [(item, yamlio.line_of(seq, i)) for i, item in enumerate(seq)]

    def mapping(self, item: Any, line: int, where: str) -> bool:
        if not isinstance(item, dict):
            self.bad(line, f"{where}: each entry must be a mapping with a 'source' (got {_shown(item)})")
            return False
        return True

    def quantity(self, node: Any, key: str, where: str, line: int) -> Quantity | None:
        """``{amount: 1e6, unit: PFU/mL}`` or ``"10^6 PFU/mL"``."""
        from druglint import yamlio

        value = node.get(key) if isinstance(node, dict) else None
        if value is None:
            return None
        qline = yamlio.line_of(node, key, line)
        if isinstance(value, dict):
            amount = parse_amount(value.get("amount"))
            unit = value.get("unit")
        else:
            m = re.match(r"^\s*(\S+)\s+(\S+)\s*$", str(value))
            amount, unit = (parse_amount(m.group(1)), m.group(2)) if m else (None, None)
        if amount is None or not isinstance(unit, str) or not unit.strip():
            self.bad(qline, f"{where}: {key!r} must be an amount and a unit, e.g. {{amount: 4, unit: mL}} or '10^6 PFU/mL'")
            return None
        from druglint.vocab import vocabulary

        canon = vocabulary("unit").resolve(unit)
        if canon is None:
            from druglint.prose.patterns import unit_advice

            self.bad(qline, f"{where}: unit {unit!r} is not a known unit{unit_advice(unit)}", "DL506")
            canon = unit.strip()
        return Quantity(amount, canon)


def _grade_provenance(r: _Reader, item: Any, line: int, where: str) -> tuple[str | None, str | None, str]:
    """``severity_basis`` (required: label | author), ``label_wording`` (required with label)
    and ``basis`` (label | secondary, default label) of an interaction (docs/specs.md)."""
    from druglint import yamlio
    from druglint.specs.grading import BASES, SEVERITY_BASES

    sev_basis = r.get(item, "severity_basis", str, where, required=True)
    if sev_basis is not None and sev_basis not in SEVERITY_BASES:
        r.bad(yamlio.line_of(item, "severity_basis", line), f"{where}: severity_basis {sev_basis!r} must be one of "
                                                            f"{', '.join(SEVERITY_BASES)}")
        sev_basis = None
    wording = r.get(item, "label_wording", str, where)
    if sev_basis == "label" and not wording:
        r.bad(line, f"{where}: severity_basis 'label' needs 'label_wording' (the label's phrase that gives the grade)")
    basis = r.get(item, "basis", str, where, default="label")
    if basis not in BASES:
        r.bad(yamlio.line_of(item, "basis", line), f"{where}: basis {basis!r} must be one of {', '.join(BASES)}")
        basis = "label"
    return sev_basis, wording, basis


def _shown(v: Any) -> str:
    text = repr(v)
    return text if len(text) < 40 else text[:37] + "..."


_POW = re.compile(r"^\s*(?:(\d+(?:\.\d+)?)\s*[x×*]\s*)?10\s*\^\s*([-+]?\d+)\s*$")


def parse_amount(value: Any) -> float | None:
    """4, 4.0, 1e6, '10^6', '1 x 10^8', '100,000,000' -> float; anything else -> None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).strip()
    m = _POW.match(text)
    if m:
        return float(m.group(1) or 1) * 10.0 ** int(m.group(2))
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def _text(value: Any) -> str:
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return str(value).strip()


def _canonical_drug(name: str) -> str:
    from druglint.specs.resolve import vocab_resolver

    return vocab_resolver().canonical(name) or " ".join(name.split()).casefold()


def _route(r: _Reader, item: Any, line: int, where: str) -> Route | None:
    from druglint.vocab import vocabulary

    if not r.mapping(item, line, where):
        return None
    r.keys(item, {"route", "qualifier", "reason", "source", "note"} | FACT_META, where)
    review = check_review(r, item, where, line)
    name = r.get(item, "route", str, where, required=True)
    if not name:
        return None
    canon = vocabulary("route").resolve(name)
    if canon is None:
        r.bad(line, f"{where}: route {name!r} is not an SPL route of administration (vocab/routes.yaml)", "DL506")
        canon = name.strip().casefold()
    return Route(canon, line, r.get(item, "source", str, where), r.get(item, "qualifier", str, where), r.get(item, "reason", str, where),
                 review)


def parse(doc: Any, path: str) -> tuple[Spec | None, list[SpecFinding]]:
    """Build a Spec from a parsed YAML document; schema problems are findings."""
    from druglint import yamlio
    from druglint.vocab import vocabulary

    r = _Reader(path)
    if not isinstance(doc, dict):
        r.bad(1, "a spec must be a YAML mapping with 'spec: 1' and a 'drug:' mapping")
        return None, r.findings
    r.keys(doc, TOP_KEYS, "spec")
    version = doc.get("spec")
    if version != SPEC_VERSION:
        r.bad(yamlio.line_of(doc, "spec"), f"spec: version must be {SPEC_VERSION}, not {_shown(version)}")
    citations: dict[str, str] = {}
    for k, v in (r.get(doc, "sources", dict, "sources") or {}).items():
        if not isinstance(v, str) or not v.strip():
            r.bad(yamlio.line_of(doc["sources"], k), f"sources: citation {str(k)!r} must be non-empty text")
        else:
            citations[str(k)] = v.strip()
    derived = check_derived(r, doc.get("derived"), yamlio.line_of(doc, "derived"))
    drug = r.get(doc, "drug", dict, "spec", required=True)
    if drug is None:
        return None, r.findings
    r.keys(drug, {"name", "source", "brands", "synonyms", "class", "sponsor", "manufacturer", "developer",
                  "approval", "description", "note", *IDENTITY_CODED} | FACT_META, "drug")
    name = r.get(drug, "name", str, "drug", required=True)
    if not name or not name.strip():
        return None, r.findings
    drug_source = r.get(drug, "source", str, "drug")
    spec = Spec(path, " ".join(name.split()).casefold(), yamlio.line_of(drug, "name"), drug_source, citations)
    spec.derived = derived
    spec.name_review = check_review(r, drug, "drug", spec.line)

    for key, target in (("brands", spec.brands), ("synonyms", spec.synonyms)):
        for item, line in r.items(drug, key, f"drug.{key}"):
            if isinstance(item, str):
                target.append(Fact(item.strip(), line, drug_source))
            elif r.mapping(item, line, f"drug.{key}"):
                r.keys(item, {"name", "source", "note"} | FACT_META, f"drug.{key}")
                review = check_review(r, item, f"drug.{key}", line)
                value = r.get(item, "name", str, f"drug.{key}", required=True)
                if value:
                    target.append(Fact(value.strip(), line, r.get(item, "source", str, f"drug.{key}"), item.get("note"), review))
    for key in ("class", "sponsor", "manufacturer", "developer", "description", *IDENTITY_CODED):
        if key not in drug or drug[key] is None:
            continue
        line = yamlio.line_of(drug, key)
        value = drug[key]
        if isinstance(value, dict):
            r.keys(value, {"value", "source", "note"} | FACT_META, f"drug.{key}")
            review = check_review(r, value, f"drug.{key}", line)
            v = r.get(value, "value", str, f"drug.{key}", required=True)
            if v:
                spec.identity[key] = Fact(v, line, r.get(value, "source", str, f"drug.{key}"), value.get("note"), review)
        else:
            spec.identity[key] = Fact(_text(value), line, drug_source)
    approval = r.get(drug, "approval", dict, "drug")
    if approval is not None:
        r.keys(approval, {"authority", "date", "year", "source", "note", "application"} | FACT_META, "drug.approval")
        review = check_review(r, approval, "drug.approval", yamlio.line_of(drug, "approval"))
        authority = r.get(approval, "authority", str, "drug.approval", required=True) or "?"
        date = approval.get("date")
        if date is not None and not isinstance(date, (_dt.date, _dt.datetime)):
            r.bad(yamlio.line_of(approval, "date"), f"drug.approval: date {_shown(date)} must be an ISO date (YYYY-MM-DD)")
        year = approval.get("year")
        if year is not None and (isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2100):
            r.bad(yamlio.line_of(approval, "year"), f"drug.approval: year {_shown(year)} must be a four-digit year")
            year = None
        when = _text(date) if date is not None else (str(year) if year is not None else "")
        spec.identity["approval"] = Fact(f"{authority} {when}".strip(),
                                         yamlio.line_of(drug, "approval"), r.get(approval, "source", str, "drug.approval"),
                                         approval.get("note"), review)

    routes = r.get(doc, "routes", dict, "spec")
    if routes is not None:
        r.keys(routes, {"approved", "forbidden"}, "routes")
        for item, line in r.items(routes, "approved", "routes.approved"):
            x = _route(r, item, line, "routes.approved")
            if x:
                spec.approved_routes.append(x)
        for item, line in r.items(routes, "forbidden", "routes.forbidden"):
            x = _route(r, item, line, "routes.forbidden")
            if x:
                spec.forbidden_routes.append(x)

    for key, target, field_name in (("forms", spec.forms, "form"), ("indications", spec.indications, "text"),
                                    ("warnings", spec.warnings, "text")):
        for item, line in r.items(doc, key, key):
            if r.mapping(item, line, key):
                allowed = {field_name, "source", "note", "title", "section"} | FACT_META
                r.keys(item, allowed, key)
                review = check_review(r, item, key, line)
                value = r.get(item, field_name, str, key, required=True)
                title = item.get("title")
                if value:
                    target.append(Fact(f"{title}: {value}" if title else value, line, r.get(item, "source", str, key), item.get("note"),
                                       review))

    for item, line in r.items(doc, "strengths", "strengths"):
        if r.mapping(item, line, "strengths"):
            r.keys(item, {"amount", "unit", "form", "container", "source", "note", "as_labelled", "basis", "partial"} | FACT_META,
                   "strengths")
            review = check_review(r, item, "strengths", line)
            q = r.quantity({"q": {"amount": item.get("amount"), "unit": item.get("unit")}}, "q", "strengths", line)
            if q:
                spec.strengths.append(Strength(q, line, r.get(item, "source", str, "strengths"), item.get("form"),
                                               item.get("container"), item.get("note"),
                                               bool(r.get(item, "partial", bool, "strengths", default=False)), review))

    schedule = r.get(doc, "schedule", dict, "spec")
    if schedule is not None:
        r.keys(schedule, {"maximum_per_visit", "phases", "note", "source"}, "schedule")
        for item, line in r.items(schedule, "maximum_per_visit", "schedule.maximum_per_visit"):
            if r.mapping(item, line, "schedule.maximum_per_visit"):
                r.keys(item, {"amount", "unit", "route", "source", "note", "condition"} | FACT_META, "schedule.maximum_per_visit")
                review = check_review(r, item, "schedule.maximum_per_visit", line)
                q = r.quantity({"q": {"amount": item.get("amount"), "unit": item.get("unit")}}, "q", "schedule.maximum_per_visit", line)
                route = item.get("route")
                if route is not None:
                    route = vocabulary("route").resolve(str(route)) or str(route)
                if q:
                    spec.maxima.append(MaxDose(q, line, r.get(item, "source", str, "schedule.maximum_per_visit"), route, review))
        for item, line in r.items(schedule, "phases", "schedule.phases"):
            where = "schedule.phases"
            if not r.mapping(item, line, where):
                continue
            r.keys(item, {"phase", "aliases", "interval_days", "maximum", "strength", "repeats", "source", "note"} | FACT_META, where)
            review = check_review(r, item, where, line)
            pname = r.get(item, "phase", str, where, required=True)
            if not pname:
                continue
            aliases = r.get(item, "aliases", list, where) or []
            interval = item.get("interval_days")
            if interval is not None and (isinstance(interval, bool) or not isinstance(interval, (int, float)) or interval < 0):
                r.bad(yamlio.line_of(item, "interval_days", line), f"{where}: interval_days must be a number of days >= 0")
                interval = None
            spec.phases.append(Phase(pname.strip(), line, r.get(item, "source", str, where), tuple(str(a) for a in aliases),
                                     float(interval) if interval is not None else None, r.quantity(item, "maximum", where, line),
                                     r.quantity(item, "strength", where, line), bool(r.get(item, "repeats", bool, where, default=False)),
                                     yamlio.line_of(item, "strength", line), review))

    for item, line in r.items(doc, "contraindications", "contraindications"):
        if r.mapping(item, line, "contraindications"):
            r.keys(item, {"text", "population", "source", "note"} | FACT_META, "contraindications")
            review = check_review(r, item, "contraindications", line)
            text = r.get(item, "text", str, "contraindications", required=True)
            if text:
                spec.contraindications.append(Contraindication(text, line, r.get(item, "source", str, "contraindications"),
                                                               r.get(item, "population", str, "contraindications"), review))

    cats = vocabulary("frequency_category")
    for item, line in r.items(doc, "adverse_reactions", "adverse_reactions"):
        where = "adverse_reactions"
        if not r.mapping(item, line, where):
            continue
        r.keys(item, {"term", "lay", "percent", "category", "serious", "source", "note", "arms"} | FACT_META, where)
        review = check_review(r, item, where, line)
        arms = r.get(item, "arms", dict, where) or {}
        if any(isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v <= 100 for v in arms.values()):
            r.bad(yamlio.line_of(item, "arms", line), f"{where}: arms maps each study arm to a percent (0-100)")
        term = r.get(item, "term", str, where, required=True)
        if not term:
            continue
        pct = r.get(item, "percent", float, where)
        if pct is not None and not 0 <= pct <= 100:
            r.bad(yamlio.line_of(item, "percent", line), f"{where}: percent {pct:g} is outside 0-100")
            pct = None
        cat = r.get(item, "category", str, where)
        if cat is not None:
            canon = cats.resolve(cat)
            if canon is None:
                r.bad(yamlio.line_of(item, "category", line), f"{where}: category {cat!r} is not a CIOMS frequency category", "DL506")
            cat = canon
        lay = r.get(item, "lay", list, where) or []
        spec.reactions.append(Reaction(term.strip(), line, r.get(item, "source", str, where), tuple(str(x) for x in lay), pct, cat,
                                       r.get(item, "serious", bool, where), item.get("note"), review))

    sev = vocabulary("severity")
    for item, line in r.items(doc, "interactions", "interactions"):
        where = "interactions"
        if not r.mapping(item, line, where):
            continue
        r.keys(item, {"drug", "class", "members", "effect", "severity", "severity_basis", "label_wording", "basis",
                      "justification", "source", "note"} | FACT_META, where)
        review = check_review(r, item, where, line)
        drug_name = r.get(item, "drug", str, where)
        klass = r.get(item, "class", str, where)
        if bool(drug_name) == bool(klass):
            r.bad(line, f"{where}: give exactly one of 'drug' or 'class'")
            continue
        effect = r.get(item, "effect", str, where, required=True) or ""
        level = r.get(item, "severity", str, where, required=True)
        canon_sev = sev.resolve(level) if level else None
        if level and canon_sev is None:
            r.bad(yamlio.line_of(item, "severity", line), f"{where}: severity {level!r} is not on the severity scale "
                                                          f"({', '.join(sev.canonical)})", "DL506")
        members = [str(m) for m in (r.get(item, "members", list, where) or [])]
        if klass and not members:
            from druglint.specs.resolve import class_members

            members = class_members(klass)
            if not members:
                r.bad(yamlio.line_of(item, "class", line), f"{where}: class {klass!r} is not in vocab/drug_classes.yaml; "
                                                           "list its 'members' here", "DL506")
        if drug_name:
            members = [drug_name]
        sev_basis, wording, basis = _grade_provenance(r, item, line, where)
        spec.interactions.append(Interaction(line, r.get(item, "source", str, where), effect, canon_sev or "unknown",
                                             _canonical_drug(drug_name) if drug_name else None, klass,
                                             tuple(dict.fromkeys(_canonical_drug(m) for m in members)),
                                             r.get(item, "justification", str, where), review, sev_basis, wording, basis))

    for item, line in r.items(doc, "populations", "populations"):
        if r.mapping(item, line, "populations"):
            r.keys(item, {"population", "recommendation", "source", "note"} | FACT_META, "populations")
            review = check_review(r, item, "populations", line)
            pop = r.get(item, "population", str, "populations", required=True)
            rec = r.get(item, "recommendation", str, "populations", required=True)
            if pop and rec:
                spec.populations.append(Population(pop, rec, line, r.get(item, "source", str, "populations"), review))
    return spec, r.findings


def load_text(text: str, path: str) -> tuple[Spec | None, list[SpecFinding]]:
    from druglint import yamlio

    try:
        doc = yamlio.load(text)
    except yamlio.YamlError as exc:
        return None, [SpecFinding(path, exc.line, exc.column, "DL501", exc.message)]
    return parse(doc, path)


def load_file(path: str, shown: str | None = None, data: bytes | None = None) -> tuple[Spec | None, list[SpecFinding]]:
    shown = shown or path
    try:
        raw = data if data is not None else Path(path).read_bytes()
    except OSError as exc:
        return None, [SpecFinding(shown, 1, 1, "DL501", f"cannot read spec: {exc.strerror or exc}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [SpecFinding(shown, raw[: exc.start].count(b"\n") + 1, 1, "DL501", "spec is not valid UTF-8")]
    from druglint.memo import memo

    # parsing a spec with ruamel costs ~0.3 s; the parsed spec is memoised by content and name
    return memo("spec:" + shown, raw, lambda: load_text(text, shown))
