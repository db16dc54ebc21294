"""What every reader yields: a Table (a DataFrame plus the source line of each row)."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd


@dataclass
class Finding:
    """A reader's finding before it becomes a Violation (the engine adds path and metadata)."""

    code: str
    line: int
    column: int
    message: str


@dataclass
class Table:
    """A dataset as read: ``frame`` has a RangeIndex; ``lines[i]`` is row i's first line.

    Text formats keep every cell as a string (``None`` for an empty cell) so that rules see
    what the curator wrote; the schema stage coerces types and reports what does not fit.
    """

    path: str
    fmt: str
    frame: pd.DataFrame
    lines: np.ndarray
    header: list[str]
    header_line: int = 1
    delimiter: str | None = None
    encoding_bom: bool = False
    meta: dict[str, object] = field(default_factory=dict)

    def column_number(self, name: str | None) -> int:
        """1-based position of a column in the file's header (1 if unknown)."""
        if name is None:
            return 1
        try:
            return self.header.index(name) + 1
        except ValueError:
            return 1


@dataclass
class ReadResult:
    table: Table | None
    findings: list[Finding] = field(default_factory=list)
