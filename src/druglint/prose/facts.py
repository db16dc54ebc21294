"""The drug specs a prose document is held against (the specs helper's loader and model).

Until ``druglint.specs`` exists, no spec is known and the spec rules stay silent.
"""
from __future__ import annotations

from typing import Any


def specs(config: Any) -> list[Any]:
    try:
        from druglint.specs import load_specs  # type: ignore[attr-defined]
    except ImportError:
        return []
    try:
        loaded = load_specs(config)
    except Exception:  # a broken spec is reported by the spec loader's own rules
        return []
    if isinstance(loaded, dict):
        return list(loaded.values())
    return list(loaded or [])


def spec_for(name: str | None, loaded: list[Any]) -> Any:
    if not name:
        return None
    low = name.lower()
    for s in loaded:
        names = [getattr(s, "name", "")] + list(getattr(s, "synonyms", []) or []) + list(getattr(s, "brands", []) or [])
        if any(str(n).lower() == low for n in names):
            return s
    return None
