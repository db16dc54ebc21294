"""The result cache of ``druglint check`` and ``pytest --druglint`` (ruff's .ruff_cache as model).

A file whose bytes, shown path and *run fingerprint* are unchanged is not read again: its
own violations come from an entry keyed on those. The run fingerprint covers everything else
a finding depends on: druglint's version and the files of the installed package (a changed
rule or vocabulary invalidates everything, also in a development install), the
configuration (its bytes and the parsed settings, plus the bytes of files it names, such
as a waivers file), the command-line selection, the drug specs in use and the knowledge
pack (``druglint/knowledge/``) when there is one.

Project rules (across files) are kept apart: their violations are stored under a key over
the whole run (every file's key, in order). A run where every file and the run itself hit
is answered from the cache without importing pandas or loading a rule. When some file
changed and a cross-file rule is enabled, every file is linted again (the rules need all
tables); when no cross-file rule is enabled, only the changed files are.

Where: ``--no-cache`` (or ``DRUGLINT_NO_CACHE=1``) turns it off for a run, ``cache = false``
in the configuration for good; the folder is ``$DRUGLINT_CACHE_DIR``, else the ``cache-dir`` setting (relative to
the configuration file), else ``.druglint_cache`` beside the configuration (or in the
working folder). Entries are written atomically (cache.Cache), so two processes may share
a folder; it holds a CACHEDIR.TAG and a .gitignore.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from druglint.cache import Cache, key_for
from druglint.model import Fix, Report, Severity, Violation

ENV_DIR = "DRUGLINT_CACHE_DIR"
ENV_OFF = "DRUGLINT_NO_CACHE"  # set (to anything but 0/false/no): no cache, as --no-cache
DEFAULT_DIR = ".druglint_cache"
# findings that depend on the machine, not the input: a file that hit the time limit is linted again
UNCACHED_CODES = frozenset({"DL152"})
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# druglint result cache; see https://bford.info/cachedir/\n"


# ------------------------------------------------------------------------ settings
def enabled(cfg: Any) -> bool:
    """Whether to use the cache; a bad ``cache`` or ``cache-dir`` value is an error either way."""
    value = cfg.extra.get("cache", True)
    if not isinstance(value, bool):
        from druglint.config import ConfigError

        raise ConfigError("'cache' must be true or false", cfg.path, _line(cfg, "cache"))
    directory(cfg)  # validates cache-dir
    if os.environ.get(ENV_OFF, "").strip().lower() not in ("", "0", "false", "no"):
        return False
    return value


def directory(cfg: Any) -> Path:
    env = os.environ.get(ENV_DIR)
    if env:
        return Path(env)
    value = cfg.extra.get("cache-dir")
    base = Path(cfg.path).resolve().parent if cfg.path else Path(cfg.root)
    if value is None:
        return base / DEFAULT_DIR
    if not isinstance(value, str) or not value.strip():
        from druglint.config import ConfigError

        raise ConfigError("'cache-dir' must be a folder name", cfg.path, _line(cfg, "cache-dir"))
    return base / os.path.expanduser(value)


def _line(cfg: Any, key: str) -> int | None:
    return cfg.line_of(key) if callable(cfg.line_of) else None


def open_cache(cfg: Any) -> Cache:
    folder = directory(cfg)
    if not (folder / "CACHEDIR.TAG").exists():
        try:  # mark the folder as a cache (backup tools skip it) and keep it out of git
            folder.mkdir(parents=True, exist_ok=True)
            (folder / ".gitignore").write_text("# created by druglint\n*\n", encoding="utf-8")
            (folder / "CACHEDIR.TAG").write_text(_TAG, encoding="utf-8")
        except OSError:
            pass  # a read-only place: puts fail quietly too, the run goes on uncached
    return Cache(folder)


# --------------------------------------------------------------------- fingerprint
def _package_state() -> str:
    """Names, sizes and mtimes of druglint's own files: code, vocabularies, bundled specs."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")):
                continue
            try:
                st = os.stat(os.path.join(folder, name))
            except OSError:
                continue
            h.update(f"{folder[len(str(root)):]}/{name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def _file_digest(path: str) -> str:
    from druglint.safeio import not_regular

    what = not_regular(path)
    if what is not None:  # a FIFO would block forever
        return f"not-regular:{what}"
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    except OSError as exc:
        return f"unreadable:{exc.errno}"
    return h.hexdigest()


def _knowledge_pack() -> str:
    """The shipped knowledge pack's files (issue 13), when the package has one."""
    root = Path(__file__).resolve().parent / "knowledge"
    if not root.is_dir():
        return "none"
    parts = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if not name.endswith((".py", ".pyc")):
                parts.append(f"{name}:{_file_digest(os.path.join(folder, name))}")
    return ";".join(parts)


def _named_files(cfg: Any) -> list[str]:
    """Files the configuration names in its feature settings (waivers, abbreviations...)."""
    base = Path(cfg.path).resolve().parent if cfg.path else Path(cfg.root)
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str) and 0 < len(value) < 4096:
            p = base / value
            try:
                if p.is_file():
                    found.append(f"{value}:{_file_digest(str(p))}")
            except OSError:
                pass
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk({k: v for k, v in cfg.extra.items() if k not in ("cache", "cache-dir")})
    return found


