"""A content-hash keyed cache on disk, safe for several druglint processes at once.

API::

    from druglint.cache import Cache, key_for
    cache = Cache(".druglint_cache")            # folder is created on first put
    k = key_for(file_bytes, config_text)         # content + configuration + druglint version
    cache.get(k)                                 # -> the stored JSON value, or None
    cache.put(k, {"violations": [...]})          # atomic: readers never see half a file

Each entry is one JSON file named by its key (a hex SHA-256), spread over 256
sub-folders. A write goes to a unique temporary file in the same folder, is flushed and
fsync'd, then moved over the entry with ``os.replace`` -- atomic on POSIX and Windows --
so two processes putting the same key at once both succeed and the entry is always one
whole value (the last writer wins; both wrote the same thing, since the key is a content
hash). A reader that finds a damaged or foreign entry treats it as a miss and deletes
nothing it does not own. No locks are needed and none are taken.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from druglint.atomic import atomic_write

FORMAT = 1  # bump when the stored value's shape changes


def key_for(content: bytes, config: str | bytes = b"", *extra: str | bytes, version: str | None = None) -> str:
    """SHA-256 over the file content, the configuration, druglint's version and ``extra``."""
    if version is None:
        from druglint import __version__ as version
    h = hashlib.sha256()
    for part in (f"druglint-cache/{FORMAT}/{version}".encode(), content,
                 config.encode() if isinstance(config, str) else config,
                 *(e.encode() if isinstance(e, str) else e for e in extra)):
        h.update(len(part).to_bytes(8, "little"))  # length-prefixed: no ambiguity between parts
        h.update(part)
    return h.hexdigest()


def config_fingerprint(cfg: Any) -> str:
    """A stable text for a Config (its file's bytes if it has one, else its repr)."""
    path = getattr(cfg, "path", None)
    if path:
        try:
            return hashlib.sha256(Path(path).read_bytes()).hexdigest()
        except OSError:
            pass
    return repr(cfg)


class Cache:
    def __init__(self, directory: str | os.PathLike[str]):
        self.dir = Path(directory)

    def _path(self, key: str) -> Path:
        if not key or any(c not in "0123456789abcdef" for c in key):
            raise ValueError(f"cache key must be a lowercase hex digest, got {key!r}")
        return self.dir / key[:2] / f"{key}.json"

    def get(self, key: str) -> Any | None:
        """The stored value, or None on a miss (missing, unreadable or damaged entry)."""
        try:
            raw = self._path(key).read_bytes()
        except (FileNotFoundError, NotADirectoryError, PermissionError, IsADirectoryError):
            return None
        try:
            doc = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            return None
        if not isinstance(doc, dict) or doc.get("key") != key or doc.get("format") != FORMAT:
            return None
        return doc.get("value")

    def put(self, key: str, value: Any) -> bool:
        """Store ``value`` (JSON-serialisable) atomically; False if the cache is not writable."""
        target = self._path(key)
        data = json.dumps({"format": FORMAT, "key": key, "value": value}, separators=(",", ":")).encode()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(target, data)
        except OSError:
            return False  # a read-only or full disk must never fail a lint run
        return True

    def clear(self) -> None:
        import shutil

        shutil.rmtree(self.dir, ignore_errors=True)

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None
