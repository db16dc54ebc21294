"""10^7 rows (or any size), one run each: pandas.read_csv alone vs `druglint check` streamed
(``--chunk-size``), with wall, CPU and peak RSS per process. Not part of the tests.

    nice python bench/run_large.py interactions 1e7 --chunk-size 1000000
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import generate  # noqa: E402
from run import DRUGLINT, PY, READ_CSV, run_child  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("kind")
    ap.add_argument("rows")
    ap.add_argument("--chunk-size", type=int, default=1_000_000)
    ap.add_argument("--ignore", default="", help="codes to pass to druglint check --ignore")
    ap.add_argument("--skip-read-csv", action="store_true")
    ap.add_argument("--data", default=os.path.join(tempfile.gettempdir(), "druglint-bench"))
    args = ap.parse_args()
    n = int(float(args.rows))
    path = Path(args.data) / f"{args.kind}_{n:.0e}.csv".replace("+0", "")
    if not Path(str(path) + ".manifest.json").exists():
        generate.generate(args.kind, n, path)
    out = Path(args.data) / "large.json"
    a = {k: None for k in ("wall", "cpu", "maxrss", "op_wall", "op_cpu", "df_bytes")}
    if not args.skip_read_csv:
        a = run_child([PY, "-c", READ_CSV, str(path)])
        a.update(json.loads(a.pop("stdout")))
    extra = ["--ignore", args.ignore] if args.ignore else []
    b = run_child([DRUGLINT, "check", "--chunk-size", str(args.chunk_size), *extra, "--format", "json", "-o", str(out),
                   str(path)], cwd=str(path.parent))
    found: dict[str, int] = {}
    for v in json.loads(out.read_text()):
        found[v["code"]] = found.get(v["code"], 0) + 1
    res = {"kind": args.kind, "rows": n, "ignore": args.ignore, "bytes": path.stat().st_size, "chunk_rows": args.chunk_size,
           "a": {k: a[k] for k in ("wall", "cpu", "maxrss", "op_wall", "op_cpu", "df_bytes")},
           "b": {k: b[k] for k in ("wall", "cpu", "maxrss", "rc")}, "found": found,
           "planted": json.loads(Path(str(path) + ".manifest.json").read_text())["planted"]}
    print(json.dumps(res))


if __name__ == "__main__":
    main()
