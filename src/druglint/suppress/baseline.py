"""Baselines for legacy data: record today's findings, then fail only on new ones.

``druglint check data/ --baseline druglint-baseline.json --write-baseline`` writes every
current finding to the file; ``druglint check data/ --baseline druglint-baseline.json``
then hides the findings recorded there and reports (and fails on) the rest.

A finding is keyed by its file (relative to the baseline file's folder, so the run's
working directory does not matter), its code, its column and a fingerprint of the
*content* of its source line (the record's text, line ending excluded) -- not the line
number, so rows inserted or deleted above a recorded row do not invalidate it, and
CRLF/LF conversion does not either. Identical rows with the same finding are counted:
a baseline holding two such findings hides two, and a third copy is new. Editing a
recorded row makes its findings new again, which is the point.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import Path
from typing import Iterable

from druglint.errors import DruglintError
from druglint.model import Violation

FORMAT = 1


class BaselineError(DruglintError):
    pass


def _rel(path: str, base: Path) -> str:
    try:
        return Path(os.path.relpath(os.path.abspath(path), base)).as_posix()
    except ValueError:
        return Path(path).as_posix()


class _Lines:
    def __init__(self) -> None:
        self.files: dict[str, list[bytes]] = {}

    def text(self, path: str, line: int) -> bytes:
        if path not in self.files:
            try:
                self.files[path] = Path(path).read_bytes().split(b"\n")
            except OSError:
                self.files[path] = []
        lines = self.files[path]
        if 1 <= line <= len(lines):
            return lines[line - 1].rstrip(b"\r")
        return b""


def key(v: Violation, base: Path, lines: _Lines) -> tuple[str, str, str]:
    content = lines.text(v.path, v.line)
    h = hashlib.sha256(v.code.encode() + b"\0" + str(v.column).encode() + b"\0" + content).hexdigest()[:20]
    return (_rel(v.path, base), v.code, h)


def write(path: str, violations: Iterable[Violation]) -> int:
    from druglint.atomic import atomic_write

    base = Path(path).resolve().parent
    lines = _Lines()
    counts: Counter[tuple[str, str, str]] = Counter()
    example: dict[tuple[str, str, str], str] = {}
    for v in violations:
        k = key(v, base, lines)
        counts[k] += 1
        example.setdefault(k, v.message)
    entries = [{"path": p, "code": c, "fingerprint": f, "count": n, "message": example[(p, c, f)]}
               for (p, c, f), n in sorted(counts.items())]
    doc = {"druglint-baseline": FORMAT, "findings": sum(counts.values()), "entries": entries}
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        text = json.dumps(doc, indent=1, ensure_ascii=False) + "\n"
        text.encode("utf-8")
    except UnicodeEncodeError:  # a file name that is not UTF-8: JSON escapes keep the file valid UTF-8
        text = json.dumps(doc, indent=1, ensure_ascii=True) + "\n"
    atomic_write(target, text.encode("utf-8"))
    return sum(counts.values())


def load(path: str) -> Counter[tuple[str, str, str]]:
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"baseline file not found: {path} (create it with --write-baseline)") from None
    except (OSError, ValueError) as exc:
        raise BaselineError(f"{path}: not a druglint baseline ({exc})") from None
    except RecursionError:
        raise BaselineError(f"{path}: not a druglint baseline (nested too deeply)") from None
    if not isinstance(doc, dict) or doc.get("druglint-baseline") != FORMAT or not isinstance(doc.get("entries"), list):
        raise BaselineError(f"{path}: not a druglint baseline (expected a 'druglint-baseline: {FORMAT}' JSON object)")
    out: Counter[tuple[str, str, str]] = Counter()
    for e in doc["entries"]:
        try:
            out[(str(e["path"]), str(e["code"]), str(e["fingerprint"]))] += int(e.get("count", 1))
        except (KeyError, TypeError, ValueError):
            import reprlib

            raise BaselineError(f"{path}: malformed baseline entry {reprlib.repr(e)}") from None
    return out


def filter_new(path: str, violations: list[Violation]) -> tuple[list[Violation], int]:
    """(violations not in the baseline, how many were hidden)."""
    known = load(path)
    base = Path(path).resolve().parent
    lines = _Lines()
    new: list[Violation] = []
    hidden = 0
    for v in sorted(violations, key=Violation.sort_key):
        k = key(v, base, lines)
        if known[k] > 0:
            known[k] -= 1
            hidden += 1
        else:
            new.append(v)
    return new, hidden


__all__ = ["write", "load", "filter_new", "BaselineError"]
