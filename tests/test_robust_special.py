"""Issue 19 items 2 (FIFOs, devices) and 5 (ordinary conditions are not internal errors):
only regular files are read; every failure to read or write is one line or one finding.
All through the real CLI in a subprocess, with a timeout: a FIFO used to block forever."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROW = "drug_a,drug_b,severity\nwarfarin,warfarin,major\n"


def run(cwd: Path, *args: str, stdout=subprocess.PIPE, unprivileged: bool = False) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "druglint", *args]
    if unprivileged and os.geteuid() == 0:
        cmd = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *cmd]
    return subprocess.run(cmd, cwd=cwd, stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=120,
                          env={**os.environ, "NO_COLOR": "1"})


def found(r: subprocess.CompletedProcess) -> list[tuple[str, int, str]]:
    return sorted((v["path"], v["line"], v["code"]) for v in json.loads(r.stdout))


def one_line(r: subprocess.CompletedProcess, *needles: str) -> None:
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("druglint: error: "), r.stderr
    assert "internal error" not in r.stderr
    for n in needles:
        assert n in r.stderr, r.stderr


@pytest.fixture
def data(tmp_path):
    (tmp_path / "interactions.csv").write_text(ROW)
    return tmp_path


def test_fifo_in_a_folder_and_on_the_command_line(data):
    os.mkfifo(data / "pipe.csv")
    for args in (["."], ["pipe.csv", "interactions.csv"]):
        r = run(data, "check", *args, "--format", "json", "--select", "DL1,DL3")  # blocked forever before
        assert r.returncode == 1, r.stderr
        assert found(r) == [("interactions.csv", 2, "DL301"), ("pipe.csv", 1, "DL154")]
        assert "FIFO" in r.stdout


def test_fifo_under_fix(data):
    os.mkfifo(data / "pipe.csv")
    (data / "side_effects.csv").write_text("drug,effect\nacyclovir, nausea \n")
    r = run(data, "check", ".", "--fix", "--format", "json", "--select", "DL1")
    assert ("pipe.csv", 1, "DL154") in found(r)
    assert (data / "side_effects.csv").read_text() == "drug,effect\nacyclovir,nausea\n"


def test_dev_zero_is_not_read(data):
    r = run(data, "check", "/dev/zero", "interactions.csv", "--format", "json", "--select", "DL1,DL3")
    assert found(r) == [("/dev/zero", 1, "DL154"), ("interactions.csv", 2, "DL301")]


def test_same_path_2000_times_is_linted_once(data):
    r = run(data, "check", *(["interactions.csv"] * 1000), *(["./interactions.csv"] * 1000), ".", "--format", "json",
            "--select", "DL301")
    assert found(r) == [("interactions.csv", 2, "DL301")]


@pytest.mark.parametrize("target, why", [("missing/report.txt", "its folder does not exist"), (".", "is a folder"),
                                         ("/dev/full", "No space left on device")])
def test_output_file_that_cannot_be_written(data, target, why):
    if target == "/dev/full" and not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    one_line(run(data, "check", "interactions.csv", "-o", target), f"cannot write the report to {target}: {why}")


def test_stdout_closed(data):
    r = subprocess.run([sys.executable, "-m", "druglint", "check", "interactions.csv"], cwd=data, stdout=None,
                       stderr=subprocess.PIPE, text=True, timeout=120, pass_fds=(), close_fds=True,
                       preexec_fn=lambda: os.close(1))
    one_line(r, "standard output is closed")
    assert run(data, "check", "interactions.csv", "-o", "r.txt").returncode == 1  # -o still works


def test_stdout_full(data):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    with open("/dev/full", "w") as full:
        one_line(run(data, "check", "interactions.csv", stdout=full), "No space left on device")


def test_deeply_nested_baseline_is_a_clear_error(data):
    (data / "base.json").write_text("[" * 100_000 + "]" * 100_000)
    one_line(run(data, "check", "interactions.csv", "--baseline", "base.json"), "base.json", "nested too deeply")


def test_non_utf8_file_name_is_escaped_in_every_format(data):
    name = os.fsencode(data) + b"/inter\xffactions.csv"
    with open(name, "wb") as fh:
        fh.write(ROW.encode())
    (data / "interactions.csv").unlink()
    for fmt in ("text", "json", "sarif", "github", "junit", "html"):
        r = subprocess.run([sys.executable, "-m", "druglint", "check", ".", "--format", fmt], cwd=data,
                           capture_output=True, timeout=120, env={**os.environ, "NO_COLOR": "1"})
        assert r.returncode == 1, (fmt, r.stderr)
        out = r.stdout.decode("utf-8")  # valid UTF-8 (SARIF aborted, JSON was invalid UTF-8 before)
        if fmt == "json":
            assert {v["path"] for v in json.loads(out)} == {"inter\\xffactions.csv"}
        elif fmt == "sarif":
            assert "inter%5Cxffactions.csv" in out and json.loads(out)
        else:
            assert "inter\\xffactions.csv" in out, (fmt, out[:500])
    r = subprocess.run([sys.executable, "-m", "druglint", "check", ".", "--baseline", "b.json", "--write-baseline"],
                       cwd=data, capture_output=True, timeout=120)
    assert r.returncode == 0, r.stderr
    r = subprocess.run([sys.executable, "-m", "druglint", "check", os.fsdecode(name), "--baseline", "b.json"],
                       cwd=data, capture_output=True, timeout=120)
    assert r.returncode == 0, (r.stdout, r.stderr)  # the baseline round-trips the name


@pytest.mark.skipif(os.geteuid() == 0 and shutil.which("setpriv") is None, reason="root without setpriv reads anything")
def test_one_unreadable_file_in_a_folder_is_a_finding(data):
    (data / "locked.csv").write_text(ROW)
    os.chmod(data / "locked.csv", 0o000)
    try:
        r = run(data, "check", ".", "--format", "json", "--select", "DL1,DL301", unprivileged=True)
    finally:
        os.chmod(data / "locked.csv", 0o644)
    assert found(r) == [("interactions.csv", 2, "DL301"), ("locked.csv", 1, "DL154")]
