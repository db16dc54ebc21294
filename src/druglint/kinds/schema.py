"""The schema stage: normalise, coerce and validate a table against its kind's pandera model.

Input is the table as read (strings, canonical column names). Vocabulary values are matched
case- and whitespace-insensitively (a non-canonical spelling is DL105, fixable), numbers and
booleans are parsed here with messages a curator understands (DL102), and the pandera
model then validates the typed frame lazily; its failure cases become hits (DL1xx).
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from druglint import hits as H
from druglint.kinds.base import Kind

_TRUE = {"true", "yes", "y", "t", "1", "1.0"}
_FALSE = {"false", "no", "n", "f", "0", "0.0"}
_BOOL = {**{k: True for k in _TRUE}, **{k: False for k in _FALSE}}


def _as_text(s: pd.Series) -> pd.Series:
    if pd.api.types.is_string_dtype(s.dtype) and s.dtype != object:
        return s
    return s.astype("str").where(s.notna(), None).astype("str")


def _strip(s: pd.Series, column: str, parts: list[pd.DataFrame]) -> pd.Series:
    """Strip stray whitespace (DL121, fixable); a cell of only spaces becomes empty."""
    if _clean_text(s):
        return s  # the common case: no copy
    stripped = s.str.strip()
    # a cell of only spaces is an empty cell (DL103 where required), not stray whitespace
    changed = s.notna() & (stripped != s) & (stripped != "")
    if changed.any():
        old = s[changed]
        parts.append(H.hits(changed, column, column + " value " + old.map(repr) + " has stray whitespace",
                            code="DL121", fix=("strip whitespace", old, stripped[changed])))
    return stripped.where(stripped != "", None)


def _clean_text(s: pd.Series) -> bool:
    """True when no cell has whitespace to strip and none is empty: decided in pyarrow
    (one trim and two comparisons, no pandas objects) for arrow-backed strings."""
    if not isinstance(s.dtype, pd.StringDtype) or s.dtype.storage != "pyarrow":
        return False
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = pa.array(s.array)  # zero-copy: the arrow data behind the Series
    trimmed = pc.utf8_trim_whitespace(arr)
    same = pc.all(pc.equal(trimmed, arr), skip_nulls=True).as_py()
    return bool(same is not False) and not pc.any(pc.equal(arr, ""), skip_nulls=True).as_py()


def _risky_message(column: str, raw: str, canonical: str) -> str:
    from druglint.prose.patterns import lookup

    entry = lookup(raw.strip())
    why = f" ({entry.problem.rstrip('.')})" if entry is not None else ""
    return f"{column} {raw!r} is an error-prone abbreviation on the ISMP list{why}; write {canonical!r}"


def _vocab(s: pd.Series, column: str, vocab_name: str, parts: list[pd.DataFrame]) -> pd.Series:
    from druglint.vocab import norm, vocabulary

    vocab = vocabulary(vocab_name)
    raw = s
    # Everything below is decided once per distinct raw value (a vocabulary column has a
    # handful), then broadcast to the rows with the factor codes: no per-row objects.
    codes, uniques = pd.factorize(raw)
    u = pd.Series(uniques, dtype=raw.dtype)  # the same dtype, so the same strip as per row
    stripped = u.str.strip().where(lambda x: x != "", None).astype("str")
    strip_u = stripped.to_numpy(dtype=object, na_value=None)
    canon_u = np.array([vocab.resolve(v) if v is not None else None for v in strip_u] + [None], dtype=object)
    raw_u = np.append(u.to_numpy(dtype=object, na_value=None), None)
    known_u = np.array([c is not None for c in canon_u], dtype=bool)
    changed_u = known_u & (canon_u != raw_u)
    at = np.where(codes >= 0, codes, len(uniques))  # missing -> the trailing None
    # an error-prone abbreviation (ISMP: SC, IN...) resolves too, but is DL411, not a respelling
    risky_u = np.array([v is not None and norm(v) in vocab.error_prone for v in strip_u] + [False], dtype=bool)
    for code, sel_u in (("DL105", changed_u & ~risky_u), ("DL411", changed_u & risky_u)):
        changed = sel_u[at]
        if not changed.any():
            continue
        old, new = raw_u[at[changed]], canon_u[at[changed]]
        msg_u = np.array([(_risky_message(column, r, c) if code == "DL411" else
                           f"{column} {r!r} is written differently from its canonical form {c!r}") if ch else None
                          for r, c, ch in zip(raw_u, canon_u, sel_u)], dtype=object)
        fix = "use the canonical spelling" if code == "DL105" else "spell the route out"
        parts.append(H.hits(changed, column, msg_u[at[changed]], code=code, fix=(fix, old, new)))
    out_u = pd.array(list(np.where(known_u, canon_u, np.append(strip_u, None))), dtype="str")
    return pd.Series(out_u.take(at), index=s.index)


def _distinct_text(s: pd.Series) -> tuple[np.ndarray, pd.Series, np.ndarray]:
    """(codes with -1 for missing, distinct values stripped, which distinct values are
    non-empty): number and boolean columns repeat few values, so parsing and messages are
    done once per distinct value and broadcast with the codes."""
    raw = _as_text(s)
    codes, uniques = pd.factorize(raw)
    text = pd.Series(uniques, dtype=raw.dtype).str.strip()
    filled = text.to_numpy(dtype=object, na_value=None)
    nonempty = np.fromiter((v is not None and v != "" for v in filled), dtype=bool, count=len(filled))
    return np.asarray(codes, dtype=np.int64), text, nonempty


def _broadcast(values: np.ndarray, codes: np.ndarray, missing) -> np.ndarray:
    return np.append(values, np.array([missing], dtype=values.dtype))[codes]


def _number(s: pd.Series, column: str, parts: list[pd.DataFrame]) -> pd.Series:
    if pd.api.types.is_numeric_dtype(s.dtype) and not pd.api.types.is_bool_dtype(s.dtype):
        return s.astype("float64")
    codes, text, nonempty = _distinct_text(s)
    num_u = pd.to_numeric(text, errors="coerce").astype("float64").to_numpy(dtype=np.float64, na_value=np.nan)
    bad_u = nonempty & np.isnan(num_u)
    if bad_u.any():
        t = text[bad_u]
        hint = np.where(t.str.contains(r"^\s*[-+]?[\d.,]+\s*[A-Za-z\[µ]", regex=True, na=False),
                        "; put the unit in its own column", "")
        hint = np.where(t.str.contains(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$", regex=True, na=False),
                        "; write numbers without thousands separators in data cells", hint)
        msg_u = np.full(len(text), None, dtype=object)
        msg_u[bad_u] = column + " " + t.map(repr).to_numpy(dtype=object) + " is not a number" + hint
        bad = _broadcast(bad_u, codes, False)
        parts.append(H.hits(bad, column, _broadcast(msg_u, codes, None)[bad], code="DL102"))
    return pd.Series(_broadcast(num_u, codes, np.nan), index=s.index, dtype="float64")


def _boolean(s: pd.Series, column: str, parts: list[pd.DataFrame]) -> pd.Series:
    if pd.api.types.is_bool_dtype(s.dtype):
        return s.astype("boolean")
    codes, text, nonempty = _distinct_text(s)
    folded = text.str.casefold().to_numpy(dtype=object, na_value=None)
    val_u = np.array([_BOOL.get(v) if v is not None else None for v in folded] + [None], dtype=object)
    bad_u = nonempty & np.array([v is None for v in val_u[:-1]], dtype=bool)
    if bad_u.any():
        raw_u = pd.Series(pd.factorize(_as_text(s))[1], dtype=_as_text(s).dtype).to_numpy(dtype=object, na_value=None)
        msg_u = np.array([f"{column} {r!r} is not true or false (use true/false, yes/no or 1/0)" if b else None
                          for r, b in zip(raw_u, bad_u)], dtype=object)
        bad = _broadcast(bad_u, codes, False)
        parts.append(H.hits(bad, column, _broadcast(msg_u, codes, None)[bad], code="DL102"))
    # a BooleanArray from its value and mask arrays: no per-cell coercion of Python objects
    truth = _broadcast(np.array([v is True for v in val_u[:-1]], dtype=bool), codes, False)
    unknown = _broadcast(np.array([v is None for v in val_u[:-1]], dtype=bool), codes, True)
    return pd.Series(pd.arrays.BooleanArray(truth, unknown), index=s.index)


_CHECK = re.compile(r"^(\w+)(?:\((.*)\))?$")


def _rows(rows: np.ndarray, column: str | None, messages, code: str) -> pd.DataFrame:
    return H.frame(rows, column, messages, code)


_RANGE_WORDS = {"greater_than": "greater than", "greater_than_or_equal_to": "at least",
                "less_than": "less than", "less_than_or_equal_to": "at most", "in_range": "in range"}


def _failures_to_hits(fc: pd.DataFrame, kind: Kind) -> list[pd.DataFrame]:
    from druglint.vocab import vocabulary

    parts: list[pd.DataFrame] = []
    for (column, check), group in fc.groupby(["column", "check"], sort=False, dropna=False):
        m = _CHECK.match(str(check))
        name, arg = (m.group(1), m.group(2)) if m else (str(check), None)
        if name == "column_in_dataframe":
            for missing in group["failure_case"].astype(str).unique():
                parts.append(H.at_header(None, f"required column {missing!r} is missing (if the file calls it "
                                               "something else, map that name with 'columns' in the config)", "DL101"))
            continue
        col = None if pd.isna(column) else str(column)
        idx = pd.to_numeric(group["index"], errors="coerce")
        if idx.notna().sum() == 0:
            parts.append(H.at_header(col, f"column {col} fails schema check {check}: {group['failure_case'].iloc[0]}", "DL102"))
            continue
        rows = idx[idx.notna()].astype(np.int64).to_numpy()
        vals = group.loc[idx.notna(), "failure_case"].astype(str)
        quoted = vals.map(repr).to_numpy(dtype=object)
        if name == "not_nullable":
            parts.append(_rows(rows, col, f"required value missing: {col} is empty", "DL103"))
        elif name == "isin":
            spec = kind.column(col)
            vocab = vocabulary(spec.vocab if spec and spec.vocab else col)
            from druglint.prose.patterns import unit_advice  # 'U': the Do-Not-Use advice, not just "unknown"

            mean = {u: vocab.suggest(u) for u in vals.unique()}  # one lookup per distinct value
            advice = {u: unit_advice(u) for u in vals.unique()} if vocab.name == "unit" else {}
            hint = vals.map(lambda v: advice.get(v) or (f"; did you mean {mean[v]!r}?" if mean[v] else "")).to_numpy(dtype=object)
            label = vocab.name.replace("_", " ")
            parts.append(_rows(rows, col, f"{col} " + quoted + f" is not a known {label}" + hint, "DL104"))
        elif name in _RANGE_WORDS:
            shown = pd.to_numeric(vals, errors="coerce").map("{:g}".format, na_action="ignore").fillna(vals).to_numpy(dtype=object)
            parts.append(_rows(rows, col, f"{col} " + shown + f" is out of range: it must be {_RANGE_WORDS[name]} {arg}", "DL106"))
        elif name == "str_matches":
            extra = " (a MedDRA code has 8 digits)" if col == "meddra_code" else ""
            parts.append(_rows(rows, col, f"{col} " + quoted + " has the wrong format" + extra, "DL107"))
        else:
            # a check without a more specific code: never dropped, reported as a type problem
            parts.append(_rows(rows, col, f"{col} " + quoted + f" fails schema check {check}", "DL102"))
    return parts


def check_schema(frame: pd.DataFrame, kind: Kind) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (typed frame, hits). ``frame`` holds canonical column names."""
    typed, parts = type_frame(frame, kind)
    return typed, H.concat(parts + validate(typed, kind))


