"""A REAL pre-commit run of the ``druglint-diff`` hook: pre-commit clones this checkout at its
HEAD commit, pip-installs druglint into its own environment, and runs the hook on a commit.
The commit of a severity downgrade is refused, then accepted once acknowledged.

The hook is installed from the COMMITTED state of this checkout (HEAD), so uncommitted
changes to druglint are not what runs here. The first run builds pre-commit's environment
(several minutes on a cold cache); later runs reuse it (pre-commit's own cache).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parents[1]


def _head() -> str | None:
    r = subprocess.run(["git", "rev-parse", "HEAD"], cwd=CHECKOUT, capture_output=True, text=True)
    return r.stdout.strip() if r.returncode == 0 else None


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env["PRE_COMMIT_COLOR"] = "never"
    env["NO_COLOR"] = "1"
    return env


def run(cwd: Path, *args: str, timeout: int = 60) -> subprocess.CompletedProcess:
    return subprocess.run(list(args), cwd=cwd, capture_output=True, text=True, env=_env(), timeout=timeout)


@pytest.fixture(scope="module")
def head() -> str:
    sha = _head()
    if sha is None or not (CHECKOUT / ".pre-commit-hooks.yaml").is_file():
        pytest.skip("not a git checkout of druglint with .pre-commit-hooks.yaml")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    shown = run(CHECKOUT, "git", "show", f"{sha}:.pre-commit-hooks.yaml")
    if "druglint-diff" not in shown.stdout:
        pytest.skip("the committed HEAD does not publish the druglint-diff hook yet")
    return sha


def test_precommit_refuses_unacknowledged_downgrade_then_accepts(head, tmp_path):
    repo = tmp_path / "curation"
    repo.mkdir()
    for args in (["init", "-q", "-b", "main"], ["config", "user.name", "Test Curator"],
                 ["config", "user.email", "curator@example.org"], ["config", "commit.gpgsign", "false"]):
        assert run(repo, "git", *args).returncode == 0
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {CHECKOUT}\n    rev: {head}\n    hooks:\n      - id: druglint-diff\n")
    data = repo / "interactions.csv"
    data.write_text("drug_a,drug_b,severity\nwarfarin,aspirin,major\nibuprofen,lithium,moderate\n")
    assert run(repo, "git", "add", ".").returncode == 0
    assert run(repo, "git", "commit", "-q", "-m", "baseline").returncode == 0

    pc = [sys.executable, "-m", "pre_commit"]
    r = run(repo, *pc, "install", timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    r = run(repo, *pc, "install-hooks", timeout=1500)
    assert r.returncode == 0, r.stdout + r.stderr

    # an unacknowledged downgrade: the commit is refused, the finding shown
    data.write_text("drug_a,drug_b,severity\nwarfarin,aspirin,minor\nibuprofen,lithium,moderate\n")
    assert run(repo, "git", "add", "interactions.csv").returncode == 0
    r = run(repo, "git", "commit", "-m", "regrade warfarin + aspirin", timeout=600)
    out = r.stdout + r.stderr
    assert r.returncode != 0, out
    assert "druglint diff" in out and "Failed" in out
    assert "interactions.csv:2:3: DL701 [error] severity of warfarin + aspirin weakened: major -> minor" in out
    assert run(repo, "git", "rev-list", "--count", "HEAD").stdout.strip() == "1"

    # acknowledged: the reviewed-changes entry is committed with the change, and the hook passes
    r = run(repo, sys.executable, "-m", "druglint", "diff", "--staged", "--accept",
            "--reason", "re-graded after DDInter review", timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    reviewed = (repo / ".druglint-reviewed.yaml").read_text()
    assert "code: DL701" in reviewed and "by: Test Curator <curator@example.org>" in reviewed
    assert run(repo, "git", "add", ".druglint-reviewed.yaml").returncode == 0
    r = run(repo, "git", "commit", "-m", "regrade warfarin + aspirin (reviewed)", timeout=600)
    out = r.stdout + r.stderr
    assert r.returncode == 0, out
    assert "Passed" in out
    assert run(repo, "git", "show", "HEAD:interactions.csv").stdout.splitlines()[1] == "warfarin,aspirin,minor"

    # a further downgrade of the same pair is a new change: refused again
    data.write_text("drug_a,drug_b,severity\nwarfarin,aspirin,unknown\nibuprofen,lithium,moderate\n")
    assert run(repo, "git", "add", "interactions.csv").returncode == 0
    r = run(repo, "git", "commit", "-m", "drop the severity", timeout=600)
    assert r.returncode != 0 and "minor -> unknown" in r.stdout + r.stderr

    # deleting the whole file removes every pair: refused too (the hook runs on a commit that
    # stages no surviving file)
    assert run(repo, "git", "rm", "-q", "-f", "interactions.csv").returncode == 0
    r = run(repo, "git", "commit", "-m", "remove the interaction file", timeout=600)
    out = r.stdout + r.stderr
    assert r.returncode != 0, out
    assert "DL702 [error] interaction warfarin + aspirin (minor) removed" in out
    assert "DL702 [error] interaction ibuprofen + lithium (moderate) removed" in out