def _specs(cfg: Any) -> list[str]:
    from druglint.specs.loader import spec_dirs, spec_files

    out = []
    for d in spec_dirs(cfg):
        out.append(f"dir:{d}")
        if os.path.isdir(d):
            out.extend(f"{f}:{_file_digest(f)}" for f in spec_files(d))
    return out


def run_fingerprint(cfg: Any, select: Any = None, ignore: Any = None, extend_select: Any = None) -> str:
    """Everything besides a file's own bytes and path that decides its findings."""
    from druglint import __version__
    from druglint.cache import config_fingerprint

    settings = {
        "version": __version__, "package": _package_state(), "config": config_fingerprint(cfg),
        "root": str(cfg.root), "cwd": os.getcwd(),  # shown paths are relative to the working folder
        "select": cfg.select, "ignore": cfg.ignore, "per_file_ignores": cfg.per_file_ignores, "kinds": cfg.kinds,
        "columns": cfg.columns, "severity": {k: str(v) for k, v in cfg.severity.items()}, "exclude": cfg.exclude,
        "extra": {k: v for k, v in cfg.extra.items() if k not in ("cache", "cache-dir", "engine", "scheduler")},
        "named_files": _named_files(cfg), "specs": _specs(cfg), "knowledge": _knowledge_pack(),
        "cli": [select, list(ignore or []), list(extend_select or [])],
    }
    return hashlib.sha256(json.dumps(settings, sort_keys=True, default=str).encode()).hexdigest()


# ------------------------------------------------------------------------ entries
def _to_dict(v: Violation) -> dict[str, Any]:
    return v.as_dict()


def _from_dict(d: dict[str, Any]) -> Violation:
    fix = d.get("fix")
    return Violation(d["path"], int(d["line"]), int(d["column"]), d["code"], Severity.parse(d["severity"]),
                     d["message"], d["rule"], Fix(fix["message"], fix["old"], fix["new"]) if fix else None)


def _file_key(path: str, shown: str, fingerprint: str) -> str:
    from druglint.safeio import not_regular

    if not_regular(path) is not None:  # a FIFO or a device: never opened (the engine reports DL154)
        return ""
    try:
        with open(path, "rb") as fh:
            h = hashlib.sha256()
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return ""  # unreadable: never cached, the engine reports it
    return key_for(h.digest(), fingerprint, "file", shown)


def _owner(vpath: str, shown_to_file: dict[str, str]) -> str | None:
    """The file a violation belongs to: its path, or a workbook's for ``book.xlsx[Sheet]``."""
    if vpath in shown_to_file:
        return shown_to_file[vpath]
    if vpath.endswith("]") and "[" in vpath:
        return shown_to_file.get(vpath[:vpath.rindex("[")])
    return None


def lint(paths: list[str], cfg: Any, select: Any = None, ignore: Any = None, extend_select: Any = None,
         progress: Any = None, cache: Cache | None = None, stats: dict[str, int] | None = None) -> Report:
    """``engine.lint_paths`` through the cache. ``stats`` (optional) gets hits and misses."""
    from druglint.discovery import discover, display_path

    cache = cache if cache is not None else open_cache(cfg)
    fingerprint = run_fingerprint(cfg, select, ignore, extend_select)
    files = discover(paths, cfg)
    shown = [display_path(f) for f in files]
    keys = [_file_key(f, s, fingerprint) for f, s in zip(files, shown)]
    entries = [cache.get(k) if k else None for k in keys]
    run_key = key_for(b"", fingerprint, "run", *(f"{s}\0{k}" for s, k in zip(shown, keys)))
    stats = stats if stats is not None else {}
    stats.update(hits=sum(e is not None for e in entries), files=len(files))
    if all(e is not None for e in entries):
        across = cache.get(run_key)
        if across is not None:
            return _report(entries, across)

    from druglint import engine  # a miss: now pandas and the rules

    sel = engine.Selection(cfg, select, ignore or [], extend_select or [])
    need_all = engine.project_rules_enabled(sel)
    todo = [i for i, e in enumerate(entries) if e is None or need_all]
    report, across_v = engine.lint_files([files[i] for i in todo], cfg, sel, progress, project_rules=need_all)
    fresh: dict[str, dict[str, Any]] = {files[i]: {"files": [], "violations": []} for i in todo}
    shown_to_file = {shown[i]: files[i] for i in todo}
    for name in report.files:
        owner = _owner(name, shown_to_file)
        if owner is not None:
            fresh[owner]["files"].append(name)
    stray: list[Violation] = list(across_v)
    for v in report.violations:
        owner = _owner(v.path, shown_to_file)
        if owner is None:
            stray.append(v)
        else:
            fresh[owner]["violations"].append(_to_dict(v))
    for i in todo:
        entries[i] = fresh[files[i]]
        if keys[i] and not any(d["code"] in UNCACHED_CODES for d in entries[i]["violations"]):
            cache.put(keys[i], entries[i])
    across = [_to_dict(v) for v in stray]
    if all(keys) and not any(d["code"] in UNCACHED_CODES for d in across):
        cache.put(run_key, across)
    return _report(entries, across)


def _report(entries: list[Any], across: list[dict[str, Any]]) -> Report:
    report = Report()
    for e in entries:
        report.files.extend(e["files"])
        report.violations.extend(_from_dict(d) for d in e["violations"])
    report.violations.extend(_from_dict(d) for d in across)
    return report


__all__ = ["lint", "enabled", "directory", "open_cache", "run_fingerprint", "ENV_DIR", "DEFAULT_DIR"]