def type_frame(frame: pd.DataFrame, kind: Kind) -> tuple[pd.DataFrame, list[pd.DataFrame]]:
    """The druglint half of the stage: strip, match vocabularies, parse numbers and booleans.
    Returns (typed frame for pandera, hits found on the way)."""
    parts: list[pd.DataFrame] = []
    typed = {}
    for name in frame.columns:
        spec = kind.column(name)
        s = frame[name]
        textual = s.dtype == object or pd.api.types.is_string_dtype(s.dtype)
        if spec is not None and spec.vocab:
            typed[name] = _vocab(_as_text(s), name, spec.vocab, parts)
        elif spec is not None and spec.dtype == "float":
            typed[name] = _number(s, name, parts)
        elif spec is not None and spec.dtype == "bool":
            typed[name] = _boolean(s, name, parts)
        else:
            # a typed source (Parquet) may hold numbers in a text column: read them as text
            typed[name] = _strip(_as_text(s), name, parts) if textual or spec is not None else s
    return pd.DataFrame(typed, index=frame.index), parts


def validate(typed: pd.DataFrame, kind: Kind) -> list[pd.DataFrame]:
    """The pandera half: the kind's DataFrameModel, lazily; its failure cases as hits."""
    fc = _failure_cases(typed, kind)
    return [] if fc is None else _failures_to_hits(fc, kind)


