"""pytest plugin (entry point ``pytest11``): ``pytest --druglint`` and the ``druglint`` fixture.

With ``--druglint``, every dataset and document file pytest walks past that druglint would
lint (the formats ``druglint check`` reads, minus the configuration's ``exclude``) becomes
one test item, marked ``druglint``. The item fails when the file has a violation at or
above the configured ``fail-on`` severity, and shows the violations as the text format does.
Each file is linted on its own (``lint_paths([file])``): project rules that compare several
files see one file at a time here; run ``druglint check`` for those.

Results come from druglint's result cache (``druglint.result_cache``, the one ``druglint
check`` uses: ``.druglint_cache`` beside the configuration, ``cache-dir``, or
``$DRUGLINT_CACHE_DIR``), keyed on the file's bytes, the configuration, the drug specs, the
knowledge pack and druglint itself; a file checked by either is not read again by the other.
``--druglint-no-cache`` (or ``cache = false``) lints every file.

The ``druglint`` fixture lints DataFrames built in memory with the project's configuration::

    def test_pipeline_output(druglint):
        druglint.assert_valid(build_interactions(), kind="interactions")

This module is imported by every pytest run where druglint is installed, so it imports
nothing heavy until ``--druglint`` or the fixture is used.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("druglint", "drug-information data linting (druglint)")
    group.addoption("--druglint", action="store_true", default=False,
                    help="collect dataset and document files as druglint test items")
    group.addoption("--druglint-config", default=None, metavar="FILE",
                    help="druglint configuration file (default: the nearest druglint.yaml or pyproject.toml)")
    group.addoption("--druglint-no-cache", action="store_true", default=False,
                    help="lint every file even when an unchanged copy passed before")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "druglint: a dataset or document file checked by druglint")
    if config.getoption("druglint"):
        config.stash[_STATE] = _State(config)


class _State:
    """What every item of one session shares: the druglint config, selection and cache."""

    def __init__(self, pytest_config: pytest.Config):
        self.pytest_config = pytest_config
        self._cfg: Any = None
        self._cache: Any = None

    def cache(self) -> Any:
        """The shared result cache, or None when switched off (option or configuration)."""
        if self.pytest_config.getoption("druglint_no_cache"):
            return None
        if self._cache is None:
            from druglint import result_cache

            self._cache = result_cache.open_cache(self.cfg) if result_cache.enabled(self.cfg) else False
        return self._cache or None

    @property
    def cfg(self) -> Any:
        if self._cfg is None:
            from druglint import config as config_mod

            explicit = self.pytest_config.getoption("druglint_config")
            self._cfg = config_mod.load(explicit, start=str(self.pytest_config.rootpath))
        return self._cfg

    def wanted(self, path: Path) -> bool:
        from druglint.engine import DOCUMENT_SUFFIXES, SKIP_DIRS
        from druglint.readers import format_of

        name = path.name
        if name.startswith(".") or name in ("druglint.yaml", "druglint.yml"):
            return False
        if format_of(str(path)) is None and path.suffix.lower() not in DOCUMENT_SUFFIXES:
            return False
        if any(part in SKIP_DIRS for part in path.parts[:-1]):
            return False
        from druglint.controlfiles import is_control_file  # baselines, waivers, reviewed changes: not data

        return not self.cfg.excluded(str(path)) and not is_control_file(str(path), self.cfg)


_STATE = pytest.StashKey[_State]()


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    state = parent.config.stash.get(_STATE, None)
    if state is None or file_path.suffix == ".py":
        return None
    try:
        if not state.wanted(file_path):
            return None
    except Exception as exc:  # a broken configuration: report it on the file, not as a crash
        return DruglintFile.from_parent(parent, path=file_path, setup_error=str(exc))
    return DruglintFile.from_parent(parent, path=file_path)


class DruglintFile(pytest.File):
    def __init__(self, *args: Any, setup_error: str | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.setup_error = setup_error

    def collect(self):
        yield DruglintItem.from_parent(self, name="druglint")


class DruglintFailure(Exception):
    """The file has violations; ``str()`` is the report in the text format."""


class DruglintItem(pytest.Item):
    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.add_marker("druglint")

    def runtest(self) -> None:
        state: _State = self.config.stash[_STATE]
        if self.parent.setup_error:
            raise DruglintFailure(f"druglint configuration error: {self.parent.setup_error}")
        try:
            from druglint.formats import Options, render

            cache = state.cache()
            if cache is not None:
                from druglint import result_cache

                stats: dict[str, int] = {}
                report = result_cache.lint([str(self.path)], state.cfg, cache=cache, stats=stats)
                self.user_properties.append(("druglint_cache", "hit" if stats.get("hits") else "miss"))
            else:
                from druglint.engine import lint_paths

                report = lint_paths([str(self.path)], state.cfg)
        except DruglintFailure:
            raise
        except Exception as exc:  # unreadable file or configuration: a clear failure, no traceback
            raise DruglintFailure(f"druglint could not check this file: {exc}") from None
        failing = [v for v in report.violations if v.severity >= state.cfg.fail_on]
        if failing:
            codes = ", ".join(dict.fromkeys(v.code for v in failing))
            head = (f"{len(failing)} violation{'s' if len(failing) != 1 else ''} at or above {state.cfg.fail_on} "
                    f"({codes})")
            raise DruglintFailure(head + "\n" + render("text", report, Options()).rstrip("\n"))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if excinfo.errisinstance(DruglintFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style=style)  # type: ignore[arg-type]

    def reportinfo(self):
        return self.path, None, f"druglint {self.path.name}"


class DruglintFixture:
    """What the ``druglint`` fixture returns: the library API bound to the project's config."""

    def __init__(self, config: Any):
        self.config = config

    def lint_frame(self, frame: Any, kind: str | None = None, *, specs: Any = None, **kw: Any):
        from druglint.api import lint_frame

        return lint_frame(frame, kind, self.config, specs=specs, **kw)

    def assert_valid(self, frame: Any, kind: str | None = None, specs: Any = None, **kw: Any):
        from druglint.api import assert_valid

        kw.setdefault("fail_on", self.config.fail_on)
        return assert_valid(frame, kind, specs, config=self.config, **kw)

    def lint_paths(self, paths: Any, *, specs: Any = None, **kw: Any):
        from druglint.api import lint_paths

        return lint_paths(paths, self.config, specs=specs, **kw)


@pytest.fixture
def druglint(request: pytest.FixtureRequest) -> DruglintFixture:
    """druglint's library API with the project's configuration: ``druglint.assert_valid(df, kind=...)``."""
    state = request.config.stash.get(_STATE, None)
    if state is not None:
        cfg = state.cfg
    else:
        from druglint import config as config_mod

        cfg = config_mod.load(request.config.getoption("druglint_config"), start=str(request.config.rootpath))
    return DruglintFixture(cfg)
