"""``druglint spec review``: list the draft facts of derived specs and confirm them.

A draft is a mapping with ``review: required`` (read from a table or prose). Listing shows
each with its line, value and quoted source text; ``--confirm`` changes the chosen facts'
status to ``confirmed`` in place (only that line changes; the file is replaced atomically).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

VALUE_KEYS = ("term", "route", "form", "phase", "population", "drug", "class", "name", "value", "amount", "year", "text")


@dataclass
class Draft:
    path: str
    line: int  # the fact's first line
    review_line: int
    what: str
    quote: str
    status: str


def drafts(path: str) -> list[Draft]:
    """Every fact of the spec at ``path`` that carries a review status of required or confirmed."""
    from druglint import yamlio

    doc = yamlio.load(Path(path).read_text(encoding="utf-8"))
    out: list[Draft] = []

    def walk(node, family: str) -> None:
        if isinstance(node, dict):
            status = node.get("review")
            if status in ("required", "confirmed"):
                prov = node.get("provenance") if isinstance(node.get("provenance"), dict) else {}
                value = next((f"{k} {node[k]}" for k in VALUE_KEYS if k in node), "")
                extra = f", {node['percent']:g} %" if isinstance(node.get("percent"), (int, float)) else ""
                out.append(Draft(path, yamlio.line_of(node), yamlio.line_of(node, "review"),
                                 f"{family}: {value}{extra}".strip(), str(prov.get("quote") or ""), status))
            for k, v in node.items():
                walk(v, str(k) if isinstance(v, (list, dict)) and str(k) not in ("provenance",) else family)
        elif isinstance(node, list):
            for v in node:
                walk(v, family)

    walk(doc, "")
    return sorted(out, key=lambda d: d.line)


def confirm(path: str, which: list[Draft]) -> int:
    """Set the review of ``which`` to confirmed; returns how many changed."""
    text = Path(path).read_text(encoding="utf-8")
    lines = text.split("\n")
    changed = 0
    for d in which:
        i = d.review_line - 1
        new = re.sub(r'(review:\s*)["\']?required["\']?', r'\1"confirmed"', lines[i], count=1)
        if new != lines[i]:
            lines[i] = new
            changed += 1
    if changed:
        from druglint.atomic import atomic_write

        atomic_write(path, "\n".join(lines).encode("utf-8"))
    return changed
