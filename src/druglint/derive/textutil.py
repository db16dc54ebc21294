"""Sentences and short list items out of label and article prose."""
from __future__ import annotations

import re

_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\[•*-])")
_ITEM_SPLIT = re.compile(r",|;|\band\b|\bor\b|\bincluding\b")
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


_ABBREV = re.compile(r"(?:\b(?:U\.S|e\.g|i\.e|Dr|vs|approx|No|Fig|Ref|Inc|Co|Ltd|St)|\b[A-Z])\.$")


def sentences(text: str) -> list[str]:
    """Sentences of ``text``; no break after "U.S.", "e.g.", an initial, and the like."""
    out: list[str] = []
    for piece in _SPLIT.split(" ".join(text.split())):
        if out and _ABBREV.search(out[-1]):
            out[-1] = f"{out[-1]} {piece}"
        elif piece.strip():
            out.append(piece.strip())
    return out


def norm(text: str) -> str:
    return " ".join(text.casefold().split())


def list_items(text: str, max_words: int = 5) -> list[str]:
    """The short items of "A, B, and C" with brackets dropped ("cellulitis (a skin infection)")."""
    body = _BRACKETS.sub(" ", text)
    out = []
    for part in _ITEM_SPLIT.split(body):
        item = " ".join(part.split()).strip(" :.*-–")
        if item and len(item.split()) <= max_words:
            out.append(item)
    return out
