"""openFDA drug labels: JSON from the drug/label API and flattened copies of it.

Recognised shapes:

- the API's own JSON (``{"meta": ..., "results": [...]}`` or a bare array of its records):
  each section (``indications_and_usage``, ``dosage_and_administration``,
  ``contraindications``, ``warnings_and_cautions``, ``adverse_reactions``,
  ``drug_interactions``...) is an array of strings (or, in flattened copies, one string);
- ``{drug, section, text}`` records (one section each);
- an object mapping a drug name to one section's text;
- a CSV of label fields (``set_id``, ``brand_name``, ``generic_name``, ``route``,
  ``indications_and_usage``, ``warnings``, ``dosage_and_administration``...).

Sections are linted as prose (``druglint.presets.documents``: the prose rules, and DL132 for
words split by stray spaces). ``openfda.route`` (JSON) or ``route`` (CSV) with the generic
or brand name become dosing facts (kind dosing, one record per route; openFDA writes SPL
route names in capitals, mapped case-insensitively onto vocab/routes.yaml).
Source: openFDA drug label API reference, open.fda.gov/apis/drug/label (searchable
fields; "openfda" harmonised fields); FDA/openfda repository.
"""
from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd

from druglint.presets.base import Preset
from druglint.presets.documents import Label, Section, keep, lint_labels

SECTION_KEYS = (
    "boxed_warning", "indications_and_usage", "dosage_and_administration", "dosage_forms_and_strengths",
    "contraindications", "warnings_and_cautions", "warnings", "precautions", "adverse_reactions",
    "drug_interactions", "use_in_specific_populations", "pregnancy", "overdosage", "description",
    "clinical_pharmacology", "purpose", "do_not_use", "stop_use", "ask_doctor", "when_using",
    "keep_out_of_reach_of_children", "storage_and_handling", "how_supplied",
)
_SECTIONS = frozenset(SECTION_KEYS)


# --------------------------------------------------------------------------- helpers
def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    col = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, col


def _value_offset(data: bytes, key: str, start: int, end: int) -> int | None:
    """Offset of the first character of the string value of ``key`` between start and end."""
    k = data.find(json.dumps(key).encode(), start, end)
    if k < 0:
        return None
    q = data.find(b'"', k + len(json.dumps(key)) + 1, end)  # past the colon (and a '[')
    return q + 1 if q >= 0 else None


def _name(rec: dict) -> str:
    of = rec.get("openfda") if isinstance(rec.get("openfda"), dict) else {}
    for v in (of.get("generic_name"), of.get("brand_name"), rec.get("drug_name"), rec.get("generic_name"),
              rec.get("brand_name"), rec.get("drug")):
        if isinstance(v, list) and v:
            v = v[0]
        if isinstance(v, str) and v.strip():
            return v.strip()
    return ""


def _texts(v) -> list[str]:
    if isinstance(v, str):
        return [v] if v.strip() else []
    if isinstance(v, list):
        return [x for x in v if isinstance(x, str) and x.strip()]
    return []


def _route_facts(path, shown, rows: list[tuple[str, str, int]], config, sel, project) -> list:
    """(drug, route text, line) -> a dosing table linted by the engine."""
    from druglint.engine import lint_table
    from druglint.presets.common import to_vocab
    from druglint.readers.table import Table

    # a route repeated for the parts of one product (kits) is one fact: keep its first line
    firsts: dict[tuple[str, str], tuple[str, str, int]] = {}
    for r in rows:
        firsts.setdefault((r[0], r[1].strip().casefold()), r)
    rows = list(firsts.values())
    if not rows:
        return []
    frame = pd.DataFrame({"drug": [r[0] or None for r in rows], "route": [r[1] for r in rows]}, dtype="str")
    frame["route"] = to_vocab(frame["route"], "route")
    table = Table(shown, "json", frame, np.asarray([r[2] for r in rows], dtype=np.int64), ["drug", "route"], 1)
    table.meta["preset"] = "openfda-label"
    violations, ctx = lint_table(table, config, sel, "dosing", project)
    if ctx is not None and project is not None:
        project.tables.append(ctx)
    return violations


