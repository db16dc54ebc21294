"""The reviewed-changes file: safety-relevant changes a person looked at and accepted.

Config key ``reviewed-changes`` (default ``.druglint-reviewed.yaml`` beside the config, or
at the repository root in git mode). Each entry names the file, the record key, the code and
the old and new values, so it keeps matching when unrelated lines move, and stops matching
as soon as the record changes again (a second downgrade needs a second review)::

    reviewed:
    - path: data/interactions.csv
      key: aspirin + warfarin
      code: DL701
      old: major
      new: minor
      by: A. Curator <curator@example.org>
      reason: "DDInter 2024 re-graded the pair (ticket 123)"
      date: '2026-11-24'

``druglint diff --accept --reason "..."`` appends the entries; the file is written
atomically (``atomic.atomic_write``).
"""
from __future__ import annotations

import datetime as _dt
import io
import os
import subprocess
from pathlib import Path

from druglint.config import Config, ConfigError

DEFAULT = ".druglint-reviewed.yaml"
FIELDS = ("path", "key", "code", "old", "new")
HEADER = ("# Safety-relevant changes reviewed and accepted (written by `druglint diff --accept`).\n"
          "# An entry matches a finding by path, record key, code and old/new values.\n")


def location(cfg: Config, fallback_root: str | None = None) -> str:
    """Where the reviewed-changes file is, validating the config key."""
    value = cfg.extra.get("reviewed-changes", DEFAULT)
    if not isinstance(value, str) or not value.strip():
        line = cfg.line_of("reviewed-changes") if cfg.line_of else None
        raise ConfigError("'reviewed-changes' must be a file path (a string)", cfg.path, line)
    root = cfg.root if cfg.path or not fallback_root else fallback_root
    return str(Path(root) / value)


def load(path: str) -> list[dict[str, str]]:
    """The entries of the file ([] when it does not exist); bad content is a clear error."""
    from druglint import yamlio

    if not os.path.exists(path):
        return []
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read reviewed-changes file: {exc}", path) from None
    try:
        doc = yamlio.load(text)
    except yamlio.YamlError as exc:
        raise ConfigError(exc.message, path, exc.line) from None
    if doc is None:
        return []
    if not isinstance(doc, dict) or not isinstance(doc.get("reviewed", []), list):
        raise ConfigError("a reviewed-changes file holds 'reviewed:', a list of entries", path, 1)
    out = []
    for i, entry in enumerate(doc.get("reviewed") or []):
        line = yamlio.line_of(doc["reviewed"], i)
        if not isinstance(entry, dict):
            raise ConfigError("each reviewed change is a mapping with path, key, code, old, new, by, reason", path, line)
        missing = [f for f in FIELDS + ("reason",) if f not in entry]
        if missing:
            raise ConfigError(f"reviewed change lacks {', '.join(missing)}", path, line)
        out.append({k: "" if entry.get(k) is None else str(entry.get(k)) for k in FIELDS + ("by", "reason", "date")})
    return out


def idents(entries: list[dict[str, str]]) -> set[tuple[str, ...]]:
    return {tuple(e[f] for f in FIELDS) for e in entries}


def who(cwd: str | None = None) -> str:
    """'Name <email>' from git config, else the login name."""
    def git(key: str) -> str:
        try:
            r = subprocess.run(["git", "config", key], cwd=cwd, capture_output=True, text=True, timeout=10)
        except (OSError, subprocess.SubprocessError):
            return ""
        return r.stdout.strip() if r.returncode == 0 else ""

    name, email = git("user.name"), git("user.email")
    if name or email:
        return f"{name} <{email}>".strip() if email else name
    return os.environ.get("USER") or os.environ.get("USERNAME") or "unknown"


def append(path: str, changes, reason: str, by: str) -> int:
    """Add an entry per change not yet in the file; returns how many were added."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if not reason.strip():
        raise ConfigError("--accept needs --reason: say why the change is intended")
    existing = idents(load(path))
    yaml = YAML(typ="rt", pure=True)
    yaml.default_flow_style = False
    yaml.width = 4096
    if os.path.exists(path):
        doc = yaml.load(Path(path).read_text(encoding="utf-8")) or CommentedMap()
    else:
        doc = CommentedMap()
    if doc.get("reviewed") is None:
        doc["reviewed"] = CommentedSeq()
    today = _dt.date.today().isoformat()
    added = 0
    for c in changes:
        if c.ident() in existing:
            continue
        existing.add(c.ident())
        entry = CommentedMap()
        for k, v in zip(FIELDS, c.ident()):
            entry[k] = v
        entry["by"] = by
        entry["reason"] = reason.strip()
        entry["date"] = today
        doc["reviewed"].append(entry)
        added += 1
    if added == 0:
        return 0
    from druglint.atomic import atomic_write

    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    out = io.StringIO()
    if not os.path.exists(path):
        out.write(HEADER)
    yaml.dump(doc, out)
    atomic_write(os.path.abspath(path), out.getvalue().encode("utf-8"), prefix=".druglint-reviewed-", suffix=".tmp")
    return added
