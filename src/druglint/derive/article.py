"""Markdown or plain-text articles about one drug (such as the project's seed article).

Paragraphs are split at blank lines (a Markdown heading is its own paragraph and titles the
ones after it); each keeps its 1-based paragraph number and starting line. The drug is named
by the title ("What is X used for?", "X: ...") or, failing that, by the first drug name the
project knows (bundled specs and vocab/drug_names.yaml) in the first paragraphs. An empty
article, or one naming no drug, is refused with one line.
"""
from __future__ import annotations

import re

from druglint.derive.document import Block, DeriveError, Document, digest

TITLE_DRUG = (re.compile(r"^\s*(?:what is|what are|about|how does)\s+(.+?)\s+(?:used for|work|\?)", re.I),
              re.compile(r"^\s*([A-Za-z][\w -]{2,60}?)\s*[:(]", re.I))


def read(path: str, data: bytes) -> Document:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DeriveError(f"not UTF-8 text (byte {exc.start})") from None
    if not text.strip():
        raise DeriveError("article is empty")
    doc = Document("article", path, digest(data))
    para, title = 0, ""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    buf: list[str] = []
    start = 1
    for i, line in enumerate(lines + [""], start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            if not buf:
                start = i
            buf.append(line.strip())
            continue
        if buf:
            para += 1
            doc.blocks.append(Block(" ".join(buf), start, None, title, None, paragraph=para))
            buf = []
        if line.lstrip().startswith("#"):
            title = line.lstrip("# ").strip()
            para += 1
            doc.blocks.append(Block(title, i, None, title, None, paragraph=para))
    first = doc.blocks[0]
    doc.title = first.text[:200]
    moiety, block, quote = _drug(doc)
    if not moiety:
        raise DeriveError("the article names no drug the project knows in its title or first paragraphs; "
                          "nothing derived")
    doc.moieties = [moiety]
    from druglint.derive.cite import text_fact

    text_fact(doc, "name", {"name": moiety}, block, quote)
    return doc


def _drug(doc: Document) -> tuple[str | None, Block | None, str]:
    from druglint.specs.loader import load_specs

    resolver = load_specs().resolver
    first = doc.blocks[0]
    for rx in TITLE_DRUG:
        m = rx.search(first.text)
        if m:
            name = " ".join(m.group(1).split())
            canon = resolver.canonical(name)
            return (canon or name.casefold()), first, m.group(0).strip()
    for b in doc.blocks[:3]:
        for w in re.findall(r"[A-Za-z][\w-]+(?:\s+[A-Za-z][\w-]+)?", b.text):
            canon = resolver.canonical(w)
            if canon:
                return canon, b, w
    return None, None, ""
