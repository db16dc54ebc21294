"""Which columns of a table are free text, and the vectorised matching helpers.

A column is free text when its kind marks it so (``ColumnSpec.free_text``: dosing
``frequency``, side_effects ``effect``) or the config lists it under ``free-text-columns``;
a column listed under ``coded-columns`` never is (a frequency column holding HL7 FHIR timing
codes such as QD, BID, Q4H is coded: those codes are correct there). Names may be canonical
or as written in the file.

    free-text-columns: [sig, dose_vbm]
    coded-columns: [frequency]
"""
from __future__ import annotations

import functools
import re
import weakref
from typing import Any

KINDS = ("dosing", "side_effects", "interactions")


def _names(config: Any, key: str) -> list[str]:
    from druglint.config import ConfigError

    raw = config.extra.get(key) if config is not None else None
    if raw is None:
        return []
    line = config.line_of(key) if callable(getattr(config, "line_of", None)) else None
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not all(isinstance(x, str) and x.strip() for x in raw):
        raise ConfigError(f"'{key}' must be a list of column names", config.path, line)
    return [x.strip() for x in raw]


def free_text_names(config: Any) -> list[str]:
    return _names(config, "free-text-columns")


def coded_names(config: Any) -> list[str]:
    return _names(config, "coded-columns")


def free_text_columns(ctx: Any) -> list[str]:
    """Canonical names of the free-text columns present in ``ctx.raw``."""
    from druglint.kinds import KINDS as KIND_MODELS, canonical_name

    kind = KIND_MODELS[ctx.kind]
    file_to_canon = {v: k for k, v in ctx.columns.items()}

    def canon(name: str) -> str:
        if name in ctx.raw.columns:
            return name
        return file_to_canon.get(name, canonical_name(name))

    wanted = [c.name for c in kind.columns if c.free_text]
    wanted += [canon(n) for n in _names(ctx.config, "free-text-columns")]
    coded = {canon(n) for n in _names(ctx.config, "coded-columns")}
    out: list[str] = []
    for c in wanted:
        if c in ctx.raw.columns and c not in coded and c not in out:
            out.append(c)
    return out


def text_of(ctx: Any, column: str):
    """The column as pandas string dtype (missing cells stay missing), converted once per
    table and column."""
    cache = ctx.__dict__.setdefault("_free_text_columns", {})
    if column not in cache:
        cache[column] = ctx.raw[column].astype("string")
    return cache[column]


def _distinct(s: Any) -> tuple[Any, Any]:
    """(codes, distinct values as a string Series) of a column, computed once per column
    object (the six free-text rules share it)."""
    import numpy as np
    import pandas as pd

    key = id(s)
    hit = _DISTINCT.get(key)
    if hit is not None and hit[0]() is s:
        return hit[1], hit[2]
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    values = pd.Series(np.asarray(uniques, dtype=object), dtype="string")
    if len(_DISTINCT) >= 8:  # the rules run one table at a time: a few columns suffice
        _DISTINCT.clear()  # (one slot made the rules alternating over two columns redo each)
    _DISTINCT[key] = (weakref.ref(s), codes, values)
    # the entry goes with its column (a streamed chunk's, cached on its context): held here,
    # four chunks' text columns and their distinct values outlived their chunks
    weakref.finalize(s, _DISTINCT.pop, key, None)
    return codes, values


_DISTINCT: dict[int, tuple[Any, Any, Any]] = {}  # id(column) -> (weak ref to it, codes, distinct values)


# Below this many distinct values a column is matched with Python's re value by value:
# pandas' str.contains + str.extractall + merge cost ~2 ms per call whatever the size, which
# dominated small files (20 files x 7 rules x 2 columns in a pre-commit run). Above it, the
# prefilter runs vectorised in pyarrow's RE2 first. Both give the same frame.
SMALL_DISTINCT = 2000


def matches(s: Any, regex: re.Pattern[str] | str, prefilter: str | None = None) -> Any:
    """``s.str.extractall(regex)`` computed on the distinct values only and spread back to
    the rows (free-text columns repeat a few phrasings many times). Returns a frame with a
    ``row`` column (0-based position) plus the pattern's groups (named, else numbered from
    0, as extractall names them), ordered by row and match. ``prefilter`` is a cheap pattern
    without look-arounds, true of every value the full pattern matches; only the distinct
    values it matches meet the full pattern."""
    import numpy as np
    import pandas as pd

    codes, values = _distinct(s)
    n_values = len(values)
    if n_values == 0:
        return pd.DataFrame()
    rx = regex if isinstance(regex, re.Pattern) else re.compile(regex)
    names = {i: n for n, i in rx.groupindex.items()}
    columns = [names.get(1 + i, i) for i in range(rx.groups)]
    if len(values) <= SMALL_DISTINCT:
        pre = _compiled(prefilter) if prefilter is not None else None
        u_of: list[int] = []
        groups: list[tuple] = []
        for u, v in enumerate(values.tolist()):
            if not isinstance(v, str) or (pre is not None and pre.search(v) is None):
                continue
            for m in rx.finditer(v):
                u_of.append(u)
                groups.append(m.groups())
        if not u_of:
            return pd.DataFrame()
        cols = list(zip(*groups)) if rx.groups else []
        found = {c: pd.array(list(vals), dtype=values.dtype) for c, vals in zip(columns, cols)}
        return _spread(codes, np.asarray(u_of, dtype=np.int64), found, n_values)
    if prefilter is not None:
        values = values[values.str.contains(prefilter, regex=True).fillna(False).to_numpy(dtype=bool)]
        if values.empty:
            return pd.DataFrame()
    found = values.str.extractall(rx)
    if found.empty:
        return found
    u_of = found.index.get_level_values(0).to_numpy(dtype=np.int64)  # ordered by value, then match
    return _spread(codes, u_of, {c: found[c].array for c in found.columns}, n_values)


