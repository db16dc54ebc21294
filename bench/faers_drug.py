"""A FAERS-like DRUG file at any size (10^8 rows is the issue 17 goal) and its run, streamed
and on a 2-worker LocalCluster, with rows per second and peak memory per process. Not part
of the tests.

    python bench/faers_drug.py generate 1e8 /tmp/faers/drug_1e8.txt
    nice -n 10 python bench/faers_drug.py run /tmp/faers/drug_1e8.txt --chunk-size 1000000

The file has FAERS' DRUG layout ("$"-delimited: primaryid, caseid, drug_seq, role_cod,
drugname, prod_ai, route, dose_amt, dose_unit, dose_form, dose_freq; FDA "FAERS Quarterly
Data Extract Files" ASCII_README), with FAERS' shape: several drugs per report, names in
capitals, many names repeated (Zipf), route and unit words as the FAERS preset maps them. Names are
synthetic (syllables), as in bench/generate.py. It is not named DRUGyyQn.txt, so the FAERS
preset (which reads a quarter in memory) does not claim it: a ``druglint.yaml`` beside it
maps the columns onto the dosing kind, and the file streams. Planted: exact duplicate rows
(DL108) and an out-of-vocabulary route (DL104), about one row in a thousand each.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
SEED = 20261202
# FAERS' words as the FAERS preset maps them onto druglint's vocabularies (a run measures the
# engine, not 10^8 vocabulary findings: the client would hold every finding)
ROUTES = np.array(["oral", "intravenous", "subcutaneous", "intramuscular", "topical", "unknown", "transdermal"],
                  dtype=object)
UNITS = np.array(["mg", "mcg", "g", "mL", "mg", "mg"], dtype=object)
FORMS = np.array(["TABLET", "INJECTION", "CAPSULE", "SOLUTION", "CREAM", ""], dtype=object)
FREQ = np.array(["daily", "twice daily", "weekly", "every other week", "", ""], dtype=object)
ROLES = np.array(["PS", "SS", "C", "I"], dtype=object)
CONFIG = """columns:
  patient_id: [primaryid]
  drug: [drugname]
  dose: [dose_amt]
  frequency: [dose_freq]
kinds:
  "*.txt": dosing
limits:
  max-file-size: none  # a 10^8-row file is 7 GB; the limit guards reading in one piece
