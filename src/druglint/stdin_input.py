"""``druglint check - --stdin-filename data/ddi.csv``: lint standard input as if it were a file.

An editor lints an unsaved buffer this way. The bytes are written to a private temporary
folder under the same relative path the named file has in the project, and the project
root is pointed there for the run, so the reader (by suffix), the configured kind globs,
per-file-ignores and exclude patterns all see the name the user gave. Findings carry that
name. Nothing is written in the project. With force-exclude an excluded name gives no
findings (as ruff does), so an editor honours the project's exclude.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from dataclasses import replace
from pathlib import Path


def lint_stdin(name: str, cfg, lint_paths, data: bytes | None = None):
    """Run ``lint_paths([file], cfg')`` on standard input posing as ``name``; the Report names ``name``."""
    from druglint.engine import UsageError
    from druglint.model import Report

    if data is None:
        data = sys.stdin.buffer.read()
    rel = cfg.rel(os.path.abspath(name))
    if rel.startswith("../") or rel == "..":
        rel = Path(name).name  # outside the project: only the file name counts
    shown = Path(name).as_posix()
    if cfg.force_exclude and cfg.excluded(os.path.abspath(name)):
        return Report([], [])
    tmp = tempfile.mkdtemp(prefix="druglint-stdin-")
    try:
        target = Path(tmp, rel)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        except OSError as exc:
            raise UsageError(f"--stdin-filename {name}: cannot stage standard input ({exc.strerror or exc})") from None
        report = lint_paths([str(target)], replace(cfg, root=tmp, force_exclude=False))
        staged = {os.path.relpath(target), str(target), target.as_posix()}
        report.violations = [replace(v, path=shown) if v.path in staged else v for v in report.violations]
        report.files = [shown if f in staged else f for f in report.files]
        return report
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
