"""Shared, vectorised pair keys for the interaction rules (not a rule itself)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from druglint.grouping import first_of_group  # noqa: F401  (re-exported for the pair rules)


def normal_names(uniques, config=None) -> pd.Index:
    """Distinct names as drugs: the resolved drug (brands, salts, synonyms, the knowledge
    pack), else the name's normalised key (case, spacing, trailing punctuation ignored)."""
    from druglint.specs import known

    names = np.asarray(uniques, dtype=object)
    drug, layer, how = known.resolve_how(config, names)
    return pd.Index(known.groups(config, names, drug, how, layer))


def pair_keys(ctx) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(unordered pair key, ordered key, is_self) per row; computed once per table. Names of
    one drug share an id (Lipitor, atorvastatin calcium and ATORVASTATIN. are atorvastatin):
    each column is factorised once and its distinct names resolved (specs.tables.names)."""
    if "pair_keys" in ctx.cache:
        return ctx.cache["pair_keys"]
    from druglint.specs.tables import names

    n = len(ctx.frame)
    na, nb = names(ctx, "drug_a"), names(ctx, "drug_b")
    a_codes, b_codes, a_u = na.codes, nb.codes, na.group
    shared, _ = pd.factorize(pd.Index(na.group).append(pd.Index(nb.group)))
    shared = np.append(np.asarray(shared, dtype=np.int64), -1)  # a missing name stays -1
    ca = shared[np.where(a_codes >= 0, a_codes, len(shared) - 1)]
    cb = shared[np.where(b_codes >= 0, len(a_u) + b_codes, len(shared) - 1)]
    if ctx.has("drug_a_id", "drug_b_id"):
        ca, cb = _by_source_ids(ctx, ca, cb)
    both = np.concatenate([ca, cb])
    width = int(both.max()) + 2 if both.size else 1
    valid = (ca >= 0) & (cb >= 0)
    # a row with a missing name gets a key of its own, so it matches nothing
    own = -1 - np.arange(n, dtype=np.int64)
    unordered = np.where(valid, np.minimum(ca, cb) * width + np.maximum(ca, cb), own)
    ordered = np.where(valid, ca * width + cb, own)
    out = (unordered, ordered, valid & (ca == cb))
    ctx.cache["pair_keys"] = out
    return out


def _by_source_ids(ctx, ca: np.ndarray, cb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Drug codes where the dataset names its drugs by its own ids (DDInter): a row with both
    ids pairs by them, the source's identity winning over name resolution (DDInter's "Vitamin
    D" and "Ergocalciferol" are two entries, though a Drugs@FDA brand joins the names); other
    rows keep their resolved names. Both kinds of code share one factorisation."""
    ida, idb = ctx.frame["drug_a_id"], ctx.frame["drug_b_id"]
    by_id = (ida.notna() & idb.notna() & (ida != "") & (idb != "")).to_numpy()
    if not by_id.any():
        return ca, cb
    labels = pd.Index(np.concatenate([
        np.where(by_id, "id\x1f" + ida.astype(str).to_numpy(dtype=object), ca.astype(str).astype(object)),
        np.where(by_id, "id\x1f" + idb.astype(str).to_numpy(dtype=object), cb.astype(str).astype(object))]))
    codes, _ = pd.factorize(labels)
    n = len(ca)
    codes = np.asarray(codes, dtype=np.int64)
    na, nb = codes[:n], codes[n:]
    return np.where(by_id | (ca >= 0), na, -1), np.where(by_id | (cb >= 0), nb, -1)


# ------------------------------------------------------------- state across parts
def name_pair_hash(ctx) -> tuple[np.ndarray, np.ndarray]:
    """Per row, a hash of the unordered pair of resolved names, the ``canonical_or_text``
    groups the cross-file rules compare (DL308, DL410; a missing name hashes as 0), and
    whether both names are there. Hashed once per distinct name."""
    from druglint.shapes import coded_hashes, mix
    from druglint.specs.tables import names

    na, nb = names(ctx, "drug_a"), names(ctx, "drug_b")
    ha, oka = coded_hashes(na.codes, na.group)
    hb, okb = coded_hashes(nb.codes, nb.group)
    ha, hb = np.where(oka, ha, 0), np.where(okb, hb, 0)
    return mix(np.minimum(ha, hb), np.maximum(ha, hb)), oka & okb


