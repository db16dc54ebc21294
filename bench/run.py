"""druglint benchmark: (a) pandas.read_csv alone, (b) `druglint check`, (c) `frictionless
validate` with an equivalent Table Schema, (d) a plain pandera schema — side by side on
synthetic datasets of each kind, plus a pre-commit-sized run and the start-up imports.

Not part of the test suite. Install the bench extra first (``pip install -e ".[bench]"``):

    nice python bench/run.py --sizes 1e5,1e6 --runs 3 --out bench/RESULTS.md

Every measurement is a fresh subprocess, timed from outside (wall clock, and user+system
CPU and peak RSS from ``os.wait4`` for that one child). (a) and (d) also report the time of
the operation itself, without interpreter start and imports. (b) is always the whole CLI
process, start-up included, so b/a is conservative. frictionless runs on the first
``--frictionless-rows`` rows only (``--limit-rows``; it validates 30-60k cells/s); its own
validation time is scaled linearly to the full size (plus its start-up), and the table says so.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import generate  # noqa: E402

PY = sys.executable
DRUGLINT = shutil.which("druglint", path=str(Path(PY).parent)) or "druglint"
FRICTIONLESS = shutil.which("frictionless", path=str(Path(PY).parent)) or "frictionless"

# canonical columns of the generated files: (name, type, required, vocabulary)
COLUMNS = {
    "interactions": [("drug_a", "string", True, None), ("drug_b", "string", True, None),
                     ("severity", "string", True, "severity"), ("effect", "string", False, None),
                     ("mechanism", "string", False, None), ("source", "string", False, None)],
    "side_effects": [("drug", "string", True, None), ("effect", "string", True, None),
                     ("frequency_category", "string", False, "frequency_category"),
                     ("frequency_percent", "number", False, None), ("serious", "boolean", False, None),
                     ("meddra_code", "string", False, None), ("source", "string", False, None)],
    "dosing": [("patient_id", "string", False, None), ("drug", "string", True, None),
               ("route", "string", True, "route"), ("dose", "number", False, None),
               ("dose_unit", "string", False, "unit"), ("frequency", "string", False, None),
               ("interval_days", "number", False, None), ("phase", "string", False, None),
               ("date", "string", False, None), ("pregnant", "boolean", False, None)],
}
TRUE = ["true", "yes", "y", "t", "1"]
FALSE = ["false", "no", "n", "f", "0"]


def enums() -> dict[str, list[str]]:
    from druglint.vocab import vocabulary

    return {n: list(vocabulary(n).canonical) for n in ("severity", "frequency_category", "route", "unit")}


def table_schema(kind: str, vocab: dict[str, list[str]]) -> dict:
    fields = []
    for name, typ, required, voc in COLUMNS[kind]:
        f: dict = {"name": name, "type": typ, "constraints": {}}
        if required:
            f["constraints"]["required"] = True
        if voc:
            f["constraints"]["enum"] = vocab[voc]
        if typ == "boolean":
            f["trueValues"], f["falseValues"] = TRUE, FALSE
        if name == "meddra_code":
            f["constraints"]["pattern"] = r"\d{8}"
        fields.append(f)
    return {"fields": fields, "missingValues": [""]}


READ_CSV = r"""
import json, sys, time
import pandas as pd
c0, t0 = time.process_time(), time.perf_counter()
df = pd.read_csv(sys.argv[1])
op, cpu = time.perf_counter() - t0, time.process_time() - c0
print(json.dumps({"op_wall": op, "op_cpu": cpu, "rows": len(df), "df_bytes": int(df.memory_usage(deep=True).sum())}))
"""

PANDERA = r"""
import json, sys, time
import pandas as pd
import pandera.pandas as pa
spec = json.loads(open(sys.argv[2]).read())
c0, t0 = time.process_time(), time.perf_counter()
df = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False, na_values=[""])
cols = {}
for name, typ, required, enum in spec:
    checks = []
    if enum:
        checks.append(pa.Check.isin(enum))
    if typ == "boolean":
        checks.append(pa.Check.isin(%r))
    dtype = float if typ == "number" else str
    cols[name] = pa.Column(dtype, checks=checks, nullable=not required, coerce=typ == "number")
schema = pa.DataFrameSchema(cols)
try:
    schema.validate(df, lazy=True)
    failures = 0
except pa.errors.SchemaErrors as exc:
    failures = len(exc.failure_cases)
