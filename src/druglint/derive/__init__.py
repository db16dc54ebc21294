"""Draft drug specs derived from documents: ``druglint spec derive``.

A document (SPL XML label, openFDA drug-label JSON record, Markdown or plain-text article)
is read into a :class:`~druglint.derive.document.Document` of text blocks (section, line,
table row) plus the facts the document codes; the extractors in this package turn blocks into
facts, each with its provenance (document, place, quoted text, method) and a review status:
coded facts ``auto``, table and text facts ``required`` until a person confirms them
(``druglint spec review``). ``writer`` groups the facts by active moiety and writes one spec
YAML per moiety (docs/specs.md, "Derived specs").

    from druglint.derive import derive_files
    result = derive_files(["humira.xml"], "drafts/")
"""
from __future__ import annotations

from druglint.derive.run import DeriveError, derive_files, read_document

__all__ = ["DeriveError", "derive_files", "read_document"]
