"""Read folders of spec files into a :class:`SpecSet`, and tell a spec file by its start.

``load_specs(dirs)`` reads every ``*.yaml`` spec in the folders (bundled specs first, then
the configured folders; a later spec of the same drug replaces an earlier one) and is
cached per tuple of folders. One file is parsed by ``parse.py`` (``load_file``, re-exported
here); semantic checks are in ``validate.py``.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from druglint.specs.model import Spec, SpecFinding
from druglint.specs.parse import load_file, load_text  # noqa: F401  (loader.load_file / load_text are used widely)

MARKER = re.compile(rb"^spec:[ \t]*[\"']?1[\"']?[ \t]*(?:#.*)?$", re.M)


def is_derived(spec: Spec) -> bool:
    """A spec written by ``druglint spec derive`` (it has a top-level ``derived:`` block)."""
    return spec.derived is not None


def is_spec_text(head: bytes) -> bool:
    """A spec file says ``spec: 1`` at the top level (column 0) near its start."""
    return MARKER.search(head) is not None


def bundled_dir() -> str | None:
    """The folder of specs shipped with druglint (repo ``specs/``, package data in a wheel)."""
    here = Path(__file__).resolve().parent.parent / "bundled_specs"
    if here.is_dir():
        return str(here.resolve())  # the symlink's target (specs/) in a source checkout
    repo = Path(__file__).resolve().parents[3] / "specs"
    return str(repo) if repo.is_dir() else None


def spec_dirs(config: Any = None, extra: Iterable[str] = ()) -> tuple[str, ...]:
    """Folders to read specs from: bundled first, then ``specs`` from the config, then ``extra``."""
    out: list[str] = []
    b = bundled_dir()
    if b:
        out.append(b)
    for d in list(getattr(config, "specs", None) or []) + list(extra):
        d = str(Path(d).resolve())
        if d not in out:
            out.append(d)
    return tuple(out)

# ------------------------------------------------------------------------ spec sets
@dataclass
class SpecSet:
    """The specs of a run, by canonical generic name, plus what went wrong reading them."""

    specs: dict[str, Spec] = field(default_factory=dict)
    findings: list[SpecFinding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    dirs: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.specs)

    def __iter__(self):
        return iter(self.specs.values())

    @property
    def resolver(self):
        return resolver_for(self)

    def get(self, name: str) -> Spec | None:
        """The spec of a drug named by generic name, brand, synonym or salt (any case)."""
        canon = self.resolver.canonical(name)
        return self.specs.get(canon) if canon else None


def spec_files(folder: str) -> list[str]:
    out = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
        out.extend(os.path.join(root, f) for f in sorted(files) if f.endswith((".yaml", ".yml")) and not f.startswith("."))
    return out


def files_of(paths: Iterable[str]) -> list[str]:
    """The spec files a command names: files as given, folders' ``*.yaml`` files
    (``spec check PATHS``, ``spec review PATHS``); a path that does not exist is a usage error."""
    from druglint.discovery import UsageError

    files: list[str] = []
    for p in paths:
        if os.path.isdir(p):
            files.extend(spec_files(p))
        elif os.path.isfile(p):
            files.append(p)
        else:
            raise UsageError(f"{p}: no such file or folder")
    return files


@lru_cache(maxsize=16)
def _load_specs(dirs: tuple[str, ...]) -> SpecSet:
    from druglint.specs.validate import validate

    out = SpecSet(dirs=dirs)
    claimed: dict[str, tuple[str, Spec]] = {}  # norm name -> (dir, spec)
    for folder in dirs:
        if not os.path.isdir(folder):
            out.findings.append(SpecFinding(folder, 1, 1, "DL501", "spec folder does not exist"))
            continue
        for f in spec_files(folder):
            try:
                head = Path(f).read_bytes()[:4096]
            except OSError:
                head = b""
            if not is_spec_text(head):
                continue
            spec, findings = load_file(f)
            out.files.append(f)
            out.findings.extend(findings)
            if spec is None:
                continue
            out.findings.extend(validate(spec))
            for n in spec.names():
                key = " ".join(n.split()).casefold()
                prev = claimed.get(key)
                if prev and prev[0] == folder and prev[1].name != spec.name:
                    out.findings.append(SpecFinding(f, spec.line, 1, "DL507", f"name {n!r} is already claimed by the spec of "
                                                                             f"{prev[1].name} ({prev[1].path})"))
                elif prev and prev[0] == folder and prev[1].path != spec.path:
                    out.findings.append(SpecFinding(f, spec.line, 1, "DL507", f"{spec.name} already has a spec in this folder "
                                                                             f"({prev[1].path})"))
                claimed[key] = (folder, spec)
            out.specs[spec.name] = spec  # a later folder overrides an earlier one
    return out


def check_files(files: list[str], explicit: set[str] = frozenset(), against: "SpecSet | None" = None
                ) -> tuple[list[SpecFinding], list[str]]:
    """DL5xx findings of the given spec files (``spec check PATHS``): schema, sources,
    contradictions, and names claimed by two of them. A file named explicitly that is not
    a spec is reported; one found in a folder is skipped."""
    from druglint.specs.validate import validate

    findings: list[SpecFinding] = []
    checked: list[str] = []
    claimed: dict[str, Spec] = {}
    for f in files:
        try:
            head = Path(f).read_bytes()[:4096]
        except OSError as exc:
            findings.append(SpecFinding(f, 1, 1, "DL501", f"cannot read spec: {exc.strerror or exc}"))
            continue
        if not is_spec_text(head):
            if f in explicit:
                findings.append(SpecFinding(f, 1, 1, "DL502", "not a drug spec: a spec starts with 'spec: 1' (docs/specs.md)"))
            continue
        checked.append(f)
        spec, found = load_file(f)
        findings.extend(found)
        if spec is None:
            continue
        findings.extend(validate(spec))
        for n in spec.names():
            key = " ".join(n.split()).casefold()
            prev = claimed.get(key)
            if prev is not None and prev.path != spec.path:
                findings.append(SpecFinding(f, spec.line, 1, "DL507", f"name {n!r} is already claimed by the spec of "
                                                                     f"{prev.name} ({prev.path})"))
            claimed.setdefault(key, spec)
        if against is not None:
            findings.extend(claimed_elsewhere(spec, against))
    return findings, checked


def claimed_elsewhere(spec: Spec, specs: SpecSet) -> list[SpecFinding]:
    """DL507: a name of ``spec`` already names a different drug that has a spec in ``specs``."""
    resolver = specs.resolver
    out = []
    for n in spec.names():
        other = resolver.canonical(n)
        if other and other != spec.name and other in resolver.with_spec:
            where = _shown_path(specs.specs[other].path) if other in specs.specs else "another spec"
            out.append(SpecFinding(spec.path, spec.line, 1, "DL507", f"name {n!r} already names {other} (spec {where})"))
    return out


def load_specs(dirs: Iterable[str] | None = None) -> SpecSet:
    """The specs in ``dirs`` (default: the bundled specs), cached per tuple of folders."""
    if dirs is None:
        dirs = spec_dirs()
    return _load_specs(tuple(str(d) for d in dirs))


def for_config(config: Any) -> SpecSet:
    """The spec set a lint run uses: bundled specs plus the configured folders."""
    return load_specs(spec_dirs(config))


def _shown_path(path: str) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


@lru_cache(maxsize=16)
def _resolver(dirs: tuple[str, ...]):
    """Names -> canonical drug: the vocabulary's, then every spec's own names (which win)."""
    from druglint.specs.resolve import Resolver, vocab_resolver

    specs = load_specs(dirs)
    base = vocab_resolver()
    r = Resolver(dict(base.lookup), dict(base.display))
    for spec in specs:
        r.with_spec.add(spec.name)
        for n in spec.names():  # a spec's own names win over the vocabulary
            r.add(n, spec.name, overwrite=True)
    return r


def resolver_for(specs: SpecSet):
    """The resolver of a spec set (cached per tuple of folders, like the set itself)."""
    return _resolver(specs.dirs)
