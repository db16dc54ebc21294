"""A progress bar on stderr for long runs, drawn only where a person is watching.

Shown when stderr is a terminal, ``CI`` is not set (or is "false"/"0"), ``TERM`` is not
``dumb`` and ``DRUGLINT_NO_PROGRESS`` is not set; never when stderr is piped or
redirected. Even then it appears only once a run has lasted ``DELAY`` seconds (0.5 s by
default, ``DRUGLINT_PROGRESS_DELAY`` to change it), so quick runs print nothing extra.

The bar counts bytes, not files, so one large file moves it as much as it weighs; a
background thread redraws it (at most 8 times a second) with the elapsed time and the
file being read, so a single large file still shows life. When the run ends the line is
erased, leaving the terminal exactly as the report expects. Hand-written ANSI (no rich):
carriage return and erase-line only.
"""
from __future__ import annotations

import os
import shutil
import sys
import threading
import time
from typing import IO, Sequence

DELAY = 0.5
INTERVAL = 0.125
_ERASE = "\r\033[K"


def enabled(stream: IO[str] | None = None, env: dict[str, str] | None = None) -> bool:
    """Whether a progress bar may be drawn on ``stream`` (default: stderr)."""
    stream = sys.stderr if stream is None else stream
    env = os.environ if env is None else env
    if env.get("DRUGLINT_NO_PROGRESS"):
        return False
    if env.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        return False
    if env.get("TERM") == "dumb":
        return False
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # closed or not a real stream
        return False


def _size(n: float) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} GB"


class Progress:
    """``start(files)``, ``file(path)`` before each file, ``done()`` at the end."""

    def __init__(self, stream: IO[str] | None = None, delay: float | None = None):
        self.stream = sys.stderr if stream is None else stream
        if delay is None:
            try:
                delay = float(os.environ.get("DRUGLINT_PROGRESS_DELAY", DELAY))
            except ValueError:
                delay = DELAY
        self.delay = delay
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._drawn = False
        self.sizes: dict[str, int] = {}
        self.total = 0
        self.done_bytes = 0
        self.count = 0
        self.index = 0
        self.current = ""
        self._current_size = 0
        self.t0 = time.monotonic()

    # -- what the engine calls -------------------------------------------------------
    def start(self, files: Sequence[str]) -> None:
        for f in files:
            try:
                self.sizes[f] = os.stat(f).st_size
            except OSError:
                self.sizes[f] = 0
        self.total = sum(self.sizes.values())
        self.count = len(files)
        self.t0 = time.monotonic()
        self._thread = threading.Thread(target=self._run, name="druglint-progress", daemon=True)
        self._thread.start()

    def file(self, path: str) -> None:
        with self._lock:
            self.done_bytes += self._current_size
            self.index += 1
            self.current = path
            self._current_size = self.sizes.get(path, 0)

    def done(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        with self._lock:
            if self._drawn:
                self._write(_ERASE)
                self._drawn = False

    # -- drawing ---------------------------------------------------------------------
    def _run(self) -> None:
        if self._stop.wait(self.delay):
            return
        while not self._stop.is_set():
            with self._lock:
                self._write(self.line())
                self._drawn = True
            self._stop.wait(INTERVAL)

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # the terminal went away: stop drawing, keep linting
            self._stop.set()

    def line(self) -> str:
        """One terminal line; the file name gets the room (at least ~40 characters on an
        80-column terminal): the byte counts and the clock are dropped before it is cut,
        and a long path keeps its end (the file name), not its first folders."""
        width = shutil.get_terminal_size((80, 24)).columns
        done = self.done_bytes + self._current_size // 2  # the file being read counts half
        frac = min(done / self.total, 1.0) if self.total else (self.index - 1) / max(self.count, 1)
        elapsed = time.monotonic() - self.t0
        bar_w = 10
        filled = int(frac * bar_w)
        bar = "#" * filled + "-" * (bar_w - filled)
        head = f"druglint [{bar}] {frac * 100:3.0f}%  {self.index}/{self.count} files  "
        extra = f"{_size(done)}/{_size(self.total)}  {elapsed:.0f}s  "
        if width - len(head) - len(extra) - 1 >= min(len(self.current), 40):
            head += extra
        room = max(width - len(head) - 1, 0)
        name = self.current if len(self.current) <= room else "…" + self.current[-(room - 1):] if room > 1 else ""
        return "\r" + (head + name)[: max(width - 1, 1)] + "\033[K"


def for_cli() -> Progress | None:
    """A Progress for the command line, or None when it must stay silent."""
    return Progress() if enabled() else None


__all__ = ["Progress", "enabled", "for_cli"]
