"""The kind a file of the run can hold, told from its header alone, before it is linted.

A cross-file project rule (``druglint.across``) keeps a state of a streamed table only when
the run holds another file it could be compared with: DL308 another interaction list, DL410
a dosing file for a list and a list for a dosing file. The engine knows the run's files
before linting, not their kinds; this tells them cheaply (the first 64 KiB, the ordinary
reader, the config's ``kinds`` globs and column aliases) and only ever errs towards "any
kind": a file a preset claims (a preset may make any kind of table; specs and prose
documents make none), a
workbook, JSON, Parquet, a ``.txt`` whose delimiter is sniffed, a header that tells no kind
(a near-miss delimiter may still tell one) or anything that cannot be read gives ``None``.
"""
from __future__ import annotations

import importlib
from typing import Any

from druglint.discovery import DOCUMENT_HANDLERS

_TABLE_MAKERS = ("druglint.presets.handler",)  # handlers that add tables to the project
_HEAD = 1 << 16


def possible_kinds(path: str, config: Any) -> frozenset[str] | None:
    """The kinds ``path`` may hold (``frozenset()``: no table of a kind), or None: any kind."""
    from druglint import readers

    forced = config.kind_for(path)
    if forced:
        return frozenset({forced})
    try:
        with open(path, "rb") as fh:
            head = fh.read(_HEAD)
    except OSError:  # a folder (a Parquet dataset), a vanished file: any kind
        return None
    for module in DOCUMENT_HANDLERS:  # the first that claims the file lints it, as in the engine
        try:
            handler = importlib.import_module(module)
        except ImportError:
            continue
        if handler.claims(path, head):
            # presets make tables of any kind (DDInter: interactions); specs and prose none
            return None if module in _TABLE_MAKERS else frozenset()
    fmt = readers.format_of(path)
    if fmt is None:
        return frozenset()  # neither claimed nor a table format: never a table
    name, delimiter = fmt
    if name not in ("csv", "tsv") or delimiter is None:
        return None
    return _header_kind(path, head, name, delimiter, config)


def _header_kind(path: str, head: bytes, name: str, delimiter: str, config: Any) -> frozenset[str] | None:
    from druglint.context import canonicalise
    from druglint.kinds import detect
    from druglint.readers.delimited import read_delimited

    cut = head.rfind(b"\n")
    body = head if cut < 0 or len(head) < _HEAD else head[:cut + 1]  # whole records only
    try:
        table = read_delimited(path, body, name, delimiter).table
    except Exception:  # a reader bug must not decide a rule's state: any kind
        return None
    if table is None:
        return frozenset()  # empty or unreadable: it gives the project no table
    canonicalise(table, config)
    kind = detect(set(table.frame.columns))
    return None if kind is None else frozenset({kind})


def others_may_hold(project: Any, path_shown: str, kinds: tuple[str, ...]) -> bool:
    """True when a file of the run other than ``path_shown`` may hold a table of one of
    ``kinds`` (the run's files in ``project.extras["files"]``; unknown: True)."""
    from druglint.discovery import display_path

    files = project.extras.get("files") if project is not None else None
    if files is None:
        return True
    memo = project.extras.setdefault("possible_kinds", {})
    for f in files:
        if display_path(f) == path_shown:
            continue
        if f not in memo:
            memo[f] = possible_kinds(f, project.config)
        got = memo[f]
        if got is None or set(got) & set(kinds):
            return True
    return False
