"""The paragraphs and sentences of a document's masked prose (``Document.prose``), as
(start, end) offsets into its text: the units the prose rules and fact finders look at.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from druglint.prose.document import Document

_PARA_BREAK = re.compile(r"\n[ \t]*\n")
# a sentence ends at a run of . ! ? (matched only from the run's first character, so a
# long run of dots costs linear time) followed by space and a capital or a digit
_SENT_END = re.compile(r"(?<![.!?])(?<!\b[A-Z])(?<!\be\.g)(?<!\bi\.e)(?<!\bvs)(?<!\bDr)(?<!\bNo)(?<!\bSt)[.!?]++[\"')\]]*+(?=\s+[\"'(\[]?[A-Z0-9])")


def paragraphs(doc: Document) -> list[tuple[int, int]]:
    """(start, end) offsets of the paragraphs of the masked text."""
    out = []
    pos = 0
    for mm in _PARA_BREAK.finditer(doc.prose):
        if doc.prose[pos:mm.start()].strip():
            out.append((pos, mm.start()))
        pos = mm.end()
    if doc.prose[pos:].strip():
        out.append((pos, len(doc.prose)))
    return out


def sentences(doc: Document) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of the masked text (a heading is one sentence)."""
    cached = getattr(doc, "_sentences", None)
    if cached is not None:
        return cached
    heading_lines = {h.line for h in doc.headings}
    out: list[tuple[int, int]] = []
    for a, b in paragraphs(doc):
        # headings and list items end a sentence at the line end
        chunk_starts = [a]
        for mm in re.finditer(r"\n", doc.prose[a:b]):
            nxt = a + mm.end()
            line, _ = doc.position(nxt)
            if line in heading_lines or (line - 1) in heading_lines or re.match(r"[ \t]*(?:[-*+]|\d+[.)])\s", doc.prose[nxt:nxt + 8]):
                chunk_starts.append(nxt)
        chunk_starts.append(b)
        for ca, cb in zip(chunk_starts, chunk_starts[1:]):
            pos = ca
            for mm in _SENT_END.finditer(doc.prose, ca, cb):
                out.append((pos, mm.end()))
                pos = mm.end()
            if doc.prose[pos:cb].strip():
                out.append((pos, cb))
    out = [(s + (len(doc.prose[s:e]) - len(doc.prose[s:e].lstrip())), s + len(doc.prose[s:e].rstrip()))
           for s, e in out if doc.prose[s:e].strip()]
    doc._sentences = out  # type: ignore[attr-defined]
    return out
