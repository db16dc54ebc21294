"""What a preset is (``Preset``), a table read through one (``PresetTable``), and where a run
keeps those tables for the project rules (``record``, ``recorded``, ``docs``).

Kept apart from the package's ``__init__`` (which imports every preset module to list them)
so that preset modules and the real-data rules import these without importing each other.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from druglint.readers.table import Table


@dataclass(frozen=True)
class Preset:
    name: str
    title: str
    kind: str | None  # canonical kind, or None for a reference table
    sources: tuple[str, ...]
    recognise: Callable[[str, list[str]], bool]  # (file name, header fields) -> bool
    # canonical column -> the file's column (a tuple: the first one present)
    columns: Mapping[str, str | tuple[str, ...]] = field(default_factory=dict)
    headerless: tuple[str, ...] | None = None  # column names when the file has no header
    delimiter: str | None = None  # forced delimiter (headerless files)
    quoting: bool | None = None  # False: the format never quotes, a '"' is literal (Drugs@FDA)
    transform: Callable[[Table], None] | None = None  # value transforms, in place, before the schema
    role: str = ""  # e.g. "faers:DRUG"; reference-table family for the project rules
    key: tuple[str, ...] = ()  # record-id columns (FAERS primaryid / isr)
    placeholder_columns: tuple[str, ...] = ()  # dose text where "UNK" stands for "unknown"
    text_columns: tuple[str, ...] = ()  # human-readable text checked for words split by spaces
    coded_columns: tuple[str, ...] = ()  # canonical columns holding codes (FAERS dose_freq QD, BID): not free text
    document: Callable[..., list] | None = None  # non-table documents: (path, shown, data, config, sel, project)
    recognise_head: Callable[[str, bytes], bool] | None = None  # (file name, first 4 KiB) when fields are not enough

    def aliases(self, header: list[str]) -> dict[str, list[str]]:
        """canonical -> [file column] for the columns of this file."""
        out: dict[str, list[str]] = {}
        present = set(header)
        for canon, names in self.columns.items():
            for name in (names,) if isinstance(names, str) else names:
                if name in present:
                    out[canon] = [name]
                    break
        return out


@dataclass
class PresetTable:
    """A table read through a preset, kept for the project rules."""

    path: str  # as shown in findings
    preset: Preset
    table: Table  # frame with the file's column names, after the preset's transforms
    frame: Any  # that frame (table.frame is renamed to canonical names by the engine)
    group: str  # FAERS quarter ("<folder>/17Q2"), the folder otherwise
    ctx: Any = None  # TableContext when the table has a canonical kind


def record(project: Any, item: PresetTable) -> None:
    if project is not None:
        project.extras.setdefault("presets", []).append(item)


def recorded(project: Any) -> list[PresetTable]:
    return list(project.extras.get("presets", [])) if project is not None else []


def docs(project: Any) -> list[Any]:
    """Prose documents the presets extracted (label sections), for the prose-level rules."""
    return list(project.extras.get("preset_documents", [])) if project is not None else []
