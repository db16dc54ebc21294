"""The records a comparison works on: a file of one version (``Source``), a dataset read
from it (``Loaded``), a drug spec read from it (``Spec``) and every file of one version
(``Side``). Reading them is ``sides.py`` (datasets) and ``specdiff.py`` (specs).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass
class Source:
    """One file of one version."""

    rel: str  # path relative to the compared root (posix); pairs old and new files
    shown: str  # how a message names it: "old/interactions.csv", "HEAD:data/interactions.csv"
    path: str  # the path a Violation carries (display path)
    data: bytes
    fs_path: str | None = None  # where the file lives on disk, when it does (config globs, kind)
    name: str = ""  # the file's own name, whose suffix picks the reader (old.csv vs new.yaml); default rel

    @property
    def read_name(self) -> str:
        return self.name or self.rel


@dataclass
class Loaded:
    """A readable dataset file: typed canonical frame plus where each row came from."""

    source: Source
    kind: str
    frame: pd.DataFrame  # canonical columns, typed; plus _line (int) and _path, _shown
    header: list[str]
    columns: dict[str, str]  # canonical -> name in the file

    def column_number(self, canonical: str | None) -> int:
        if canonical is None:
            return 1
        name = self.columns.get(canonical, canonical)
        try:
            return self.header.index(name) + 1
        except ValueError:
            return 1


@dataclass
class Spec:
    """A drug spec file of one version, loaded through ``druglint.specs`` (when present)."""

    source: Source
    spec: object


@dataclass
class Side:
    """Every loaded file of one version, by relative path."""

    tables: dict[str, Loaded] = field(default_factory=dict)
    specs: dict[str, Spec] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
