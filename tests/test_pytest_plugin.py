"""The pytest plugin, run by a real pytest through pytester: ``--druglint`` items, the cache,
the ``druglint`` fixture and its assertion message."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

pytest_plugins = ["pytester"]


@pytest.fixture(scope="module", autouse=True)
def _warm_imports(tmp_path_factory):
    """Import everything a lint run imports before pytester's in-process runs: pytester
    unloads the modules a run imported, and re-importing pandas/pyarrow in one process
    breaks them (and importlib.metadata) for the next run."""
    import pandas  # noqa: F401

    from druglint import api, cache, pytest_plugin  # noqa: F401
    from druglint.engine import lint_paths

    d = tmp_path_factory.mktemp("warm")
    (d / "x.csv").write_text(BAD)
    (d / "x.md").write_text("# x\n\ntext\n")
    lint_paths([str(d)])

GOOD = "drug_a,drug_b,severity\nwarfarin,aspirin,major\n"
BAD = "drug_a,drug_b,severity\nwarfarin,aspirin,major\nWarfarin,warfarin,major\n"


@pytest.fixture
def project(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    monkeypatch.delenv("DRUGLINT_NO_CACHE", raising=False)  # these tests are about the cache too
    pytester.makefile(".yaml", druglint="select: [ALL]\n")  # a config at the root: the search stops here
    data = pytester.mkdir("data")
    (data / "good.csv").write_text(GOOD)
    (data / "bad.csv").write_text(BAD)
    pytester.makepyfile(test_ordinary="def test_ordinary():\n    assert True\n")
    return pytester


def _cache_props(junit_path) -> dict[str, str]:
    root = ET.parse(junit_path).getroot()
    out = {}
    for case in root.iter("testcase"):
        for prop in case.iter("property"):
            if prop.get("name") == "druglint_cache":
                out[case.get("classname") + "::" + case.get("name")] = prop.get("value")
    return out


def test_druglint_collects_data_files_and_fails_the_bad_one(project):
    result = project.runpytest("--druglint", "-v")
    result.assert_outcomes(passed=2, failed=1)  # good.csv, test_ordinary; bad.csv
    result.stdout.fnmatch_lines([
        "*data/bad.csv::druglint FAILED*",
        "*data/good.csv::druglint PASSED*",
        "*test_ordinary.py::test_ordinary PASSED*",
    ])
    # the failure shows the violations exactly as `druglint check` prints them
    result.stdout.fnmatch_lines([
        "1 violation at or above warning (DL301)",
        "data/bad.csv:3:2: DL301 [[]error] drug 'Warfarin' is listed as interacting with itself",
        "Found * violation* in 1 file checked.",
    ])
    assert "Traceback" not in result.stdout.str()


def test_without_the_flag_data_files_are_not_collected(project):
    result = project.runpytest("-v")
    result.assert_outcomes(passed=1)
    assert "bad.csv" not in result.stdout.str()


def test_marker_selects_only_druglint_items(project):
    result = project.runpytest("--druglint", "-m", "druglint")
    result.assert_outcomes(passed=1, failed=1, deselected=1)


def test_results_are_cached_by_content_config_and_version(project):
    junit = project.path.parent / f"{project.path.name}-report.xml"  # outside: .xml is a document format
    both = {"data.good.csv::druglint", "data.bad.csv::druglint"}
    project.runpytest("--druglint", f"--junitxml={junit}").assert_outcomes(passed=2, failed=1)
    assert _cache_props(junit) == dict.fromkeys(both, "miss")  # first run: nothing cached yet
    result = project.runpytest("--druglint", f"--junitxml={junit}")
    result.assert_outcomes(passed=2, failed=1)  # a cached failure still fails, with its violations
    result.stdout.fnmatch_lines(["data/bad.csv:3:2: DL301 *drug 'Warfarin' is listed as interacting with itself"])
    assert _cache_props(junit) == dict.fromkeys(both, "hit")
    entries = list((project.path / ".druglint_cache").rglob("*.json"))
    assert len(entries) == 4  # per file: its own findings and the (one-file) run's cross-file findings
    # a changed file is linted again ...
    (project.path / "data" / "good.csv").write_text(GOOD + "ibuprofen,naproxen,moderate\n")
    project.runpytest("--druglint", f"--junitxml={junit}").assert_outcomes(passed=2, failed=1)
    assert _cache_props(junit) == {"data.good.csv::druglint": "miss", "data.bad.csv::druglint": "hit"}
    # ... and so is every file when the configuration changes
    project.makefile(".yaml", druglint="select: [ALL]\nignore: [DL303]\n")
    project.runpytest("--druglint", f"--junitxml={junit}").assert_outcomes(passed=2, failed=1)
    assert _cache_props(junit) == dict.fromkeys(both, "miss")
    # a cached pass does not hide a file that now fails
    (project.path / "data" / "good.csv").write_text(BAD)
    project.runpytest("--druglint").assert_outcomes(passed=1, failed=2)
    # --druglint-no-cache lints everything
    project.runpytest("--druglint", "--druglint-no-cache", f"--junitxml={junit}").assert_outcomes(passed=1, failed=2)
    assert _cache_props(junit) == {}


def test_command_line_and_plugin_share_one_cache(project):
    import subprocess
    import sys

    junit = project.path.parent / f"{project.path.name}-shared.xml"
    run = subprocess.run([sys.executable, "-m", "druglint", "check", "data/good.csv", "data/bad.csv"],
                         cwd=project.path, capture_output=True, text=True)
    assert run.returncode == 1, run.stderr
    project.runpytest("--druglint", f"--junitxml={junit}").assert_outcomes(passed=2, failed=1)
    assert _cache_props(junit) == {"data.good.csv::druglint": "hit", "data.bad.csv::druglint": "hit"}


def test_configuration_is_honoured(project):
    # exclude drops a file from collection; fail-on error lets a warning-only file pass
    project.makefile(".yaml", druglint="exclude: ['data/bad.csv']\n")
    (project.path / "data" / "warn.csv").write_text(GOOD + "aspirin,warfarin,major\n")  # DL303 warning
    project.runpytest("--druglint").assert_outcomes(passed=2, failed=1)  # warn.csv fails at warning
    project.makefile(".yaml", druglint="exclude: ['data/bad.csv']\nfail-on: error\n")
    project.runpytest("--druglint").assert_outcomes(passed=3)


def test_a_broken_configuration_is_a_clear_failure(project):
    project.makefile(".yaml", druglint="select: [NOPE]\n")
    result = project.runpytest("--druglint")
    result.assert_outcomes(passed=1, failed=2)
    result.stdout.fnmatch_lines(["druglint configuration error: */druglint.yaml:1: 'select' names unknown rule 'NOPE'*"])
    assert "Traceback" not in result.stdout.str()


def test_documents_are_collected_too(project):
    (project.path / "data" / "leaflet.md").write_text("# Leaflet\n\nTake one tablet a day.\n")
    result = project.runpytest("--druglint", "-v", "data/leaflet.md")
    result.stdout.fnmatch_lines(["*data/leaflet.md::druglint*"])


FIXTURE_TEST = '''
import pandas as pd


def test_clean_frame(druglint):
    df = pd.DataFrame({"drug_a": ["warfarin"], "drug_b": ["aspirin"], "severity": ["major"]})
    report = druglint.assert_valid(df, kind="interactions")
    assert report.failed() is False


def test_bad_frame(druglint):
    df = pd.DataFrame({"drug_a": ["warfarin", "Warfarin"], "drug_b": ["aspirin", "warfarin"],
                       "severity": ["major", "major"]}, index=["r1", "r2"])
    druglint.assert_valid(df, kind="interactions")


def test_module_level_function():
    import druglint
    df = pd.DataFrame({"drug_a": ["a"], "drug_b": ["b"], "severity": ["severe-ish"]})
    druglint.assert_valid(df, kind="interactions")
'''


def test_fixture_assert_valid_gives_a_readable_message(pytester: pytest.Pytester):
    pytester.makepyfile(test_frames=FIXTURE_TEST)
    result = pytester.runpytest("-v")
    result.assert_outcomes(passed=1, failed=2)
    result.stdout.fnmatch_lines([
        "*DruglintAssertionError: druglint: interactions DataFrame <dataframe> has 1 violation at or above warning:",
        "*row 2 (index 'r2'): DL301 ?error? drug 'Warfarin' is listed as interacting with itself (self-interaction)",
    ])
    result.stdout.fnmatch_lines(["*row 1 (index 0): DL104 ?error? *severe-ish*"])


def test_plugin_runs_in_a_separate_process_through_its_entry_point(project):
    # the entry point (pytest11) loads the plugin in a fresh interpreter, not only in-process
    result = project.runpytest_subprocess("--druglint", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=2, failed=1)
