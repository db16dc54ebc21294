"""One side of a comparison: the files of one version, read into canonical, typed frames.

A version's file is given as bytes (a file on disk, or a blob read with ``git show``), so the
same code reads a working tree, the index and any revision. Each file goes through the core
stages that ``druglint check`` uses — the reader, ``engine.canonicalise``, ``kinds.detect``
(or the configured kind) and ``kinds.schema.check_schema`` — so values are compared in
their canonical form ("Major" and "major" are the same severity). Schema findings are not
reported here: ``druglint check`` reports them; ``diff`` only compares.
"""
from __future__ import annotations

import os
import tempfile
from druglint.config import Config
from druglint.diff.model import Loaded, Side, Source, Spec  # noqa: F401  (the records of a side; imported from here too)


def _read(src: Source):
    from druglint import readers

    if src.read_name.lower().endswith((".parquet", ".pq")):
        # pyarrow reads files: give it one holding exactly this version's bytes (the file on
        # disk may be another version, e.g. the working tree when this is a git blob)
        fd, tmp = tempfile.mkstemp(suffix=".parquet")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(src.data)
            return readers.read(tmp, src.path)
        finally:
            os.unlink(tmp)
    return readers.read(src.read_name, src.path, src.data)


def _preset(src: Source, config: Config):
    """The public-format preset (DDInter, SIDER, FAERS...) of this file, when it has a kind."""
    import importlib.util

    if importlib.util.find_spec("druglint.presets") is None:
        return None
    from druglint.presets import match
    from druglint.presets.handler import enabled

    if not enabled(config):
        return None
    preset = match(src.read_name, src.data[:4096])
    return preset if preset is not None and preset.kind is not None and preset.document is None else None


def _read_preset(src: Source, preset):
    """Read a file the way the presets handler does (headerless SIDER, unquoted Drugs@FDA)."""
    from druglint import readers

    fmt = readers.format_of(src.read_name)
    if preset.headerless:
        from druglint.readers.headerless import read_headerless

        return read_headerless(src.path, src.data, fmt[0] if fmt else "tsv",
                               preset.delimiter or (fmt[1] if fmt else "\t") or "\t", preset.headerless)
    if preset.quoting is not None:
        from druglint.readers.delimited import read_delimited

        return read_delimited(src.path, src.data, fmt[0] if fmt else "txt", preset.delimiter or (fmt[1] if fmt else None),
                              quoting=preset.quoting)
    return _read(src)


def load_table(src: Source, config: Config) -> Loaded | None:
    """Read, canonicalise, tell the kind and type one dataset file; None if it is not one.
    A file of a known public format goes through its preset first (column mapping and value
    transforms, e.g. DDInter's Level -> severity), exactly as ``druglint check`` reads it."""
    from dataclasses import replace

    from druglint.engine import canonicalise
    from druglint.kinds import KINDS, detect
    from druglint.kinds.schema import check_schema

    preset = _preset(src, config)
    result = _read_preset(src, preset) if preset is not None else _read(src)
    table = result.table
    if table is None:
        return None
    if preset is not None:
        if preset.transform is not None:
            preset.transform(table)
        merged = {c: list(v) for c, v in preset.aliases(list(table.frame.columns)).items()}
        for canon, names in config.columns.items():
            merged.setdefault(canon, []).extend(n for n in names if n not in merged[canon])
        config = replace(config, columns=merged)
    columns = canonicalise(table, config)
    kind = (config.kind_for(src.fs_path or src.rel) or (preset.kind if preset is not None else None)
            or detect(set(table.frame.columns)))
    if kind is None:
        return None
    typed, _hits = check_schema(table.frame, KINDS[kind])
    typed = typed.reset_index(drop=True)
    typed["_line"] = table.lines.astype("int64")
    typed["_path"] = src.path
    typed["_shown"] = src.shown
    return Loaded(src, kind, typed, list(table.header), columns)


def _spec_module():
    import importlib
    import importlib.util

    try:
        if importlib.util.find_spec("druglint.specs") is None:
            return None
    except ModuleNotFoundError:
        return None
    return importlib.import_module("druglint.specs")


def load(sources: list[Source], config: Config) -> Side:
    """Load every source: drug specs through ``druglint.specs``, datasets through the readers."""
    from druglint import readers

    side = Side()
    specs = _spec_module()
    for src in sources:
        spec = _load_spec(specs, src) if specs is not None else None
        if spec is not None:
            from druglint.diff.specdiff import tables

            side.specs[src.rel] = spec
            if spec.spec is None:
                side.skipped.append(src.rel)
            for t in tables(spec):
                side.tables[t.source.rel] = t
            continue
        if readers.format_of(src.read_name) is None:
            continue
        loaded = load_table(src, config)
        if loaded is None:
            side.skipped.append(src.rel)
        else:
            side.tables[src.rel] = loaded
    return side


def _load_spec(specs, src: Source) -> Spec | None:
    """A Spec when the specs package recognises the file as a drug spec, else None."""
    from druglint.diff import specdiff

    return specdiff.load_spec(specs, src)