def validate_many(frames: list[pd.DataFrame], kind: Kind) -> list[list[pd.DataFrame]]:
    """``validate`` for several small typed frames of one kind, with one pandera call per
    group of frames sharing columns and dtypes. pandera costs ~20 ms per call whatever the
    size, which dominated a pre-commit run of many small files. The failure cases are split
    back by row position, so each frame gets exactly what its own call would give; a
    table-level failure (no row) in a group falls back to one call per frame."""
    out: list[list[pd.DataFrame]] = [[] for _ in frames]
    groups: dict[tuple, list[int]] = {}
    for i, f in enumerate(frames):
        groups.setdefault((tuple(f.columns), tuple(map(str, f.dtypes))), []).append(i)
    for members in groups.values():
        if len(members) == 1:
            out[members[0]] = validate(frames[members[0]], kind)
            continue
        sizes = np.array([len(frames[i]) for i in members], dtype=np.int64)
        starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        fc = _failure_cases(pd.concat([frames[i].reset_index(drop=True) for i in members], ignore_index=True), kind)
        if fc is None:
            continue
        if pd.to_numeric(fc["index"], errors="coerce").isna().any():
            # a table-level failure (no row) cannot be attributed by position
            for i in members:
                out[i] = validate(frames[i], kind)
            continue
        found = H.concat(_failures_to_hits(fc, kind))  # once for the batch: rows are batch positions
        rows = found["row"].to_numpy(dtype=np.int64)
        which = np.searchsorted(starts, rows, side="right") - 1
        for j, i in enumerate(members):
            mine = which == j
            if mine.any():
                part = found[mine].reset_index(drop=True)
                part["row"] = rows[mine] - starts[j]
                out[i] = [part]
    return out


def _failure_cases(typed: pd.DataFrame, kind: Kind) -> pd.DataFrame | None:
    from druglint.perf import import_pandera

    pa = import_pandera()  # without dask.dataframe, which pandera would import when installed
    try:
        kind.model().validate(typed, lazy=True)
    except pa.errors.SchemaErrors as exc:
        return exc.failure_cases
    return None