"""


def generate(n: int, path: Path, block: int = 2_000_000) -> dict:
    import pyarrow as pa
    import pyarrow.csv as pacsv

    sys.path.insert(0, str(HERE))
    from generate import names

    rng = np.random.default_rng(SEED)
    pool = np.char.upper(names(20_000).astype(str)).astype(object)  # FAERS writes names in capitals
    path.parent.mkdir(parents=True, exist_ok=True)
    (path.parent / "druglint.yaml").write_text(CONFIG)
    planted = {"DL108": 0, "route": 0}
    written = 0
    fields = ("primaryid", "caseid", "drug_seq", "role_cod", "drugname", "prod_ai", "route", "dose_amt", "dose_unit",
              "dose_form", "dose_freq")
    opts = pacsv.WriteOptions(delimiter="$", quoting_style="none", include_header=False)
    path.write_text("$".join(fields) + "\n")  # FAERS writes its header unquoted
    with open(path, "ab") as sink, pacsv.CSVWriter(sink, pa.schema([(c, pa.string()) for c in fields]),
                                                   write_options=opts) as w:
        while written < n:
            m = min(block, n - written)
            row = np.arange(written, written + m)
            report = 100_000_000 + row // 4  # about four drugs per report
            seq = row % 4 + 1
            drug = pool[np.minimum(rng.zipf(1.3, m) - 1, pool.size - 1)]  # a few names are most of the rows
            route = ROUTES[rng.integers(0, ROUTES.size, m)]
            dose = np.round(rng.gamma(2.0, 50.0, m), 1).astype(str).astype(object)
            unit = UNITS[rng.integers(0, UNITS.size, m)]
            unit = np.where(dose == "", "", unit)
            bad_route = rng.random(m) < 0.001
            route = np.where(bad_route, "orl", route)
            planted["route"] += int(bad_route.sum())
            cols = [report.astype(str), (report // 10).astype(str), seq.astype(str), ROLES[rng.integers(0, 4, m)], drug,
                    drug, route, dose, unit, FORMS[rng.integers(0, FORMS.size, m)], FREQ[rng.integers(0, FREQ.size, m)]]
            dup = np.flatnonzero(rng.random(m) < 0.001)
            dup = dup[dup > 0]
            for c in cols:  # a row copied from the one before it, cell for cell
                c[dup] = c[dup - 1]
            planted["DL108"] += int(dup.size)
            w.write(pa.table({f: pa.array(np.asarray(c, dtype=object).astype(str)) for f, c in zip(fields, cols)}))
            written += m
    manifest = {"rows": n, "bytes": path.stat().st_size, "planted": planted, "seed": SEED}
    Path(str(path) + ".manifest.json").write_text(json.dumps(manifest))
    return manifest


def _peak_tree(proc: subprocess.Popen) -> dict:
    """Wait for ``proc``; peak RSS (MB) of it and of each descendant seen, sampled every 0.5 s."""
    import psutil

    peaks: dict[int, tuple[str, float]] = {}
    p = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            for q in [p, *p.children(recursive=True)]:
                rss = q.memory_info().rss / 2**20
                name = " ".join(q.cmdline()[1:3])[-60:]
                if rss > peaks.get(q.pid, ("", 0))[1]:
                    peaks[q.pid] = (name, rss)
        except psutil.Error:
            pass
        time.sleep(0.5)
    return {f"{pid} {name}": round(rss) for pid, (name, rss) in peaks.items()}


def run(path: Path, chunk: int, engine: str) -> dict:
    out = path.parent / f"findings-{engine}.json"
    (path.parent / "druglint.yaml").write_text(CONFIG)  # this version's mapping and limits
    cmd = [sys.executable, "-m", "druglint", "check", "--no-cache", "--chunk-size", str(chunk), "--format", "json",
           "-o", str(out), path.name]
    if engine == "dask":
        cmd[4:4] = ["--engine", "dask"]
    env = dict(os.environ, DASK_DISTRIBUTED__WORKER__MEMORY__TARGET="false")
    import resource

    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.time()
    proc = subprocess.Popen(cmd, cwd=str(path.parent), env=env)
    peaks = _peak_tree(proc)
    wall = time.time() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # every reaped descendant: client, nanny, workers
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    found: dict[str, int] = {}
    if out.exists():
        for v in json.loads(out.read_text()):
            found[v["code"]] = found.get(v["code"], 0) + 1
    rows = json.loads(Path(str(path) + ".manifest.json").read_text())["rows"]
    return {"engine": engine, "rc": proc.returncode, "rows": rows, "wall_s": round(wall, 1), "cpu_s": round(cpu, 1),
            "rows_per_s": round(rows / wall), "load_start_end": [round(load, 2), round(os.getloadavg()[0], 2)],
            "peak_mb_per_process": peaks, "found": found}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("what", choices=("generate", "run"))
    ap.add_argument("arg")
    ap.add_argument("path", nargs="?")
    ap.add_argument("--chunk-size", type=int, default=1_000_000)
    ap.add_argument("--engine", default="both", choices=("streamed", "dask", "both"))
    args = ap.parse_args()
    if args.what == "generate":
        print(json.dumps(generate(int(float(args.arg)), Path(args.path))))
        return
    for engine in (("streamed", "dask") if args.engine == "both" else (args.engine,)):
        print(json.dumps(run(Path(args.arg), args.chunk_size, engine)), flush=True)


if __name__ == "__main__":
    main()
