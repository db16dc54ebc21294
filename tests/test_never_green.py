"""Issue 15 item 2 through the real command: no file druglint did not check passes green."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import druglint

ROOT = Path(__file__).resolve().parents[1]
NG = "fixtures/never_green"


def run(*args, cwd=ROOT):
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "GITHUB_ACTIONS")}
    return subprocess.run([sys.executable, "-m", "druglint", *args], cwd=cwd, capture_output=True, text=True, env=env)


EXPECTED = {
    f"{NG}/drugb.csv": [(1, 2, "DL120")],  # the kind is told only by 'drugb' -> drug_b: not checked, warned
    f"{NG}/extra-column.csv": [(1, 4, "DL120")],  # 'efect' would go unchecked as an extra column
    f"{NG}/side-effects-near-miss.csv": [(1, 2, "DL120")],
    # read with the semicolons it uses, so its rows are checked too
    f"{NG}/semicolon.csv": [(1, 1, "DL120"), (2, 3, "DL104"), (3, 2, "DL301")],
    f"{NG}/semicolon-near-miss.csv": [(1, 1, "DL120")],
}


def test_near_miss_headers_and_delimiters_exact_findings():
    r = run("check", "--select", "DL1,DL301", "--format", "json", NG)  # DL308 compares the files with each other
    assert r.returncode == 1, r.stderr
    found: dict[str, list] = {}
    for d in json.loads(r.stdout):
        found.setdefault(d["path"], []).append((d["line"], d["column"], d["code"]))
    assert found == EXPECTED
    messages = {d["path"]: d["message"] for d in json.loads(r.stdout) if d["code"] == "DL120"}
    assert "did you mean 'drug_b'" in messages[f"{NG}/drugb.csv"]
    assert "did you mean 'effect'" in messages[f"{NG}/extra-column.csv"]
    assert "separated by semicolons, not commas" in messages[f"{NG}/semicolon.csv"]


def test_unread_formats_and_folders_with_nothing_to_read_are_warnings(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "interactions.feather").write_bytes(b"PK\x03\x04 not read")
    (tmp_path / "data" / "old.csv.gz").write_bytes(b"\x1f\x8b")
    (tmp_path / "data" / "good.csv").write_text("drug_a,drug_b,severity\nwarfarin,aspirin,major\n")
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "build.py").write_text("print(1)\n")
    r = run("check", "--select", "DL1", "--format", "json", "data", "scripts", cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    got = sorted((d["path"], d["line"], d["code"], d["severity"]) for d in json.loads(r.stdout))
    assert got == [("data/interactions.feather", 1, "DL122", "warning"), ("data/old.csv.gz", 1, "DL122", "warning"),
                   ("scripts", 1, "DL122", "warning")]
    text = run("check", "--select", "DL1", "data/interactions.feather", cwd=tmp_path)
    assert text.returncode == 1 and "All checks passed" not in text.stdout
    assert "an Arrow (Feather) file: druglint does not read .feather files" in text.stdout


def test_unread_format_message_comes_from_one_place_and_stops_with_a_reader(monkeypatch):
    from druglint import readers

    assert readers.unread_format("a/b.FEATHER").startswith("an Arrow (Feather) file")
    assert readers.unread_format("b.csv") is None and readers.unread_format("notes.py") is None
    assert readers.unread_format("b.xlsx") is None  # issue18 added the Excel reader: the message went with it
    monkeypatch.setitem(readers.TABLE_SUFFIXES, ".feather", ("feather", None))  # the day a reader is added
    assert readers.unread_format("b.feather") is None


def test_baseline_waiver_and_reviewed_files_are_never_data(tmp_path):
    (tmp_path / "a.csv").write_text("drug_a,drug_b,severity\nwarfarin,warfarin,major\n")
    assert run("check", ".", "--baseline", "druglint-baseline.json", "--write-baseline", cwd=tmp_path).returncode == 0
    (tmp_path / "legacy.json").write_text((tmp_path / "druglint-baseline.json").read_text())  # renamed copy
    (tmp_path / "druglint.yaml").write_text("waivers: exceptions.yaml\n")
    (tmp_path / "exceptions.yaml").write_text(
        "waivers:\n  - {path: a.csv, code: DL301, row: {drug_a: warfarin}, reason: test data}\n")
    (tmp_path / ".druglint-reviewed.yaml").write_text("reviewed:\n  - {path: a.csv, code: DL701, reason: ok}\n")
    r = run("check", "--format", "json", ".", "legacy.json", ".druglint-reviewed.yaml", "exceptions.yaml", cwd=tmp_path)
    assert {d["path"] for d in json.loads(r.stdout)} <= {"a.csv"}
    text = run("check", ".", "legacy.json", ".druglint-reviewed.yaml", cwd=tmp_path).stdout
    assert "(1 file checked)" in text or "in 1 file checked" in text


def test_assert_valid_without_kind_fails_on_a_frame_of_no_kind():
    with pytest.raises(AssertionError, match="cannot tell the dataset kind") as info:
        druglint.assert_valid(pd.DataFrame({"drug_a": ["warfarin"], "drugb": ["aspirin"], "severity": ["major"]}))
    assert "did you mean 'drug_b'" in str(info.value)
    with pytest.raises(AssertionError, match="pass kind="):
        druglint.assert_valid(pd.DataFrame({"name": ["x"], "notes": ["y"]}))
    druglint.assert_valid(pd.DataFrame({"drug_a": ["warfarin"], "drug_b": ["aspirin"], "severity": ["major"]}))
