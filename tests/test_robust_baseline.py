"""--baseline FILE / --write-baseline: legacy findings hidden, new ones reported (issue 5.7)."""
from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest


@pytest.fixture
def run(capsys, monkeypatch):
    """``druglint`` in-process (cli.main), from a working directory: the same code path as the
    command, minus the interpreter start-up per call."""
    from druglint.cli import main

    def _run(*args: str, cwd: Path) -> SimpleNamespace:
        monkeypatch.chdir(cwd)
        monkeypatch.setenv("NO_COLOR", "1")
        code = main(list(args))
        out, err = capsys.readouterr()
        return SimpleNamespace(returncode=code, stdout=out, stderr=err)

    return _run


LEGACY = ("drug_a,drug_b,severity\n"
          "warfarin,warfarin,major\n"      # DL self-interaction
          "aspirin,ibuprofen,terrible\n"   # unknown severity
          "aspirin,ibuprofen,terrible\n")  # the same finding twice (and a duplicate row)


def test_baseline_hides_legacy_and_reports_new(tmp_path, run):
    data = tmp_path / "data"
    data.mkdir()
    f = data / "interactions.csv"
    f.write_text(LEGACY)
    first = run("check", "data", cwd=tmp_path)
    assert first.returncode == 1
    w = run("check", "data", "--baseline", "b.json", "--write-baseline", cwd=tmp_path)
    assert w.returncode == 0, w.stderr
    doc = json.loads((tmp_path / "b.json").read_text())
    assert doc["druglint-baseline"] == 1 and doc["findings"] >= 3
    assert all(e["path"] == "data/interactions.csv" for e in doc["entries"])
    assert all("line" not in e for e in doc["entries"])
    clean = run("check", "data", "--baseline", "b.json", cwd=tmp_path)
    assert clean.returncode == 0, clean.stdout
    assert "hidden by baseline" in clean.stderr

    # rows inserted above the legacy rows do not invalidate the baseline; only the new row is reported
    lines = LEGACY.splitlines(keepends=True)
    f.write_text(lines[0] + "metformin,metformin,minor\n" + "paracetamol,codeine,minor\n" + "".join(lines[1:]))
    # the new rows' drug names are new DL520 infos: ignored here
    after = run("check", "data", "--baseline", "b.json", "--format", "json", "--ignore", "DL520", cwd=tmp_path)
    found = json.loads(after.stdout)
    assert after.returncode == 1
    assert {v["line"] for v in found} == {2}, found  # the new self-interaction only
    # a third copy of a recorded identical row is new
    f.write_text(LEGACY + "aspirin,ibuprofen,terrible\n")
    third = json.loads(run("check", "data", "--baseline", "b.json", "--format", "json", cwd=tmp_path).stdout)
    assert third and all(v["line"] == 5 for v in third)

    # the baseline is relative to its own folder: running from elsewhere finds the same entries
    f.write_text(LEGACY)
    sub = run("check", str(data), "--baseline", str(tmp_path / "b.json"), cwd=data)
    assert sub.returncode == 0, sub.stdout + sub.stderr


def test_baseline_errors_are_one_line(tmp_path, run):
    (tmp_path / "interactions.csv").write_text(LEGACY)
    r = run("check", ".", "--baseline", "missing.json", cwd=tmp_path)
    assert r.returncode == 2 and "baseline file not found" in r.stderr and "Traceback" not in r.stderr
    (tmp_path / "bad.json").write_text("[1, 2]")
    r = run("check", ".", "--baseline", "bad.json", cwd=tmp_path)
    assert r.returncode == 2 and "not a druglint baseline" in r.stderr
    r = run("check", ".", "--write-baseline", cwd=tmp_path)
    assert r.returncode == 2 and "--write-baseline needs --baseline" in r.stderr
