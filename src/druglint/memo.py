"""Start-up memo: data parsed from YAML once, reused by later processes.

Parsing the vocabularies and the drug specs with ruamel in pure Python costs about a
second per process, which is most of a pre-commit run over a few small files. The parsed
result is stored under the user's cache folder, keyed by a hash of the source bytes, the
namespace and druglint's version, so an edited vocabulary or spec is parsed afresh. JSON for
plain data; pickle for parsed specs (dataclasses), read back only from the user's own cache
folder. Any failure (read-only home, damaged entry) falls back to parsing: the memo can
make a run faster, never wrong. ``DRUGLINT_NO_MEMO=1`` turns it off.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Any, Callable


def cache_dir() -> Path | None:
    if os.environ.get("DRUGLINT_NO_MEMO"):
        return None
    base = os.environ.get("DRUGLINT_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "druglint" / "memo"


def _key(namespace: str, content: bytes) -> str:
    from druglint import __version__

    h = hashlib.sha256(f"{namespace}\0{__version__}\0".encode())
    h.update(content)
    return h.hexdigest()


def memo(namespace: str, content: bytes, build: Callable[[], Any]) -> Any:
    """``build()``'s result for ``content``, from the memo when it holds one."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{_key(namespace, content)}.pickle"
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)  # noqa: S301 - the user's own cache folder, keyed by content hash
    except FileNotFoundError:
        pass
    except Exception:  # a damaged entry: parse again and overwrite it
        pass
    value = build()
    try:
        from druglint.atomic import atomic_write

        folder.mkdir(parents=True, exist_ok=True)
        atomic_write(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except Exception:  # read-only or full disk, or a value that does not pickle
        pass
    return value
