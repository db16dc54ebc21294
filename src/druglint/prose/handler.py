"""The engine's document handler for prose: Markdown, reStructuredText and plain text.

It claims ``.md``, ``.markdown`` and ``.rst`` files, and ``.txt`` files that are not
delimited tables: a ``.txt`` whose first line holds a ``$`` (FAERS quarterly files), a tab
(Drugs@FDA files) or looks like a comma-separated header goes to the table reader as before.

A document is linted by every rule registered with scope ``druglint.prose.DOCUMENT``, then
inline suppressions are applied (``druglint.suppress.document``) and unused ones reported as
DL699.

Which drug a document is about: front matter ``drug:`` (Markdown/plain-text ``---`` block,
or an RST ``:drug:`` field), else the known drug mentioned most often in the title and the
first paragraph. Whether it is a monograph (required sections apply) or an article: front
matter ``type: monograph`` / ``type: article``, else the config's ``prose.monographs`` /
``prose.articles`` globs, else a monograph is a document with at least three headings of
which at least two are standard monograph sections (see ``rules/prose/missing_section.py``).
"""
from __future__ import annotations

import os
import re
from typing import Any

from druglint.prose import DOCUMENT, ProseContext

PROSE_SUFFIXES = (".md", ".markdown", ".rst")
_CSV_HEADER = re.compile(r"^[\w .\"'()/-]{1,40}(?:,[\w .\"'()/-]{0,40})+$")


def claims(path: str, head: bytes) -> bool:
    suffix = os.path.splitext(path)[1].lower()
    if suffix in PROSE_SUFFIXES:
        return True
    if suffix != ".txt":
        return False
    # blank lines before a table's header do not make it prose (they are DL117 there)
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff").lstrip("\r\n")
    lines = text.split("\n") if "\n" in text else text.split("\r")  # CR-only line endings too
    first = lines[0].rstrip("\r")
    if "$" in first or "\t" in first or "|" in first:
        return False
    if _CSV_HEADER.match(first) and len(lines) > 1:
        second = lines[1].rstrip("\r")
        if second.count(",") == first.count(","):
            return False
    return True


# --------------------------------------------------------------------------- settings
def settings(config: Any) -> dict[str, Any]:
    """The validated ``prose`` config key: {monographs: [globs], articles: [globs]}."""
    from druglint.config import ConfigError

    raw = config.extra.get("prose") if config is not None else None
    out: dict[str, Any] = {"monographs": [], "articles": []}
    if raw is None:
        return out
    line = config.line_of("prose") if callable(getattr(config, "line_of", None)) else None
    if not isinstance(raw, dict):
        raise ConfigError("'prose' must be a mapping (keys: monographs, articles)", config.path, line)
    for key, value in raw.items():
        if key not in out:
            raise ConfigError(f"'prose' has unknown key {key!r} (expected monographs or articles)", config.path, line)
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"'prose.{key}' must be a list of file globs", config.path, line)
        out[key] = list(value)
    return out


def document_kind(doc: Any, config: Any, prose_settings: dict[str, Any]) -> str:
    from druglint.config import glob_match
    from druglint.rules.prose.missing_section import section_groups, matched_groups

    declared = str(doc.front_matter.get("type", doc.front_matter.get("kind", "")) or "").strip().lower()
    if declared in ("monograph", "article", "leaflet", "label"):
        return "monograph" if declared in ("monograph", "label") else "article"
    rel = config.rel(doc.path) if config is not None else doc.path
    if any(glob_match(rel, g) for g in prose_settings["monographs"]):
        return "monograph"
    if any(glob_match(rel, g) for g in prose_settings["articles"]):
        return "article"
    if len(doc.headings) >= 3 and len(matched_groups(doc, section_groups(None))) >= 2:
        return "monograph"
    return "article"


def subject(doc: Any, names: dict[str, str]) -> str | None:
    """Canonical name of the drug the document is about, or None."""
    from druglint.prose import drugs

    declared = doc.front_matter.get("drug")
    if isinstance(declared, str) and declared.strip():
        key = declared.strip().lower()
        return names.get(key) or drugs.dictionary().get(key) or declared.strip().lower()
    text = doc.title() + "\n" + doc.first_paragraph()
    counts = drugs.mentions(text, names)
    if not counts:
        return None
    order = {c: text.lower().find(c.lower()) for c in counts}
    return max(counts, key=lambda c: (counts[c], -order[c]))


# ------------------------------------------------------------------------------ lint
def lint(path: str, shown: str, data: bytes, config: Any, sel: Any, project: Any = None) -> list:
    from druglint import registry
    from druglint.violations import make
    from druglint import suppress
    from druglint.prose import drugs, facts
    from druglint.suppress.directives import parse
    from druglint.prose.document import read_document
    from druglint.readers.text import decode_findings

    findings, readable, _ = decode_findings(data)
    out = [make(shown, f.code, f.line, f.column, f.message, None, config) for f in findings if sel.enabled(f.code, path)]
    if not readable:
        return out
    from druglint import limits as limits_mod

    lim = limits_mod.of(config)
    data, long_lines = limits_mod.blank_long_lines(data, lim)  # DL151: a 100 MB line is not parsed
    out.extend(make(shown, f.code, f.line, f.column, f.message, None, config) for f in long_lines
               if sel.enabled(f.code, path))
    text = data.decode("utf-8").lstrip("\ufeff")
    doc = read_document(shown, text)
    prose_settings = settings(config)
    specs = facts.specs(config)
    names = drugs.names_of(specs)
    about = subject(doc, names)
    ctx = ProseContext(doc, config, about, facts.spec_for(about, specs), document_kind(doc, config, prose_settings),
                       prose_settings)
    ctx.names = names  # type: ignore[attr-defined]
    ctx.specs = specs  # type: ignore[attr-defined]
    if ctx.spec is None:  # a drug without a spec: its Drugs@FDA facts (knowledge pack)
        ctx.pack_drug = facts.pack_drug(config, about or doc.title())
    found = []
    for rule in registry.all_rules():
        if rule.scope != DOCUMENT or not sel.enabled(rule.code, path):
            continue
        if limits_mod.expired():  # limits.time-per-file: the rules left are named (DL152)
            left = [r.code for r in registry.all_rules() if r.scope == DOCUMENT and sel.enabled(r.code, path)]
            f = limits_mod.timed_out(1, left[left.index(rule.code):])
            out.append(make(shown, f.code, f.line, f.column, f.message, None, config))
            break
        for hit in rule.check(ctx) or ():
            line, col = doc.position(hit.offset)
            found.append(make(shown, rule.code, line, col, hit.message, hit.fix, config, hit.severity))
    # one finding per (line, column, code, message)
    seen: set[tuple[int, int, str, str]] = set()
    unique = []
    for v in sorted(found, key=lambda v: (v.line, v.column, v.code)):
        if (v.line, v.column, v.code, v.message) not in seen:
            seen.add((v.line, v.column, v.code, v.message))
            unique.append(v)
    directives = parse(doc.directive_text)  # directives inside code are examples, not directives
    out.extend(suppress.document(unique, directives, path, shown, sel, config))
    return out
