"""Which files a run lints, and how their paths are shown; imports nothing heavy.

The result cache (result_cache.py) runs discovery before it knows whether anything has to
be linted, so this module and what it imports stay free of pandas and numpy.
"""
from __future__ import annotations

import errno
import os
from typing import Any, Iterable

from druglint.errors import DruglintError

SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox", ".mypy_cache",
             ".pytest_cache", ".ruff_cache", ".druglint_cache", "build", "dist"}
DOCUMENT_SUFFIXES = {".md", ".markdown", ".rst", ".xml"}
# the modules that may claim a file as a document (the first that claims it lints it);
# named here, below the engine, so that druglint.peek tells a file's kind without the engine
DOCUMENT_HANDLERS = ("druglint.specs.handler", "druglint.presets.handler", "druglint.prose.handler")


class UsageError(DruglintError):
    """Bad arguments or unreadable input: the CLI exits 2 with this message."""


def _gap(message: str):
    """A DL122 finding (readers.table loads pandas: only on the engine's path, which has it)."""
    from druglint.readers.table import Finding

    return Finding("DL122", 1, 1, message)


def discover(paths: Iterable[str], config: Any, gaps: list | None = None) -> list[str]:
    """Files to lint: named files (unless excluded with force-exclude, as ruff does); below
    folders, every readable format that no exclude pattern matches. Files druglint writes
    itself (baselines, waivers, reviewed changes) are never data. With ``gaps``, what cannot
    be checked is added there as (shown path, DL122 finding): data files of a format
    druglint does not read, and named folders where nothing can be read."""
    from druglint.controlfiles import is_control_file
    from druglint.readers import format_of, unread_format

    out: list[str] = []
    for p in paths:
        if config.force_exclude and os.path.exists(p) and config.excluded(p):
            continue
        if not os.path.exists(p):
            if os.path.islink(p):
                try:
                    os.stat(p)
                except OSError as exc:
                    if exc.errno == errno.ELOOP:
                        raise UsageError(f"{p}: symbolic link loop") from None
                raise UsageError(f"{p}: symbolic link to a missing file or folder")
            raise UsageError(f"{p}: no such file or folder")
        if os.path.isdir(p) and not os.access(p, os.R_OK | os.X_OK):
            raise UsageError(f"{p}: cannot read folder (permission denied)")
        if os.path.isdir(p):
            before, unread = len(out), 0
            seen_dirs: set[tuple[int, int]] = set()
            for root, dirs, files in os.walk(p, followlinks=False, onerror=_walk_error):
                st = os.stat(root)
                if (st.st_dev, st.st_ino) in seen_dirs:
                    dirs[:] = []
                    continue
                seen_dirs.add((st.st_dev, st.st_ino))
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith(".")
                                 and not config.excluded(os.path.join(root, d)))
                for f in sorted(files):
                    full = os.path.join(root, f)
                    if f.startswith((".", "~$")) or f in ("druglint.yaml", "druglint.yml"):  # ~$book.xlsx: an office lock file
                        continue
                    if config.excluded(full):
                        unread += 1  # left out on purpose: the folder is not "empty"
                        continue
                    suffix = os.path.splitext(f)[1].lower()
                    if format_of(full) is None and suffix not in DOCUMENT_SUFFIXES:
                        why = unread_format(full) if gaps is not None else None
                        if why is not None:
                            gaps.append((display_path(full), _gap(why)))
                            unread += 1
                        continue
                    if is_control_file(full, config):
                        continue
                    out.append(full)
            if gaps is not None and len(out) == before and not unread:
                gaps.append((display_path(p), _gap("folder holds no file druglint reads (tables, JSON, YAML, prose), "
                                                     "so nothing in it was checked")))
        elif not is_control_file(p, config):
            out.append(p)
    # a path named twice (or named and also inside a named folder) is linted once, first place kept
    seen: set[str] = set()
    unique: list[str] = []
    for f in out:
        key = os.path.normcase(os.path.abspath(f))
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


def _walk_error(exc: OSError) -> None:
    """os.walk would skip an unreadable folder silently; say so instead (exit 2)."""
    where = exc.filename or "folder"
    if isinstance(exc, PermissionError):
        raise UsageError(f"{where}: cannot read folder (permission denied)")
    raise UsageError(f"{where}: cannot read folder ({exc.strerror or exc})")


def display_path(path: str) -> str:
    rel = os.path.relpath(path)
    return rel if not rel.startswith("..") else path


__all__ = ["SKIP_DIRS", "DOCUMENT_SUFFIXES", "UsageError", "discover", "display_path"]