def pair_hashes(ctx):
    """Per row, global (hash) keys of the pair, the same in every part and process:
    (valid, unordered key, second unordered key, ordered key, flip, is_self, second ordered
    key). ``flip`` tells
    the orientation (drug_a's key above drug_b's); a pair's two listings in the same
    orientation have the same flip."""
    if "pair_hashes" in ctx.cache:
        return ctx.cache["pair_hashes"]
    from druglint.shapes import hash_values, mix
    from druglint.specs.tables import names

    keys = []
    for col in ("drug_a", "drug_b"):
        n = names(ctx, col)
        group = np.asarray(n.group, dtype=object)
        ok = np.append(np.array([g is not None for g in group.tolist()], dtype=bool), False)
        h = np.append(hash_values(group, "druglint:drug:001"), 0)
        at = np.where(n.codes >= 0, n.codes, len(group))
        keys.append((ok[at], h[at]))
    (va, ga), (vb, gb) = keys
    if ctx.has("drug_a_id", "drug_b_id"):  # the dataset's own ids win, as in pair_keys
        ida, idb = ctx.frame["drug_a_id"], ctx.frame["drug_b_id"]
        by_id = (ida.notna() & idb.notna() & (ida != "") & (idb != "")).to_numpy()
        if by_id.any():
            for side, ids in ((0, ida), (1, idb)):
                h = np.zeros(len(by_id), dtype=np.int64)
                h[by_id] = hash_values("id\x1f" + ids[by_id].astype(str).to_numpy(dtype=object), "druglint:drug:001")
                if side == 0:
                    ga, va = np.where(by_id, h, ga), va | by_id
                else:
                    gb, vb = np.where(by_id, h, gb), vb | by_id
    valid = va & vb
    lo, hi = np.minimum(ga, gb), np.maximum(ga, gb)
    out = (valid, mix(lo, hi), mix(hi, lo, np.full(lo.shape, 17, dtype=np.int64)), mix(ga, gb), ga > gb,
           valid & (ga == gb), mix(gb, ga, np.full(lo.shape, 29, dtype=np.int64)))
    ctx.cache["pair_hashes"] = out
    return out


class PairFirsts:
    """The pair rules' state (DL302, DL303, DL306): per unordered pair, one entry holding its
    first listing and its first rated listing (line, orientation, severity each; a pair
    never rated has no rated line). Grows with distinct pairs: 8 bytes of key, 8 of check
    key, 4 + 1 + 1 per listing (32-bit lines and 8-bit severity ids, widened when a file
    needs more); severities are kept once each in ``values``.

    Also every "unknown" listing of a pair (``unknown``: DL306 reports it once the whole file
    is seen, when the pair is rated anywhere, before or after it): its pair's key and check
    key, its line and the ids of its written names and of the raw cells of waiver columns
    (the values kept once each in ``cells``): 28 bytes per "unknown" row."""

    any, rated = 0, 1  # which listing ``earlier`` looks up
    CHECK, GROUPS = 0, ((1, 2, 3), (4, 5, 6))  # columns: check key; (line, flip, severity id) per listing

    def __init__(self) -> None:
        from druglint.shapes import KeyStore

        # key: unordered pair; columns: second key, then per listing line, flip, severity id (-1 missing)
        self.store = KeyStore(np.int64, np.uint32, np.int8, np.int8, np.uint32, np.int8, np.int8, absent=(1, 4))
        self.values: list = []
        self.unknown = Unknown()

    def nbytes(self) -> int:
        return self.store.nbytes() + self.unknown.nbytes()

    def ids(self, values) -> np.ndarray:
        """Ids of severity values in ``values`` (-2 for one this state has not seen)."""
        idx = pd.Index(self.values, dtype=object)
        return np.asarray(idx.get_indexer(pd.Index(list(values), dtype=object)), dtype=np.int64) if len(idx) else \
            np.full(len(values), -1, dtype=np.int64)

    def severity_ids(self, ctx) -> np.ndarray:
        """Per row, the id of its severity in this state (-1 missing, -2 unseen)."""
        from druglint.grouping import column_codes

        codes, uniques = column_codes(ctx, "severity")
        at = self.ids(np.asarray(uniques, dtype=object))
        at = np.where(at < 0, -2, at)
        return np.append(at, -1)[np.where(codes >= 0, codes, len(at))]

    def earlier(self, which: int, ctx, mask):
        """(found, line, flip, severity id) of the stored first listing (``which``: ``any`` or
        ``rated``) of each masked row's pair, where it lies in an earlier part than ``ctx``."""
        valid, pk, pk2 = pair_hashes(ctx)[:3]
        memo = ctx.cache.setdefault("pair_lookups", {})  # DL302, DL303 and DL306 look the same store up
        seen = memo.get(id(self.store))
        if seen is None or seen[0] is not self.store or seen[1] != len(self.store):
            at = self.store.find(pk)
            seen = memo[id(self.store)] = (self.store, len(self.store), at, self.store.take(at))
        _, _, at, cols = seen
        g = self.GROUPS[which]
        line, flip, sev = self.store.as_lines(g[0], cols[g[0]]), cols[g[1]], cols[g[2]]
        first = int(ctx.table.lines[0]) if len(ctx.table.lines) else 0
        found = mask & valid & (at >= 0) & (cols[self.CHECK] == pk2) & (line < first)
        return found, line, flip.astype(bool), sev.astype(np.int64)


