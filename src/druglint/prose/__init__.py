"""Prose linting: Markdown, reStructuredText and plain-text documents about drugs.

``document`` reads a file into text with positions and sections; ``handler`` is the engine's
document handler for prose; rules live in ``druglint.rules.prose`` and are registered with
scope :data:`DOCUMENT`: ``check(ctx: ProseContext) -> iterable of Hit``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from druglint.model import Fix

DOCUMENT = "document"  # registry scope of prose rules (run by druglint.prose.handler)


@dataclass(frozen=True)
class Hit:
    """A prose finding at ``offset`` into Document.text."""

    offset: int
    message: str
    fix: Fix | None = None
    severity: str | None = None  # this finding's severity when it differs from the rule's default


@dataclass
class ProseContext:
    doc: Any  # druglint.prose.document.Document
    config: Any  # druglint.config.Config
    subject: str | None = None  # canonical name of the drug the document is about
    spec: Any = None  # the subject's spec (druglint.specs model) or None
    kind: str = "article"  # article | monograph
    settings: dict[str, Any] = field(default_factory=dict)  # validated cfg.extra["prose"]
    pack_drug: Any = None  # without a spec: the subject as the knowledge pack knows it (prose.facts.PackDrug)
