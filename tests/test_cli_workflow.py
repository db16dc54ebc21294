"""Issue 16: the workflow defects a new user found, run through the real command line
(``python -m druglint`` in a subprocess, in a temporary project)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DIFF = ROOT / "fixtures" / "diff"

OLD_DDI = (DIFF / "DL701" / "old.csv").read_text()  # simvastatin + clarithromycin contraindicated
NEW_YAML = """\
- drug_a: Aspirin
  drug_b: Warfarin
  severity: Major
- drug_a: ibuprofen
  drug_b: lithium
  severity: major
- drug_a: simvastatin
  drug_b: clarithromycin
  severity: minor
- drug_a: acyclovir
  drug_b: talimogene laherparepvec
  severity: unknown
"""


def druglint(cwd: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "FORCE_COLOR")}
    env["NO_COLOR"] = "1"
    return subprocess.run([sys.executable, "-m", "druglint", *args], cwd=cwd, capture_output=True, text=True,
                          input=stdin, env=env, timeout=300)


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Test Curator")
    git(root, "config", "user.email", "curator@example.org")
    git(root, "config", "commit.gpgsign", "false")
    return root


# ------------------------------------------------------------- defect 1: diff across formats
@pytest.mark.parametrize("new_name, new_text", [
    ("new.yaml", NEW_YAML),
    ("new.tsv", (DIFF / "DL701" / "new.csv").read_text().replace(",", "\t")),
    ("new.json", json.dumps([{"drug_a": "simvastatin", "drug_b": "clarithromycin", "severity": "minor"},
                             {"drug_a": "warfarin", "drug_b": "aspirin", "severity": "major"}])),
])
def test_diff_reads_each_side_with_its_own_reader(tmp_path, new_name, new_text):
    (tmp_path / "old.csv").write_text(OLD_DDI)
    (tmp_path / new_name).write_text(new_text)
    r = druglint(tmp_path, "diff", "old.csv", new_name, "--format", "json")
    assert r.returncode == 1, r.stdout + r.stderr
    found = {(v["code"], v["path"]) for v in json.loads(r.stdout)}
    assert ("DL701", new_name) in found
    assert any("contraindicated -> minor" in v["message"] for v in json.loads(r.stdout))


def test_diff_side_without_records_is_an_error(tmp_path):
    (tmp_path / "old.csv").write_text(OLD_DDI)
    (tmp_path / "new.csv").write_text("colour,size\nred,3\n")  # not a dataset of a known kind
    r = druglint(tmp_path, "diff", "old.csv", "new.csv")
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "new.csv: no dataset records" in r.stderr
    r = druglint(tmp_path, "diff", "new.csv", "old.csv")
    assert r.returncode == 2 and "new.csv: no dataset records" in r.stderr


def test_git_rename_csv_to_yaml_is_compared(repo):
    (repo / "ddi.csv").write_text(OLD_DDI)
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "mv", "ddi.csv", "ddi.yaml")
    (repo / "ddi.yaml").write_text(NEW_YAML)
    git(repo, "add", ".")
    r = druglint(repo, "diff", "--staged", "--format", "json")
    assert r.returncode == 1
    assert {(v["code"], v["path"], v["line"]) for v in json.loads(r.stdout)} >= {("DL701", "ddi.yaml", 7)}


# ------------------------------------------------------------- defect 6: diff --git REV PATH...
def test_diff_git_narrowed_to_paths(repo):
    (repo / "data").mkdir()
    (repo / "data" / "ddi.csv").write_text(OLD_DDI)
    (repo / "other.csv").write_text(OLD_DDI)
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    weakened = OLD_DDI.replace("contraindicated", "minor")
    (repo / "data" / "ddi.csv").write_text(weakened)
    (repo / "other.csv").write_text(weakened)
    r = druglint(repo, "diff", "--git", "HEAD", "--format", "json")
    assert {v["path"] for v in json.loads(r.stdout)} == {"data/ddi.csv", "other.csv"}
    r = druglint(repo, "diff", "--git", "HEAD", "data/ddi.csv", "--format", "json")
    assert r.returncode == 1, r.stderr
    assert {v["path"] for v in json.loads(r.stdout)} == {"data/ddi.csv"}
    r = druglint(repo / "data", "diff", "--git", "HEAD", ".", "--format", "json")  # relative to the current folder
    assert {v["path"] for v in json.loads(r.stdout)} == {"ddi.csv"}
    r = druglint(repo, "diff", "--git", "HEAD", "data/nope.csv")
    assert r.returncode == 2 and "data/nope.csv: no such file" in r.stderr


# ------------------------------------------------------------- defect 4: DL703 >= DL704
def test_removed_serious_reaction_fails_a_gate_at_error(tmp_path):
    (tmp_path / "old.csv").write_text((DIFF / "DL703" / "old.csv").read_text())
    (tmp_path / "new.csv").write_text((DIFF / "DL703" / "new.csv").read_text())
    r = druglint(tmp_path, "diff", "old.csv", "new.csv", "--fail-on", "error", "--format", "json")
    assert r.returncode == 1
    assert {v["code"] for v in json.loads(r.stdout)} == {"DL703"}
    assert all(v["severity"] == "error" for v in json.loads(r.stdout))
