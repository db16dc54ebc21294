"""The long fuzz run (issue 8 item 7): not part of the default test run.

    nice .venv/bin/python tests/fuzz_long.py --count 100000 --full-every 10 --seed 1
    # on a busy 2-core machine, as recorded in docs/reliability.md: two seeds of 50,000,
    # each input read as its own format plus 2 others, a whole check every 25th
    nice .venv/bin/python tests/fuzz_long.py --count 50000 --full-every 25 --other-readers 2 --seed 101

Every generated table input (random CSV/TSV/'$' shapes, JSON/JSONL, YAML, Parquet, raw
bytes; see tests/robust_fuzz.py) goes through every table reader (the bytes are read as
each format in turn); workbooks (.xlsx, .ods) through the workbook reader; every
``--full-every``-th input also goes through the whole check (``lint_paths``: discover,
reader, kind, schema, all rules, project rules, text and JSON rendering, fix planning).
Prose documents (.md, .rst, .txt) always go through the whole check, and the documents
``druglint derive`` reads (SPL XML, openFDA JSON, articles) through ``derive_files``
(tests/robust_fuzz_docs.py). Every ``--frame-every``-th input also sends a random
DataFrame through ``lint_frame``. A crash is any exception other than a one-line
UsageError/DeriveError; an input running past ``--hang-seconds`` is a hang. Each distinct
crash (type, file, line) and every hang is saved under --crash-dir with its input, and the
run goes on. Per input, the wall time and the peak RSS (VmHWM, reset before each input)
are measured; the summary line at the end (count, crashes, hangs, the slowest and the
largest input) is what docs/reliability.md records.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import signal
import sys
import tempfile
import time
import traceback
import warnings
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import robust_fuzz as F  # noqa: E402
import robust_fuzz_docs as D  # noqa: E402

# what an input is: (generator, share). Tables dominate; prose, workbooks and derive inputs
# (SPL XML, openFDA JSON, articles) each get a share of their own.
MIX = [(F.random_input, 0.70), (D.random_prose, 0.12), (D.random_workbook, 0.08), (D.random_derive_input, 0.10)]
WORKBOOKS = (".xlsx", ".ods")


class Hang(BaseException):
    """An input ran past --hang-seconds (a BaseException, so no ``except Exception`` in
    druglint swallows it)."""


def _on_alarm(signum, frame):  # noqa: ARG001
    raise Hang("input ran past the hang limit")


def _peak_kb() -> int:
    """This process's peak RSS since the last _reset_peak (VmHWM), in KB."""
    with open("/proc/self/status") as fh:
        return int(re.search(r"VmHWM:\s+(\d+)", fh.read()).group(1))


def _reset_peak() -> None:
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")  # resets VmHWM to the current RSS (Linux)
    except OSError:
        pass


def _pick(rng: random.Random):
    r = rng.random()
    for gen, share in MIX:
        if r < share:
            return gen
        r -= share
    return MIX[0][0]


