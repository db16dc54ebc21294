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
    """Matching form of a name: case-folded, whitespace collapsed; missing -> ''.
    Each distinct value is normalised once (a dataset repeats a few thousand names)."""
    codes, uniques = pd.factorize(s)
    u = pd.Series(np.asarray(uniques, dtype=object), dtype=object).astype(str)
    u = u.str.strip().str.casefold().str.replace(r"\s+", " ", regex=True)
    return pd.Series(np.append(u.to_numpy(dtype=object), "")[codes], index=s.index, dtype=object)


def text(s: pd.Series) -> pd.Series:
    """Display form of a value ('' when missing, numbers without a trailing .0)."""
    if pd.api.types.is_float_dtype(s.dtype):
        codes, uniques = pd.factorize(s)  # format each distinct value once, then broadcast
        shown = np.array([f"{v:.12g}" for v in uniques] + [""], dtype=object)
        return pd.Series(shown[codes], index=s.index, dtype=object)
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
    elsewhere: list[Loaded] = field(default_factory=list)  # new files of the same kind NOT in this pair
    cache: dict = field(default_factory=dict)  # (id(frame), key function) -> keys; shared by all pairs

    def has(self, *names: str) -> bool:
        """The old version holds these columns (a change needs something to change from)."""
        return all(n in self.old.columns for n in names)

    def _keys(self, frame: pd.DataFrame, fn: Callable, cols: list[str]) -> np.ndarray:
        """Record keys of ``frame`` (object array, '' = no key), computed once per frame."""
        hit = self.cache.get((id(frame), fn))
        if hit is None or hit[0] is not frame:
            f = frame if set(cols) <= set(frame.columns) else frame.reindex(columns=cols)
            keys = np.asarray(fn(f), dtype=object) if len(f) else np.array([], dtype=object)
            hit = (frame, keys)
            self.cache[(id(frame), fn)] = hit
        return hit[1]

    def join(self, key: Callable[[pd.DataFrame], pd.Series], rank: Callable[[pd.DataFrame], pd.Series] | None = None,
             label: Callable[[pd.DataFrame], pd.Series] | None = None) -> pd.DataFrame:
        """Outer join of one representative row per key on each side.

        Columns: ``key``, ``label`` (a readable record name, from the new side where it
        exists), ``in_old``, ``in_new``, and every column of either side with suffix
        ``_old`` / ``_new`` (absent columns are all missing). A record gone from this file
        but present in another file of the new version moved: it is compared with where it
        went (a move is not a removal, and a move plus a downgrade is still a downgrade)."""
        from druglint.kinds import KINDS

        memo = ("join", id(self), key, rank, label)
        if memo in self.cache:  # rules sharing key, rank and label share the join (read-only)
            return self.cache[memo][1]
        kind_cols = {c.name for c in KINDS[self.kind].columns} if self.kind in KINDS else set()
        cols = sorted(set(self.old.columns) | set(self.new.columns) | kind_cols | {"_line", "_path", "_shown"})

        def side(frame: pd.DataFrame, keys: np.ndarray) -> pd.DataFrame:
            f = frame.reindex(columns=cols).reset_index(drop=True)
            keep = np.flatnonzero(keys != "") if len(keys) else np.array([], dtype=np.int64)
            if rank is not None and keep.size:
                sub = f.iloc[keep]
                r = np.nan_to_num(rank(sub).to_numpy(dtype="float64"), nan=-np.inf)
                keep = keep[np.lexsort((sub["_line"].to_numpy(dtype="float64"), -r))]  # best first, then file order
            ks = keys[keep]
            first = ~pd.Series(ks, dtype=object).duplicated(keep="first").to_numpy()
            f = f.iloc[keep[first]]
            f.index = pd.Index(ks[first], dtype=object, name="key")
            f["label"] = np.asarray(label(f), dtype=object) if (label and len(f)) else f.index.to_numpy(dtype=object)
            return f

        old = side(self.old, self._keys(self.old, key, cols))
        new = side(self.new, self._keys(self.new, key, cols))
        missing = old.index.difference(new.index)
        if len(missing) and self.elsewhere:
            frames, keys = [], []
            for part in self.elsewhere:
                ks = self._keys(part.frame, key, cols)
                hit = pd.Index(ks, dtype=object).isin(missing)
                if hit.any():
                    frames.append(part.frame[hit])
                    keys.append(ks[hit])
            if frames:
                new = pd.concat([new, side(pd.concat(frames, ignore_index=True), np.concatenate(keys))])
        merged = old.add_suffix("_old").join(new.add_suffix("_new"), how="outer")
        merged["in_old"] = merged.index.isin(old.index)
        merged["in_new"] = merged.index.isin(new.index)
        merged["label"] = merged["label_new"].where(merged["in_new"], merged["label_old"])
        merged = merged.rename_axis("key").reset_index()
        self.cache[memo] = (self, merged)
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
