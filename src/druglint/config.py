"""Configuration: ``[tool.druglint]`` in the nearest pyproject.toml, or druglint.yaml.

Looked up from the working directory upwards (a pyproject.toml without a
``[tool.druglint]`` table is passed over, as ruff does). Every key is validated; an
invalid configuration raises ConfigError naming the file, the key and its line.
"""
from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from druglint.errors import ConfigError, DruglintError  # noqa: F401  (config.ConfigError is public)
from druglint.globs import glob_match  # noqa: F401  (config.glob_match: used by per-file-ignores users)
from druglint.model import Severity

YAML_NAMES = ("druglint.yaml", ".druglint.yaml", "druglint.yml", ".druglint.yml")
KINDS = ("side_effects", "interactions", "dosing")
# Keys whose values the owning feature validates (add yours here, then read cfg.extra[key]).
# (`abbreviations` was accepted and read by nothing: an unknown key until a feature reads it,
# so that a user is told instead of silently ignored.) `cache`, `cache-dir`: result_cache.py.
EXTRA_KEYS = {"prose", "sections", "waivers", "limits", "presets", "cache", "cache-dir",
              "engine", "chunk-size", "reviewed-changes", "free-text-columns", "coded-columns"}
# Keys validated in from_mapping (did-you-mean draws on these and EXTRA_KEYS).
CORE_KEYS = ("select", "ignore", "extend-ignore", "per-file-ignores", "kinds", "columns", "severity", "fail-on",
             "exclude", "extend-exclude", "force-exclude", "specs", "knowledge", "baseline")


@dataclass
class Config:
    path: str | None = None
    root: str = "."
    select: list[str] = field(default_factory=lambda: ["ALL"])
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)  # glob -> kind
    columns: dict[str, list[str]] = field(default_factory=dict)  # canonical -> names in files
    severity: dict[str, Severity] = field(default_factory=dict)
    fail_on: Severity = Severity.WARNING
    exclude: list[str] = field(default_factory=list)
    extend_exclude: list[str] = field(default_factory=list)  # added to exclude (kept when --exclude replaces it)
    force_exclude: bool = False  # exclude also applies to files named on the command line (ruff's force-exclude)
    baseline: str | None = None  # the `baseline` key, absolute: hide the findings recorded there
    specs: list[str] = field(default_factory=list)
    knowledge: bool = True  # false: no knowledge pack (only specs and vocabularies know drugs)
    # keys owned by other features (prose, waivers, baseline, limits...): validated there,
    # with ``line_of(key)`` to name the line in their error messages
    extra: dict[str, Any] = field(default_factory=dict)
    line_of: Any = None

    # -- queries used by the engine ------------------------------------------------
    def rel(self, path: str) -> str:
        try:
            return Path(os.path.relpath(path, self.root)).as_posix()
        except ValueError:
            return Path(path).as_posix()

    def kind_for(self, path: str) -> str | None:
        """The kind the ``kinds`` globs give ``path``; a workbook's sheet (``book.xlsx[Sheet]``)
        matches ``book.xlsx[Sheet]`` patterns (the sheet part a glob too) and its book's."""
        from druglint.readers.workbook import split_sheet

        base, sheet = split_sheet(path)
        rel = self.rel(base)
        for pattern, kind in self.kinds.items():
            pbase, psheet = split_sheet(pattern)
            if psheet is not None:
                if sheet is not None and glob_match(rel, pbase) and fnmatch.fnmatchcase(sheet, psheet):
                    return kind
            elif glob_match(rel, pattern):
                return kind
        return None

    def ignored_codes(self, path: str) -> list[str]:
        from druglint.readers.workbook import split_sheet

        rel = self.rel(path)
        book = self.rel(split_sheet(path)[0])  # a sheet also takes its workbook's ignores
        out: list[str] = []
        for pattern, codes in self.per_file_ignores.items():
            if glob_match(rel, pattern) or (book != rel and glob_match(book, pattern)):
                out.extend(codes)
        return out

    def excluded(self, path: str) -> bool:
        """Does an exclude pattern match the file or one of its folders ('legacy' excludes
        legacy/a.csv, as in ruff)?"""
        patterns = self.exclude + self.extend_exclude
        if not patterns:
            return False
        parts = self.rel(path).split("/")
        for i in range(len(parts), 0, -1):
            if parts[i - 1] in ("", ".", ".."):
                break
            prefix = "/".join(parts[:i])
            if any(glob_match(prefix, p) for p in patterns):
                return True
        return False


