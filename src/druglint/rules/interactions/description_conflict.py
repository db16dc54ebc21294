"""DL307 interaction-description-conflict: a pair is listed twice in the same order with different descriptions.

The same ordered pair (drug_a then drug_b, names compared ignoring case and spacing)
appears twice with different ``effect`` or ``mechanism`` text. Direction matters in
interaction text ("A increases the serum concentration of B"), so only listings in the
same order are compared. The two texts may both be true (two sources worded it
differently) or one may be stale, so this is info: pick one wording or merge them. A
listing repeating the first exactly is a duplicate row (DL108), not this.

Passing example (interactions.csv):

    drug_a,drug_b,severity,effect
    warfarin,aspirin,major,bleeding risk increased
    warfarin,fluconazole,major,warfarin exposure increased

Failing example (interactions.csv):

    drug_a,drug_b,severity,effect
    warfarin,aspirin,major,bleeding risk increased
    Warfarin,Aspirin,major,antiplatelet effect reduced
"""
from __future__ import annotations

import numpy as np

from druglint.grouping import column_codes
from druglint.hits import concat, hits
from druglint.registry import rule
from druglint.rules.interactions.pairs import first_of_group, pair_keys

TEXT_COLUMNS = ("effect", "mechanism")


def _normal_codes(ctx, column: str) -> np.ndarray:
    """Per row, a code of the text with case and spacing ignored (-1 when empty)."""
    import pandas as pd

    codes, uniques = column_codes(ctx, column)
    norm = pd.Index(uniques).astype(str).str.strip().str.casefold().str.replace(r"\s+", " ", regex=True)
    inner, _ = pd.factorize(np.asarray(norm, dtype=object))
    inner = np.append(np.asarray(inner, dtype=np.int64), -1)
    return inner[codes]


class PairTexts:
    """DL307's state: per ordered pair and text column, the first listing's line, its text
    (case and spacing ignored, hashed) and its first 60 characters as shown in messages
    (kept once each in ``texts``). Grows with distinct ordered pairs."""

    def __init__(self) -> None:
        from druglint.shapes import KeyStore

        self.store = KeyStore(np.int64, np.int64, np.int64, np.int32)  # line, second key, text hash, shown id
        self.texts: list[str] = []
        self.index: dict[str, int] = {}

    def nbytes(self) -> int:
        return self.store.nbytes() + sum(len(t) + 50 for t in self.texts)

    def ids(self, shown) -> np.ndarray:
        """The id of each text (added once when new); per distinct text, not per row."""
        import pandas as pd

        codes, uniques = pd.factorize(np.asarray(shown, dtype=object))
        per = np.empty(len(uniques), dtype=np.int32)
        for i, t in enumerate(uniques.tolist()):
            if t not in self.index:
                self.index[t] = len(self.texts)
                self.texts.append(t)
            per[i] = self.index[t]
        return per[codes] if len(codes) else np.zeros(0, dtype=np.int32)


def _text_keys(ctx, column: str):
    """(key per row of the ordered pair and column, second key, text hash, has text)."""
    from druglint.rules.interactions.pairs import pair_hashes
    from druglint.shapes import coded_hashes, mix

    valid, _, _, ordered, _, is_self, ordered2 = pair_hashes(ctx)
    col = np.full(ordered.shape, TEXT_COLUMNS.index(column) + 1, dtype=np.int64)
    codes, uniques = column_codes(ctx, column)
    import pandas as pd

    norm = pd.Index(uniques).astype(str).str.strip().str.casefold().str.replace(r"\s+", " ", regex=True)
    text, has = coded_hashes(codes, np.asarray(norm, dtype=object))
    return mix(ordered, col), mix(ordered2, col), text, valid & ~is_self & has


def _build(ctx) -> PairTexts:
    from druglint.shapes import firsts_in_part

    st = PairTexts()
    lines = np.asarray(ctx.table.lines, dtype=np.int64)
    for column in TEXT_COLUMNS:
        if column not in ctx.frame.columns:
            continue
        key, key2, text, has = _text_keys(ctx, column)
        f = firsts_in_part(key, has)
        shown = ctx.frame[column].iloc[f].astype(str).str.slice(0, 60).tolist()
        st.store.add(key[f], lines[f], key2[f], text[f], st.ids(shown))
    return st


def _merge(a: PairTexts, b: PairTexts) -> PairTexts:
    keys, (line, key2, text, shown) = b.store.columns()
    remap = a.ids(b.texts) if b.texts else np.zeros(0, dtype=np.int32)
    a.store.keep_first(keys, line, key2, text, remap[shown] if shown.size else shown)
    return a


def _state():
    from druglint.shapes import Keyed

    return Keyed("pair-texts", _build, _merge)


@rule("DL307", "interaction-description-conflict", "info", kinds=("interactions",), needs=("drug_a", "drug_b"), state=_state())
def check(ctx, state=None):
    """``state``: the ordered pairs' first texts in other parts (streaming, Dask); None on a whole table."""
    _, ordered, is_self = pair_keys(ctx)
    parts = []
    lines = np.asarray(ctx.table.lines, dtype=np.int64)
    for column in TEXT_COLUMNS:
        if column not in ctx.frame.columns:
            continue
        text = _normal_codes(ctx, column)
        has = (text >= 0) & ~is_self
        first = first_of_group(ordered, has)
        fi = np.where(np.isnan(first), 0, first).astype(np.int64)
        bad = has & ~np.isnan(first) & (text != text[fi])
        shown = np.empty(len(bad), dtype=object)
        shown[bad] = ctx.frame[column].iloc[fi[bad]].astype(str).str.slice(0, 60).map(repr).to_numpy(dtype=object)
        where = lines[fi]
        if state is not None and len(state.store):  # a first text in an earlier part wins over this part's own
            key, key2, h, ok = _text_keys(ctx, column)
            at = state.store.find(key)
            line, k2, th, sid = state.store.take(at)
            found = ok & has & (at >= 0) & (k2 == key2) & (line < (lines[0] if lines.size else 0))
            bad = np.where(found, th != h, bad)
            if found.any():
                texts = np.array([repr(t) for t in state.texts] + [""], dtype=object)
                shown = np.where(found, texts[np.where(found, sid, len(state.texts))], shown)
                where = np.where(found, line, where)
        if not bad.any():
            continue
        sub = ctx.frame[bad]
        msg = ("pair " + sub["drug_a"].astype(str) + " / " + sub["drug_b"].astype(str) + " has another " + column
               + " at line " + where[bad].astype(str).astype(object) + " (" + shown[bad] + "); pick one wording or merge them")
        parts.append(hits(bad, column, msg))
    return concat(parts) if parts else None
