"""The rules' streaming states stay small and exact (issue 17, item 2): narrow columns that
widen instead of wrapping, one entry per pair holding several first listings, merges that
give the same state in any order, states that grow with distinct keys (bytes per entry, not
timed), and chunks that leave nothing behind once judged."""
from __future__ import annotations

import gc
import random

import numpy as np
import pytest

from druglint.config import Config
from druglint.keystore import KeyStore

U32 = np.iinfo(np.uint32).max


def test_key_store_widens_a_column_instead_of_wrapping():
    store = KeyStore(np.uint32, np.int8, absent=(0,))
    store.add(np.array([1, 2]), np.array([10, 2**32 - 2]), np.array([1, 2]))  # 2^32 - 2 still fits
    assert store.dtypes[0] == np.uint32
    store.add(np.array([3]), np.array([2**32 - 1]), np.array([3]))  # the "no entry" value itself is a line
    assert store.dtypes[0] == np.int64
    store.add(np.array([4]), np.array([2**40]), np.array([300]))  # beyond int8: the column widens
    assert store.dtypes[1] == np.int16
    line, small = store.take(store.find(np.array([1, 2, 3, 4])))
    assert list(line) == [10, 2**32 - 2, 2**32 - 1, 2**40] and list(small) == [1, 2, 3, 300]
    store.put(store.find(np.array([1])), np.array([2**33]), np.array([-40000]))
    assert store.dtypes[1] == np.int32 and store.take(store.find(np.array([1])))[1][0] == -40000
    with pytest.raises(OverflowError, match="64 bits"):
        store.add(np.array([5]), np.array([2**63 + 1], dtype=np.uint64), np.array([0]))


def test_an_absent_entry_stays_absent_when_widened_and_never_beats_a_line():
    store = KeyStore(np.uint32, absent=(0,))
    store.add(np.array([1, 2]), np.array([U32, 7], dtype=np.uint32))  # key 1: no entry yet
    store.add(np.array([3]), np.array([2**35]))  # widens: key 1 stays absent
    line = store.take(store.find(np.array([1, 2, 3])))[0]
    assert list(store.as_lines(0, line)) == [np.iinfo(np.int64).max, 7, 2**35]
    narrow = KeyStore(np.uint32, absent=(0,))
    narrow.add(np.array([2, 3, 1]), np.array([U32, U32, 5], dtype=np.uint32))  # absent at 32 bits
    store.keep_first(*_flat(narrow))
    assert list(store.as_lines(0, store.take(store.find(np.array([1, 2, 3])))[0])) == [5, 7, 2**35]


def _flat(store):
    keys, cols = store.columns()
    return (keys, *cols)


def _canonical(store):
    keys, cols = store.columns()
    order = np.argsort(keys)
    return [keys[order].tolist()] + [store.as_lines(i, c[order]).tolist() if i in store.absent else c[order].tolist()
                                     for i, c in enumerate(cols)]


def _random_parts(seed):
    """Parts of a file (disjoint ascending lines) listing 60 keys, each part its own store;
    per key and line, a check key, then two groups (line, value): every line and every first
    rated line of the key in that part."""
    rng = random.Random(seed)
    parts, line = [], 2
    for _ in range(6):
        rows = [(rng.randrange(60), line + i, rng.random() < 0.5) for i in range(rng.randrange(1, 30))]
        line += len(rows) + rng.randrange(3)
        first, rated = {}, {}
        for k, ln, r in rows:
            first.setdefault(k, ln)
            if r:
                rated.setdefault(k, ln)
        s = KeyStore(np.int64, np.uint32, np.int8, np.uint32, np.int8, absent=(1, 3))
        keys = sorted(first)
        s.add(np.array(keys), np.array([k * 7 for k in keys]), np.array([first[k] for k in keys]),
              np.array([first[k] % 100 for k in keys]),
              np.array([rated.get(k, U32) for k in keys], dtype=np.int64), np.array([rated.get(k, 0) % 100 for k in keys]))
        parts.append(s)
    return parts