# --------------------------------------------------------------------------- loading
def find(start: str = ".") -> tuple[str, str] | None:
    """(path, 'toml'|'yaml') of the nearest configuration, or None."""
    here = Path(start).resolve()
    for folder in (here, *here.parents):
        for name in YAML_NAMES:
            if (folder / name).is_file():
                return str(folder / name), "yaml"
        pp = folder / "pyproject.toml"
        if pp.is_file() and _names_druglint(pp):
            return str(pp), "toml"
    return None


def _names_druglint(pp: Path) -> bool:
    """Does this pyproject.toml configure druglint? Parsed, so that every TOML spelling of
    the table counts (``[ tool.druglint ]``, ``[tool."druglint"]``, dotted keys, a BOM). A
    file that does not parse is ours when it mentions druglint at all: load() then says
    where it breaks, rather than the configuration being silently passed over."""
    try:
        raw = pp.read_bytes()
    except OSError:
        return False
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:  # not UTF-8: ours if it names druglint (load() then says it cannot be read)
        return b"druglint" in raw
    if "druglint" not in text:
        return False
    import tomllib

    try:
        doc = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):
        return True
    tool = doc.get("tool")
    return isinstance(tool, dict) and "druglint" in tool


def load(explicit: str | None = None, start: str = ".") -> Config:
    if explicit:
        if not os.path.isfile(explicit):
            raise ConfigError(f"configuration file not found: {explicit}")
        kind = "toml" if explicit.endswith(".toml") else "yaml"
        found: tuple[str, str] | None = (explicit, kind)
    else:
        found = find(start)
    if found is None:
        return Config(root=str(Path(start).resolve()))
    path, kind = found
    try:
        data = Path(path).read_bytes()
        text = data.decode("utf-8-sig")  # a BOM (Windows editors) is not part of the document
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read configuration: {exc}", path) from None
    if kind == "toml":
        from druglint.tomlconfig import read as read_toml

        raw, line_of = read_toml(text, path)
    else:
        raw, line_of = _yaml(text, path)
    cfg = from_mapping(raw, path=path, line_of=line_of)
    check_extras(cfg)
    return cfg


# Keys owned by other features, validated there when first used; load() calls the
# validator at once so that a wrong type is exit 2 naming the key even when the feature
# never runs (a 'prose' table in a folder without prose). "module:function(cfg)".
EXTRA_VALIDATORS = {
    "limits": "druglint.limits:of",
    "presets": "druglint.presets.handler:enabled",
    "prose": "druglint.prose.handler:settings",
    "sections": "druglint.rules.prose.missing_section:section_groups",
    "reviewed-changes": "druglint.suppress.reviewed:location",
    "free-text-columns": "druglint.rules.free_text._columns:free_text_names",
    "coded-columns": "druglint.rules.free_text._columns:coded_names",
    "chunk-size": "druglint.config:_chunk_size",
    "engine": "druglint.config:_engine",
    "waivers": "druglint.config:_waivers_type",
}


def check_extras(cfg: Config) -> None:
    import importlib

    for key, target in EXTRA_VALIDATORS.items():
        if key in cfg.extra:
            module, func = target.split(":")
            getattr(importlib.import_module(module), func)(cfg)


def _chunk_size(cfg: Config) -> None:
    from druglint.perf.cli import chunk_size_value

    chunk_size_value(cfg.extra["chunk-size"], cfg)


def _engine(cfg: Config) -> None:
    if cfg.extra["engine"] not in ("pandas", "dask"):
        raise ConfigError(f"engine must be 'pandas' or 'dask', not {cfg.extra['engine']!r}", cfg.path, cfg.line_of("engine"))


def _waivers_type(cfg: Config) -> None:
    value = cfg.extra.get("waivers")
    if not isinstance(value, str) or not value.strip():
        raise ConfigError("'waivers' must name a YAML waiver file (a string)", cfg.path, cfg.line_of("waivers"))


def _yaml(text: str, path: str) -> tuple[dict[str, Any], Any]:
    from druglint import yamlio

    try:
        doc = yamlio.load(text)
    except yamlio.YamlError as exc:
        raise ConfigError(exc.message, path, exc.line) from None
    if doc is None:
        doc = {}
    if not isinstance(doc, dict):
        raise ConfigError("configuration must be a mapping of keys to values", path, 1)

    def line_of(key: str) -> int | None:
        return yamlio.line_of(doc, key)

    return dict(doc), line_of