class Unknown:
    """The "unknown" listings kept for DL306: per row the pair's key, check key and line, and
    per kept column (the written drug_a and drug_b; the raw cells of waiver columns) an id of
    its value in ``cells``. Concatenated by merges; DL306 sorts by line."""

    def __init__(self) -> None:
        self.key = np.zeros(0, dtype=np.int64)
        self.check = np.zeros(0, dtype=np.int64)
        self.line = np.zeros(0, dtype=np.uint32)
        self.columns: list[tuple[str, str]] = []  # ("frame" | "raw", column)
        self.ids = np.zeros((0, 0), dtype=np.int32)
        self.cells: list = []
        self.index: dict = {}

    def __len__(self) -> int:
        return int(self.key.size)

    def nbytes(self) -> int:
        return int(self.key.nbytes + self.check.nbytes + self.line.nbytes + self.ids.nbytes) + 60 * len(self.cells)

    def cell_ids(self, values) -> np.ndarray:
        """The id of each value in ``cells`` (added once when new; missing values are None)."""
        codes, uniques = pd.factorize(np.asarray(values, dtype=object), use_na_sentinel=True)
        per = np.empty(len(uniques) + 1, dtype=np.int64)
        for i, v in enumerate(list(uniques) + [None]):
            if v not in self.index:
                self.index[v] = len(self.cells)
                self.cells.append(v)
            per[i] = self.index[v]
        return per[np.where(codes >= 0, codes, len(uniques))]

    def add(self, key, check, line, columns, values) -> None:
        self.columns = columns
        ids = np.stack([self.cell_ids(v) for v in values], axis=1) if values else np.zeros((key.size, 0), dtype=np.int64)
        self.extend(key, check, line, ids)

    def extend(self, key, check, line, ids) -> None:
        both = np.concatenate([self.line.astype(np.int64), np.asarray(line, dtype=np.int64)])
        self.line = both.astype(np.uint32) if not both.size or both.max() < 2**32 else both  # widened, never wrapped
        ids = np.asarray(ids).astype(np.int32)
        self.ids = np.concatenate([self.ids, ids]) if self.key.size else ids
        self.key = np.concatenate([self.key, key])
        self.check = np.concatenate([self.check, check])

    def merged(self, other: "Unknown") -> "Unknown":
        if not len(other):
            return self
        if not self.columns:
            self.columns = other.columns
        remap = self.cell_ids_of(other.cells)
        self.extend(other.key, other.check, other.line, remap[other.ids])
        return self

    def cell_ids_of(self, cells: list) -> np.ndarray:
        out = np.empty(len(cells), dtype=np.int64)
        for i, v in enumerate(cells):
            if v not in self.index:
                self.index[v] = len(self.cells)
                self.cells.append(v)
            out[i] = self.index[v]
        return out


def rated_rows(ctx) -> np.ndarray:
    """Rows with a severity that claims one ("unknown" does not), not a drug with itself."""
    from druglint.grouping import column_codes

    codes, values = column_codes(ctx, "severity")
    unknown = np.flatnonzero(np.asarray(values, dtype=object) == "unknown")
    return (codes >= 0) & ~np.isin(codes, unknown) & ~pair_hashes(ctx)[5]


