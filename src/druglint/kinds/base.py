"""What a dataset kind is: its canonical columns and its pandera model."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    dtype: str = "str"  # str | float | bool
    required: bool = False
    vocab: str | None = None  # name of a druglint.vocab vocabulary
    free_text: bool = False  # human-readable text (abbreviation rules apply)


@dataclass(frozen=True)
class Kind:
    name: str
    columns: tuple[ColumnSpec, ...]
    model: Callable[[], type]  # returns the pandera DataFrameModel (built lazily)
    key: tuple[str, ...] = ()  # columns identifying a record (duplicates, diff)

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]

    def column(self, name: str) -> ColumnSpec | None:
        for c in self.columns:
            if c.name == name:
                return c
        return None
