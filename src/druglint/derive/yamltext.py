"""A small, deterministic YAML emitter for derived specs: block mappings and lists, every
string double-quoted (JSON escapes are valid YAML), so the text is stable from run to run and
each fact's ``review:`` sits on its own line for ``spec review`` to change."""
from __future__ import annotations

import json
from typing import Any


def scalar(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return f"{v:.10g}" if "e" not in f"{v:.10g}" else f"{v:.6e}"
    return json.dumps(str(v), ensure_ascii=False)


def _key(k: str) -> str:
    return k if k.replace("_", "").replace("-", "").isalnum() else json.dumps(k)


def emit(value: Any, indent: int = 0) -> list[str]:
    """Lines of ``value`` (a dict) as a block mapping at ``indent`` spaces."""
    pad = " " * indent
    out: list[str] = []
    for k, v in value.items():
        if v is None or v == [] or v == {}:
            continue
        if isinstance(v, dict):
            if all(not isinstance(x, (dict, list)) for x in v.values()) and len(v) <= 6 and k in ("place", "arms"):
                inner = ", ".join(f"{_key(a)}: {scalar(b)}" for a, b in v.items() if b is not None)
                out.append(f"{pad}{_key(k)}: {{{inner}}}")
            else:
                out.append(f"{pad}{_key(k)}:")
                out.extend(emit(v, indent + 2))
        elif isinstance(v, list):
            out.append(f"{pad}{_key(k)}:")
            for item in v:
                if isinstance(item, dict):
                    lines = emit(item, indent + 4)
                    lines[0] = f"{pad}  - {lines[0].lstrip()}"
                    out.extend(lines)
                else:
                    out.append(f"{pad}  - {scalar(item)}")
        else:
            out.append(f"{pad}{_key(k)}: {scalar(v)}")
    return out
