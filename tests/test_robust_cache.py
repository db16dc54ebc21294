"""druglint.cache: content-hash keys, atomic entries, two real processes on one folder."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from druglint.cache import Cache, key_for


def test_put_get_roundtrip_and_miss(tmp_path):
    c = Cache(tmp_path / "c")
    k = key_for(b"a,b\n1,2\n", "select: [ALL]")
    assert c.get(k) is None
    assert c.put(k, {"violations": [{"code": "DL105"}]})
    assert c.get(k) == {"violations": [{"code": "DL105"}]}
    assert k in c


def test_key_depends_on_content_config_and_version():
    base = key_for(b"x", "cfg", version="1")
    assert key_for(b"y", "cfg", version="1") != base
    assert key_for(b"x", "cfg2", version="1") != base
    assert key_for(b"x", "cfg", version="2") != base
    # length-prefixed parts: moving bytes between content and config changes the key
    assert key_for(b"xc", "fg", version="1") != base


def test_damaged_entry_is_a_miss(tmp_path):
    c = Cache(tmp_path)
    k = key_for(b"x")
    c.put(k, [1, 2])
    p = tmp_path / k[:2] / f"{k}.json"
    p.write_bytes(p.read_bytes()[:7])  # a torn write from some other tool
    assert c.get(k) is None
    p.write_text('{"format": 1, "key": "other", "value": 3}')
    assert c.get(k) is None


def test_bad_key_is_refused(tmp_path):
    import pytest

    with pytest.raises(ValueError):
        Cache(tmp_path).get("../../etc/passwd")


def test_unwritable_cache_does_not_fail(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert Cache(blocker).put(key_for(b"x"), 1) is False


HAMMER = textwrap.dedent('''
    import sys
    from druglint.cache import Cache, key_for
    cache = Cache(sys.argv[1]); who = sys.argv[2]; rounds = int(sys.argv[3])
    keys = [key_for(str(i).encode()) for i in range(20)]
    bad = 0
    for r in range(rounds):
        for i, k in enumerate(keys):
            # same key -> same value from every writer (it is a content hash), but a big one
            cache.put(k, {"i": i, "pad": "x" * (5000 + i)})
            got = cache.get(k)
            if got is not None and got != {"i": i, "pad": "x" * (5000 + i)}:
                bad += 1
    print(bad)
''')


def test_two_processes_hammering_one_cache(tmp_path):
    d = tmp_path / "cache"
    procs = [subprocess.Popen([sys.executable, "-c", HAMMER, str(d), str(n), "40"], stdout=subprocess.PIPE, text=True)
             for n in range(2)]
    outs = [p.communicate(timeout=300)[0].strip() for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    assert outs == ["0", "0"], "a reader saw a torn or foreign entry"
    c = Cache(d)
    for i in range(20):
        assert c.get(key_for(str(i).encode())) == {"i": i, "pad": "x" * (5000 + i)}
    leftovers = [p for p in Path(d).rglob("*") if p.name.startswith(".tmp-")]
    assert leftovers == []
