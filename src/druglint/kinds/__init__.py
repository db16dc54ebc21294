"""Dataset kinds (one module each) and how a file's kind is told from its columns."""
from __future__ import annotations

import re

from druglint.kinds import dosing, interactions, side_effects
from druglint.kinds.base import ColumnSpec, Kind

KINDS: dict[str, Kind] = {k.name: k for k in (side_effects.KIND, interactions.KIND, dosing.KIND)}

_NAME = re.compile(r"[\s\-.]+")


def canonical_name(header_name: str) -> str:
    """'Drug A' and 'drug-a' match the canonical 'drug_a'."""
    return _NAME.sub("_", header_name.strip()).casefold()


def detect(columns: set[str]) -> str | None:
    """The kind whose identifying columns are all present, or None."""
    if {"drug_a", "drug_b"} <= columns:
        return "interactions"
    if {"drug", "effect"} <= columns:
        return "side_effects"
    if "drug" in columns and columns & {"route", "dose", "dose_unit", "concentration", "interval_days", "phase"}:
        return "dosing"
    return None


__all__ = ["KINDS", "Kind", "ColumnSpec", "canonical_name", "detect"]
