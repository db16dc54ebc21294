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
    needs more); severities are kept once each in ``values``."""

    any, rated = 0, 1  # which listing ``earlier`` looks up
    CHECK, GROUPS = 0, ((1, 2, 3), (4, 5, 6))  # columns: check key; (line, flip, severity id) per listing

    def __init__(self) -> None:
        from druglint.shapes import KeyStore

        # key: unordered pair; columns: second key, then per listing line, flip, severity id (-1 missing)
        self.store = KeyStore(np.int64, np.uint32, np.int8, np.int8, np.uint32, np.int8, np.int8, absent=(1, 4))
        self.values: list = []

    def nbytes(self) -> int:
        return self.store.nbytes()

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
    return st


def merge_pairs(a: PairFirsts, b: PairFirsts) -> PairFirsts:
    new = [v for v in b.values if v not in set(a.values)]
    a.values = a.values + new
    remap = np.append(a.ids(b.values), -1)  # b's id -> a's id; -1 stays -1
    keys, (k2, line, flip, sev, rline, rflip, rsev) = b.store.columns()  # ``a`` grows; ``b`` is left as it was
    sev, rsev = (remap[np.where(s >= 0, s, len(remap) - 1)] for s in (sev, rsev))
    a.store.keep_first(keys, k2, line, flip, sev, rline, rflip, rsev, groups=PairFirsts.GROUPS, check=PairFirsts.CHECK)
    return a


def _pairs_state():
    from druglint.shapes import Keyed

    return Keyed("pairs", build_pairs, merge_pairs)


PAIRS = _pairs_state()
