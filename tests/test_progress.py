"""The progress bar: drawn on a real pseudo-terminal, absent when piped or under CI."""
from __future__ import annotations

import io
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from druglint.progress import Progress, enabled

ROOT = Path(__file__).resolve().parents[1]
BAR = b"druglint ["


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "DRUGLINT_NO_PROGRESS", "TERM")}
    env.update({"DRUGLINT_PROGRESS_DELAY": "0", "TERM": "xterm", "NO_COLOR": "1"}, **extra)
    return env


def _run_with_pty_stderr(args: list[str], env: dict[str, str]) -> tuple[int, bytes, bytes]:
    """Run druglint with stderr on a pseudo-terminal and stdout on a pipe."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "druglint", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=slave, stdin=subprocess.DEVNULL)
    os.close(slave)
    chunks = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        elif proc.poll() is not None:
            # drain what is left, then stop
            try:
                while select.select([master], [], [], 0.05)[0]:
                    data = os.read(master, 65536)
                    if not data:
                        break
                    chunks.append(data)
            except OSError:
                pass
            break
    out = proc.stdout.read()
    proc.wait(timeout=60)
    os.close(master)
    return proc.returncode, out, b"".join(chunks)


def test_bar_is_drawn_on_a_terminal_and_erased_at_the_end():
    rc, out, tty = _run_with_pty_stderr(["check", "fixtures/interactions", "fixtures/side_effects"], _env())
    assert rc == 1
    assert BAR in tty, tty[:500]
    n = len(list((ROOT / "fixtures" / "interactions").iterdir())) + len(list((ROOT / "fixtures" / "side_effects").iterdir()))
    assert f"/{n} files".encode() in tty
    assert tty.endswith(b"\r\x1b[K")  # the line is erased: the terminal is left clean
    assert BAR not in out and b"DL301" in out  # the report on stdout is untouched


def test_no_bar_when_stderr_is_piped():
    proc = subprocess.run([sys.executable, "-m", "druglint", "check", "fixtures/interactions"], cwd=ROOT, env=_env(),
                          capture_output=True, timeout=120)
    assert proc.returncode == 1
    assert BAR not in proc.stderr and b"\x1b[K" not in proc.stderr
    assert proc.stderr == b""


@pytest.mark.parametrize("extra", [{"CI": "true"}, {"CI": "1"}, {"DRUGLINT_NO_PROGRESS": "1"}, {"TERM": "dumb"}])
def test_no_bar_under_ci_or_when_disabled(extra):
    rc, out, tty = _run_with_pty_stderr(["check", "fixtures/interactions"], _env(**extra))
    assert rc == 1 and b"DL301" in out
    assert BAR not in tty


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_enabled_rules():
    assert enabled(FakeTTY(), {}) is True
    assert enabled(FakeTTY(), {"CI": "false"}) is True
    assert enabled(FakeTTY(), {"CI": "true"}) is False
    assert enabled(io.StringIO(), {}) is False


def test_the_bar_counts_bytes_and_names_the_file(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    small, big = tmp_path / "small.csv", tmp_path / "big.csv"
    small.write_bytes(b"x" * 1000)
    big.write_bytes(b"x" * 9000)
    p = Progress(FakeTTY(), delay=60)  # never draws by itself in this test
    p.start([str(small), str(big)])
    p.file(str(small))
    p.file(str(big))
    line = p.line()
    p.done()
    # the delay had not passed: nothing was drawn, so nothing needed erasing
    assert p.stream.getvalue() == ""
    monkeypatch.setenv("COLUMNS", "60")  # a narrow terminal: the line is cut to fit
    narrow = p.line()
    assert len(narrow.removeprefix("\r").removesuffix("\x1b[K")) <= 59  # never wraps onto a second line
    # small done (1000) + half of big (4500) of 10000 bytes
    assert " 55%" in line and "2/2 files" in line and "5.5 kB/10.0 kB" in line and line.endswith(str(big) + "\x1b[K")
