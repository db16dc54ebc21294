"""Rule documentation as a reader sees it: docstrings are reStructuredText, but ``druglint
rules``, ``druglint rule`` and SARIF help are read on a terminal or in a code-scanning page,
where ``double backticks``, :roles: and `link <url>`_ targets are noise."""
from __future__ import annotations

import re

_ROLE = re.compile(r":[a-z][\w:+-]*:`~?([^`<]*?)\s*(?:<([^`>]*)>)?`")
_LINK = re.compile(r"`([^`<]+?)\s*<([^`>]+)>`_{1,2}")
_LITERAL = re.compile(r"``(.+?)``")
_BLOCK = re.compile(r"(\S)::$", re.M)


def _role(m: re.Match[str]) -> str:
    text = m.group(1) or m.group(2) or ""
    if m.group(1) and not m.group(2) and "." in text and " " not in text:
        text = text.rsplit(".", 1)[-1]  # :class:`~druglint.model.Report` -> Report
    return f"`{text}`"


def plain(text: str) -> str:
    """``code`` -> `code`, :class:`~a.b.C` -> `C`, `text <url>`_ -> text (url), 'example::' -> 'example:'."""
    text = _LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})", text)
    text = _ROLE.sub(_role, text)
    text = _LITERAL.sub(lambda m: f"`{m.group(1)}`", text)
    return _BLOCK.sub(r"\1:", text)
