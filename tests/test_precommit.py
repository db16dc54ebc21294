"""The published pre-commit hook, run by a real ``pre-commit`` from a real ``git commit``.

A throwaway repository points ``repo:`` at this checkout and ``rev:`` at its HEAD commit;
pre-commit clones that commit (a local clone: no network for the hook repository) and
pip-installs druglint and its dependencies into the hook's environment (from PyPI).

What is tested is therefore the COMMITTED state of this checkout (HEAD), as any user of
the hook would get it: uncommitted changes to .pre-commit-hooks.yaml or to druglint
itself are not exercised until they are committed.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

BAD = "drug_a,drug_b,severity\nwarfarin,aspirin,major\nWarfarin,warfarin,major\n"
FIXED = "drug_a,drug_b,severity\nwarfarin,aspirin,major\n"


def _run(args: list[str], cwd: Path, env: dict[str, str], timeout: int = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def head_sha() -> str:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    out = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    if out.returncode != 0:
        pytest.skip("not a git checkout (e.g. an sdist): nothing for pre-commit to clone")
    show = subprocess.run(["git", "cat-file", "-e", "HEAD:.pre-commit-hooks.yaml"], cwd=ROOT, capture_output=True)
    if show.returncode != 0:
        pytest.skip(".pre-commit-hooks.yaml is not committed yet")
    return out.stdout.strip()


@pytest.mark.slow
def test_commit_with_a_bad_dataset_is_refused_then_the_fix_goes_through(tmp_path, head_sha):
    pre_commit = [sys.executable, "-m", "pre_commit"]
    repo = tmp_path / "curation"
    repo.mkdir()
    env = dict(os.environ)
    # keep pip's download cache although HOME moves (pandas, pyarrow... are large)
    env.setdefault("PIP_CACHE_DIR", str(Path.home() / ".cache" / "pip"))
    env.update({
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),  # a fresh hook environment
        "GIT_AUTHOR_NAME": "Curator", "GIT_AUTHOR_EMAIL": "curator@example.org",
        "GIT_COMMITTER_NAME": "Curator", "GIT_COMMITTER_EMAIL": "curator@example.org",
        "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(tmp_path),  # no user git config leaks in
        "PRE_COMMIT_COLOR": "never",
    })
    env.pop("GIT_DIR", None)
    env.pop("GIT_WORK_TREE", None)
    env.pop("GIT_INDEX_FILE", None)  # set when this suite itself runs inside a git hook
    assert _run(["git", "init", "-q", "-b", "main"], repo, env).returncode == 0
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT.as_posix()}\n    rev: {head_sha}\n    hooks:\n      - id: druglint\n")
    installed = _run(pre_commit + ["install"], repo, env)
    assert installed.returncode == 0, installed.stdout + installed.stderr

    (repo / "interactions.csv").write_text(BAD)
    (repo / "notes.py").write_text("print('not a dataset')\n")  # not a druglint format: not passed to the hook
    _run(["git", "add", "."], repo, env)
    refused = _run(["git", "commit", "-m", "add interactions"], repo, env)
    out = refused.stdout + refused.stderr
    assert refused.returncode != 0, out
    assert "druglint" in out and "Failed" in out
    assert "interactions.csv:3:2: DL301 [error] drug 'Warfarin' is listed as interacting with itself" in out
    assert "notes.py" not in out
    assert _run(["git", "rev-parse", "--verify", "HEAD"], repo, env).returncode != 0  # nothing was committed

    (repo / "interactions.csv").write_text(FIXED)
    _run(["git", "add", "interactions.csv"], repo, env)
    accepted = _run(["git", "commit", "-m", "add interactions"], repo, env)
    out = accepted.stdout + accepted.stderr
    assert accepted.returncode == 0, out
    assert "druglint" in out and "Passed" in out
    log = _run(["git", "log", "--format=%s", "--name-only"], repo, env).stdout
    assert "add interactions" in log and "interactions.csv" in log

    # issue 16: the configuration's exclude holds for the files pre-commit names (--force-exclude)
    (repo / "druglint.yaml").write_text("exclude: [legacy]\n")
    (repo / "legacy").mkdir()
    (repo / "legacy" / "old.csv").write_text(BAD)
    _run(["git", "add", "."], repo, env)
    excluded = _run(["git", "commit", "-m", "keep a legacy export"], repo, env)
    out = excluded.stdout + excluded.stderr
    assert excluded.returncode == 0, out
    assert "legacy/old.csv:" not in out  # no finding for it (git itself lists the new file)
    assert "keep a legacy export" in _run(["git", "log", "--format=%s"], repo, env).stdout