# ------------------------------------------------------------------ JSON documents
def _records_document(path, shown, data, config, sel, project, preset):
    from druglint.engine import make
    from druglint.readers.jsonfile import _record_offsets

    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        if sel.enabled("DL118", shown):
            return [make(shown, "DL118", getattr(exc, "lineno", 1), getattr(exc, "colno", 1),
                         f"invalid JSON: {getattr(exc, 'msg', exc)}", None, config)]
        return []
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    if isinstance(doc, dict) and isinstance(doc.get("results"), list):
        records, depth = doc["results"], 2
    elif isinstance(doc, list):
        records, depth = doc, 1
    else:
        return []
    offsets = _record_offsets(body, depth)
    if depth == 2:
        # records are the objects of the top-level "results" array (openFDA's "meta" also
        # holds a "results" object, at the same depth)
        found = [m.start() for m in re.finditer(rb'"results"\s*:\s*\[', body)]
        start = found[-1] if found else 0
        offsets = offsets[offsets > start]
    offsets = offsets[: len(records)] if offsets.size >= len(records) else np.zeros(len(records), dtype=np.int64)
    ends = list(offsets[1:]) + [len(body)]
    labels: list[Label] = []
    facts: list[tuple[str, str, int]] = []
    for rec, off, end in zip(records, offsets.tolist(), ends):  # one label per record
        if not isinstance(rec, dict):
            continue
        rec_line = _line_col(body, off)[0]
        if {"drug", "section", "text"} <= set(rec):  # one section per record
            vo = _value_offset(body, "text", off, end)
            line, col = _line_col(body, vo) if vo is not None else (rec_line, 1)
            if isinstance(rec["text"], str) and rec["text"].strip():
                labels.append(Label(shown, str(rec.get("drug") or ""), [Section(str(rec["section"]), rec["text"], line, col)]))
            continue
        label = Label(shown, _name(rec))
        for key in SECTION_KEYS:
            for i, text in enumerate(_texts(rec.get(key))):
                vo = _value_offset(body, key, off, end) if i == 0 else None
                line, col = _line_col(body, vo) if vo is not None else (rec_line, 1)
                label.sections.append(Section(key.replace("_", " "), text, line, col))
        if label.sections:
            labels.append(label)
        of = rec.get("openfda")
        if isinstance(of, dict):
            vo = _value_offset(body, "route", off, end)
            line = _line_col(body, vo)[0] if vo is not None else rec_line
            for r in _texts(of.get("route")):
                facts.append((_name(rec), r, line))
    keep(project, labels)
    return lint_labels(labels, config, sel) + _route_facts(path, shown, facts, config, sel, project)


def _object_document(path, shown, data, config, sel, project, preset):
    """{drug name: section text}: one label per key."""
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return _records_document(path, shown, data, config, sel, project, preset)  # reports DL118
    if not isinstance(doc, dict):
        return []
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    nl = np.flatnonzero(np.frombuffer(body, np.uint8) == 10)
    labels = []
    pos = 0
    for name, text in doc.items():  # keys appear in file order; search forward from the last one
        k = body.find(json.dumps(name, ensure_ascii=False).encode("utf-8"), pos)
        if k < 0:
            k = body.find(json.dumps(name).encode("utf-8"), pos)
        if k >= 0:
            pos = k + 1
        if not isinstance(text, str) or not text.strip():
            continue
        q = body.find(b'"', body.find(b":", k) + 1) + 1 if k >= 0 else 0
        line = int(np.searchsorted(nl, q)) + 1
        col = q - (int(nl[line - 2]) + 1 if line >= 2 else 0) + 1
        m = re.match(r"^\s*(?:\d+(?:\.\d+)*\s+)?([A-Z][A-Z &]{3,60})\b", text)
        title = m.group(1).strip().lower() if m else "section"
        labels.append(Label(shown, str(name), [Section(title, text, line, col)]))
    keep(project, labels)
    return lint_labels(labels, config, sel)


def _is_label_json(name: str, fields: list[str]) -> bool:
    if not name.lower().endswith(".json"):
        return False
    f = set(fields)
    return len(f & _SECTIONS) >= 2 or {"drug", "section", "text"} <= f


_OBJECT_OF_TEXT = re.compile(r'^\s*\{\s*"[^"]{1,200}"\s*:\s*"')
_SECTION_WORDS = re.compile(r"ADVERSE REACTIONS|INDICATIONS|DOSAGE AND ADMINISTRATION|CONTRAINDICATIONS|WARNINGS")


def _is_label_object(name: str, head: bytes) -> bool:
    text = head.decode("utf-8", "replace")
    return name.lower().endswith(".json") and bool(_OBJECT_OF_TEXT.match(text)) and bool(_SECTION_WORDS.search(text))


# ---------------------------------------------------------------------- label CSV
CSV_TEXT = ("purpose", "indications_and_usage", "warnings", "dosage_and_administration")


def _csv_transform(table) -> None:
    from druglint.presets.misc import _split_routes

    if "route" in table.frame.columns:
        _split_routes(table, "route", r"\s*[,;]\s*")


def _is_label_csv(name: str, fields: list[str]) -> bool:
    f = {x.strip() for x in fields}
    return {"set_id", "generic_name", "route"} <= f and len(f & _SECTIONS) >= 2


SOURCES = ("openFDA drug label API, open.fda.gov/apis/drug/label",)

PRESETS = [
    Preset(name="openfda-label-json", title="openFDA drug labels (JSON records with section fields)", kind=None,
           sources=SOURCES, recognise=_is_label_json, document=_records_document, role="openfda:label"),
    Preset(name="openfda-label-csv", title="openFDA drug labels flattened to CSV", kind="dosing", sources=SOURCES,
           recognise=_is_label_csv, columns={"drug": "generic_name", "route": "route"}, transform=_csv_transform,
           text_columns=CSV_TEXT, role="openfda:label-csv"),
    Preset(name="openfda-label-text", title="openFDA label section text by drug name (JSON object)",
           kind=None, sources=SOURCES, recognise=lambda n, f: False, recognise_head=_is_label_object,
           document=_object_document, role="openfda:label"),
]
