"""Shared by DL520 and DL521: each distinct drug name of a table, at its first row (not a rule)."""
from __future__ import annotations

import re

import numpy as np

from druglint.grouping import first_positions
from druglint.specs.tables import names

# Identifiers in a drug column (STITCH CID100000085, DrugBank DB00787, DDInter1263, RxCUI
# 281) are not names: they are neither "unknown drugs" nor misspellings.
IDENTIFIER = r"^[A-Za-z]{0,8}[:_\-]?\d{3,}$"

NAME_COLUMNS = {"side_effects": ("drug",), "dosing": ("drug",), "interactions": ("drug_a", "drug_b")}


_IDENTIFIER = re.compile(IDENTIFIER)
FIELDS = ("row", "column", "written", "canonical", "suggestion", "suggestion_for", "has_spec")


def distinct_names(ctx) -> dict[str, np.ndarray]:
    """Arrays ``row``, ``column``, ``written``, ``canonical``, ``suggestion``,
    ``suggestion_for``, ``has_spec``: one entry per distinct drug (its canonical name when
    known, else the written name with case and spacing ignored), at its first occurrence, in
    row order. Computed per distinct name (numpy, no pandas frames: this runs on every
    small file of a pre-commit run), once per table."""
    cache = ctx.__dict__.setdefault("_spec_cache", {})
    if "distinct_names" not in cache:
        cache["distinct_names"] = _distinct_names(ctx)
    return cache["distinct_names"]


def _distinct_names(ctx) -> dict[str, np.ndarray]:
    parts: dict[str, list[np.ndarray]] = {f: [] for f in FIELDS + ("key",)}
    for col in NAME_COLUMNS.get(ctx.kind, ()):
        if col not in ctx.frame.columns:
            continue
        n = names(ctx, col)
        parts["row"].append(first_positions(n.codes).astype(np.int64))  # codes number values by first appearance
        parts["column"].append(np.full(len(n.written), col, dtype=object))
        for field, values in (("written", n.written), ("canonical", n.canonical), ("suggestion", n.suggestion),
                              ("suggestion_for", n.suggestion_for), ("has_spec", n.has_spec), ("key", n.group)):
            parts[field].append(values)
    if not parts["row"]:
        return {f: np.empty(0, dtype=np.int64 if f == "row" else bool if f == "has_spec" else object) for f in FIELDS}
    cat = {f: np.concatenate(v) for f, v in parts.items()}
    is_id = np.fromiter((_IDENTIFIER.match(str(w).strip()) is not None for w in cat["written"]), dtype=bool,
                        count=len(cat["written"]))
    order = np.flatnonzero(~is_id)
    order = order[np.argsort(cat["row"][order], kind="stable")]  # drug_a before drug_b on one row
    # a known drug counts once however it is written (Coumadin and warfarin are one drug)
    _, first = np.unique(cat["key"][order].astype(str), return_index=True)
    keep = order[np.sort(first)]
    return {f: cat[f][keep] for f in FIELDS}


def _name_keys(ctx):
    """The state's keys: each drug column's written names (their first rows survive)."""
    from druglint.shapes import value_keys

    return [value_keys(ctx, col) for col in NAME_COLUMNS.get(ctx.kind, ()) if col in ctx.frame.columns]


def _name_firsts():
    from druglint.shapes import FirstRows

    return FirstRows("name-firsts", _name_keys, ordered=False, reads=tuple(c for cs in NAME_COLUMNS.values() for c in cs))


# DL520 and DL521 look at distinct names only: the first row of each written name is all they need
NAME_FIRSTS = _name_firsts()
