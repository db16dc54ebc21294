"""How many distinct drug names of real data ``druglint spec resolve`` resolves.

    python bench/knowledge_coverage.py [--shared ../shared/realdata] [--unresolved N]

Datasets: DDInter (Drug_A, Drug_B of every ddinter_downloads_code_*.csv) and FAERS drug names
(the drugname column of faers_sample/*/DRUG*.txt and drug_name of openfda_faers_*/faers_raw.json).
Each set of distinct names is piped to ``druglint spec resolve - --format json`` (the real CLI);
the script prints the share resolved, the split by layer and ``how``, and a sample of the
names left unresolved. Nothing here is asserted: it is a measurement.
"""
from __future__ import annotations

import argparse
import collections
import glob
import json
import os
import subprocess
import sys

import pandas as pd


def ddinter(shared: str) -> list[str]:
    names: set[str] = set()
    for f in sorted(glob.glob(os.path.join(shared, "ddinter", "*.csv"))):
        t = pd.read_csv(f, dtype=str, usecols=["Drug_A", "Drug_B"])
        names.update(t["Drug_A"].dropna())
        names.update(t["Drug_B"].dropna())
    return sorted(names)


def faers(shared: str) -> list[str]:
    names: set[str] = set()
    for f in sorted(glob.glob(os.path.join(shared, "faers_sample", "*", "DRUG*"))):
        t = pd.read_csv(f, sep="$", dtype=str, quoting=3, encoding="latin-1", on_bad_lines="skip")
        names.update(t["drugname"].dropna().str.strip())
    for f in sorted(glob.glob(os.path.join(shared, "openfda_faers_*", "faers_raw.json"))):
        with open(f, encoding="utf-8") as fh:
            names.update(str(r.get("drug_name") or "").strip() for r in json.load(fh))
    return sorted(n for n in names if n)


def resolve(names: list[str]) -> list[dict]:
    r = subprocess.run([sys.executable, "-m", "druglint", "spec", "resolve", "-", "--format", "json"],
                       input="\n".join(names) + "\n", capture_output=True, text=True)
    if r.returncode not in (0, 1):
        raise SystemExit(r.stderr)
    return json.loads(r.stdout)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "realdata"))
    ap.add_argument("--unresolved", type=int, default=40, help="how many unresolved names to print per dataset")
    args = ap.parse_args()
    for label, names in (("DDInter Drug_A/Drug_B", ddinter(args.shared)), ("FAERS drugname", faers(args.shared))):
        rows = resolve(names)
        ok = [r for r in rows if r["drug"]]
        print(f"{label}: {len(ok)}/{len(rows)} distinct names resolved ({100 * len(ok) / max(len(rows), 1):.1f} %)")
        print("  by layer:", dict(collections.Counter(r["layer"] for r in ok)))
        print("  by how:  ", dict(collections.Counter(r["how"] for r in ok).most_common()))
        missed = [r["name"] for r in rows if not r["drug"]]
        step = max(len(missed) // max(args.unresolved, 1), 1)
        print("  unresolved sample:", "; ".join(missed[::step][: args.unresolved]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
