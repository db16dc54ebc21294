"""The start-up memo returns what parsing returns, re-parses edited content, and survives
a damaged entry or an unwritable folder."""
from __future__ import annotations

from druglint import memo


def test_memo_reuses_and_reparses(tmp_path, monkeypatch):
    monkeypatch.setenv("DRUGLINT_CACHE_DIR", str(tmp_path))
    calls = []

    def build(v):
        def f():
            calls.append(v)
            return {"value": v}
        return f

    assert memo.memo("t", b"one", build(1)) == {"value": 1}
    assert memo.memo("t", b"one", build(99)) == {"value": 1}  # from the memo
    assert memo.memo("t", b"two", build(2)) == {"value": 2}  # new content, parsed again
    assert calls == [1, 2]
    for entry in (tmp_path / "druglint" / "memo").iterdir():
        entry.write_bytes(b"damaged")
    assert memo.memo("t", b"one", build(3)) == {"value": 3}


def test_memo_off_and_unwritable(tmp_path, monkeypatch):
    monkeypatch.setenv("DRUGLINT_NO_MEMO", "1")
    assert memo.cache_dir() is None
    assert memo.memo("t", b"x", lambda: 5) == 5
    monkeypatch.delenv("DRUGLINT_NO_MEMO")
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("DRUGLINT_CACHE_DIR", str(blocker))
    assert memo.memo("t", b"x", lambda: 6) == 6


def test_specs_through_the_memo_equal_fresh_parse(tmp_path, monkeypatch):
    from druglint.specs.loader import bundled_dir, load_file, spec_files

    path = spec_files(bundled_dir())[0]
    monkeypatch.setenv("DRUGLINT_NO_MEMO", "1")
    fresh = load_file(path, "s.yaml")
    monkeypatch.delenv("DRUGLINT_NO_MEMO")
    monkeypatch.setenv("DRUGLINT_CACHE_DIR", str(tmp_path))
    load_file(path, "s.yaml")
    again = load_file(path, "s.yaml")
    assert again == fresh
