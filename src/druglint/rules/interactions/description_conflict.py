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
    """DL307's state: per ordered pair, one entry holding for each text column the first
    listing's line, its text (case and spacing ignored, hashed) and its first 60 characters
    as shown in messages (kept once each in ``texts``). Grows with distinct ordered pairs:
    8 bytes of key, 8 of check key, and per text column 4 (line) + 8 (text hash) + 1-4 (shown
    id, as wide as the distinct shown texts need)."""

    CHECK = 0
    GROUPS = tuple((1 + 3 * i, 2 + 3 * i, 3 + 3 * i) for i in range(len(TEXT_COLUMNS)))  # (line, text hash, shown id)

    def __init__(self) -> None:
        from druglint.shapes import KeyStore

        per = (np.uint32, np.int64, np.uint8) * len(TEXT_COLUMNS)
        self.store = KeyStore(np.int64, *per, absent=tuple(g[0] for g in self.GROUPS))
        self.texts: list[str] = []
        self.index: dict[str, int] = {}

    def nbytes(self) -> int:
        return self.store.nbytes() + sum(len(t) + 50 for t in self.texts)

    def ids(self, shown) -> np.ndarray:
        """The id of each text (added once when new); per distinct text, not per row."""
        import pandas as pd

        codes, uniques = pd.factorize(np.asarray(shown, dtype=object))
        per = np.empty(len(uniques), dtype=np.int64)
        for i, t in enumerate(uniques.tolist()):
            if t not in self.index:
                self.index[t] = len(self.texts)
                self.texts.append(t)
            per[i] = self.index[t]
        return per[codes] if len(codes) else np.zeros(0, dtype=np.int64)


def _pair_keys(ctx):
    """(ordered pair key, its check key, a pair a row can be judged on: both names, not a drug with itself)."""
    from druglint.rules.interactions.pairs import pair_hashes

    valid, _, _, ordered, _, is_self, ordered2 = pair_hashes(ctx)
    return ordered, ordered2, valid & ~is_self


def _text_hashes(ctx, column: str):
    """(per row, the hash of the column's text with case and spacing ignored, has text)."""
    import pandas as pd

    from druglint.shapes import coded_hashes

    codes, uniques = column_codes(ctx, column)
    norm = pd.Index(uniques).astype(str).str.strip().str.casefold().str.replace(r"\s+", " ", regex=True)
    return coded_hashes(codes, np.asarray(norm, dtype=object))


def _build(ctx) -> PairTexts:
    import pandas as pd

    from druglint.shapes import firsts_in_part

    st = PairTexts()
    lines = np.asarray(ctx.table.lines, dtype=np.int64)
    key, key2, ok = _pair_keys(ctx)
    present = [(c, *_text_hashes(ctx, c)) for c in TEXT_COLUMNS if c in ctx.frame.columns]
    if not present:
        return st
    anytext = np.zeros(len(lines), dtype=bool)
    for _, _, has in present:
        anytext |= has
    f = firsts_in_part(key, ok & anytext)  # one entry per ordered pair with some text
    cols = []
    for column in TEXT_COLUMNS:
        line = np.full(f.size, np.iinfo(np.int64).max, dtype=np.int64)  # no listing with this text yet
        text, shown = np.zeros(f.size, dtype=np.int64), np.zeros(f.size, dtype=np.int64)
        got = [p for p in present if p[0] == column]
        if got:
            _, h, has = got[0]
            r = firsts_in_part(key, ok & has)
            at = pd.Index(key[f]).get_indexer(key[r])
            same = key2[r] == key2[f][at]  # a 64-bit key shared by two pairs: the entry stays the first pair's
            r, at = r[same], at[same]
            line[at], text[at] = lines[r], h[r]
            shown[at] = st.ids(ctx.frame[column].iloc[r].astype(str).str.slice(0, 60).tolist())
        cols += [line, text, shown]
    st.store.add(key[f], key2[f], *cols)
    return st


def _merge(a: PairTexts, b: PairTexts) -> PairTexts:
    keys, cols = b.store.columns()
    remap = a.ids(b.texts) if b.texts else np.zeros(1, dtype=np.int64)
    cols = [remap[c] if i in [g[2] for g in PairTexts.GROUPS] else c for i, c in enumerate(cols)]
    a.store.keep_first(keys, *cols, groups=PairTexts.GROUPS, check=PairTexts.CHECK)
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
    looked = None
    if state is not None and len(state.store):  # the ordered pairs looked up once for every text column
        key, key2, ok = _pair_keys(ctx)
        at = state.store.find(key)
        looked = (at, state.store.take(at))
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
        if looked is not None:  # a first text in an earlier part wins over this part's own
            at, got = looked
            g = PairTexts.GROUPS[TEXT_COLUMNS.index(column)]
            line, th, sid = state.store.as_lines(g[0], got[g[0]]), got[g[1]], got[g[2]]
            h, hash_has = _text_hashes(ctx, column)
            found = ok & hash_has & has & (at >= 0) & (got[PairTexts.CHECK] == key2) & (line < (lines[0] if lines.size else 0))
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
