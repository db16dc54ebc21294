"""``[tool.druglint]`` in pyproject.toml: parsed with tomllib, lines found by key path.

Every TOML spelling of the table is the same table once parsed: ``[tool.druglint]``,
``[ tool.druglint ]``, ``[tool."druglint"]``, ``tool.druglint.ignore = [...]`` at the top
level, ``druglint.ignore = [...]`` under ``[tool]``. Error messages name a key's line,
so lines are found by walking the text with the same key-path rules (headers and dotted
keys, quoted or bare parts, spaces around dots), not by matching one spelling.
"""
from __future__ import annotations

import re
from typing import Any, Callable

from druglint.errors import ConfigError

# one part of a dotted key: "basic", 'literal' or bare, with the dot or end after it
_PART = re.compile(r"""\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*(\.|$)""")
_HEADER = re.compile(r"^\s*\[(\[?)([^\[\]]*)\]\]?\s*(#.*)?$")
_KEYVAL = re.compile(r"""^\s*((?:"(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_.\s-])+?)\s*=""")


def _path(dotted: str) -> list[str] | None:
    parts: list[str] = []
    pos = 0
    while pos < len(dotted):
        m = _PART.match(dotted, pos)
        if not m:
            return None
        p = m.group(1)
        parts.append(p[1:-1] if p[:1] in "\"'" else p)
        pos = m.end()
        if not m.group(2):
            break
    return parts


def read(text: str, path: str) -> tuple[dict[str, Any], Callable[[str], int | None]]:
    """(the druglint table, line_of(key)); ConfigError with the line when the file does not
    parse or the table is not a table."""
    import tomllib

    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        line = int(m.group(1)) if m else max(text.count("\n") + (not text.endswith("\n")), 1)  # "at end of document"
        raise ConfigError(f"invalid TOML: {exc}", path, line) from None
    except RecursionError:  # tomllib recurses per nested array or inline table
        lines = text.splitlines() or [""]
        deepest = max(range(len(lines)), key=lambda i: lines[i].count("[") + lines[i].count("{"))
        raise ConfigError("invalid TOML: arrays or tables nested too deeply", path, deepest + 1) from None
    keys = _key_lines(text)
    start = min((ln for p, ln in keys if p[:2] == ["tool", "druglint"]), default=None)
    tool = doc.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError("'tool' must be a table", path, next((ln for p, ln in keys if p[:1] == ["tool"]), None))
    raw = tool.get("druglint", {})
    if not isinstance(raw, dict):
        raise ConfigError(f"'tool.druglint' must be a table of settings, not {type(raw).__name__}", path, start)

    def line_of(key: str) -> int | None:
        names = {key, key.replace("-", "_"), key.replace("_", "-")}
        for p, ln in keys:
            if p[:2] == ["tool", "druglint"] and len(p) > 2 and p[2] in names:
                return ln
        return start

    return raw, line_of


def _key_lines(text: str) -> list[tuple[list[str], int]]:
    """(full key path, line) of every table header and key/value line, in order. Lines
    inside multi-line strings are skipped (a rough guard: a line holding an odd number of
    triple quotes toggles the state)."""
    out: list[tuple[list[str], int]] = []
    table: list[str] = []
    in_string = False
    for i, line in enumerate(text.splitlines(), start=1):
        triples = line.count('"""') + line.count("'''")
        if in_string:
            in_string = triples % 2 == 0
            continue
        h = _HEADER.match(line)
        if h:
            p = _path(h.group(2))
            if p is not None:
                table = p
                out.append((table, i))
        else:
            kv = _KEYVAL.match(line)
            if kv:
                p = _path(kv.group(1))
                if p is not None:
                    out.append((table + p, i))
        if triples % 2 == 1:
            in_string = True
    return out
