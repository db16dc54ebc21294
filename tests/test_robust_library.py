"""Issue 19 item 6: the library raises only documented errors (README "Library": TypeError
for an argument of the wrong type, UsageError for an unknown kind or rule, ConfigError for
a bad configuration). Everything else about a DataFrame is a finding."""
from __future__ import annotations

import os

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import druglint
import robust_fuzz as F
from druglint.config import ConfigError
from druglint.engine import UsageError


def codes(report) -> list[tuple[int, int, str]]:
    return sorted((v.line, v.column, v.code) for v in report.violations)


def test_duplicate_column_names_are_a_finding():
    # common after a pandas merge; this raised AttributeError ('DataFrame' object has no attribute 'dtype')
    df = pd.DataFrame([["warfarin", "aspirin", "major", "x"]], columns=["drug_a", "drug_b", "severity", "drug_b"])
    report = druglint.lint_frame(df, kind="interactions")
    assert (0, 4, "DL115") in codes(report)
    assert "drug_b" in next(v.message for v in report.violations if v.code == "DL115")


def test_duplicate_columns_still_lint_the_first():
    df = pd.DataFrame([["warfarin", "warfarin", "major", "minor"]], columns=["drug_a", "drug_b", "severity", "severity"])
    found = codes(druglint.lint_frame(df, kind="interactions"))
    assert (1, 2, "DL301") in found and (0, 4, "DL115") in found  # the first 'severity' is the one used


def test_lone_surrogates_are_a_finding_not_a_crash():
    # this raised UnicodeEncodeError (pyarrow-backed strings refuse surrogates)
    df = pd.DataFrame({"drug_a": ["war\ud800farin", "aspirin"], "drug_b": ["aspirin", "\udfff"],
                       "severity": ["major", "minor"]}, dtype=object)
    report = druglint.lint_frame(df, kind="interactions")
    assert (1, 1, "DL153") in codes(report) and (2, 2, "DL153") in codes(report)
    for v in report.violations:
        v.message.encode("utf-8")  # nothing unencodable leaks into messages
    label = pd.Index(["drug_a\ud800", "drug_b", "severity"], dtype=object)
    report = druglint.lint_frame(pd.DataFrame([["a", "b", "major"]], columns=label, dtype=object))
    assert (0, 1, "DL153") in codes(report)


def test_bytes_path(tmp_path, monkeypatch):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "interactions.csv").write_text("drug_a,drug_b,severity\nwarfarin,warfarin,major\n")
    monkeypatch.chdir(tmp_path)
    report = druglint.lint_paths(b"data")  # this raised TypeError
    assert [(v.path, v.line, v.code) for v in report.violations if v.code == "DL301"] == \
        [(os.path.join("data", "interactions.csv"), 2, "DL301")]
    assert len(druglint.lint_paths([b"data", "data"]).violations) >= 1


def test_documented_errors_only():
    with pytest.raises(TypeError, match="path or an iterable of paths"):
        druglint.lint_paths(5)
    with pytest.raises(TypeError, match="DataFrame"):
        druglint.lint_frame([["warfarin"]])
    with pytest.raises(UsageError):
        druglint.lint_frame(pd.DataFrame({"drug": ["x"]}), kind="nonsense")
    with pytest.raises(UsageError):
        druglint.lint_frame(pd.DataFrame({"drug": ["x"]}), select=["XX999"])
    with pytest.raises(ConfigError):
        druglint.lint_frame(pd.DataFrame({"drug": ["x"]}), config="/nonexistent/druglint.yaml")


def test_odd_frames_from_the_issue():
    frames = [
        pd.DataFrame({0: ["a"], 1.5: ["b"], None: ["c"]}),  # non-string labels
        pd.DataFrame([["w", "a", "major"]], columns=pd.MultiIndex.from_tuples([("drug_a", ""), ("drug_b", ""), ("severity", "")])),
        pd.DataFrame({"drug_a": pd.Categorical(["warfarin", "x"]), "drug_b": pd.Categorical(["aspirin", None]),
                      "severity": pd.Categorical(["major", "minor"])}),
        pd.DataFrame({"drug_a": [np.nan] * 3, "drug_b": [np.nan] * 3, "severity": [np.nan] * 3}),
        pd.DataFrame(),
        pd.DataFrame({"drug_a": [b"warfarin", b"\xff"], "drug_b": [["a"], {"b": 1}], "severity": ["major", None]}),
    ]
    for df in frames:
        assert isinstance(druglint.lint_frame(df), druglint.Report)
    multi = druglint.lint_frame(frames[1])  # MultiIndex labels are joined: the kind is still told
    assert not any(v.code == "DL119" for v in multi.violations)


def test_huge_cell_is_bounded():
    df = pd.DataFrame({"drug": ["a" * 2_000_000, "acyclovir"], "effect": ["nausea", "nausea"], "frequency_percent": ["5", "150"]})
    found = codes(druglint.lint_frame(df, kind="side_effects"))
    assert (1, 1, "DL151") in found and (2, 3, "DL201") in found


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(rng=st.randoms(use_true_random=False))
def test_fuzz_library_api(rng):
    """Random frames (duplicate, non-string and MultiIndex labels, categoricals, all-NaN,
    bytes, surrogates, huge strings): a Report or a documented error, never anything else."""
    F.exercise_frame(F.random_frame(rng), rng)
