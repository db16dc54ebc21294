"""Provenance and review status of spec facts, and the ``derived:`` block of derived specs.

``druglint spec derive`` writes every fact with where it came from and whether a person has
checked it (docs/specs.md, "Derived specs")::

    - route: subcutaneous
      source: "d1 product Humira, routeCode C38299"
      provenance:
        document: d1                     # a key of derived.documents
        method: coded                    # coded (SPL element) | table | text (pattern in prose)
        place: {element: ..., section: 34084-4, title: ..., table: 2, row: 4, line: 153, sentence: 2}
        quote: "SUBCUTANEOUS"            # the source text, as written
      review: auto                       # auto (coded) | required (table, text) | confirmed

A fact whose review is ``required`` is a draft: the spec rules report what rests on it at
info severity only (:func:`is_draft`). Hand-written facts have no review key and count fully.
"""
from __future__ import annotations

from typing import Any

REVIEW = ("auto", "required", "confirmed")
METHODS = ("coded", "table", "text")
PROVENANCE_KEYS = {"document", "method", "place", "quote"}
PLACE_KEYS = {"element", "section", "title", "table", "row", "column", "line", "sentence", "field", "paragraph"}
DERIVED_KEYS = {"tool", "digest", "documents", "note"}
DOCUMENT_KEYS = {"kind", "set_id", "version", "effective", "title", "file", "sha256", "labeler", "repackager", "record"}
DOCUMENT_KINDS = ("spl", "openfda-json", "article")
FACT_META = frozenset({"provenance", "review"})


def is_draft(fact: Any) -> bool:
    """True when the fact was derived from a table or text and no person has confirmed it."""
    return getattr(fact, "review", None) == "required"


def any_draft(facts) -> bool:
    return any(is_draft(f) for f in facts)


DRAFT_NOTE = " [rests on a derived spec fact not yet reviewed: info until confirmed]"


def cap(*facts) -> str | None:
    """The severity cap of a finding resting on ``facts``: "info" when any is a draft, else
    None (the rule's own severity). None entries are ignored."""
    return "info" if any(is_draft(f) for f in facts if f is not None) else None


def note(*facts) -> str:
    """:data:`DRAFT_NOTE` for a message when the finding rests on a draft fact, else ""."""
    return DRAFT_NOTE if cap(*facts) else ""


def draft_caps(draft_rows):
    """Per-row severity cap for ``hits(..., severity=)``: "info" where the finding rests on a draft."""
    import numpy as np

    flags = np.asarray(draft_rows, dtype=bool)
    out = np.empty(flags.size, dtype=object)
    out[flags] = "info"
    return out


def check_review(r: Any, item: Any, where: str, line: int) -> str | None:
    """The fact's review status (None when absent); a bad value or provenance is DL502."""
    from druglint import yamlio

    if not isinstance(item, dict):
        return None
    prov = item.get("provenance")
    if prov is not None:
        check_provenance(r, prov, f"{where}.provenance", yamlio.line_of(item, "provenance", line))
    value = item.get("review")
    if value is None:
        if prov is not None:
            r.bad(yamlio.line_of(item, "provenance", line), f"{where}: a fact with provenance needs "
                                                            f"'review: {'|'.join(REVIEW)}'")
        return None
    if value not in REVIEW:
        r.bad(yamlio.line_of(item, "review", line), f"{where}: review must be one of {', '.join(REVIEW)}, not {value!r}")
        return None
    return value


def check_provenance(r: Any, prov: Any, where: str, line: int) -> None:
    from druglint import yamlio

    if not isinstance(prov, dict):
        r.bad(line, f"{where}: must be a mapping with document, method, place and quote")
        return
    r.keys(prov, PROVENANCE_KEYS, where)
    for key in ("document", "method"):
        if prov.get(key) is None:
            r.bad(yamlio.line_of(prov, default=line), f"{where}: required key {key!r} is missing")
    method = prov.get("method")
    if method is not None and method not in METHODS:
        r.bad(yamlio.line_of(prov, "method", line), f"{where}: method must be one of {', '.join(METHODS)}, not {method!r}")
    docs = getattr(r, "documents", None)
    doc = prov.get("document")
    if doc is not None and docs is not None and str(doc) not in docs:
        r.bad(yamlio.line_of(prov, "document", line), f"{where}: document {str(doc)!r} is not listed in derived.documents")
    place = prov.get("place")
    if place is not None:
        if isinstance(place, dict):
            r.keys(place, PLACE_KEYS, f"{where}.place")
        elif not isinstance(place, str):
            r.bad(yamlio.line_of(prov, "place", line), f"{where}: place must be a mapping or text")
    quote = prov.get("quote")
    if quote is not None and not isinstance(quote, str):
        r.bad(yamlio.line_of(prov, "quote", line), f"{where}: quote must be text")


def check_derived(r: Any, block: Any, line: int) -> dict | None:
    """Validate the top-level ``derived:`` block; returns it as plain data (None when absent)."""
    from druglint import yamlio

    if block is None:
        return None
    if not isinstance(block, dict):
        r.bad(line, "derived: must be a mapping with 'documents'")
        return None
    r.keys(block, DERIVED_KEYS, "derived")
    docs = block.get("documents")
    if not isinstance(docs, dict) or not docs:
        r.bad(yamlio.line_of(block, "documents", line), "derived: 'documents' must map document keys to their description")
        docs = {}
    out_docs: dict[str, dict] = {}
    for key, doc in docs.items():
        where = f"derived.documents.{key}"
        if not isinstance(doc, dict):
            r.bad(yamlio.line_of(docs, key, line), f"{where}: must be a mapping")
            continue
        r.keys(doc, DOCUMENT_KEYS, where)
        kind = doc.get("kind")
        if kind not in DOCUMENT_KINDS:
            r.bad(yamlio.line_of(doc, "kind", line), f"{where}: kind must be one of {', '.join(DOCUMENT_KINDS)}")
        if not (doc.get("set_id") or doc.get("sha256")):
            r.bad(yamlio.line_of(docs, key, line), f"{where}: name the document by 'set_id' (SPL) or the file's 'sha256'")
        out_docs[str(key)] = {str(k): v for k, v in doc.items()}
    r.documents = set(out_docs)
    return {"tool": block.get("tool"), "digest": block.get("digest"), "documents": out_docs}
