"""Vectorised value transforms shared by the presets (not a preset itself).

Every transform maps a source vocabulary onto the canonical one *exactly*: a value the
mapping does not know is left as written, so the schema stage still reports it (with its
did-you-mean). Nothing here guesses.
"""
from __future__ import annotations

from typing import Mapping

import numpy as np
import pandas as pd


def strip(s: pd.Series) -> pd.Series:
    out = s.astype("str").str.strip()
    return out.where(out.notna() & (out != ""), None)


def map_values(s: pd.Series, mapping: Mapping[str, str | None], *, casefold: bool = True) -> pd.Series:
    """Replace values found in ``mapping`` (matched after strip, case-insensitively);
    leave every other value as it was."""
    key = s.astype("str").str.strip()
    if casefold:
        key = key.str.casefold()
        mapping = {str(k).strip().casefold(): v for k, v in mapping.items()}
    codes, uniques = pd.factorize(key)
    known = np.array([u in mapping for u in uniques] + [False], dtype=bool)
    new = np.array([mapping.get(u) for u in uniques] + [None], dtype=object)
    hit = known[codes]
    out = s.astype(object).copy()
    out[hit] = new[codes][hit]
    return out.astype("str").where(pd.notna(out), None)


def to_vocab(s: pd.Series, vocab_name: str, extra: Mapping[str, str | None] | None = None) -> pd.Series:
    """Map values onto a druglint vocabulary's canonical terms: first ``extra`` (the source's
    own words, documented by the caller), then the vocabulary's own case-insensitive lookup.
    Unknown values stay as written."""
    from druglint.vocab import vocabulary

    vocab = vocabulary(vocab_name)
    key = s.astype("str").str.strip()
    codes, uniques = pd.factorize(key)
    extra_n = {str(k).strip().casefold(): v for k, v in (extra or {}).items()}
    resolved = []
    for u in uniques:
        u_n = str(u).casefold()
        if u_n in extra_n:
            resolved.append((True, extra_n[u_n]))
        else:
            r = vocab.resolve(u)
            resolved.append((r is not None, r))
    known = np.array([k for k, _ in resolved] + [False], dtype=bool)
    new = np.array([v for _, v in resolved] + [None], dtype=object)
    hit = known[codes]
    out = s.astype(object).copy()
    out[hit] = new[codes][hit]
    return out.astype("str").where(pd.notna(out), None)


def explode_list(table, column: str, parts: pd.Series) -> None:
    """Give each element of the lists in ``parts`` its own row (same source line)."""
    frame = table.frame.copy()
    frame[column] = parts
    lens = frame[column].map(lambda v: len(v) if isinstance(v, list) else 1).to_numpy()
    if (lens == 1).all():
        frame[column] = frame[column].map(lambda v: v[0] if isinstance(v, list) else v)
        table.frame = frame.reset_index(drop=True)
        return
    lines = np.repeat(np.asarray(table.lines), np.maximum(lens, 1))
    frame = frame.explode(column, ignore_index=True)
    table.frame = frame
    table.lines = lines.astype(np.int64)
