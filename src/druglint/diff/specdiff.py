"""Drug specs in a diff: each spec becomes small fact tables compared by the DL7xx rules.

The spec is read by ``druglint.specs`` (the one spec loader); this module only turns its
facts into frames of the shapes the diff rules know. Until ``druglint.specs`` provides a
loader, spec files are not compared (datasets still are).
"""
from __future__ import annotations

from druglint.diff.sides import Source


def load_spec(specs_module, src: Source):
    """The loaded spec when ``src`` is a drug spec the specs package reads, else None."""
    return None


def compare(old, new, config, sel) -> list:
    """Spec facts are compared as tables (see ``tables``); nothing extra to do here."""
    return []
