"""``check --format gitlab``: GitLab Code Quality report (a JSON array of issues).

Each finding is ``{description, check_name, fingerprint, severity, location: {path,
lines: {begin}}}`` as GitLab documents for ``artifacts:reports:codequality``. Severity maps
error -> major, warning -> minor, info -> info. Paths are made relative to
``CI_PROJECT_DIR`` when GitLab sets it (the report names repository paths). The
fingerprint is a SHA-256 of path, code and message plus a counter for repeats, so it is
stable across runs and unique within one (GitLab matches issues between pipelines by it).
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from druglint.model import Report, Severity

SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def _path(path: str) -> str:
    base = os.environ.get("CI_PROJECT_DIR")
    if base:
        rel = os.path.relpath(os.path.abspath(path), base)
        if not rel.startswith(".."):
            return Path(rel).as_posix()
    return Path(path).as_posix()


def build(report: Report) -> list[dict[str, object]]:
    seen: dict[str, int] = {}
    out = []
    for v in report.sorted():
        path = _path(v.path)
        base = f"{path}\0{v.code}\0{v.message}"
        n = seen.get(base, 0)
        seen[base] = n + 1
        fingerprint = hashlib.sha256(f"{base}\0{n}".encode("utf-8", "surrogateescape")).hexdigest()
        out.append({
            "description": f"{v.code} {v.message}",
            "check_name": v.code,
            "fingerprint": fingerprint,
            "severity": SEVERITY[v.severity],
            "location": {"path": path, "lines": {"begin": v.line}},
        })
    return out


def render(report: Report, options) -> str:
    return json.dumps(build(report), indent=2, ensure_ascii=False) + "\n"
