"""What a diff rule sees: the old and new records of one dataset, matched by key.

A ``DiffPair`` holds the rows of one file in both versions (or, for files that exist on one
side only, every such file of the kind pooled together, so a renamed or split file is still
matched record by record). A rule calls :meth:`DiffPair.join` with the record key of its
kind and a rank that picks, among rows sharing a key, the one that says the most
(the highest severity, a serious reaction, the largest dose): one row per key per side,
then an outer join. Rules return :func:`found` frames; ``druglint.diff.engine`` turns them
into Violations and reviewable changes. Everything is vectorised: no loop over rows.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import pandas as pd

from druglint.diff.sides import Loaded

FOUND_COLUMNS = ["row", "column", "message", "old", "new"]


def norm(s: pd.Series) -> pd.Series:
    """Matching form of a name: case-folded, whitespace collapsed; missing -> ''."""
    text = s.astype("str").where(s.notna(), "")
    return text.str.strip().str.casefold().str.replace(r"\s+", " ", regex=True)


def text(s: pd.Series) -> pd.Series:
    """Display form of a value ('' when missing, numbers without a trailing .0)."""
    if pd.api.types.is_float_dtype(s.dtype):
        out = s.map(lambda v: f"{v:.12g}" if v == v else "", na_action=None)  # distinct values are few
        return out.astype(object)
    if pd.api.types.is_bool_dtype(s.dtype):
        return s.astype(object).where(s.notna(), None).map({True: "true", False: "false", None: ""}).fillna("")
    return s.astype("str").where(s.notna(), "").astype(object)


@dataclass
class DiffPair:
    kind: str
    old: pd.DataFrame  # canonical typed rows + _line, _path, _shown (may have no rows)
    new: pd.DataFrame
    files: dict[str, Loaded] = field(default_factory=dict)  # display path -> Loaded (column numbers)
    has_old: bool = True  # False: nothing to compare against (a file added)
    elsewhere: pd.DataFrame | None = None  # new rows of the same kind in OTHER files (moved records)

    def has(self, *names: str) -> bool:
        """The old version holds these columns (a change needs something to change from)."""
        return all(n in self.old.columns for n in names)

    def join(self, key: Callable[[pd.DataFrame], pd.Series], rank: Callable[[pd.DataFrame], pd.Series] | None = None,
             label: Callable[[pd.DataFrame], pd.Series] | None = None) -> pd.DataFrame:
        """Outer join of one representative row per key on each side.

        Columns: ``key``, ``label`` (a readable record name, from the new side where it
        exists), ``in_old``, ``in_new``, and every column of either side with suffix
        ``_old`` / ``_new`` (absent columns are all missing)."""
        from druglint.kinds import KINDS

        kind_cols = {c.name for c in KINDS[self.kind].columns} if self.kind in KINDS else set()
        cols = sorted(set(self.old.columns) | set(self.new.columns) | kind_cols | {"_line", "_path", "_shown"})
        sides = []
        frames = [self.old, self.new]
        if self.elsewhere is not None and len(self.elsewhere):
            frames.append(self.elsewhere)
        for frame in frames:
            f = frame.reindex(columns=cols)
            f["key"] = key(f).to_numpy(dtype=object) if len(f) else np.array([], dtype=object)
            f["label"] = (label(f) if label else f["key"]).to_numpy(dtype=object) if len(f) else np.array([], dtype=object)
            f = f[f["key"] != ""]
            if rank is not None and len(f):
                f = f.assign(_rank=rank(f).to_numpy(dtype="float64"))
                f = f.sort_values(["_rank", "_line"], ascending=[False, True], kind="stable", na_position="last")
                f = f.drop(columns="_rank")
            f = f.drop_duplicates("key", keep="first").set_index("key")
            sides.append(f)
        old, new = sides[0], sides[1]
        if len(sides) > 2:
            # a record gone from this file but present in another file of the new version moved:
            # compare it with where it went (so a move is not a removal, and a move plus a
            # downgrade is still a downgrade)
            moved = sides[2][sides[2].index.isin(old.index) & ~sides[2].index.isin(new.index)]
            new = pd.concat([new, moved])
        merged = old.add_suffix("_old").join(new.add_suffix("_new"), how="outer")
        merged["in_old"] = merged.index.isin(old.index)
        merged["in_new"] = merged.index.isin(new.index)
        merged["label"] = merged["label_new"].where(merged["in_new"], merged["label_old"])
        merged = merged.rename_axis("key").reset_index()
        return merged


def found(merged: pd.DataFrame, mask, column: str | None, message, old, new) -> pd.DataFrame:
    """Findings at the merged rows where ``mask`` holds. ``message``, ``old`` and ``new``
    are a str or one value per merged row (or per masked row)."""
    m = np.asarray(mask, dtype=bool)
    rows = np.flatnonzero(m)

    def pick(v):
        if isinstance(v, str) or v is None:
            return v
        arr = np.asarray(v, dtype=object)
        return arr if arr.size == rows.size else arr[m]

    return pd.DataFrame({"row": rows.astype(np.int64), "column": column, "message": pick(message),
                         "old": pick(old), "new": pick(new)}, columns=FOUND_COLUMNS)
