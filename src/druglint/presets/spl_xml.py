"""HL7 Structured Product Labeling (SPL) XML, the format of DailyMed and FDA labels.

Recognised by the root ``<document xmlns="urn:hl7-org:v3">`` and an SPL code system or
stylesheet in the first 4 KiB. Every ``<section>`` (LOINC-coded, e.g. 34068-7 Dosage and
Administration, 34084-4 Adverse Reactions) becomes a prose section: its ``<title>`` and the
text of its paragraphs, list items and table cells, each piece with the source line where it
starts (druglint.presets.documents lints them with the prose rules). Each product's
``<routeCode displayName=...>`` (SPL route, NCI Thesaurus C54455) with the product's
generic name becomes a dosing fact (kind dosing). The XML is read with the standard
library's expat parser (no DTD or external entity is fetched); a file that is not
well-formed XML is DL118. Source: HL7 SPL Release 4 implementation guide (FDA, "SPL
Implementation Guide with Validation Procedures"); LOINC section codes as in openFDA's
sections.csv.
"""
from __future__ import annotations

import re
import xml.parsers.expat

from druglint.presets.base import Preset
from druglint.presets.documents import Label, Section, keep, lint_labels

_BLOCK = {"paragraph", "item", "td", "th", "caption"}
_SPACED = {"br", "footnote"}
_WS = re.compile(r"\s+")


class _Sec:
    def __init__(self, line: int):
        self.line = line
        self.title: list[str] = []
        self.chunks: list[tuple[int, list[str]]] = []


def parse(data: bytes) -> tuple[str, list[Section], list[tuple[str, str, int]]]:
    """(drug name, sections, route facts (drug, route, line)); raises ExpatError."""
    p = xml.parsers.expat.ParserCreate()
    p.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[str] = []
    secs: list[_Sec] = []
    done: list[_Sec] = []
    routes: list[tuple[str, int]] = []
    generic: list[str] = []
    state = {"in_text": 0, "chunk": None, "title": None, "generic_name": False, "gbuf": []}

    def local(tag: str) -> str:
        return tag.rsplit(":", 1)[-1].rsplit("}", 1)[-1]

    def start(tag, attrs):
        t = local(tag)
        parent = stack[-1] if stack else ""
        stack.append(t)
        line = p.CurrentLineNumber
        if t == "section":
            secs.append(_Sec(line))
        elif t == "title" and parent == "section" and secs:
            state["title"] = secs[-1].title
        elif t == "text" and parent == "section":
            state["in_text"] += 1
        elif t in _SPACED and state["chunk"] is not None:
            state["chunk"].append(" ")  # <br/>, a footnote: a word boundary (<sup>/<sub> are not)
        elif t in _BLOCK and state["in_text"] and secs:
            chunk: list[str] = []
            secs[-1].chunks.append((line, chunk))
            state["chunk"] = chunk
        elif t == "routeCode" and attrs.get("displayName"):
            routes.append((attrs["displayName"], line))
        elif t == "name" and parent == "genericMedicine":
            state["generic_name"] = True
            state["gbuf"] = []

    def end(tag):
        t = stack.pop() if stack else ""
        parent = stack[-1] if stack else ""
        if t == "section" and secs:
            done.append(secs.pop())
        elif t == "title" and parent == "section":
            state["title"] = None
        elif t == "text" and parent == "section":
            state["in_text"] -= 1
        elif t in _BLOCK:
            state["chunk"] = None
        elif t in _SPACED and state["chunk"] is not None:
            state["chunk"].append(" ")
        elif t == "name" and state["generic_name"]:
            state["generic_name"] = False
            generic.append(_WS.sub(" ", "".join(state["gbuf"])).strip())

    def chars(text):
        if state["title"] is not None:
            state["title"].append(text)
        elif state["chunk"] is not None:
            state["chunk"].append(text)
        if state["generic_name"]:
            state["gbuf"].append(text)

    p.StartElementHandler = start
    p.EndElementHandler = end
    p.CharacterDataHandler = chars
    p.Parse(data, True)
    drug = next((g for g in generic if g), "")
    sections: list[Section] = []
    for s in sorted(done, key=lambda s: s.line):
        pieces = [(line, _WS.sub(" ", "".join(c)).strip()) for line, c in s.chunks]
        pieces = [(line, t) for line, t in pieces if t]
        if not pieces:
            continue
        title = _WS.sub(" ", "".join(s.title)).strip() or "section"
        sections.append(Section(title, "\n".join(t for _, t in pieces), pieces[0][0], 1, False, [ln for ln, _ in pieces]))
    facts = [(drug, r, line) for r, line in routes]
    return drug, sections, facts


def _document(path, shown, data, config, sel, project, preset):
    from druglint.engine import make
    from druglint.presets.openfda_label import _route_facts

    try:
        drug, sections, facts = parse(data)
    except xml.parsers.expat.ExpatError as exc:
        if sel.enabled("DL118", shown):
            return [make(shown, "DL118", exc.lineno or 1, (exc.offset or 0) + 1,
                         f"not well-formed XML: {xml.parsers.expat.ErrorString(exc.code)}", None, config)]
        return []
    labels = [Label(shown, drug, sections)] if sections else []
    keep(project, labels)
    return lint_labels(labels, config, sel) + _route_facts(path, shown, facts, config, sel, project)


def _is_spl(name: str, head: bytes) -> bool:
    if not name.lower().endswith(".xml"):
        return False
    text = head.decode("utf-8", "replace")
    return "urn:hl7-org:v3" in text and "<document" in text and (
        "spl" in text.lower() or "2.16.840.1.113883.6.1" in text)


PRESETS = [
    Preset(name="spl-xml", title="HL7 SPL XML label (DailyMed)", kind=None,
           sources=("FDA SPL Implementation Guide; HL7 SPL R4",), recognise=lambda n, f: False,
           recognise_head=_is_spl, document=_document, role="spl"),
]