@pytest.mark.parametrize("seed", range(5))
def test_grouped_first_listings_merge_to_one_state_in_any_order(seed):
    """A left fold (streaming), a right fold and a tree (Dask) of the same parts hold the
    same entries: per key, the first listing and the first rated listing of the whole file."""
    import pickle

    groups = ((1, 2), (3, 4))

    def merge(a, b):
        a = pickle.loads(pickle.dumps(a))  # a merge reuses ``a``; parts are reused across orders
        a.keep_first(*_flat(b), groups=groups, check=0)
        return a

    parts = _random_parts(seed)
    left = parts[0]
    for p in parts[1:]:
        left = merge(left, p)
    right = parts[-1]
    for p in parts[-2::-1]:
        right = merge(right, p)
    tree = merge(merge(merge(parts[0], parts[1]), merge(parts[2], parts[3])), merge(parts[4], parts[5]))
    assert _canonical(left) == _canonical(right) == _canonical(tree)
    keys, cols = left.columns()
    for k, line, rline in zip(keys, cols[1], left.as_lines(3, cols[3])):
        firsts = [p.take(p.find(np.array([k])))[1][0] for p in parts if p.find(np.array([k]))[0] >= 0]
        assert line == min(firsts)
        assert rline >= line


def test_a_check_key_mismatch_keeps_the_stores_own_entry():
    """Two items sharing a 64-bit key (different check keys): the store keeps its own entry,
    so the newcomer can only miss a finding, never be taken for the other item."""
    store = KeyStore(np.int64, np.uint32)  # check key, line
    store.add(np.array([9]), np.array([111]), np.array([50]))
    store.keep_first(np.array([9]), np.array([222]), np.array([3]), check=0)
    assert [c.tolist() for c in store.take(store.find(np.array([9])))] == [[111], [50]]


# ------------------------------------------------------------------ rule states
def _parts(text: str, bounds: list[int]):
    """TableContexts of the interactions table ``text`` cut at row ``bounds``."""
    from druglint.context import ProjectContext, TableContext, canonicalise
    from druglint.kinds import KINDS
    from druglint.kinds.schema import check_schema
    from druglint.readers import read

    config = Config()
    table = read("interactions.csv", "interactions.csv", text.encode()).table
    columns = canonicalise(table, config)
    typed, _ = check_schema(table.frame, KINDS["interactions"])
    cuts = [0, *bounds, len(typed)]
    out = []
    for lo, hi in zip(cuts[:-1], cuts[1:]):
        sub = type(table)(table.path, table.fmt, table.frame.iloc[lo:hi].reset_index(drop=True), table.lines[lo:hi],
                          table.header, table.header_line, table.delimiter)
        out.append(TableContext(sub, "interactions", typed.iloc[lo:hi].reset_index(drop=True), sub.frame, config,
                                columns, ProjectContext(config=config)))
    return out


def _table(n_pairs: int, copies: int = 1, seed: int = 3) -> str:
    """Interactions listing ``n_pairs`` distinct pairs (both orders, unknown and missing
    severities, two text columns), each ``copies`` times, shuffled."""
    rng = random.Random(seed)
    rows = []
    for i in range(n_pairs):
        a, b = f"drug{i}", f"other{i % 97}"
        for c in range(copies):
            a2, b2 = (b, a) if rng.random() < 0.3 else (a, b)
            sev = rng.choice(["major", "minor", "unknown", "", "moderate"])
            rows.append(f"{a2},{b2},{sev},effect {rng.randrange(3)},mech {rng.randrange(2)} of {i % 5}\n")
    rng.shuffle(rows)
    return "drug_a,drug_b,severity,effect,mechanism\n" + "".join(rows)


def _pair_state_rows(st):
    """The pairs' state as comparable rows (severity ids as their values)."""
    keys, (k2, line, flip, sev, rline, rflip, rsev) = st.store.columns()
    vals = np.array(list(st.values) + [None], dtype=object)
    rows = []
    for i in np.argsort(keys):
        rl = st.store.as_lines(4, rline[i:i + 1])[0]
        rows.append((keys[i], k2[i], line[i], flip[i], vals[sev[i]], rl,
                     (rflip[i], vals[rsev[i]]) if rl < np.iinfo(np.int64).max else None))
    return rows


