"""druglint: a linter for drug-information datasets and documents.

Public API: ``lint_paths``, ``lint_frame``, ``assert_valid``, ``load_specs``, ``Report``,
``Violation``, ``Severity``, ``Fix`` (see druglint.api and the README's "Library" section).
Imports of pandas and pandera happen on first use, so ``import druglint`` stays cheap.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["lint_paths", "lint_frame", "assert_valid", "load_specs", "Report", "Violation", "Severity", "Fix",
           "DruglintAssertionError", "__version__"]

if TYPE_CHECKING:  # pragma: no cover
    from druglint.api import DruglintAssertionError, assert_valid, lint_frame, lint_paths
    from druglint.specs import load_specs
    from druglint.model import Fix, Report, Severity, Violation


def __getattr__(name: str) -> Any:
    if name in ("lint_paths", "lint_frame", "assert_valid", "DruglintAssertionError"):
        from druglint import api

        return getattr(api, name)
    if name == "load_specs":
        from druglint.specs import load_specs

        return load_specs
    if name in ("Report", "Violation", "Severity", "Fix"):
        from druglint import model

        return getattr(model, name)
    raise AttributeError(f"module 'druglint' has no attribute {name!r}")
