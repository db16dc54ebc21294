"""Replacing a file atomically: the one way druglint writes a file it may be killed writing.

``atomic_write`` writes to a temporary file in the target's folder (a dot-file, which
discovery never reads), flushes and fsyncs it, optionally sets its mode and runs a last
check, then moves it over the target with ``os.replace`` (atomic on POSIX and Windows)
and fsyncs the folder. A kill at any moment leaves the old or the new file, never half of
one; on any error the temporary file is removed and the target is untouched.

Used by the result cache and memo (``cache.py``, ``memo.py``), baselines and reviewed
changes (``suppress/``), derived specs (``derive/``) and ``--fix`` (``fixwrite.py``, which
adds its checks of mode, owner, links and content through ``before_replace``).
"""
from __future__ import annotations

import os
import tempfile
from typing import Callable

DEFAULT_PREFIX = ".tmp-"


def atomic_write(target: "str | os.PathLike[str]", data: bytes, mode: int | None = None, *,
                 prefix: str = DEFAULT_PREFIX, suffix: str = ".part",
                 before_replace: Callable[[str], None] | None = None,
                 folder_error: Callable[[], Exception] | None = None) -> None:
    """Write ``data`` to ``target`` through a temp file in the same folder + fsync + os.replace.

    ``mode``: the new file's permission bits. ``before_replace(tmp)`` runs on the written
    temporary file just before the rename; an exception it raises aborts the write.
    ``folder_error()``: the exception to raise instead of PermissionError when the folder
    refuses the temporary file."""
    target = os.fspath(target)
    folder = os.path.dirname(target) or "."
    try:
        fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=folder)
    except PermissionError:
        if folder_error is None:
            raise
        raise folder_error() from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        if before_replace is not None:
            before_replace(tmp)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    fsync_folder(folder)


def fsync_folder(folder: str) -> None:
    """Make a rename in ``folder`` durable (best effort: some systems cannot open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
