"""Facts read from a document's text and tables (drafts: ``review: required``).

Each extractor takes the document's blocks and appends :class:`DFact`s; they share nothing
but the block list. Which blocks each reads: labels by LOINC section code (SPL) or openFDA
field name, articles by pattern over every paragraph.
"""
from __future__ import annotations

import re

from druglint.derive.cite import text_fact
from druglint.derive.document import Document

APPROVAL = re.compile(r"Initial\s+U\.?\s?S\.?\s+Approval\s*:?\s*((?:19|20)\d\d)", re.I)


def approval_year(doc: Document) -> None:
    """The Highlights' "Initial U.S. Approval: 2002" (SPL codes no approval date)."""
    for b in doc.blocks:
        m = APPROVAL.search(b.text)
        if m:
            text_fact(doc, "approval", {"authority": "FDA", "year": int(m.group(1))}, b, m.group(0))
            return


BOXED = "34066-1"


def boxed_warning(doc: Document) -> None:
    """A boxed warning is a top-level section coded 34066-1; the code inside another section
    (a dosing table box, a package-label note) is not one, so only ``top`` is checked."""
    for b in doc.blocks:
        if b.top == BOXED and b.section == BOXED and not b.table:
            text_fact(doc, "warnings", {"title": "Boxed warning", "text": b.text[:300]}, b, b.text[:300])
            return


def extract(doc: Document) -> None:
    from druglint.derive import adverse, article_facts, dosing_text, interactions_text, populations_text

    if doc.kind != "article":
        approval_year(doc)
        boxed_warning(doc)
    for module in (article_facts, adverse, populations_text, interactions_text, dosing_text):
        module.extract(doc)