def run_one(data: bytes, suffix: str, gen, i: int, args, folder: str, rng: random.Random, stage: list[str]) -> None:
    """One input through its readers (and the whole check every --full-every-th); ``stage``
    holds the stage it is in, for the crash report."""
    if gen is D.random_derive_input:
        stage[0] = "derive"
        D.exercise_derive(data, suffix, folder)
        return
    if gen is D.random_prose:  # prose has no reader of its own: the whole check is its reader
        stage[0] = "check"
        F.exercise(data, suffix, name=rng.choice(["warfarin", "monograph", "notes"]))
        return
    if suffix in WORKBOOKS:
        from druglint.readers.workbook import read_workbook

        path = os.path.join(folder, "input" + suffix)
        Path(path).write_bytes(data)
        for sheet in read_workbook(path, "input" + suffix):
            t = sheet.result.table
            assert t is None or len(t.lines) == len(t.frame)
    else:
        F.exercise_readers(data, suffix, folder, args.other_readers, rng)
    if i % args.full_every == 0:
        stage[0] = "check"
        F.exercise(data, suffix, name=rng.choice(["interactions", "side_effects", "dosing", "data"]))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=100_000)
    ap.add_argument("--full-every", type=int, default=10)
    ap.add_argument("--other-readers", type=int, default=None,
                    help="read each input as this many other formats too (default: all of them)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--crash-dir", default="fuzz-crashes")
    ap.add_argument("--memory-gb", type=float, default=6.0)
    ap.add_argument("--progress", type=int, default=5000)
    ap.add_argument("--hang-seconds", type=float, default=120.0,
                    help="an input (with its frame) running longer than this is a hang: stopped, saved and counted")
    ap.add_argument("--slow-seconds", type=float, default=10.0, help="report (SLOW) an input taking longer than this")
    ap.add_argument("--save-slow", action="store_true", help="save the slow inputs under --crash-dir too")
    ap.add_argument("--frame-every", type=int, default=2,
                    help="every N-th input also sends a random DataFrame through druglint.lint_frame (0: never)")
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    lim = int(args.memory_gb * 2**30)
    resource.setrlimit(resource.RLIMIT_AS, (lim, lim))  # a runaway input is a MemoryError, not a dead machine
    rng = random.Random(args.seed)
    crashes: dict[tuple[str, str, int], int] = {}
    full = 0
    frames = 0
    t0 = time.time()
    kinds: dict[str, int] = {}
    signal.signal(signal.SIGALRM, _on_alarm)
    hangs = 0
    slow = 0
    max_s, max_s_at = 0.0, ""
    max_kb, max_kb_at = 0, ""
    checks = {"check": 0, "derive": 0}
    with tempfile.TemporaryDirectory(prefix="druglint-fuzz-long-") as folder:
        for i in range(1, args.count + 1):
            gen = _pick(rng)
            data, suffix = gen(rng)
            kinds[suffix] = kinds.get(suffix, 0) + 1
            box = ["readers"]
            frame = None
            _reset_peak()
            start = time.perf_counter()
            signal.setitimer(signal.ITIMER_REAL, args.hang_seconds)
            try:
                run_one(data, suffix, gen, i, args, folder, rng, box)
                if box[0] in checks:
                    checks[box[0]] += 1
                if args.frame_every and i % args.frame_every == 0:
                    box[0] = "frame"
                    frame = F.random_frame(rng)
                    F.exercise_frame(frame, rng)
                    frames += 1
            except (Exception, Hang) as exc:  # noqa: BLE001 - counting crashes is the point
                signal.setitimer(signal.ITIMER_REAL, 0)
                stage = box[0]
                tb = traceback.extract_tb(exc.__traceback__)[-1]
                key = (type(exc).__name__, os.path.relpath(tb.filename), tb.lineno or 0)
                hangs += isinstance(exc, Hang)
                if key not in crashes or isinstance(exc, Hang):
                    os.makedirs(args.crash_dir, exist_ok=True)
                    base = os.path.join(args.crash_dir, f"{args.seed}-{i:06d}-{stage}{suffix}")
                    with open(base, "wb") as fh:
                        if stage == "frame":
                            import pickle

                            pickle.dump(frame, fh)  # the DataFrame that crashed (pandas.read_pickle)
                        else:
                            fh.write(data)
                    with open(base + ".txt", "w") as fh:
                        fh.write("".join(traceback.format_exception(exc)))
                    print(f"{'HANG' if isinstance(exc, Hang) else 'CRASH'} {key} input {i} stage {stage}: {str(exc)[:200]}", flush=True)
                if not isinstance(exc, Hang):
                    crashes[key] = crashes.get(key, 0) + 1
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            stage = box[0]
            took = time.perf_counter() - start
            kb = _peak_kb()
            if took > args.slow_seconds:
                slow += 1
                print(f"SLOW input {i} {suffix} {stage} {len(data)} bytes: {took:.1f}s, peak RSS {kb // 1024} MB", flush=True)
                if args.save_slow:
                    os.makedirs(args.crash_dir, exist_ok=True)
                    with open(os.path.join(args.crash_dir, f"{args.seed}-{i:06d}-slow-{stage}{suffix}"), "wb") as fh:
                        fh.write(data)
            if took > max_s:
                max_s, max_s_at = took, f"input {i} {suffix} {stage} {len(data)} bytes"
            if kb > max_kb:
                max_kb, max_kb_at = kb, f"input {i} {suffix} {stage} {len(data)} bytes"
            if i % args.progress == 0:
                print(f"{i} inputs, {checks['check']} whole checks, {checks['derive']} derive runs, {frames} frames, {time.time() - t0:.0f}s, {sum(crashes.values())} crashes, "
                      f"{hangs} hangs, max {max_s:.1f}s ({max_s_at}), max RSS {max_kb // 1024} MB ({max_kb_at})", flush=True)
    dur = time.time() - t0
    full = checks["check"]
    summary = {"inputs": args.count, "whole_checks": full, "derive_runs": checks["derive"], "frames": frames,
               "hangs": hangs, "slow_inputs": slow, "max_seconds_per_input": round(max_s, 2), "slowest": max_s_at,
               "max_rss_mb_per_input": max_kb // 1024, "largest": max_kb_at, "other_readers": args.other_readers, "seed": args.seed, "seconds": round(dur, 1),
               "crashes": sum(crashes.values()), "distinct_crashes": len(crashes), "by_suffix": kinds}
    print("SUMMARY " + json.dumps(summary), flush=True)
    return 1 if crashes or hangs else 0


if __name__ == "__main__":
    sys.exit(main())
