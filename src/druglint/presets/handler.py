"""Document handler that reads files of a recognised public format through their preset.

The engine asks every handler in ``DOCUMENT_HANDLERS`` whether it claims a file; this one
claims the files a preset recognises (``druglint.presets.match``). A table is then read by
the ordinary readers (or the headerless reader for SIDER), the preset's value transforms
run, and the engine's own ``lint_table`` checks it under the preset's canonical kind with
the preset's column mapping merged under the configuration's (the configuration wins).
Reference tables (no canonical kind) and extracted prose are kept on the ProjectContext for
the project rules. A configuration may switch presets off with ``presets = false``.
"""
from __future__ import annotations

from dataclasses import replace

from druglint.presets import PresetTable, group_of, match, record


def enabled(config) -> bool:
    value = config.extra.get("presets", True) if config is not None else True
    if not isinstance(value, bool):
        from druglint.config import ConfigError

        raise ConfigError(f"'presets' must be true or false, not {value!r}", config.path,
                          config.line_of("presets") if callable(config.line_of) else None)
    return value


def claims(path: str, head: bytes) -> bool:
    return match(path, head) is not None


def _violations(shown, findings, config, sel):
    from druglint.engine import make

    return [make(shown, f.code, f.line, f.column, f.message, None, config) for f in findings if sel.enabled(f.code, shown)]


def lint(path: str, shown: str, data: bytes, config, sel, project) -> list:
    from druglint import readers
    from druglint.engine import lint_table

    preset = match(path, data[:4096])
    if not enabled(config):
        preset = None
    if preset is not None and preset.document is not None:
        return preset.document(path, shown, data, config, sel, project, preset)
    if preset is not None and preset.headerless:
        from druglint.readers.headerless import read_headerless

        fmt = readers.format_of(path)
        result = read_headerless(shown, data, fmt[0] if fmt else "tsv", preset.delimiter or (fmt[1] if fmt else "\t") or "\t",
                                 preset.headerless)
    elif preset is not None and preset.quoting is not None:
        from druglint.readers.delimited import read_delimited

        fmt = readers.format_of(path)
        result = read_delimited(shown, data, fmt[0] if fmt else "txt", preset.delimiter or (fmt[1] if fmt else None),
                                quoting=preset.quoting)
    elif readers.format_of(path) is not None:
        result = readers.read(path, shown, data)
    else:
        return []
    out = _violations(shown, result.findings, config, sel)
    table = result.table
    if table is None:
        return out
    from druglint.engine import remember_layout

    remember_layout(project, table)  # before a transform adds columns: the file's own fields
    kind = config.kind_for(path)
    item = None
    if preset is not None:
        if preset.transform is not None:
            preset.transform(table)
        table.meta["preset"] = preset.name
        item = PresetTable(shown, preset, table, table.frame, group_of(path))
        kind = kind or preset.kind
        merged: dict[str, list[str]] = {c: list(v) for c, v in preset.aliases(list(table.frame.columns)).items()}
        for canon, names in config.columns.items():
            merged.setdefault(canon, []).extend(n for n in names if n not in merged[canon])
        extra = dict(config.extra)
        if preset.coded_columns:
            have = extra.get("coded-columns") or []
            extra["coded-columns"] = list(have if isinstance(have, list) else [have]) + list(preset.coded_columns)
        config = replace(config, columns=merged, extra=extra)
    if kind is not None or preset is None:
        violations, ctx = lint_table(table, config, sel, kind, project)
        # a record a preset split into several (one per route) shares its line: report once
        seen: set[tuple] = set()
        for v in violations:
            k = (v.line, v.column, v.code, v.message)
            if k not in seen:
                seen.add(k)
                out.append(v)
        if ctx is not None and project is not None:
            project.tables.append(ctx)
            if item is not None:
                item.ctx = ctx
    if item is not None:
        record(project, item)
    return out


__all__ = ["claims", "lint", "enabled"]
