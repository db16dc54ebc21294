"""Where a derived fact was read, as the spec records it: ``place`` (structured: section,
field, table row, paragraph, line), ``where`` (the same in words) and ``text_fact``, which
appends a fact citing its block. Shared by every extractor (``extract.py`` and the family
modules it runs), so it imports none of them.
"""
from __future__ import annotations

from druglint.derive.document import Block, DFact, Document


def place(b: Block, **extra) -> dict:
    out = {"section": b.section, "title": b.title or None, "field": b.field, "table": b.table, "row": b.row,
           "paragraph": b.paragraph, "line": b.line or None}  # JSON text has no useful line
    out.update(extra)
    return {k: v for k, v in out.items() if v is not None}


def where(b: Block, **extra) -> str:
    bits = []
    if b.field:
        bits.append(f"field {b.field}")
    elif b.section:
        bits.append(f"section {b.section}" + (f" '{b.title[:60]}'" if b.title else ""))
    elif b.title:
        bits.append(f"'{b.title[:60]}'")
    if b.paragraph:
        bits.append(f"paragraph {b.paragraph}")
    if b.table:
        bits.append(f"table {b.table} row {b.row}")
    bits += [f"{k} {v}" for k, v in extra.items()]
    if b.line:
        bits.append(f"line {b.line}")
    return ", ".join(bits)


def text_fact(doc: Document, family: str, entry: dict, b: Block, quote: str, method: str = "text", **extra) -> None:
    doc.facts.append(DFact(family, entry, where(b, **extra), method, place(b, **extra), quote.strip()))
