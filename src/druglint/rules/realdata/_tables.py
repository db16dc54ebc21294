"""Shared helpers of the real-data rules (DL130-DL149); not a rule itself."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

import numpy as np
import pandas as pd


@dataclass
class Seen:
    path: str
    table: Any  # druglint.readers.Table
    frame: pd.DataFrame  # the file's own column names (after a preset's value transforms)
    preset: Any  # druglint.presets.Preset or None
    group: str = ""


def tables(project) -> Iterator[Seen]:
    """Every table of the run once: those read through a preset, then the others."""
    from druglint.presets.base import recorded

    done: set[int] = set()
    for item in recorded(project):
        done.add(id(item.table))
        yield Seen(item.path, item.table, item.frame, item.preset, item.group)
    for ctx in project.tables:
        if id(ctx.table) in done:
            continue
        done.add(id(ctx.table))
        frame = ctx.raw
        header = list(ctx.table.header)
        if len(header) == frame.shape[1]:
            frame = frame.set_axis(header, axis=1)
        yield Seen(ctx.table.path, ctx.table, frame, None, "")


def violation(seen_path: str, code: str, line: int, column: int, message: str, project):
    from druglint.engine import make

    return make(seen_path, code, int(line), int(column), message, None, project.config)


def text(s: pd.Series) -> pd.Series:
    """Cells as stripped strings; missing and empty both become ''."""
    return s.astype("str").fillna("").str.strip().fillna("")


def lines_of(table, rows: np.ndarray) -> np.ndarray:
    return np.asarray(table.lines)[rows]
