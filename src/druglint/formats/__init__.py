"""Output formats, one module each: ``render(report, options) -> str``."""
from __future__ import annotations

import importlib
from dataclasses import dataclass

from druglint.model import Severity

FORMATS = ("text", "json", "sarif", "github", "gitlab", "junit", "html", "markdown", "auto")


def resolve(name: str) -> str:
    """``auto`` is ``github`` under GitHub Actions (GITHUB_ACTIONS=true), else ``text``."""
    if name == "auto":
        import os

        return "github" if os.environ.get("GITHUB_ACTIONS", "").lower() == "true" else "text"
    return name


@dataclass
class Options:
    color: bool = False
    statistics: bool = False
    show_fixes: bool = True
    fail_on: Severity = Severity.WARNING  # junit: which violations make a file's test case fail
    summary: bool = True  # text: the closing summary line (off with -q/--quiet)


def render(name: str, report, options: Options) -> str:
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r} (expected one of {', '.join(FORMATS)})")
    name = resolve(name)
    return importlib.import_module(f"druglint.formats.{name}_format").render(report, options)
