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

import re
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
    """The column as pandas string dtype (missing cells stay missing)."""
    return ctx.raw[column].astype("string")


def whole(pattern: re.Pattern[str]) -> str:
    """The pattern with one outer capturing group (for str.extract's first column)."""
    return "(" + pattern.pattern + ")"


def designation_hits(ctx: Any, pattern: re.Pattern[str], build) -> Any:
    """Hits for every match of ``pattern`` in the free-text columns (str.extractall, no row
    loop). ``build(m)`` receives the matches as a DataFrame (column 0 = the whole match, then
    the pattern's groups by number, all strings) and returns (message, old, new) Series."""
    import pandas as pd

    from druglint.hits import concat

    outer = re.compile(whole(pattern))
    parts = []
    for col in free_text_columns(ctx):
        s = text_of(ctx, col)
        if not s.notna().any():
            continue
        m = s.str.extractall(outer)
        if m.empty:
            continue
        m.columns = range(m.shape[1])
        m = m.astype(object).where(m.notna(), "")
        message, old, new = build(m)
        parts.append(pd.DataFrame({
            "row": m.index.get_level_values(0).to_numpy().astype("int64"),
            "column": col,
            "message": (col + ": " + message).to_numpy(dtype=object),
            "code": None,
            "fix_message": "write " + ("'" + new + "'").to_numpy(dtype=object),
            "fix_old": old.to_numpy(dtype=object),
            "fix_new": new.to_numpy(dtype=object),
        }))
    return concat(parts)
