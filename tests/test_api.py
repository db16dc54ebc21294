"""The library API of ``import druglint``: cheap import, lint_paths, lint_frame, assert_valid, load_specs."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import druglint

ROOT = Path(__file__).resolve().parents[1]


def test_import_druglint_stays_cheap():
    code = "import sys, druglint; print(sorted(m for m in ('pandas', 'pandera', 'numpy', 'pyarrow') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


def test_public_names_are_exported_and_typed():
    for name in ("lint_paths", "lint_frame", "assert_valid", "load_specs", "Report", "Violation", "Severity", "Fix",
                 "DruglintAssertionError"):
        assert name in druglint.__all__
        assert getattr(druglint, name) is not None
    assert (Path(druglint.__file__).parent / "py.typed").is_file()
    with pytest.raises(AttributeError):
        druglint.no_such_name  # noqa: B018


def test_lint_paths_takes_one_path_or_many(monkeypatch):
    monkeypatch.chdir(ROOT)
    one = druglint.lint_paths("fixtures/interactions/DL301-self-interaction.csv")
    assert isinstance(one, druglint.Report)
    assert "DL301" in one.codes()
    many = druglint.lint_paths([Path("fixtures/interactions/valid.csv"), "fixtures/interactions/DL301-self-interaction.csv"])
    assert len(many.files) == 2 and "DL301" in many.codes()


def test_lint_frame_and_assert_valid():
    df = pd.DataFrame({"drug_a": ["warfarin", "Warfarin"], "drug_b": ["aspirin", "warfarin"], "severity": ["major", "major"]},
                      index=["first", "second"])
    report = druglint.lint_frame(df, kind="interactions")
    hits = [v for v in report if v.code == "DL301"]
    assert [(v.line, v.path) for v in hits] == [(2, "<dataframe>")]
    with pytest.raises(AssertionError) as err:
        druglint.assert_valid(df, kind="interactions")
    msg = str(err.value)
    assert msg.splitlines()[0] == "druglint: interactions DataFrame <dataframe> has 1 violation at or above warning:"
    assert "row 2 (index 'second'): DL301 [error] drug 'Warfarin' is listed as interacting with itself" in msg
    assert isinstance(err.value, druglint.DruglintAssertionError) and err.value.report.codes() == report.codes()
    ok = druglint.assert_valid(df.iloc[:1], kind="interactions")
    assert not ok.failed()
    # fail_on moves the bar; select narrows the rules
    druglint.assert_valid(pd.DataFrame({"drug_a": ["a", "b"], "drug_b": ["b", "a"], "severity": ["major", "major"]}),
                          kind="interactions", fail_on="error")  # DL303 is a warning


SPEC = """\
spec: 1
sources:
  test: "fictional drug made up for this test; not a real product"
drug:
  name: examplumab
  source: test
routes:
  approved:
    - {route: intravenous, source: test}
"""


def test_specs_argument_adds_a_spec_folder(tmp_path):
    (tmp_path / "examplumab.yaml").write_text(SPEC)
    loaded = druglint.load_specs([tmp_path])
    assert list(loaded.specs) == ["examplumab"] and loaded.findings == []
    df = pd.DataFrame({"drug": ["examplumab"], "route": ["oral"]})
    assert druglint.lint_frame(df, kind="dosing").codes() == ["DL520"]  # no spec: spec checks skip it
    assert druglint.lint_frame(df, kind="dosing", specs=tmp_path).codes() == ["DL401"]  # a folder
    assert druglint.lint_frame(df, kind="dosing", specs=loaded).codes() == ["DL401"]  # a loaded SpecSet
    with pytest.raises(AssertionError, match="DL401 .error. .*examplumab"):
        druglint.assert_valid(df, kind="dosing", specs=[str(tmp_path)])
    with pytest.raises(Exception, match="specs folder not found"):
        druglint.lint_frame(df, kind="dosing", specs=tmp_path / "missing")


def test_unknown_kind_is_a_clear_error():
    with pytest.raises(Exception, match="unknown kind 'interaction'"):
        druglint.lint_frame(pd.DataFrame({"a": [1]}), kind="interaction")
