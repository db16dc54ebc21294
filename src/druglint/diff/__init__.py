"""``druglint diff``: safety review of changes between two versions of datasets and specs.

``diff_paths(old, new)`` compares two files or folders (folders matched by relative path);
``diff_git(rev)`` compares the working tree or the index with a git revision. Both return a
:class:`DiffReport` whose violations carry DL7xx codes, and whose ``changes`` carry the
record key and old/new values a reviewer acknowledges with ``accept``.

Names are resolved lazily so that the command line can build its parser without pandas.
"""
from __future__ import annotations

_API = {"diff_paths": "api", "diff_git": "api", "accept": "api", "DiffReport": "engine", "Change": "engine"}


def __getattr__(name: str):
    if name in _API:
        import importlib

        return getattr(importlib.import_module(f"druglint.diff.{_API[name]}"), name)
    raise AttributeError(name)


__all__ = list(_API)
