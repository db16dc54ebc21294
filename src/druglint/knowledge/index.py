"""The pack's name index: 64-bit hashes of the name keys, sorted, memory-mapped.

Resolving a few names must not cost reading and hashing 130,000 strings (the pre-commit run
on 20 small files has a 1.5 s budget in all). So the build stores, per name key, an 8-byte
BLAKE2b digest, sorted, with the row's drug number and kind (``index.npy``, a structured
array read with ``numpy.load(mmap_mode="r")``); a lookup hashes each distinct input once and
binary-searches (``numpy.searchsorted``). The names table is sorted the same way, so a hit's
position is also its row there, read only when a caller asks for a name's source.

Two different keys share a digest with probability about n / 2**64 (n = 130,000 known keys):
about 1e-14 per looked-up name. The build refuses a pack whose own keys collide.
"""
from __future__ import annotations

import hashlib
from typing import Any

def dtype(n_drugs: int) -> list[tuple[str, str]]:
    """Row layout: digest, drug number (2 bytes while there are fewer than 65,536 drugs), kind."""
    return [("hash", "<u8"), ("drug", "<u2" if n_drugs < 65_536 else "<u4"), ("how", "u1")]
# how codes of the index (what a name is in its source); resolution adds its own kinds
HOWS = ("generic", "brand", "synonym", "salt", "international")


def hash_keys(keys: Any):
    """uint64 digest of each key (a sequence of str)."""
    import numpy as np

    blake = hashlib.blake2b
    return np.fromiter((int.from_bytes(blake(str(k).encode("utf-8"), digest_size=8).digest(), "little") for k in keys),
                       dtype=np.uint64, count=len(keys))


def lookup(index: Any, keys: Any):
    """Row of each key in the sorted ``index`` (-1 when absent)."""
    import numpy as np

    if len(keys) == 0 or len(index) == 0:
        return np.full(len(keys), -1, dtype=np.int64)
    h = hash_keys(keys)
    hashes = index["hash"]
    pos = np.searchsorted(hashes, h)
    pos_c = np.minimum(pos, len(hashes) - 1)
    return np.where(hashes[pos_c] == h, pos_c, -1).astype(np.int64)