def _text_state_rows(st):
    keys, cols = st.store.columns()
    texts = np.array(st.texts + [""], dtype=object)
    rows = []
    for i in np.argsort(keys):
        row = [keys[i], cols[0][i]]
        for g in st.GROUPS:
            ln = st.store.as_lines(g[0], cols[g[0]][i:i + 1])[0]
            row.append((ln, cols[g[1]][i], texts[cols[g[2]][i]]) if ln < np.iinfo(np.int64).max else None)
        rows.append(tuple(row))
    return rows


@pytest.mark.parametrize("bounds", [[40, 90, 200], [1, 2, 3, 250], [150]])
def test_pair_and_text_states_are_the_same_in_any_merge_order(bounds):
    from druglint.rules.interactions import description_conflict as dl307
    from druglint.rules.interactions import pairs

    parts = _parts(_table(120, copies=3), bounds)
    for build, merge, rows in ((pairs.build_pairs, pairs.merge_pairs, _pair_state_rows),
                               (dl307._build, dl307._merge, _text_state_rows)):
        whole = rows(build(_parts(_table(120, copies=3), [])[0]))
        left = None
        for p in parts:
            left = build(p) if left is None else merge(left, build(p))
        right = None
        for p in parts[::-1]:
            right = build(p) if right is None else merge(right, build(p))
        half = len(parts) // 2
        tree_a, tree_b = build(parts[0]), build(parts[half])
        for p in parts[1:half]:
            tree_a = merge(tree_a, build(p))
        for p in parts[half + 1:]:
            tree_b = merge(tree_b, build(p))
        assert rows(left) == rows(right) == rows(merge(tree_a, tree_b)) == whole


def test_states_grow_with_distinct_keys_at_their_documented_bytes_per_entry():
    """Not a timing: the size of each state, per distinct key, as docs/architecture.md
    states it (key 8 + check 8 + 32-bit lines and narrow payloads); repeated rows add nothing."""
    from druglint.rules.common import duplicate_row
    from druglint.rules.interactions import description_conflict as dl307
    from druglint.rules.interactions import pairs
    from druglint.shapes import size_of

    once, thrice = _parts(_table(3000), [])[0], _parts(_table(3000, copies=3), [])[0]
    n_rows = len(duplicate_row._build(once))
    n_pairs = len(pairs.build_pairs(once).store)
    n_ordered = len(dl307._build(once).store)
    assert n_pairs == 3000 and n_rows == 3000 and 3000 <= n_ordered <= 6000
    assert size_of(duplicate_row._build(once)) == 20 * n_rows  # key, check, 32-bit line
    st = pairs.build_pairs(once)
    assert st.store.nbytes() == 28 * n_pairs  # key, check, 2 x (line, flip, severity id)
    u = st.unknown  # DL306's "unknown" listings: key, check, line, ids of the two written names
    assert len(u) == (once.frame["severity"] == "unknown").sum() > 0
    assert u.key.nbytes + u.check.nbytes + u.line.nbytes + u.ids.nbytes == 28 * len(u)
    assert size_of(st) == st.store.nbytes() + u.nbytes()
    texts = dl307._build(once)
    assert texts.store.nbytes() == 42 * n_ordered  # key, check, 2 x (line, text hash, 8-bit shown id)
    assert len(pairs.build_pairs(thrice).store) == n_pairs  # repeated pairs: the same entries
    bigger = _parts(_table(6000), [])[0]
    assert pairs.build_pairs(bigger).store.nbytes() == 2 * st.store.nbytes()


def test_a_templates_frames_hold_no_rows_of_their_chunk():
    """The templates a streamed file keeps (the executor's, the project's header-only table)
    must not pin the first chunk's Arrow buffers (``iloc[:0]`` would: 26 MB a file at 10^7)."""
    from druglint.shapes import empty_like

    ctx = _parts(_table(2000), [])[0]
    template = empty_like(ctx)
    assert list(template.frame.columns) == list(ctx.frame.columns) and len(template.frame) == 0
    assert list(template.frame.dtypes) == list(ctx.frame.dtypes)
    for frame in (template.frame, template.raw):
        for i in range(frame.shape[1]):
            arr = frame.iloc[:, i].array
            pa_arr = getattr(arr, "_pa_array", None)
            if pa_arr is not None:
                assert pa_arr.get_total_buffer_size() < 1024, frame.columns[i]
            else:
                assert np.asarray(arr).base is None or np.asarray(arr).base.nbytes < 1024


