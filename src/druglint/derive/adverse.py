"""Adverse reactions as drafts: section 6 tables (term and percent per arm), the Highlights'
"most common adverse reactions (>= X%)" list, and reaction mentions in the section's prose.

Which arm's percent is the drug's is for the reviewer: ``percent`` is the first numeric
column (labels put the drug first), ``arms`` keeps every column by its header. Prose mentions
come from the CC0 term list (``ar_terms``) and from lists introduced by a colon or by "most
common ... were/include"; ``prose_terms`` is the one function the gold-set measurement runs.
"""
from __future__ import annotations

import re

from druglint.derive.document import Block, Document
from druglint.derive.cite import text_fact
from druglint.derive.textutil import list_items, norm, sentences

AR_SECTIONS = {"34084-4"}  # LOINC Adverse Reactions (openFDA field adverse_reactions)
STOP = re.compile(r"\b(adverse|any|patients?|subjects?|total|grade|placebo|discontinu\w*|number|n\s*=|study|studies|weeks?|"
                  r"dose|mg|years?|events?|overall|incidence|following|other|all|includ\w*|table|see|section|treatment|"
                  r"clinical|trials?|reported|reactions? were|percent|rate|mild|moderate|severe|serious|"
                  r"contact|call|inc|www|http\w*|fda|medwatch)\b", re.I)  # the "to report ... contact X Inc. or FDA" line
SOC = re.compile(r"disorders|infestations|conditions|investigations|system organ|procedures", re.I)
MOST_COMMON = re.compile(r"most (?:common(?:ly reported)?|frequent(?:ly reported)?) (?:adverse (?:reactions|events|effects)|side effects)"
                         r"[^:.]{0,120}?(?:\bwere\b|\bare\b|\binclude[sd]?\b|:)\s*:?\s*(.{3,600}?)(?:\.\s|\.$|$)", re.I)
COLON_LIST = re.compile(r":\s*([^:]{10,1500}?)(?:\.\s|\.$|$)")
NUMBER = re.compile(r"^\s*(?:[<>≤≥]=?\s*)?(\d+(?:\.\d+)?)\s*%?\s*(?:\(\s*(\d+(?:\.\d+)?)\s*%?\s*\))?\s*[a-z*†‡§]?\s*$")
FOOTNOTE = re.compile(r"(?:\s*[*†‡§¶#]+|\s+[a-h](?:,\s*[a-h])*)$")


def _good_term(t: str, max_words: int = 5) -> bool:
    return (2 < len(t) <= 60 and len(t.split()) <= max_words and not re.search(r"\d", t)
            and not STOP.search(t) and not SOC.search(t) and re.search(r"[a-z]", t, re.I) is not None)


def list_terms(text: str) -> list[str]:
    """Items of "most common adverse reactions ... were: A, B and C" and of colon lists
    of three or more short items (a list of terms, not of sentences)."""
    flat = " ".join(text.split())
    out: list[str] = []
    for m in MOST_COMMON.finditer(flat):
        out += [i for i in list_items(m.group(1), 4) if _good_term(i, 4)]
    for m in COLON_LIST.finditer(flat):
        items = [i for i in list_items(m.group(1), 6)]
        good = [i for i in items if _good_term(i, 4)]
        if len(items) >= 3 and len(good) >= 0.8 * len(items):
            out += good
    return out


def prose_terms(text: str) -> list[tuple[str, str]]:
    """(term as written, how: list | term-list) of the reaction mentions in prose, first seen first."""
    from druglint.derive.ar_terms import find, shipped

    seen: dict[str, tuple[str, str]] = {}
    for t in list_terms(text):
        seen.setdefault(norm(t), (t, "list"))
    for t, _ in find(shipped(), " ".join(text.split())):
        seen.setdefault(norm(t), (t, "term-list"))
    return list(seen.values())


def _percent(cell: str) -> float | None:
    m = NUMBER.match(cell)
    if not m:
        return None
    value = float(m.group(2) or m.group(1))
    return value if 0 <= value <= 100 else None


def _tables(doc: Document, blocks: list[Block]) -> None:
    by_table: dict[int, list[Block]] = {}
    for b in blocks:
        if b.table and b.cells:
            by_table.setdefault(b.table, []).append(b)
    for rows in by_table.values():
        header: list[str] = []
        for b in rows:
            values = [_percent(c) for c in b.cells[1:]]
            if b.header or not any(v is not None for v in values):
                if not any(v is not None for v in values):
                    header = b.cells  # the last row without numbers names the arms
                continue
            term = FOOTNOTE.sub("", b.cells[0]).strip()
            if not _good_term(term, 6):
                continue
            arms = {}
            for i, v in enumerate(values, start=1):
                if v is not None:
                    name = (header[i] if i < len(header) and header[i] else f"column {i + 1}")[:60]
                    arms[name if name not in arms else f"{name} ({i + 1})"] = v
            entry = {"term": term.casefold(), "percent": next(iter(arms.values())), "arms": arms}
            text_fact(doc, "adverse_reactions", entry, b, b.text, method="table")


def extract(doc: Document) -> None:
    blocks = [b for b in doc.blocks if (b.top in AR_SECTIONS or b.section in AR_SECTIONS) or doc.kind == "article"]
    if doc.kind != "article":
        _tables(doc, blocks)
    for b in blocks:
        if b.table:
            continue
        if doc.kind == "article":
            _article(doc, b)
            continue
        for k, s in enumerate(sentences(b.text), start=1):
            for term, how in prose_terms(s):
                text_fact(doc, "adverse_reactions", {"term": term.casefold()}, b, s, sentence=k)


ARTICLE_COMMON = re.compile(r"most common (?:adverse effects|side effects|adverse reactions)\s+(?:include|are|were)\s+(.+)", re.I)
ARTICLE_SERIOUS = re.compile(r"(?:more )?serious (?:side effects|adverse effects|adverse reactions)\b.*?\b(?:including|include|such as)\s+(.+)",
                             re.I)


def _article(doc: Document, b: Block) -> None:
    """An article states reactions in sentences: "The most common adverse effects include ...",
    "more serious side effects can occur, including ..." (serious: true)."""
    for k, s in enumerate(sentences(b.text), start=1):
        for rx, serious in ((ARTICLE_COMMON, False), (ARTICLE_SERIOUS, True)):
            m = rx.search(s)
            if not m:
                continue
            for item in list_items(m.group(1).rstrip("."), 6):
                term = re.sub(r"^(?:the|a|an)\s+", "", item.casefold())
                if 2 < len(term) <= 60:
                    entry = {"term": term}
                    if serious:
                        entry["serious"] = True
                    text_fact(doc, "adverse_reactions", entry, b, s, sentence=k)
