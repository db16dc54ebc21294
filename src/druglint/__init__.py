"""druglint: a linter for drug-information datasets and documents.

Public API (``dir(druglint)``): ``lint_paths``, ``lint_frame``, ``assert_valid``, ``describe``,
``load_specs``, ``Report``, ``Violation``, ``Severity``, ``Fix``, ``Config``, and the errors a
caller may catch: ``DruglintError`` (the base of ``UsageError``, ``ConfigError`` and
``BaselineError``) and ``DruglintAssertionError`` (an AssertionError). See druglint.api and
the README's "Library" section.
Imports of pandas and pandera happen on first use, so ``import druglint`` stays cheap.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["lint_paths", "lint_frame", "assert_valid", "describe", "load_specs", "Report", "Violation", "Severity", "Fix",
           "Config", "DruglintAssertionError", "DruglintError", "UsageError", "ConfigError", "BaselineError",
           "__version__"]

if TYPE_CHECKING:  # pragma: no cover
    from druglint.api import DruglintAssertionError, assert_valid, describe, lint_frame, lint_paths
    from druglint.suppress.baseline import BaselineError
    from druglint.config import Config, ConfigError
    from druglint.engine import UsageError
    from druglint.errors import DruglintError
    from druglint.specs import load_specs
    from druglint.model import Fix, Report, Severity, Violation

# name -> module that defines it (imported on first use, so ``import druglint`` stays cheap)
_LAZY = {"lint_paths": "api", "lint_frame": "api", "assert_valid": "api", "describe": "api",
         "DruglintAssertionError": "api", "load_specs": "specs", "Report": "model", "Violation": "model",
         "Severity": "model", "Fix": "model", "Config": "config", "ConfigError": "config", "UsageError": "engine",
         "BaselineError": "suppress.baseline", "DruglintError": "errors"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'druglint' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"druglint.{module}"), name)


def __dir__() -> list[str]:
    """The public API (``dir(druglint)``), not the lazily imported submodules."""
    return sorted(__all__)
