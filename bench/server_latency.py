"""Warm latency of `druglint server`: from a one-cell edit in a 10,000-row CSV (didChange)
to its publishDiagnostics, as an editor sees it. Not part of the test suite.

    python bench/server_latency.py [--rows 10000] [--edits 10]

A real client (pygls) starts the server over stdio, opens the file (the cold lint), then
makes ``--edits`` edits one after another, each toggling a cell between a valid and an
invalid value, and times each from sending the change to receiving the diagnostics. The
server waits DEBOUNCE (0.25 s) of quiet before linting; the figures are given with and
without it.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import test_server as ts  # noqa: E402  (the end-to-end test's client helpers)
from druglint.server import DEBOUNCE  # noqa: E402


def cpu_seconds(pid: int) -> float:
    """user+system CPU of a process so far (Linux /proc): the server's own work per edit."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def make_csv(path: Path, rows: int) -> None:
    drugs = ["warfarin", "aspirin", "ibuprofen", "naproxen", "fluconazole", "acyclovir", "methotrexate", "digoxin"]
    sev = ["major", "moderate", "minor", "contraindicated"]
    lines = ["drug_a,drug_b,severity,effect,source"]
    for i in range(rows):
        a, b = drugs[i % 8], drugs[(i * 3 + 1) % 8]
        if a == b:
            b = drugs[(i + 2) % 8]
        lines.append(f"{a}{i // 64},{b}{i // 64},{sev[i % 4]},effect {i},bench")
    path.write_text("\n".join(lines) + "\n")


async def run(rows: int, edits: int) -> None:
    root = Path(tempfile.mkdtemp())
    (root / "druglint.yaml").write_text("select: [ALL]\n")
    make_csv(root / "interactions.csv", rows)
    c = await ts._start(root)
    t = time.perf_counter()
    uri = ts._open(c, root / "interactions.csv")
    await c.wait(uri)
    cold = time.perf_counter() - t
    line = rows // 2
    text = (root / "interactions.csv").read_text().splitlines()[line]
    start = text.index(",", text.index(",") + 1) + 1
    value = text[start:text.index(",", start)]
    times, cpu = [], []
    pid = c.lc._server.pid
    for k in range(edits):
        new = "severe-ish" if k % 2 == 0 else value
        old_len = len(value) if k % 2 == 0 else len("severe-ish")
        c.expect(uri)
        t, u = time.perf_counter(), cpu_seconds(pid)
        ts._edit(c, uri, k + 2, line, start, start + old_len, new)
        diags = await c.wait(uri)
        times.append(time.perf_counter() - t)
        cpu.append(cpu_seconds(pid) - u)
        assert any(d.code == "DL104" for d in diags) == (k % 2 == 0)
    await ts._stop(c)
    med = statistics.median(times)
    print(f"{rows} rows: open (cold) {cold:.2f} s; edit -> diagnostics median {med:.3f} s "
          f"(min {min(times):.3f}, max {max(times):.3f}) including the {DEBOUNCE} s debounce, "
          f"so {med - DEBOUNCE:.3f} s of linting; server CPU per edit median {statistics.median(cpu):.3f} s; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000)
    ap.add_argument("--edits", type=int, default=10)
    args = ap.parse_args()
    asyncio.run(run(args.rows, args.edits))


if __name__ == "__main__":
    main()
