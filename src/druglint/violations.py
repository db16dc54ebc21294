"""Building a Violation from a code, a place and a message, at the configured severity.

Kept apart from the engine so that everything emitting findings after the rules (the
suppression package's DL699, document handlers) needs the registry and the model only,
not the pipeline (``engine.make`` is this function).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from druglint import registry
from druglint.model import Fix, Severity, Violation

if TYPE_CHECKING:  # pragma: no cover
    from druglint.config import Config


def make(path: str, code: str, line: int, column: int, message: str, fix: Fix | None = None,
         config: "Config | None" = None, severity: str | None = None) -> Violation:
    """A Violation at the configured severity of ``code``; else ``severity`` (a finding the
    rule is less sure of, e.g. DL630 on a document only guessed to be a monograph); else the
    rule's default."""
    rule = registry.get(code)
    default = Severity.parse(severity) if severity else rule.severity
    sev = config.severity.get(code, default) if config else default
    return Violation(path, int(line), int(column), code, sev, message, rule.name, fix)
