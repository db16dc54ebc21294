"""Entry points: compare two paths, or the working tree / index with a git revision."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

from druglint.config import Config
from druglint.suppress import reviewed
from druglint.diff.engine import DiffReport, compare
from druglint.diff.sides import Source, load
from druglint.engine import Selection, UsageError, discover, display_path


def _read_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except PermissionError:
        raise UsageError(f"{display_path(path)}: permission denied") from None
    except OSError as exc:
        raise UsageError(f"{display_path(path)}: cannot read ({exc.strerror or exc})") from None


def _wanted(rel: str) -> bool:
    """A dataset or spec file (what the diff can read), by name."""
    from druglint.readers import format_of

    return format_of(rel) is not None


def _sources(root: str, files: list[str], cfg: Config, base: str) -> list[Source]:
    out = []
    for f in files:
        within = Path(os.path.relpath(f, root)).as_posix() if os.path.isdir(root) else ""
        # the pairing / review key: where the file is (or would be) in the NEW tree
        rel = cfg.rel(os.path.join(base, within)) if within else cfg.rel(base)
        shown = display_path(f)
        # read with the file's own name: old.csv is read as CSV even when paired with new.yaml
        out.append(Source(rel, shown, shown, _read_bytes(f), os.path.abspath(f), name=f))
    return out


def _accepted(cfg: Config, fallback_root: str | None) -> tuple[str, set[tuple]]:
    path = reviewed.location(cfg, fallback_root)
    return path, reviewed.idents(reviewed.load(path))


def diff_paths(old: str, new: str, config: Config | None = None, select: list[str] | None = None,
               ignore: list[str] | None = None, use_reviewed: bool = True) -> DiffReport:
    """Compare two files, or two folders file by file (matched by relative path)."""
    cfg = config or Config()
    sel = Selection(cfg, select, ignore or [])
    for p in (old, new):
        if not os.path.exists(p):
            raise UsageError(f"{p}: no such file or folder")
    if os.path.isdir(old) != os.path.isdir(new):
        raise UsageError("compare a file with a file, or a folder with a folder")
    if os.path.isdir(old):
        old_files, new_files = discover([old], cfg), discover([new], cfg)
        old_files = [f for f in old_files if _wanted(f)]
        new_files = [f for f in new_files if _wanted(f)]
    else:
        old_files, new_files = [old], [new]
    old_side = load(_sources(old, old_files, cfg, new), cfg)
    new_side = load(_sources(new, new_files, cfg, new), cfg)
    if not os.path.isdir(old):
        for path, side in ((old, old_side), (new, new_side)):
            if not _has_records(side):
                raise UsageError(f"{display_path(path)}: no dataset records or drug spec read from this file; "
                                 "nothing to compare (is it a dataset of a kind druglint knows?)")
    accepted = _accepted(cfg, None)[1] if use_reviewed else set()
    return compare(old_side, new_side, cfg, sel, accepted, display_path(old), display_path(new))


def _has_records(side) -> bool:
    """A compared file must be read as a dataset of a known kind or a drug spec: a silent
    pass over an unread file would hide a weakened severity. (A dataset of a known kind
    with no rows is compared: every old record is then reported as removed.)"""
    return any(s.spec is not None for s in side.specs.values()) or bool(side.tables)


# ------------------------------------------------------------------------------- git
def _git(args: list[str], cwd: str, check: bool = True) -> subprocess.CompletedProcess:
    try:
        r = subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=300)
    except FileNotFoundError:
        raise UsageError("git is not installed (needed for --git)") from None
    if check and r.returncode != 0:
        msg = r.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"git {' '.join(args[:2])} failed: {msg[-1] if msg else 'exit ' + str(r.returncode)}")
    return r


def git_root(cwd: str = ".") -> str:
    r = _git(["rev-parse", "--show-toplevel"], cwd, check=False)
    if r.returncode != 0:
        raise UsageError(f"{os.path.abspath(cwd)} is not inside a git repository (needed for --git)")
    return r.stdout.decode().strip()


def changed_files(rev: str, staged: bool, top: str, paths: list[str] | None = None) -> list[tuple[str, str]]:
    """(status, path) of files that differ between ``rev`` and the index or working tree,
    limited to ``paths`` (git pathspecs relative to ``top``) when given."""
    args = ["diff", "--name-status", "--no-renames", "-z"] + (["--cached"] if staged else []) + [rev, "--", *(paths or [])]
    out = _git(args, top).stdout.decode("utf-8", "surrogateescape").split("\0")
    pairs = []
    for status, path in zip(out[0::2], out[1::2]):
        if status:
            pairs.append((status[0], path))
    return pairs


def diff_git(rev: str = "HEAD", staged: bool = False, config: Config | None = None, select: list[str] | None = None,
             ignore: list[str] | None = None, cwd: str = ".", use_reviewed: bool = True,
             paths: list[str] | None = None) -> DiffReport:
    """Compare every tracked dataset and spec that changed since ``rev`` (working tree, or
    the index with ``staged``), or only those under ``paths`` (as ``git diff REV -- PATH...``;
    relative to the current folder). Old versions are read with ``git show REV:path``."""
    top = git_root(cwd)
    specs = _pathspecs(paths, top, rev) if paths else None
    cfg = config or Config(root=top)
    sel = Selection(cfg, select, ignore or [])
    new_label = "index" if staged else "working tree"
    if _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], top, check=False).returncode != 0:
        if rev == "HEAD" and _git(["rev-parse", "--verify", "--quiet", "HEAD"], top, check=False).returncode != 0:
            return DiffReport(old_label=rev, new_label=new_label)  # no commit yet: nothing to compare with
        raise UsageError(f"unknown git revision {rev!r}")
    old_sources, new_sources = [], []
    review_file = os.path.abspath(reviewed.location(cfg, top))
    for status, rel in changed_files(rev, staged, top, specs):
        full = os.path.join(top, rel)
        if not _wanted(rel) or cfg.excluded(full) or os.path.abspath(full) == review_file:
            continue
        shown = display_path(full)
        if status != "A":
            data = _git(["show", f"{rev}:{rel}"], top).stdout
            old_sources.append(Source(rel, f"{rev}:{rel}", shown, data, full))
        if status != "D":
            if staged:
                data = _git(["show", f":{rel}"], top).stdout
            elif os.path.isfile(full):
                data = _read_bytes(full)
            else:
                continue
            new_sources.append(Source(rel, shown, shown, data, full))
    accepted = _accepted(cfg, top)[1] if use_reviewed else set()
    return compare(load(old_sources, cfg), load(new_sources, cfg), cfg, sel, accepted, rev, new_label)


def _pathspecs(paths: list[str], top: str, rev: str) -> list[str]:
    """Paths named after the revision, as git pathspecs relative to the repository's top.
    A path in neither the working tree nor ``rev`` is an error (a typo must not pass silently)."""
    real_top = os.path.realpath(top)
    out = []
    for p in paths:
        full = os.path.realpath(os.path.abspath(p))
        rel = os.path.relpath(full, real_top)
        if rel == ".." or rel.startswith(".." + os.sep):
            raise UsageError(f"{p}: outside the git repository {top}")
        posix = Path(rel).as_posix()
        if not os.path.lexists(p) and _git(["cat-file", "-e", f"{rev}:{posix}"], top, check=False).returncode != 0:
            raise UsageError(f"{p}: no such file or folder in the working tree or in {rev}")
        out.append(":(top,literal)" + posix if rel != "." else ":(top)")
    return out


def accept(report: DiffReport, reason: str, cfg: Config, git_top: str | None = None) -> tuple[str, int]:
    """Write every finding of ``report`` into the reviewed-changes file; (file, number added)."""
    path = reviewed.location(cfg, git_top)
    by = reviewed.who(git_top or cfg.root)
    return path, reviewed.append(path, report.changes, reason, by)