def build_pairs(ctx) -> PairFirsts:
    from druglint.grouping import column_codes
    from druglint.shapes import firsts_in_part

    st = PairFirsts()
    codes, uniques = column_codes(ctx, "severity")
    st.values = list(pd.unique(np.asarray(uniques, dtype=object)))
    sev = st.severity_ids(ctx)
    valid, pk, pk2, _, flip = pair_hashes(ctx)[:5]
    lines = np.asarray(ctx.table.lines, dtype=np.int64)
    f = firsts_in_part(pk, valid)
    r = firsts_in_part(pk, valid & rated_rows(ctx))  # each rated first is a listed pair: its entry exists
    at = pd.Index(pk[f]).get_indexer(pk[r])
    same = pk2[r] == pk2[f][at]  # a 64-bit key shared by two pairs: the entry stays the first pair's
    rline = np.full(f.size, np.iinfo(np.int64).max, dtype=np.int64)  # no rated listing
    rflip, rsev = np.zeros(f.size, dtype=np.int8), np.zeros(f.size, dtype=np.int64)
    rline[at[same]], rflip[at[same]], rsev[at[same]] = lines[r][same], flip[r][same], sev[r][same]
    st.store.add(pk[f], pk2[f], lines[f], flip[f].astype(np.int8), sev[f], rline, rflip, rsev)
    unknown = np.flatnonzero(np.asarray(uniques, dtype=object) == "unknown")
    if unknown.size:
        u = np.flatnonzero(np.isin(codes, unknown) & valid & ~pair_hashes(ctx)[5])
        if u.size:
            from druglint.shapes import waiver_columns

            cols = [("frame", "drug_a"), ("frame", "drug_b")] + [("raw", c) for c in sorted(waiver_columns(ctx))
                                                                  if c in ctx.raw.columns]
            values = [(ctx.frame if where == "frame" else ctx.raw)[c].iloc[u].to_numpy(dtype=object) for where, c in cols]
            st.unknown.add(pk[u], pk2[u], lines[u], cols, values)
    return st


def merge_pairs(a: PairFirsts, b: PairFirsts) -> PairFirsts:
    new = [v for v in b.values if v not in set(a.values)]
    a.values = a.values + new
    remap = np.append(a.ids(b.values), -1)  # b's id -> a's id; -1 stays -1
    keys, (k2, line, flip, sev, rline, rflip, rsev) = b.store.columns()  # ``a`` grows; ``b`` is left as it was
    sev, rsev = (remap[np.where(s >= 0, s, len(remap) - 1)] for s in (sev, rsev))
    a.store.keep_first(keys, k2, line, flip, sev, rline, rflip, rsev, groups=PairFirsts.GROUPS, check=PairFirsts.CHECK)
    a.unknown = a.unknown.merged(b.unknown)
    return a


class Settled:
    """What DL306 needs at the end of a file, per kept "unknown" row of a rated pair (the
    rows of the context ``PairsAtEnd.context`` builds): its pair's first rated listing
    anywhere in the file (line, severity)."""

    def __init__(self, line: np.ndarray, severity: np.ndarray) -> None:
        self.line, self.severity = line, severity


def settle(s: PairFirsts | None, template):
    """A context holding the "unknown" listings of rated pairs (in line order; the written
    names, "unknown" as severity and the raw cells of waiver columns), with their pairs'
    first rated listings in ``ctx.cache["pairs_settled"]``; None when there are none."""
    from druglint.shapes import sub_context

    if s is None or not len(s.unknown):
        return None
    u = s.unknown
    at = s.store.find(u.key)
    cols = s.store.take(at)
    rline = s.store.as_lines(PairFirsts.GROUPS[1][0], cols[PairFirsts.GROUPS[1][0]])
    rows = np.flatnonzero((at >= 0) & (cols[PairFirsts.CHECK] == u.check) & (rline < np.iinfo(np.int64).max))
    if not rows.size:
        return None
    rows = rows[np.argsort(u.line[rows], kind="stable")]
    cells = np.array(u.cells + [None], dtype=object)
    frame, raw = {}, {}
    for j, (where, c) in enumerate(u.columns):
        (frame if where == "frame" else raw)[c] = cells[u.ids[rows, j]]
    frame["severity"] = np.full(rows.size, "unknown", dtype=object)
    ctx = sub_context(template, pd.DataFrame(frame), pd.DataFrame(raw, index=pd.RangeIndex(rows.size)),
                      u.line[rows].astype(np.int64))
    sev = np.array(list(s.values) + [None], dtype=object)
    rsev = cols[PairFirsts.GROUPS[1][2]][rows]
    ctx.cache["pairs_settled"] = Settled(rline[rows], sev[np.where(rsev >= 0, rsev, len(s.values))])
    return ctx


def _pairs_state():
    from druglint.shapes import Keyed

    return Keyed("pairs", build_pairs, merge_pairs)


PAIRS = _pairs_state()


def _pairs_at_end():
    from druglint.shapes import Keyed

    class PairsAtEnd(Keyed):
        """The pairs' state for a rule judged once the whole file is seen (DL306: an
        "unknown" listing contradicts a rating before *or after* it). The same name, build
        and merge as ``PAIRS`` (one computation for every pair rule); at the end the rule
        runs on the kept "unknown" listings of rated pairs (``settle``)."""

        ordered = False

        def context(self, s, template):
            return settle(s, template)

        def run(self, fn, ctx, s):
            return fn(ctx, ctx.cache.get("pairs_settled"))

    return PairsAtEnd("pairs", build_pairs, merge_pairs)


PAIRS_AT_END = _pairs_at_end()
