"""What the knowledge pack costs a run: load time and first resolutions, in fresh processes.

    python bench/knowledge_load.py [--runs 5]

Each run is a new Python process that imports pandas (as every druglint run does), then
times ``knowledge.load()`` and the resolution of the distinct drug names of the 20-file
pre-commit set of bench/run.py (generated on first use), then ``facts`` of one drug and the
first read of the names table (what a near-miss search costs). Medians are printed; nothing
is asserted (speed is measured, never tested).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHILD = r"""
import json, sys, time, glob
import pandas as pd
names = set()
for f in glob.glob(sys.argv[1] + "/*.csv"):
    t = pd.read_csv(f, dtype=str)
    for c in t.columns:
        if "drug" in c.lower():
            names.update(t[c].dropna())
t0 = time.perf_counter()
from druglint import knowledge
kb = knowledge.load()
t1 = time.perf_counter()
drugs, hows = kb.resolve_many(sorted(names))
t2 = time.perf_counter()
kb.facts("atorvastatin")
t3 = time.perf_counter()
kb.known_keys()
t4 = time.perf_counter()
print(json.dumps({"names": len(names), "resolved": int(sum(d is not None for d in drugs)), "load": t1 - t0,
                  "resolve": t2 - t1, "facts": t3 - t2, "names_table": t4 - t3}))
"""


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--data", default=os.path.join(tempfile.gettempdir(), "druglint-bench"))
    args = ap.parse_args()
    folder = Path(args.data) / "precommit"
    if not folder.exists():
        sys.path.insert(0, str(HERE))
        import generate

        kinds = ["interactions"] * 7 + ["side_effects"] * 7 + ["dosing"] * 6
        for i, kind in enumerate(kinds):
            generate.generate(kind, 100, folder / f"{kind}_{i:02d}.csv", seed=generate.SEED + i)
        for m in folder.glob("*.manifest.json"):
            m.rename(folder.parent / ("precommit_" + m.name))
    runs = [json.loads(subprocess.run([sys.executable, "-c", CHILD, str(folder)], capture_output=True, text=True,
                                      check=True).stdout) for _ in range(args.runs)]
    med = {k: statistics.median(r[k] for r in runs) for k in ("load", "resolve", "facts", "names_table")}
    print(f"{runs[0]['names']} distinct drug names in the 20 pre-commit files, {runs[0]['resolved']} resolved")
    print("median seconds: " + ", ".join(f"{k} {v:.3f}" for k, v in med.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
