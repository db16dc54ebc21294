"""The real command in a subprocess: exit codes, formats, selection, statistics."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "fixtures"
FIELDS = {"path", "line", "column", "code", "severity", "message", "rule", "fix"}


def run(*args, cwd=ROOT, env=None):
    e = {**os.environ, **(env or {})}
    e.pop("FORCE_COLOR", None)
    return subprocess.run([sys.executable, "-m", "druglint", *args], cwd=cwd, capture_output=True, text=True, env=e)


def test_json_output_has_exactly_the_contract_fields():
    r = run("check", "--format", "json", str(FIX / "interactions"), str(FIX / "malformed"))
    assert r.returncode == 1, r.stderr
    data = json.loads(r.stdout)
    assert data and all(set(d) == FIELDS for d in data)
    assert all(isinstance(d["line"], int) and isinstance(d["column"], int) for d in data)
    assert {d["severity"] for d in data} <= {"error", "warning", "info"}
    fixes = [d["fix"] for d in data if d["fix"]]
    assert fixes and all(set(f) == {"message", "old", "new"} for f in fixes)


def test_text_output_is_plain_when_piped_and_ends_with_summary():
    r = run("check", "--select", "DL3", "fixtures/interactions/DL302-severity-conflict.csv")
    assert r.returncode == 1
    lines = r.stdout.splitlines()
    assert lines[0].startswith("fixtures/interactions/DL302-severity-conflict.csv:4:3: DL302 [error] pair aspirin / warfarin")
    assert "\033[" not in r.stdout
    assert lines[-1] == "Found 3 violations (2 errors, 1 warning) in 1 file checked."  # line 7: DL306 (unknown vs rated)


def test_color_when_forced():
    r = run("check", "--select", "DL3", "--color", "always", "fixtures/interactions/DL302-severity-conflict.csv")
    assert "\033[31m" in r.stdout


def test_clean_file_exits_zero():
    r = run("check", "fixtures/interactions/valid.csv", "--select", "DL1,DL3")
    assert r.returncode == 0, r.stdout
    assert r.stdout.strip() == "All checks passed (1 file checked)."


def test_select_ignore_and_fail_on():
    target = "fixtures/side_effects/DL105-non-canonical-value.csv"
    assert run("check", target, "--select", "DL105").returncode == 0  # info does not fail by default
    assert run("check", target, "--select", "DL105", "--fail-on", "info").returncode == 1
    r = run("check", target, "--select", "DL1", "--ignore", "DL105", "--format", "json")
    assert json.loads(r.stdout) == []


def test_statistics():
    r = run("check", "--statistics", "--select", "DL1,DL2,DL3", "fixtures/side_effects")
    rows = [ln.split("\t") for ln in r.stdout.splitlines() if "\t" in ln]
    counts = {row[1]: int(row[0]) for row in rows}
    assert counts["DL202"] == 3 and counts["DL102"] == 2
    assert any(row[1] == "DL105" and row[2].startswith("[*]") for row in rows)


@pytest.mark.parametrize("args,needle", [
    (["check", "no/such/file.csv"], "no such file or folder"),
    (["check", "--select", "XX1", "fixtures"], "unknown rule selector"),
    (["check", "--format", "yaml", "fixtures"], "unknown format"),
    (["rule", "DL999"], "unknown rule"),
])
def test_usage_errors_exit_2_with_one_line(args, needle):
    r = run(*args)
    assert r.returncode == 2
    assert needle in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_invalid_config_exits_2_naming_key_and_line(tmp_path):
    (tmp_path / "druglint.yaml").write_text("select: [DL1]\nignore: [NOPE]\n")
    (tmp_path / "x.csv").write_text("drug,effect\na,b\n")
    r = run("check", "x.csv", cwd=tmp_path)
    assert r.returncode == 2
    assert "druglint.yaml:2:" in r.stderr and "NOPE" in r.stderr


def test_rules_and_rule_verbs():
    r = run("rules")
    assert r.returncode == 0
    assert any(ln.startswith("DL302  severity-conflict") for ln in r.stdout.splitlines())
    doc = run("rule", "DL302")
    assert doc.returncode == 0
    assert "Failing example (interactions.csv):" in doc.stdout and "Severity: error" in doc.stdout


def test_output_file(tmp_path):
    out = tmp_path / "report.json"
    r = run("check", "--select", "DL1", "--format", "json", "-o", str(out), "fixtures/malformed/ragged.csv")
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr.startswith("Found 3 violations") and "report.json" in r.stderr  # issue 16: a summary on stderr
    assert [d["line"] for d in json.loads(out.read_text())] == [3, 3, 4]
