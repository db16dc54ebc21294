"""HL7 v3 (SPL) element helpers shared by the label reader (``spl.py``) and its product
facts (``spl_products.py``): the namespace, an element's local name, its text.
"""
from __future__ import annotations

import re

NS = "{urn:hl7-org:v3}"
_NESTED = {"list", "table", "paragraph", "item", "tr", "caption", "footnote"}
_WS = re.compile(r"\s+")


def _local(el) -> str:
    tag = el.tag if isinstance(el.tag, str) else ""
    return tag.rsplit("}", 1)[-1]


def text_of(el, skip_nested: bool = False) -> str:
    """The element's text, whitespace collapsed; nested blocks left out when ``skip_nested``."""
    parts: list[str] = []

    def walk(e, top: bool) -> None:
        name = _local(e)
        if not top and skip_nested and name in _NESTED:
            if e.tail:
                parts.append(e.tail)
            return
        if name in ("br", "suffix"):  # "TRIAMINIC<suffix>Childrens ..." is two words
            parts.append(" ")
        if e.text and isinstance(e.tag, str):
            parts.append(e.text)
        for c in e:
            walk(c, False)
        if not top and e.tail:
            parts.append(e.tail)

    walk(el, True)
    return _WS.sub(" ", "".join(parts)).strip()


def _first(el, path: str):
    return el.find(path.replace("v:", NS))
