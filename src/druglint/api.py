"""The library API behind ``import druglint``: lint files or in-memory DataFrames, assert.

``druglint.lint_paths`` / ``druglint.lint_frame`` return a :class:`~druglint.model.Report`;
``druglint.assert_valid`` raises :class:`DruglintAssertionError` (an ``AssertionError``,
so pytest shows it as a failed assertion) listing the violations in readable lines.
Every function accepts ``specs=``: a folder of drug specs (or several, or a loaded
``SpecSet``) used on top of the bundled specs and the configured ones, and ``config=``:
a :class:`~druglint.config.Config`, a path to a configuration file, or None for the
nearest configuration (``lint_paths``) / the defaults (``lint_frame``).
"""
from __future__ import annotations

import dataclasses
import os
from typing import TYPE_CHECKING, Any, Iterable, Union

from druglint.model import Report, Severity

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from druglint.config import Config

PathLike = Union[str, "os.PathLike[str]"]
SpecsArg = Union[PathLike, Iterable[PathLike], Any, None]  # Any: a druglint.specs.SpecSet


class DruglintAssertionError(AssertionError):
    """Raised by :func:`assert_valid`; ``.report`` holds the full Report."""

    def __init__(self, message: str, report: Report):
        super().__init__(message)
        self.report = report


def _spec_folders(specs: SpecsArg) -> list[str]:
    if specs is None:
        return []
    if isinstance(specs, (str, os.PathLike)):
        return [os.fspath(specs)]
    dirs = getattr(specs, "dirs", None)  # a SpecSet: the folders it was loaded from
    if dirs is not None:
        return [str(d) for d in dirs]
    return [os.fspath(s) for s in specs]


def _config(config: "Config | PathLike | None", specs: SpecsArg, *, nearest: bool) -> "Config":
    from druglint import config as config_mod

    if config is None:
        cfg = config_mod.load() if nearest else config_mod.Config()
    elif isinstance(config, (str, os.PathLike)):
        cfg = config_mod.load(os.fspath(config))
    else:
        cfg = config
    extra = [str(os.path.abspath(d)) for d in _spec_folders(specs)]
    for d in extra:
        if not os.path.isdir(d):
            from druglint.engine import UsageError

            raise UsageError(f"specs folder not found: {d}")
    if extra:
        cfg = dataclasses.replace(cfg, specs=list(dict.fromkeys([*cfg.specs, *extra])))
    return cfg


def lint_paths(paths: PathLike | Iterable[PathLike], config: "Config | PathLike | None" = None, *,
               specs: SpecsArg = None, select: list[str] | None = None, ignore: list[str] | None = None,
               extend_select: list[str] | None = None) -> Report:
    """Lint files and folders (one path or many) as ``druglint check`` does.

    With ``config=None`` the nearest ``druglint.yaml`` / ``[tool.druglint]`` applies, as on
    the command line.
    """
    from druglint import engine

    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]
    try:
        names = [os.fsdecode(p) for p in paths]  # bytes paths (os.listdir(b".")) are file names too
    except TypeError:
        raise TypeError(f"lint_paths needs a path or an iterable of paths, not {type(paths).__name__}") from None
    cfg = _config(config, specs, nearest=True)
    return engine.lint_paths(names, cfg, select=select, ignore=ignore,
                             extend_select=extend_select)


def lint_frame(frame: "pd.DataFrame", kind: str | None = None, config: "Config | PathLike | None" = None, *,
               specs: SpecsArg = None, select: list[str] | None = None, ignore: list[str] | None = None,
               name: str = "<dataframe>") -> Report:
    """Lint a DataFrame built in memory. ``kind`` is side_effects, interactions or dosing
    (told from the columns when None). A violation's ``line`` is the row's 1-based position."""
    from druglint import engine

    cfg = _config(config, specs, nearest=False)
    return engine.lint_frame(frame, kind, cfg, select=select, ignore=ignore, name=name)


def describe(report: Report, frame: "pd.DataFrame | None" = None, limit: int = 50) -> str:
    """The violations as readable lines; for a DataFrame, rows are named by position and
    index label (``row 3 (index 'x')``) rather than by a file line."""
    out = []
    index = frame.index if frame is not None else None
    for v in report.sorted()[:limit]:
        if index is not None:
            where = "columns" if v.line < 1 else f"row {v.line}"
            if index is not None and 1 <= v.line <= len(index):
                where += f" (index {index[v.line - 1]!r})"
        else:
            where = f"{v.path}:{v.line}:{v.column}"
        out.append(f"  {where}: {v.code} [{v.severity}] {v.message} ({v.rule})")
    if len(report) > limit:
        out.append(f"  ... and {len(report) - limit} more")
    return "\n".join(out)


def _assert_kind_known(frame: "pd.DataFrame", report: Report, config, specs: SpecsArg, name: str) -> None:
    """Without ``kind=``, a frame whose kind cannot be told was not checked: never a pass."""
    from druglint.kinds import KINDS
    from druglint.kinds.near_miss import kind_of_header

    if kind_of_header(list(frame.columns), _config(config, specs, nearest=False)) is not None:
        return
    cols = ", ".join(map(str, list(frame.columns)[:8])) or "no columns"
    hints = [v.message for v in report.violations if v.code == "DL120"]
    raise DruglintAssertionError(
        f"druglint: cannot tell the dataset kind of DataFrame {name} from its columns ({cols}), so it was not "
        f"checked; pass kind= (one of {', '.join(KINDS)})" + "".join(f"\n  {h}" for h in hints), report)


def assert_valid(frame: "pd.DataFrame", kind: str | None = None, specs: SpecsArg = None, *,
                 config: "Config | PathLike | None" = None, select: list[str] | None = None,
                 ignore: list[str] | None = None, fail_on: Severity | str = Severity.WARNING,
                 name: str = "<dataframe>") -> Report:
    """Assert that ``frame`` has no violation at or above ``fail_on`` (default: warning).

    Returns the Report (which may hold info-level findings) when it passes; raises
    :class:`DruglintAssertionError` listing the failing violations otherwise, and also
    when ``kind`` is None and the frame's columns do not tell its kind (nothing was checked)::

        druglint.assert_valid(df, kind="interactions")
    """
    __tracebackhide__ = True  # pytest shows the caller's line, not druglint's frames
    if isinstance(fail_on, str):
        fail_on = Severity.parse(fail_on)
    if kind is not None and len(frame) == 0:  # an empty frame passes every row check: say so instead
        raise DruglintAssertionError(f"druglint: {kind} DataFrame {name} is empty (0 rows): nothing was checked",
                                     Report([], [name]))
    report = lint_frame(frame, kind, config, specs=specs, select=select, ignore=ignore, name=name)
    if kind is None:
        _assert_kind_known(frame, report, config, specs, name)
    failing = Report([v for v in report.violations if v.severity >= fail_on], report.files)
    if failing.violations:
        n = len(failing)
        what = f"{kind} " if kind else ""
        msg = (f"druglint: {what}DataFrame {name} has {n} violation{'s' if n != 1 else ''} "
               f"at or above {fail_on}:\n{describe(failing, frame)}")
        raise DruglintAssertionError(msg, report)
    return report


__all__ = ["lint_paths", "lint_frame", "assert_valid", "describe", "DruglintAssertionError"]
