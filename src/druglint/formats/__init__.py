"""Output formats, one module each: ``render(report, options) -> str``."""
from __future__ import annotations

import importlib
from dataclasses import dataclass

FORMATS = ("text", "json")


@dataclass
class Options:
    color: bool = False
    statistics: bool = False
    show_fixes: bool = True


def render(name: str, report, options: Options) -> str:
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r} (expected one of {', '.join(FORMATS)})")
    return importlib.import_module(f"druglint.formats.{name}_format").render(report, options)
