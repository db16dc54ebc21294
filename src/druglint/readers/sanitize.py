"""Make parsed JSON/YAML values safe for pandas/pyarrow: lone surrogates become U+FFFD.

JSON and YAML may escape a lone UTF-16 surrogate (``"\\ud800"``); the parsers hand back a
Python string holding it, which pyarrow-backed string columns refuse to encode (fuzzing
found this crash). A source that is valid UTF-8 (checked before parsing) can only hold one
through such an escape, so the recursive scrub runs only when the raw bytes contain one.
"""
from __future__ import annotations

import re
from typing import Any

_ESCAPE = re.compile(rb"\\[uU]0*[dD][89a-fA-F][0-9a-fA-F]{2}")
_SURROGATE = re.compile("[\ud800-\udfff]")


def may_hold_surrogates(raw: bytes) -> bool:
    return _ESCAPE.search(raw) is not None


def scrub(value: Any) -> tuple[Any, int]:
    """(value with every lone surrogate in strings and keys replaced, how many strings changed)."""
    count = 0

    def fix(v: Any) -> Any:
        nonlocal count
        if isinstance(v, str):
            if _SURROGATE.search(v):
                count += 1
                return _SURROGATE.sub("\ufffd", v)
            return v
        if isinstance(v, dict):
            for k, x in list(v.items()):
                nk, nx = fix(k), fix(x)
                if nk is not k:
                    del v[k]
                v[nk] = nx
            return v
        if isinstance(v, list):
            for i, x in enumerate(v):
                v[i] = fix(x)
            return v
        return v

    return fix(value), count


def first_line(raw: bytes) -> int:
    m = _ESCAPE.search(raw)
    return raw.count(b"\n", 0, m.start()) + 1 if m else 1


MESSAGE = "a string escapes a lone UTF-16 surrogate (half of a character); read as U+FFFD"
