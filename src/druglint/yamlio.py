"""Line-aware YAML loading for datasets, specs and configuration (ruamel.yaml).

The round-trip loader keeps each node's line (``.lc``), refuses Python object tags (it
never constructs arbitrary classes), and is given a bound on aliases so that an
alias bomb is an error, not an exhausted machine.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MAX_ALIASES = 100


class YamlError(Exception):
    def __init__(self, message: str, line: int = 1, column: int = 1):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass
class Loaded:
    data: Any


def load(text: str) -> Any:
    """Parse ``text``; raise YamlError with the 1-based line of the problem."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = False
    aliases = text.count("*")
    if aliases > MAX_ALIASES and _count_alias_events(text) > MAX_ALIASES:
        raise YamlError(f"YAML uses more than {MAX_ALIASES} aliases; refusing to expand it (alias bomb?)")
    try:
        return yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        col = mark.column + 1 if mark is not None else 1
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        return _raise(YamlError(f"invalid YAML: {problem}", line, col))
    except YAMLError as exc:
        raise YamlError(f"invalid YAML: {exc}") from None
    except RecursionError:
        raise YamlError("YAML is nested too deeply to read") from None


def _raise(exc: YamlError) -> Any:
    raise exc


def _count_alias_events(text: str) -> int:
    from ruamel.yaml import YAML
    from ruamel.yaml.events import AliasEvent

    try:
        return sum(1 for ev in YAML(typ="safe", pure=True).parse(text) if isinstance(ev, AliasEvent))
    except Exception:  # a parse error is reported by the real load
        return 0


def line_of(node: Any, key: Any = None, default: int = 1) -> int:
    """1-based line of a mapping key (or list index), or of the node itself."""
    lc = getattr(node, "lc", None)
    if lc is None:
        return default
    if key is not None:
        try:
            if isinstance(key, int):
                return lc.item(key)[0] + 1
            return lc.key(key)[0] + 1
        except (KeyError, IndexError, TypeError, AttributeError):
            pass
    return (lc.line or 0) + 1
