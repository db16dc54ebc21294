"""openFDA drug-label JSON (https://open.fda.gov/apis/drug/label/): one record, a list of
records, or the API's ``{"meta": ..., "results": [...]}``.

Each record's text fields (lists of strings) become blocks tagged with the field name and the
LOINC code of the label section the field holds (so the same extractors read SPL and JSON);
table fields (``*_table``, HTML) are left out. The ``openfda`` block, when present, is FDA's
harmonisation of the SPL listing data: its fields give coded facts (brand and generic names,
substance and UNII, manufacturer, application number, routes). A record with none of the
expected fields is refused with one line.
"""
from __future__ import annotations

import json
import re

from druglint.derive.document import Block, DeriveError, DFact, Document, digest

FIELDS = {  # openFDA field -> LOINC section code (openFDA's sections.csv)
    "boxed_warning": "34066-1", "indications_and_usage": "34067-9", "dosage_and_administration": "34068-7",
    "dosage_forms_and_strengths": "43678-2", "contraindications": "34070-3", "warnings_and_cautions": "43685-7",
    "warnings": "34071-1", "precautions": "42232-9", "adverse_reactions": "34084-4", "drug_interactions": "34073-7",
    "use_in_specific_populations": "43684-0", "pregnancy": "42228-7", "nursing_mothers": "34080-2",
    "lactation": "77290-5", "pediatric_use": "34081-0", "geriatric_use": "34082-8", "overdosage": "34088-5",
    "description": "34089-3", "how_supplied": "34069-5", "spl_product_data_elements": "48780-1",
}
MAX_RECORDS = 10_000


def _records(value) -> list:
    if isinstance(value, dict) and isinstance(value.get("results"), list):
        return value["results"]
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        return [value]
    raise DeriveError("JSON is neither a drug-label record, a list of records, nor {\"results\": [...]}")


def read(path: str, data: bytes) -> list[Document]:
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise DeriveError("not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise DeriveError(f"not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}") from None
    except RecursionError:
        raise DeriveError("JSON is nested too deeply to read") from None
    records = _records(value)
    if not records:
        raise DeriveError("JSON holds no drug-label record")
    if len(records) > MAX_RECORDS:
        raise DeriveError(f"JSON holds {len(records)} records; give at most {MAX_RECORDS} per file")
    sha = digest(data)
    docs = []
    for i, rec in enumerate(records, start=1):
        if not isinstance(rec, dict):
            raise DeriveError(f"record {i} is not a JSON object")
        docs.append(_record(path, sha, rec, i, len(records)))
    return docs


def _strings(v) -> list[str]:
    if isinstance(v, str):
        return [v]
    if isinstance(v, list):
        return [x for x in v if isinstance(x, str)]
    return []


def _record(path: str, sha: str, rec: dict, number: int, total: int) -> Document:
    where = f"record {number}" if total > 1 else "the record"
    known = [f for f in FIELDS if _strings(rec.get(f))]
    ofda = rec.get("openfda") if isinstance(rec.get("openfda"), dict) else {}
    if not known and not ofda:
        raise DeriveError(f"{where} has none of the expected fields (adverse_reactions, contraindications, "
                          "drug_interactions, dosage_and_administration, ..., or an openfda block)")
    doc = Document("openfda-json", path, sha, record=number)
    doc.set_id = rec.get("set_id") if isinstance(rec.get("set_id"), str) else None
    ver = rec.get("version")
    doc.version = int(ver) if isinstance(ver, (str, int)) and str(ver).isdigit() else None
    eff = rec.get("effective_time")
    if isinstance(eff, str) and re.fullmatch(r"\d{8}", eff):
        doc.effective = f"{eff[:4]}-{eff[4:6]}-{eff[6:]}"
    brand = _strings(ofda.get("brand_name"))
    generic = _strings(ofda.get("generic_name"))
    doc.title = " / ".join(brand[:1] + [f"({g.lower()})" for g in generic[:1]])
    doc.labeler = (_strings(ofda.get("manufacturer_name")) or [None])[0]
    _coded(doc, ofda, number)
    if not doc.moieties:
        raise DeriveError(f"{where} names no drug: it has no openfda.substance_name or openfda.generic_name")
    tables = 0
    for f in FIELDS:
        for html in _strings(rec.get(f"{f}_table")):
            tables += 1
            _table(doc, html, f, tables, number)
    for f in known:
        for k, text in enumerate(_strings(rec.get(f)), start=1):
            for j, para in enumerate(p for p in re.split(r"\n\s*\n|(?<=\.)\s{3,}", text) if p.strip()):
                doc.blocks.append(Block(" ".join(para.split()), 0, FIELDS[f], f, FIELDS[f], field=f,
                                        paragraph=j + 1))
    return doc


def _table(doc: Document, html: str, field: str, number: int, record: int) -> None:
    """An openFDA ``*_table`` field: one HTML table; each row a block with its cells. Parsed
    by lxml.html without network access; scripts and the like are ignored (text only)."""
    from lxml import etree, html as lhtml

    try:
        root = lhtml.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return
    for row, tr in enumerate(root.iter("tr"), start=1):
        cells = [" ".join(td.text_content().split()) for td in tr if td.tag in ("td", "th")]
        head = tr.getparent() is not None and tr.getparent().tag == "thead"
        doc.blocks.append(Block(" | ".join(cells), 0, FIELDS[field], f"{field}_table", FIELDS[field], table=number,
                                row=row, cells=cells, header=head, field=f"{field}_table"))


def _coded(doc: Document, ofda: dict, number: int) -> None:
    from druglint.vocab import vocabulary

    substances = [s.casefold() for s in _strings(ofda.get("substance_name"))]
    if not substances:
        substances = [g.casefold() for g in _strings(ofda.get("generic_name"))[:1]]
    doc.moieties = list(dict.fromkeys(substances))
    single = len(doc.moieties) == 1

    def add(family: str, entry: dict, field: str, quote: str, moiety: str | None = None) -> None:
        doc.facts.append(DFact(family, entry, f"record {number}, openfda.{field}", "coded",
                               {"field": f"openfda.{field}"}, quote, moiety))

    for m in doc.moieties:
        add("name", {"name": m}, "substance_name", m.upper(), m)
    uniis = _strings(ofda.get("unii"))
    if single and len(uniis) == 1:
        add("identity", {"key": "unii", "value": uniis[0]}, "unii", uniis[0])
    for b in _strings(ofda.get("brand_name"))[:1] if single else []:
        add("brands", {"name": b}, "brand_name", b)
    for g in _strings(ofda.get("generic_name")):
        if single and g.casefold() not in doc.moieties:
            add("synonyms", {"name": g.casefold()}, "generic_name", g)
    for a in _strings(ofda.get("application_number"))[:1]:
        add("identity", {"key": "application", "value": a}, "application_number", a)
        cat = re.match(r"(BLA|NDA|ANDA)", a)
        if cat:
            add("identity", {"key": "marketing_category", "value": cat.group(1)}, "application_number", a)
    if doc.labeler:
        add("identity", {"key": "labeler", "value": doc.labeler}, "manufacturer_name", doc.labeler)
    routes = vocabulary("route")
    for r in _strings(ofda.get("route")):
        name = routes.resolve(r)
        if name:
            add("routes", {"route": name}, "route", r)