def _spread(codes: Any, u_of: Any, found: dict, n_values: int) -> Any:
    """Matches of distinct values (``u_of``: the value of each match, ascending) broadcast to
    every row holding that value: one output row per (row, match), by row then match."""
    import numpy as np
    import pandas as pd

    count = np.bincount(u_of, minlength=n_values)
    offset = np.concatenate([[0], np.cumsum(count)[:-1]])
    per_row = np.where(codes >= 0, count[np.maximum(codes, 0)], 0)
    rows = np.flatnonzero(per_row)
    reps = per_row[rows]
    out_rows = np.repeat(rows, reps)
    k = np.arange(out_rows.size) - np.repeat(np.cumsum(reps) - reps, reps)  # match number within the row
    take = offset[codes[out_rows]] + k
    out = pd.DataFrame({"row": out_rows.astype(np.int64)})
    for c, arr in found.items():
        out[c] = pd.Series(arr).take(take).reset_index(drop=True)
    return out


@functools.lru_cache(maxsize=64)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def whole(pattern: re.Pattern[str]) -> str:
    """The pattern with one outer capturing group (for str.extract's first column)."""
    return "(" + pattern.pattern + ")"


def whole_cell_fix(cells: Any, old: Any, new: Any) -> tuple[Any, Any]:
    """Fixes name a whole cell (the fixer rewrites cells, checking the cell holds ``old``):
    (cell, cell with ``old`` replaced by ``new`` once). Computed once per distinct
    (cell, old, new), so a column of repeated phrasings costs a few string operations."""
    import pandas as pd

    frame = pd.DataFrame({"cell": pd.Series(cells, dtype=object).to_numpy(dtype=object),
                          "old": pd.Series(old, dtype=object).to_numpy(dtype=object),
                          "new": pd.Series(new, dtype=object).to_numpy(dtype=object)})
    ok = frame["new"].notna() & frame["old"].notna() & frame["cell"].notna()
    distinct = frame[ok].drop_duplicates()
    fixed = {(c, o, n): str(c).replace(str(o), str(n), 1)
             for c, o, n in zip(distinct["cell"].tolist(), distinct["old"].tolist(), distinct["new"].tolist())}
    keys = pd.Series(list(zip(frame["cell"], frame["old"], frame["new"])), dtype=object)
    new_cell = keys.map(fixed).where(ok, None)
    return frame["cell"].where(ok, None).to_numpy(dtype=object), new_cell.to_numpy(dtype=object)


def designation_hits(ctx: Any, pattern: re.Pattern[str], build, prefilter: str | None = None, keep=None) -> Any:
    """Hits for every match of ``pattern`` in the free-text columns (str.extractall, no row
    loop). ``build(m)`` receives the matches as a DataFrame (column 0 = the whole match, then
    the pattern's groups by number, all strings) and returns (message, old, new) Series;
    ``keep(m)``, when given, selects the matches that count (a boolean Series)."""
    import pandas as pd

    from druglint.hits import concat

    outer = re.compile(whole(pattern))
    parts = []
    for col in free_text_columns(ctx):
        s = text_of(ctx, col)
        if not s.notna().any():
            continue
        m = matches(s, outer, prefilter)
        if m.empty:
            continue
        rows = m.pop("row").to_numpy(dtype="int64")
        m.columns = range(m.shape[1])
        m = m.astype(object).where(m.notna(), "")
        if keep is not None:
            mask = keep(m).to_numpy(dtype=bool)
            m, rows = m[mask], rows[mask]
            if m.empty:
                continue
        message, old, new = build(m)
        cell_old, cell_new = whole_cell_fix(s.to_numpy(dtype=object)[rows], old, new)
        parts.append(pd.DataFrame({
            "row": rows,
            "column": col,
            "message": (col + ": " + message).to_numpy(dtype=object),
            "code": None,
            "fix_message": ("write '" + new + "'").to_numpy(dtype=object),
            "fix_old": cell_old,
            "fix_new": cell_new,
        }))
    return concat(parts)
