"""Issue 19 item 4: --fix keeps what it does not own. A fixed file keeps its mode
(setuid/setgid too), owner, group and extended attributes; a file it cannot rewrite without
changing one of them, or that the user may not write, is one DL155 finding naming the file,
and the rest of the run goes on (exit 1). Real CLI processes throughout."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

BAD = b"drug_a,drug_b,severity\nwarfarin,aspirin,Major\n"
GOOD = b"drug_a,drug_b,severity\nwarfarin,aspirin,major\n"


def fix(cwd: Path, *args: str, prefix: tuple[str, ...] = (), env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*prefix, sys.executable, "-m", "druglint", "check", "--fix", "--format", "json", "--select", "DL1",
                           *args], cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "NO_COLOR": "1", **(env or {})})


def dl155(r: subprocess.CompletedProcess) -> list[tuple[str, str]]:
    return sorted((v["path"], v["message"]) for v in json.loads(r.stdout) if v["code"] == "DL155")


def test_mode_with_setuid_and_setgid_is_kept(tmp_path):
    for name, mode in (("suid.csv", 0o4755), ("sgid.csv", 0o2750), ("plain.csv", 0o640)):
        (tmp_path / name).write_bytes(BAD)
        os.chmod(tmp_path / name, mode)
    r = fix(tmp_path, ".")
    assert r.returncode == 0 and dl155(r) == [], (r.stdout, r.stderr)
    for name, mode in (("suid.csv", 0o4755), ("sgid.csv", 0o2750), ("plain.csv", 0o640)):
        assert (tmp_path / name).read_bytes() == GOOD
        assert os.stat(tmp_path / name).st_mode & 0o7777 == mode, name  # 4755 became 755 before


def test_read_only_file_and_folder_are_refused_and_the_rest_is_fixed(tmp_path):
    (tmp_path / "ro.csv").write_bytes(BAD)
    os.chmod(tmp_path / "ro.csv", 0o444)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "in.csv").write_bytes(BAD)
    (tmp_path / "ok.csv").write_bytes(BAD)
    os.chmod(tmp_path / "locked", 0o555)
    try:
        r = fix(tmp_path, ".")  # ended as "internal error: PermissionError" before, other reports lost
    finally:
        os.chmod(tmp_path / "locked", 0o755)
    assert r.returncode == 1, r.stderr
    assert "internal error" not in r.stderr
    assert dl155(r) == [("locked/in.csv", "fix not written: its folder is read-only; not fixed"),
                        ("ro.csv", "fix not written: the file is read-only; not fixed")]
    assert (tmp_path / "ro.csv").read_bytes() == BAD and os.stat(tmp_path / "ro.csv").st_mode & 0o777 == 0o444
    assert (tmp_path / "locked" / "in.csv").read_bytes() == BAD
    assert (tmp_path / "ok.csv").read_bytes() == GOOD
    assert "ro.csv: the file is read-only; not fixed" in r.stderr


def test_hard_link_is_not_split(tmp_path):
    (tmp_path / "a.csv").write_bytes(BAD)
    os.link(tmp_path / "a.csv", tmp_path / "other-name.dat")
    r = fix(tmp_path, "a.csv")
    assert r.returncode == 1
    assert dl155(r) == [("a.csv", "fix not written: the file has 2 hard links, which a rewrite would split; not fixed")]
    assert os.stat(tmp_path / "a.csv").st_ino == os.stat(tmp_path / "other-name.dat").st_ino


def test_extended_attributes_are_kept(tmp_path):
    f = tmp_path / "a.csv"
    f.write_bytes(BAD)
    try:
        os.setxattr(f, "user.origin", b"export-2024")
    except OSError:
        pytest.skip("this file system has no user extended attributes")
    r = fix(tmp_path, "a.csv")
    assert r.returncode == 0, r.stdout
    assert f.read_bytes() == GOOD and os.getxattr(f, "user.origin") == b"export-2024"


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("setpriv") is None, reason="needs root and setpriv to own a file for another user")
def test_owner_that_cannot_be_kept_is_refused(tmp_path):
    f = tmp_path / "a.csv"
    f.write_bytes(BAD)
    os.chown(f, 4321, 4321)
    os.chmod(f, 0o666)
    r = fix(tmp_path, "a.csv")  # root may chown: the owner is carried over
    assert r.returncode == 0 and f.read_bytes() == GOOD and (os.stat(f).st_uid, os.stat(f).st_gid) == (4321, 4321)
    f.write_bytes(BAD)
    r = fix(tmp_path, "a.csv", prefix=("setpriv", "--bounding-set=-chown"))  # as a user who cannot chown
    assert r.returncode == 1
    assert dl155(r) == [("a.csv", "fix not written: its owner or group could not be kept; not fixed")]
    assert f.read_bytes() == BAD and os.stat(f).st_uid == 4321


def test_file_changed_during_fix_exits_1_and_says_so(tmp_path):
    f = tmp_path / "interactions.csv"
    f.write_bytes(BAD)
    p = subprocess.Popen([sys.executable, "-m", "druglint", "check", "--fix", "--format", "json", "interactions.csv"],
                         cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         env={**os.environ, "DRUGLINT_TEST_PAUSE_BEFORE_RENAME": "3"})
    assert "pausing before rename" in p.stdout.readline()
    edited = BAD + b"a,b,minor\n"
    f.write_bytes(edited)
    out, err = p.communicate(timeout=120)
    assert p.returncode == 1, (out, err)  # exited 0 before
    assert "changed since it was read" in err
    assert [v["code"] for v in json.loads(out) if v["code"] == "DL155"] == ["DL155"]
    assert f.read_bytes() == edited


def test_temp_files_of_killed_runs_are_cleaned_up(tmp_path):
    f = tmp_path / "interactions.csv"
    f.write_bytes(BAD)
    p = subprocess.Popen([sys.executable, "-m", "druglint", "check", "--fix", "interactions.csv"], cwd=tmp_path,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         env={**os.environ, "DRUGLINT_TEST_PAUSE_BEFORE_RENAME": "60"})
    assert "pausing before rename" in p.stdout.readline()
    os.kill(p.pid, signal.SIGKILL)
    p.wait(timeout=30)
    left = [x.name for x in tmp_path.iterdir() if x.name != "interactions.csv"]
    assert len(left) == 1 and left[0].startswith(".interactions.csv.") and left[0].endswith(".druglint-tmp")
    assert f.read_bytes() == BAD
    r = fix(tmp_path, ".")  # the next --fix collects it
    assert r.returncode == 0, r.stderr
    assert [x.name for x in tmp_path.iterdir()] == ["interactions.csv"] and f.read_bytes() == GOOD