def test_the_free_text_memo_lets_a_chunks_column_go():
    import pandas as pd

    from druglint.rules.free_text import _columns

    s = pd.Series([f"text {i % 7}" for i in range(1000)], dtype="string")
    key = id(s)
    codes, values = _columns._distinct(s)
    assert _columns._distinct(s)[0] is codes  # a hit while the column lives
    del s
    gc.collect()
    assert key not in _columns._DISTINCT


# ------------------------------------------------------- DL306: a rating after "unknown"
def _lint(path, **extra):
    from druglint.engine import lint_paths

    cfg = Config()
    cfg.extra.update(extra)
    return sorted((v.line, v.code, v.message) for v in lint_paths([str(path)], cfg).violations)


@pytest.mark.parametrize("chunk", [1, 2, 3, 5])
def test_an_unknown_listing_rated_in_a_later_chunk_is_found_as_in_one_piece(tmp_path, chunk):
    """DL306 reports an "unknown" listing of a pair rated anywhere in the file, also after
    it: streamed, that rating can be in a later chunk, so the rule is judged once the file is
    read (``pairs.PAIRS_AT_END``), on the kept "unknown" listings."""
    import shutil
    from pathlib import Path

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "interactions" / "DL302-severity-conflict.csv"
    shutil.copy(fixture, tmp_path / "interactions.csv")
    (tmp_path / "gen.csv").write_text(_table(150, copies=3, seed=chunk))
    for name in ("interactions.csv", "gen.csv"):
        whole = _lint(tmp_path / name)
        assert _lint(tmp_path / name, **{"chunk-size": chunk}) == whole
        assert any(c == "DL306" for _, c, _ in whole)
    assert (7, "DL306") in {(ln, c) for ln, c, _ in _lint(tmp_path / "interactions.csv", **{"chunk-size": 1})}


def test_a_waiver_of_a_late_unknown_listing_holds_when_streamed(tmp_path, monkeypatch):
    """The kept "unknown" listings carry the cells waivers identify records by."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "interactions.csv").write_text(
        "drug_a,drug_b,severity,source\nwarfarin,naproxen,unknown,old export\nheparin,naproxen,unknown,new\n"
        "warfarin,naproxen,major,label\nnaproxen,heparin,minor,label\n")
    (tmp_path / "druglint.yaml").write_text("waivers: w.yaml\n")
    (tmp_path / "w.yaml").write_text(
        "waivers:\n  - {path: interactions.csv, code: DL306, row: {source: old export}, reason: superseded}\n")
    from druglint.config import load

    for chunk in (None, 1):
        cfg = load(start=str(tmp_path))
        if chunk:
            cfg.extra["chunk-size"] = chunk
        from druglint.engine import lint_paths

        got = sorted((v.line, v.code) for v in lint_paths(["interactions.csv"], cfg).violations if v.code == "DL306")
        assert got == [(3, "DL306")], chunk


def test_a_store_in_its_own_mappings_pickles_and_stays_writable():
    """Columns of 1 MB and more live in anonymous mappings (their pages return to the system
    when a run is merged away); a store sent to a Dask worker comes back whole and writable."""
    import mmap
    import pickle

    n = 300_000  # 2.4 MB key column: its own mapping
    store = KeyStore(np.uint32, absent=(0,))
    keys = np.arange(n, dtype=np.int64) * 7919
    store.add(keys, np.arange(n) + 2)
    base = store.runs[0][0].base
    assert isinstance(getattr(base, "obj", base), mmap.mmap)
    back = pickle.loads(pickle.dumps(store))
    ids = back.find(keys[[5, n - 1]])
    back.put(ids, np.array([1, 1]))
    back.add(np.array([-1]), np.array([2**40]))  # widening copies every run of the column
    assert list(back.take(back.find(keys[[5, n - 1, 6]]))[0]) == [1, 1, 8]
    assert back.dtypes[0] == np.int64 and len(back) == n + 1
