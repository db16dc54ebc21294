"""Files druglint writes or reads as its own input, which are never linted as data.

A baseline (``druglint-baseline.json``, ``--write-baseline``), a waiver file (config key
``waivers``) and the reviewed-changes file (``.druglint-reviewed.yaml``, config key
``reviewed-changes``) are JSON or YAML like a dataset, and a pre-commit run or a folder walk
hands them to druglint with the data. They are recognised by their configured path, their
default name, or their content (the baseline's ``"druglint-baseline"`` key, a top-level
``waivers:`` or ``reviewed:`` list whose entries carry a ``reason``), and skipped.
"""
from __future__ import annotations

import os
import re

DEFAULT_NAMES = {"druglint-baseline.json", "druglint-waivers.yaml", "druglint-waivers.yml", ".druglint-reviewed.yaml"}
_SUFFIXES = (".json", ".yaml", ".yml")
_YAML_LIST = re.compile(rb"(?m)^(?:waivers|reviewed):[ \t]*(?:#.*)?\r?$")


def _configured(config) -> set[str]:
    """Real paths of the control files the configuration names."""
    if config is None:
        return set()
    root = getattr(config, "root", ".") or "."
    out = set()
    for key in ("waivers", "reviewed-changes", "baseline"):
        value = config.extra.get(key)
        if isinstance(value, str) and value.strip():
            out.add(os.path.realpath(os.path.join(root, value)))
    return out


def is_control_file(path: str, config=None, head: bytes | None = None) -> bool:
    name = os.path.basename(path)
    if name in DEFAULT_NAMES:
        return True
    if not name.lower().endswith(_SUFFIXES):
        return False
    if os.path.realpath(path) in _configured(config):
        return True
    if head is None:
        try:
            with open(path, "rb") as fh:
                head = fh.read(4096)
        except OSError:
            return False
    if name.lower().endswith(".json"):
        return b'"druglint-baseline"' in head
    return bool(_YAML_LIST.search(head)) and b"reason" in head


__all__ = ["is_control_file", "DEFAULT_NAMES"]