op, cpu = time.perf_counter() - t0, time.process_time() - c0
print(json.dumps({"op_wall": op, "op_cpu": cpu, "failures": failures}))
""" % (TRUE + FALSE,)


def run_child(cmd: list[str], cwd: str | None = None) -> dict:
    """Wall time, CPU (user+sys) and peak RSS of one child process; its stdout as text."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=cwd)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return {"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "maxrss": ru.ru_maxrss * 1024,
                "rc": p.returncode, "stdout": out.read().decode(errors="replace"), "stderr": err.read().decode(errors="replace")}


def med(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def measure_file(kind: str, path: Path, runs: int, fl_rows: int, vocab: dict, work: Path) -> dict:
    res: dict = {"kind": kind, "path": str(path), "bytes": path.stat().st_size}
    man = json.loads(Path(str(path) + ".manifest.json").read_text())
    res["rows"], res["planted"] = man["rows"], man["planted"]
    spec_file = work / f"{kind}.pandera.json"
    spec_file.write_text(json.dumps([[n, t, r, vocab[v] if v else None] for n, t, r, v in COLUMNS[kind]]))
    schema_file = work / f"{kind}.schema.json"
    schema_file.write_text(json.dumps(table_schema(kind, vocab)))

    a, b, d = [], [], []
    for i in range(runs):
        # interleaved, so that a change in the machine's load hits all tools alike
        r = run_child([PY, "-c", READ_CSV, str(path)])
        a.append({**r, **json.loads(r["stdout"])})
        out = work / "druglint.json"
        r = run_child([DRUGLINT, "check", "--format", "json", "-o", str(out), str(path)], cwd=str(path.parent))
        if r["rc"] not in (0, 1):
            raise SystemExit(f"druglint failed on {path}: {r['stderr'][-2000:]}")
        if i == 0:
            found: dict[str, int] = {}
            for v in json.loads(out.read_text()):
                found[v["code"]] = found.get(v["code"], 0) + 1
            res["found"] = dict(sorted(found.items()))
        b.append(r)
        r = run_child([PY, "-c", PANDERA, str(path), str(spec_file)])
        d.append({**r, **json.loads(r["stdout"])})
    res["a_op"] = med([x["op_wall"] for x in a])
    res["a_op_cpu"] = med([x["op_cpu"] for x in a])
    res["a_proc"] = med([x["wall"] for x in a])
    res["df_bytes"] = a[0]["df_bytes"]
    res["a_rss"] = med([x["maxrss"] for x in a])
    res["b"] = med([x["wall"] for x in b])
    res["b_cpu"] = med([x["cpu"] for x in b])
    res["b_rss"] = max(x["maxrss"] for x in b)
    res["d_op"] = med([x["op_wall"] for x in d])
    res["d_proc"] = med([x["wall"] for x in d])
    res["d_cpu"] = med([x["cpu"] for x in d])
    res["d_rss"] = max(x["maxrss"] for x in d)
    res["d_failures"] = d[0]["failures"]

    # frictionless on the first ``fl_rows`` rows; its own validation time (report
    # stats.seconds) is scaled linearly to the full row count, plus its process start-up
    n = min(fl_rows, res["rows"])
    # relative paths: frictionless refuses absolute ones ("not safe") unless --trusted
    r = run_child([FRICTIONLESS, "validate", "--schema", os.path.relpath(schema_file, path.parent), "--limit-rows", str(n),
                   "--limit-errors", "100000000", "--json", path.name], cwd=str(path.parent))
    try:
        rep = json.loads(r["stdout"])
        seconds = float(rep["stats"]["seconds"])
        errors = int(rep["stats"]["errors"])
        task = rep["tasks"][0]
        if int(task["stats"].get("rows", 0)) < n:  # frictionless stopped early: not a measurement
            raise KeyError(f"frictionless read only {task['stats'].get('rows')} rows: {rep.get('errors')}")
    except (json.JSONDecodeError, KeyError, TypeError, ValueError):
        raise SystemExit(f"frictionless failed on {path}: {r['stdout'][-1000:]} {r['stderr'][-1000:]}")
    res["c_sample_rows"] = n
    res["c_sample_wall"] = r["wall"]
    res["c_sample_seconds"] = seconds
    res["c_sample_errors"] = errors
    res["c_cells_per_s"] = n * len(COLUMNS[kind]) / seconds if seconds > 0 else float("nan")
    res["c_est"] = (r["wall"] - seconds) + seconds * res["rows"] / n
    res["c_extrapolated"] = res["rows"] > n
    return res


def precommit(work: Path, runs: int) -> dict:
    """20 files of 100 rows (7 interactions, 7 side_effects, 6 dosing): `druglint check DIR`."""
    folder = work / "precommit"
    if not folder.exists():
        kinds = ["interactions"] * 7 + ["side_effects"] * 7 + ["dosing"] * 6
        for i, kind in enumerate(kinds):
            generate.generate(kind, 100, folder / f"{kind}_{i:02d}.csv", seed=generate.SEED + i)
        for m in folder.glob("*.manifest.json"):
            m.rename(work / ("precommit_" + m.name))  # keep the folder to the 20 data files
    walls, cpus = [], []
    for _ in range(runs):
        r = run_child([DRUGLINT, "check", "--format", "json", "-o", os.devnull, str(folder)], cwd=str(work))
        walls.append(r["wall"])
        cpus.append(r["cpu"])
    version = [run_child([DRUGLINT, "--version"])["wall"] for _ in range(runs)]
    imp = run_child([PY, "-X", "importtime", "-c", "import druglint.cli"])
    top = []
    for line in imp["stderr"].splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        parts = [p.strip() for p in line[len("import time:"):].split("|")]
        try:
            cum = int(parts[1])
        except ValueError:
            continue
        name = parts[2]
        if not name.startswith(" "):  # top-level imports only
            top.append((cum, name.strip()))
    top.sort(reverse=True)
    return {"files": 20, "rows_each": 100, "wall": med(walls), "wall_max": max(walls), "cpu": med(cpus),
            "version_wall": med(version), "import_top": top[:8]}


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    import numpy
    import pandas
    import pandera
    import pyarrow

    try:
        from importlib.metadata import version
        fl = version("frictionless")
    except Exception:
        fl = "not installed"
    return {"cpu": cpu, "cores": os.cpu_count(), "mem_gib": round(mem, 1), "os": platform.platform(),
            "python": platform.python_version(), "pandas": pandas.__version__, "numpy": numpy.__version__,
            "pyarrow": pyarrow.__version__, "pandera": pandera.__version__, "frictionless": fl,
            "load_start": os.getloadavg()}


def fmt_s(x: float) -> str:
    return f"{x:.2f}" if x < 100 else f"{x:.0f}"


def render(results: list[dict], pre: dict, mach: dict, args) -> str:
    L = []
    L.append("# druglint benchmark results\n")
    L.append(f"Produced by `{' '.join(['python', 'bench/run.py'] + sys.argv[1:])}` on "
             f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.\n")
    L.append(f"Machine: {mach['cpu']}, {mach['cores']} cores, {mach['mem_gib']} GiB RAM, {mach['os']}; Python "
             f"{mach['python']}, pandas {mach['pandas']}, numpy {mach['numpy']}, pyarrow {mach['pyarrow']}, "
             f"pandera {mach['pandera']}, frictionless {mach['frictionless']}.\n")
    L.append(f"Load average {mach['load_start'][0]:.2f} at the start, {os.getloadavg()[0]:.2f} at the end "
             f"(a load near the core count means other work shared the machine); benchmarks ran under `nice`. "
             f"Wall times are medians of {args.runs} interleaved runs per size (fewer where the table says so); "
             f"CPU time (user+system) is given beside wall time because it is less sensitive to other load.\n")
    L.append("Columns: **a** `pandas.read_csv(path)` alone (operation time inside the process; "
             "process time incl. Python start in brackets); **b** `druglint check --format json` on the file, all "
             "rules, whole process including start-up and imports; **c** `frictionless validate` with an equivalent "
             "Table Schema (types, enums, required) — *extrapolated*: it validates the first "
             f"{args.frictionless_rows} rows (`--limit-rows`), and its own validation time (report `stats.seconds`) "
             "is scaled linearly to the full row count, plus its measured process start-up; **d** "
             "read_csv + a plain pandera `DataFrameSchema` over the same columns (operation; process in "
             "brackets). b/a uses a's operation time (conservative: b includes ~0.5-1 s of start-up); "
             "b/d uses both process times. Peak = max RSS of the druglint process; DF = the read_csv DataFrame's "
             "`memory_usage(deep=True)`.\n")
    L.append("| kind | rows | MB | a s | b s (cpu) | c s (est.) | d s | b/a | c/b | b/d | b peak MB | peak/DF |")
    L.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        L.append(f"| {r['kind']} | {r['rows']:,} | {r['bytes'] / 1e6:.0f} | {fmt_s(r['a_op'])} ({fmt_s(r['a_proc'])}) | "
                 f"{fmt_s(r['b'])} ({fmt_s(r['b_cpu'])}) | {fmt_s(r['c_est'])}{'*' if r['c_extrapolated'] else ''} | "
                 f"{fmt_s(r['d_op'])} ({fmt_s(r['d_proc'])}) | {r['b'] / r['a_op']:.1f} | {r['c_est'] / r['b']:.0f} | "
                 f"{r['b'] / r['d_proc']:.2f} | {r['b_rss'] / 1e6:.0f} | {r['b_rss'] / r['df_bytes']:.1f} |")
    L.append("\n\\* extrapolated (see above). frictionless measured speed per kind: " + ", ".join(
        f"{r['kind']} {r['rows']:,}: {r['c_cells_per_s']:,.0f} cells/s" for r in results) + ".\n")
    by = {}
    for r in results:
        by.setdefault(r["kind"], {})[r["rows"]] = r
    lin = []
    for kind, rs in by.items():
        ns = sorted(rs)
        for n0, n1 in zip(ns, ns[1:]):
            lin.append(f"{kind} {n0:,} -> {n1:,} rows (x{n1 / n0:.0f}): b x{rs[n1]['b'] / rs[n0]['b']:.1f}, "
                       f"b cpu x{rs[n1]['b_cpu'] / rs[n0]['b_cpu']:.1f}")
    if lin:
        L.append("Scaling: " + "; ".join(lin) + ".\n")
    L.append("Findings of druglint vs defects planted by the generator (first run of each file):\n")
    for r in results:
        L.append(f"- {r['kind']} {r['rows']:,}: found {r['found']}; planted {r['planted']}; frictionless errors on "
                 f"its {r['c_sample_rows']:,}-row sample: {r['c_sample_errors']}; pandera failure cases: {r['d_failures']}")
    L.append("\n## Pre-commit-sized run\n")
    L.append(f"`druglint check DIR` on {pre['files']} files of {pre['rows_each']} rows (7 interactions, 7 side_effects, "
             f"6 dosing), whole process: median {pre['wall']:.2f} s wall (max {pre['wall_max']:.2f}), {pre['cpu']:.2f} s CPU. "
             f"`druglint --version`: {pre['version_wall']:.2f} s.\n")
    L.append("Heaviest top-level imports of `import druglint.cli` (`python -X importtime`, cumulative µs): "
             + ", ".join(f"{name} {us:,}" for us, name in pre["import_top"]) + ".\n")
    return "\n".join(L) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1e5,1e6", help="row counts, comma-separated (e.g. 1e5,1e6,1e7)")
    ap.add_argument("--kinds", default="interactions,side_effects,dosing")
    ap.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    ap.add_argument("--runs-large", type=int, default=1, help="runs at 10^7 rows and above")
    ap.add_argument("--frictionless-rows", type=int, default=20000)
    ap.add_argument("--data", default=os.path.join(tempfile.gettempdir(), "druglint-bench"))
    ap.add_argument("--out", default=str(HERE / "RESULTS.md"))
    ap.add_argument("--json", help="also write the raw results here")
    args = ap.parse_args()
    work = Path(args.data)
    work.mkdir(parents=True, exist_ok=True)
    mach = machine()
    vocab = enums()
    results = []
    for size in [int(float(s)) for s in args.sizes.split(",")]:
        for kind in args.kinds.split(","):
            path = work / f"{kind}_{size:.0e}.csv".replace("+0", "")
            if not Path(str(path) + ".manifest.json").exists():
                generate.generate(kind, size, path)
            runs = args.runs if size < 10**7 else args.runs_large
            print(f"measuring {path.name} ({runs} runs)", file=sys.stderr, flush=True)
            r = measure_file(kind, path, runs, args.frictionless_rows, vocab, work)
            results.append(r)
            print(json.dumps({k: v for k, v in r.items() if k not in ("planted", "found")}), file=sys.stderr, flush=True)
    pre = precommit(work, max(args.runs, 5))
    text = render(results, pre, mach, args)
    Path(args.out).write_text(text)
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": mach, "results": results, "precommit": pre}, indent=1))
    print(text)


if __name__ == "__main__":
    main()