def _strings(value: Any, key: str, path: str | None, line: int | None) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise ConfigError(f"'{key}' must be a string or a list of strings", path, line)


def _codes(values: list[str], key: str, path: str | None, line: int | None) -> list[str]:
    from druglint import registry

    for v in values:
        if not registry.matching(v):
            raise ConfigError(f"'{key}' names unknown rule {v!r} (see 'druglint rules')", path, line)
    return [v.upper() for v in values]


def from_mapping(raw: dict[str, Any], path: str | None = None, line_of: Any = None) -> Config:
    line_of = line_of or (lambda key: None)
    cfg = Config(path=path, root=str(Path(path).resolve().parent) if path else str(Path(".").resolve()))
    cfg.line_of = line_of
    for key, value in raw.items():
        k = str(key).replace("_", "-")
        line = line_of(str(key))
        if k == "select":
            cfg.select = _codes(_strings(value, key, path, line), key, path, line)
        elif k in ("ignore", "extend-ignore"):
            cfg.ignore += _codes(_strings(value, key, path, line), key, path, line)
        elif k == "per-file-ignores":
            if not isinstance(value, dict):
                raise ConfigError("'per-file-ignores' must map file globs to rule codes", path, line)
            for glob, codes in value.items():
                cfg.per_file_ignores[str(glob)] = _codes(_strings(codes, key, path, line), key, path, line)
        elif k == "kinds":
            if not isinstance(value, dict):
                raise ConfigError("'kinds' must map file globs to a kind", path, line)
            for glob, kind in value.items():
                if kind not in KINDS:
                    raise ConfigError(f"'kinds' maps {glob!r} to unknown kind {kind!r} (expected one of {', '.join(KINDS)})", path, line)
                cfg.kinds[str(glob)] = str(kind)
        elif k == "columns":
            if not isinstance(value, dict):
                raise ConfigError("'columns' must map canonical column names to the names used in files", path, line)
            from druglint.kinds import KINDS as KIND_MODELS

            known = {c.name for kd in KIND_MODELS.values() for c in kd.columns}
            for canonical, names in value.items():
                if canonical not in known:
                    raise ConfigError(f"'columns' names unknown canonical column {canonical!r}", path, line)
                cfg.columns[str(canonical)] = _strings(names, key, path, line)
        elif k == "severity":
            if not isinstance(value, dict):
                raise ConfigError("'severity' must map rule codes to error, warning or info", path, line)
            for code, sev in value.items():
                codes = _codes([str(code)], key, path, line)
                try:
                    parsed = Severity.parse(str(sev))
                except ValueError as exc:
                    raise ConfigError(f"'severity': {exc}", path, line) from None
                from druglint import registry

                for c in registry.matching(codes[0]):
                    cfg.severity[c] = parsed
        elif k == "fail-on":
            try:
                cfg.fail_on = Severity.parse(str(value))
            except ValueError as exc:
                raise ConfigError(f"'fail-on': {exc}", path, line) from None
        elif k == "exclude":
            cfg.exclude = _strings(value, key, path, line)
        elif k == "extend-exclude":
            cfg.extend_exclude = _strings(value, key, path, line)
        elif k == "force-exclude":
            if not isinstance(value, bool):
                raise ConfigError("'force-exclude' must be true or false", path, line)
            cfg.force_exclude = value
        elif k == "baseline":
            if not isinstance(value, str) or not value.strip():
                raise ConfigError("'baseline' must be the path of a baseline file (see --write-baseline)", path, line)
            cfg.baseline = str((Path(path).resolve().parent if path else Path(".").resolve()) / value)
        elif k == "specs":
            base = Path(path).resolve().parent if path else Path(".")
            cfg.specs = [str((base / p)) for p in _strings(value, key, path, line)]
        elif k == "knowledge":
            if not isinstance(value, bool):
                raise ConfigError("'knowledge' must be true or false (false turns the bundled knowledge pack off)", path, line)
            cfg.knowledge = value
        elif k in EXTRA_KEYS:
            cfg.extra[k] = value
        else:
            raise ConfigError(f"unknown configuration key {str(key)!r}{did_you_mean(k)}", path, line)
    return cfg


def did_you_mean(key: str) -> str:
    """'; did you mean 'ignore'?' for a misspelt key (``ignroe``), else ''."""
    import difflib

    close = difflib.get_close_matches(key, sorted({*CORE_KEYS, *EXTRA_KEYS}), n=1, cutoff=0.7)
    return f"; did you mean {close[0]!r}?" if close else ""
