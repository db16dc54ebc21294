"""The long fuzz run (issue 8 item 7): not part of the default test run.

    nice .venv/bin/python tests/fuzz_long.py --count 100000 --full-every 10 --seed 1
    # on a busy 2-core machine, as recorded in docs/reliability.md: two seeds of 50,000,
    # each input read as its own format plus 2 others, a whole check every 25th
    nice .venv/bin/python tests/fuzz_long.py --count 50000 --full-every 25 --other-readers 2 --seed 101

Every generated input (random CSV/TSV/'$' shapes, JSON/JSONL, YAML, Parquet, raw bytes;
see tests/robust_fuzz.py) goes through every table reader (the bytes are read as each
format in turn); every ``--full-every``-th input also goes through the whole check
(discover, reader, kind, schema, all rules, project rules, text and JSON rendering, fix
planning). A crash is any exception other than a one-line UsageError; each distinct crash
(type, file, line) is saved under --crash-dir with its input and counted, and the run goes
on. The summary line at the end is what docs/reliability.md records.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
import traceback
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import robust_fuzz as F  # noqa: E402


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
    with tempfile.TemporaryDirectory(prefix="druglint-fuzz-long-") as folder:
        for i in range(1, args.count + 1):
            data, suffix = F.random_input(rng)
            kinds[suffix] = kinds.get(suffix, 0) + 1
            stage = "readers"
            try:
                F.exercise_readers(data, suffix, folder, args.other_readers, rng)
                if i % args.full_every == 0:
                    stage = "check"
                    name = rng.choice(["interactions", "side_effects", "dosing", "data"])
                    F.exercise(data, suffix, name=name)
                    full += 1
                if args.frame_every and i % args.frame_every == 0:
                    stage = "frame"
                    frame = F.random_frame(rng)
                    F.exercise_frame(frame, rng)
                    frames += 1
            except Exception as exc:  # noqa: BLE001 - counting crashes is the point
                tb = traceback.extract_tb(exc.__traceback__)[-1]
                key = (type(exc).__name__, os.path.relpath(tb.filename), tb.lineno or 0)
                if key not in crashes:
                    os.makedirs(args.crash_dir, exist_ok=True)
                    base = os.path.join(args.crash_dir, f"{len(crashes) + 1:03d}-{stage}{suffix}")
                    with open(base, "wb") as fh:
                        if stage == "frame":
                            import pickle

                            pickle.dump(frame, fh)  # the DataFrame that crashed (pandas.read_pickle)
                        else:
                            fh.write(data)
                    with open(base + ".txt", "w") as fh:
                        fh.write("".join(traceback.format_exception(exc)))
                    print(f"CRASH {key} input {i} stage {stage}: {str(exc)[:200]}", flush=True)
                crashes[key] = crashes.get(key, 0) + 1
            if i % args.progress == 0:
                print(f"{i} inputs, {full} full checks, {frames} frames, {time.time() - t0:.0f}s, {sum(crashes.values())} crashes", flush=True)
    dur = time.time() - t0
    summary = {"inputs": args.count, "full_checks": full, "frames": frames, "other_readers": args.other_readers, "seed": args.seed, "seconds": round(dur, 1),
               "crashes": sum(crashes.values()), "distinct_crashes": len(crashes), "by_suffix": kinds}
    print("SUMMARY " + json.dumps(summary), flush=True)
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
