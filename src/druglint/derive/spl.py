"""SPL XML labels (DailyMed): the document's identity, its sections as text blocks, and the
facts the listing data codes (products, active moieties with UNII, forms, routes, strengths,
applications).

SPL structure used (FDA SPL Implementation Guide; HL7 SPL R5):
``document/setId``, ``versionNumber``, ``effectiveTime``; the labeler is
``author/assignedEntity/representedOrganization/name``; a repackager or relabeler says so with
``performance/actDefinition/code`` C73606 (repack) / C73607 (relabel), and its products point at
the source product with ``asEquivalentEntity``. Sections are ``section`` elements with LOINC
``code``; Highlights are ``excerpt/highlight`` inside them. Product facts: see ``spl_products``.
"""
from __future__ import annotations

import re

from druglint.derive.document import Block, DeriveError, Document, digest, short_title  # noqa: F401  (spl.short_title)
from druglint.derive.hl7 import NS, _first, _local, text_of  # noqa: F401  (spl.text_of and friends)
from druglint.derive.safexml import parse

REPACK_CODES = {"C73606", "C73607"}
_BLOCKS = {"paragraph", "item", "tr", "caption"}


def _iso(value: str | None) -> str | None:
    if value and re.fullmatch(r"\d{8}.*", value):
        return f"{value[:4]}-{value[4:6]}-{value[6:8]}"
    return None




def read(path: str, data: bytes) -> Document:
    if b"urn:hl7-org:v3" not in data[:8192]:
        raise DeriveError("not an SPL label: no HL7 v3 namespace (urn:hl7-org:v3) near the start")
    root = parse(data, "SPL XML")
    if _local(root) != "document":
        raise DeriveError(f"not an SPL label: the root element is <{_local(root)}>, not <document>")
    doc = Document("spl", path, digest(data))
    sid = _first(root, "v:setId")
    doc.set_id = sid.get("root") if sid is not None else None
    ver = _first(root, "v:versionNumber")
    if ver is not None and (ver.get("value") or "").isdigit():
        doc.version = int(ver.get("value"))
    eff = _first(root, "v:effectiveTime")
    doc.effective = _iso(eff.get("value") if eff is not None else None)
    title = _first(root, "v:title")
    doc.title = text_of(title) if title is not None else ""
    org = _first(root, "v:author/v:assignedEntity/v:representedOrganization/v:name")
    doc.labeler = text_of(org) if org is not None else None
    doc.labeler_line = org.sourceline if org is not None else None
    codes = {c.get("code") for c in root.iter(f"{NS}actDefinition") for c in c.iter(f"{NS}code")}
    doc.repackager = bool(codes & REPACK_CODES) or next(root.iter(f"{NS}asEquivalentEntity"), None) is not None
    if not doc.set_id:
        raise DeriveError("SPL label without a setId: cannot say which label the facts come from")
    from druglint.derive.spl_products import product_facts

    product_facts(root, doc)
    if not doc.moieties:
        raise DeriveError("SPL label lists no product with an active ingredient: no drug to derive a spec for")
    _sections(root, doc)
    if title is not None and doc.title:
        doc.blocks.insert(0, Block(doc.title, title.sourceline or 1, None, "title", None))
    return doc


def _sections(root, doc: Document) -> None:
    body = _first(root, "v:component/v:structuredBody")
    if body is None:
        return
    tables = 0

    def visit(sec, top: str | None, code_in: str | None, title_in: str) -> None:
        nonlocal tables
        code_el = _first(sec, "v:code")
        code = code_el.get("code") if code_el is not None else None
        code = code if code and code != "42229-5" else code_in  # 42229-5: "SPL unclassified section"
        top = top or code
        t = _first(sec, "v:title")
        title = text_of(t) if t is not None and text_of(t) else title_in
        if t is not None and text_of(t):
            doc.blocks.append(Block(text_of(t), t.sourceline or 1, code, title, top))
        for ex in sec.findall(f"{NS}excerpt"):
            for el in ex.iter():
                if _local(el) in ("paragraph", "item"):
                    txt = text_of(el, skip_nested=True)
                    if txt:
                        doc.blocks.append(Block(txt, el.sourceline or 1, code, title, top, highlight=True))
        text = _first(sec, "v:text")
        if text is not None:
            for el in text.iter():
                name = _local(el)
                if name == "table":
                    tables += 1
                    row = 0
                    for tr in el.iter(f"{NS}tr"):
                        row += 1
                        cells = [text_of(td) for td in tr if _local(td) in ("td", "th")]
                        is_head = tr.getparent() is not None and _local(tr.getparent()) == "thead"
                        doc.blocks.append(Block(" | ".join(cells), tr.sourceline or 1, code, title, top, table=tables,
                                                row=row, cells=cells, header=is_head))
                    cap = el.find(f"{NS}caption")
                    if cap is not None and text_of(cap):
                        doc.blocks.append(Block(text_of(cap), cap.sourceline or 1, code, title, top, table=tables, row=0))
                elif name in ("paragraph", "item") and not _in_table(el, text):
                    txt = text_of(el, skip_nested=True)
                    if txt:
                        doc.blocks.append(Block(txt, el.sourceline or 1, code, title, top))
        for comp in sec.findall(f"{NS}component"):
            for child in comp.findall(f"{NS}section"):
                visit(child, top, code, title)

    for comp in body.findall(f"{NS}component"):
        for sec in comp.findall(f"{NS}section"):
            visit(sec, None, None, "")


def _in_table(el, stop) -> bool:
    p = el.getparent()
    while p is not None and p is not stop:
        if _local(p) == "table":
            return True
        p = p.getparent()
    return False
