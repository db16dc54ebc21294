"""The result cache's goal: re-running on 20 unchanged small files takes at most a third of
the cold run, whole process included. Not part of the test suite.

    python bench/cache.py [--runs 5]

Builds 20 small files (the demo's three kinds, renamed and varied) in a temporary folder,
then times `druglint check` as a fresh process: cold (empty cache folder, every run) and
warm (every file cached). Prints the medians and the ratio.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEMO = Path(__file__).resolve().parents[1] / "demo"


def make_files(folder: Path, n: int = 20) -> None:
    demos = sorted(DEMO.glob("*.csv"))
    for i in range(n):
        src = demos[i % len(demos)]
        text = src.read_text(encoding="utf-8")
        (folder / f"{src.stem}_{i:02d}.csv").write_text(text, encoding="utf-8")
    (folder / "druglint.yaml").write_text("select: [ALL]\n", encoding="utf-8")


def timed(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, user+system CPU seconds) of one child process: on a shared machine the
    CPU time is the steadier figure (the wall clock includes waiting for a core)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    exe = [sys.executable, "-m", "druglint", "check", "."]
    os.environ.pop("DRUGLINT_NO_CACHE", None)
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        make_files(folder)
        cold, warm = [], []
        for _ in range(args.runs):
            shutil.rmtree(folder / ".druglint_cache", ignore_errors=True)
            cold.append(timed(exe, folder))
            warm.append(timed(exe, folder))
        for label, i in (("wall", 0), ("cpu", 1)):
            c, w = statistics.median(x[i] for x in cold), statistics.median(x[i] for x in warm)
            print(f"20 files, {args.runs} runs, {label}: cold median {c:.2f} s, warm median {w:.2f} s, warm/cold {w / c:.2f}")
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
