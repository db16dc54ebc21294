"""Synthetic datasets for the benchmark: each kind at any size, fixed seed, known defects.

Vectorised (numpy + pyarrow's CSV writer), so 10^7 rows take seconds, not minutes. Every
file gets a JSON manifest beside it (``<file>.manifest.json``) with the number of defects
of each kind that was planted, so a run's findings can be compared with what was put in.

    python bench/generate.py interactions 1000000 /tmp/bench/interactions_1e6.csv

Defects are planted at one row in a thousand per defect type (at least one each); the
names are synthetic (syllable combinations), never real drug data.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

SEED = 20260424
_SYL = ["ace", "bra", "cor", "dal", "eno", "fex", "gli", "hep", "iro", "jun",
        "kel", "lor", "mab", "nol", "oxa", "pra", "qui", "rox", "sta", "tin"]


def names(k: int) -> np.ndarray:
    """k distinct synthetic drug names (20^3 = 8000 combinations, then numbered)."""
    s = np.array(_SYL, dtype=object)
    i = np.arange(k)
    base = s[i % 20] + s[(i // 20) % 20] + s[(i // 400) % 20]
    extra = np.where(i >= 8000, (i // 8000).astype(str).astype(object), "")
    return (base + extra).astype(object)


EFFECTS = np.array(["nausea", "headache", "fatigue", "rash", "dizziness", "vomiting", "diarrhoea",
                    "pyrexia", "chills", "injection site pain", "myalgia", "arthralgia", "pruritus",
                    "increased risk of bleeding", "QT prolongation", "serotonin syndrome",
                    "hypotension", "hyperkalaemia", "reduced efficacy", "sedation"], dtype=object)
MECHANISMS = np.array(["CYP3A4 inhibition", "CYP2C9 inhibition", "additive pharmacodynamic effect",
                       "P-glycoprotein induction", "reduced renal clearance", "unknown"], dtype=object)
SOURCES = np.array(["label", "literature", "synthetic"], dtype=object)
SEVERITIES = np.array(["contraindicated", "major", "moderate", "minor", "unknown"], dtype=object)
CATEGORIES = np.array(["very common", "common", "uncommon", "rare", "very rare", "not known"], dtype=object)
# percent band [lo, hi) per category, 'not known' gets no percent
BANDS = {"very common": (10, 60), "common": (1, 10), "uncommon": (0.1, 1), "rare": (0.01, 0.1),
         "very rare": (0.001, 0.01)}
ROUTES = np.array(["oral", "intravenous", "subcutaneous", "intramuscular", "intralesional", "topical"], dtype=object)
UNITS = np.array(["mg", "mcg", "g", "mL"], dtype=object)
PHASES = np.array(["initial", "second", "subsequent", "maintenance"], dtype=object)


def _defect_rows(rng: np.random.Generator, n: int, kinds: int, d: int) -> list[np.ndarray]:
    """``kinds`` disjoint sets of ``d`` row positions each (one in a thousand rows)."""
    pick = rng.choice(n, size=d * kinds, replace=False)
    return [pick[i * d:(i + 1) * d] for i in range(kinds)]


def interactions(n: int, rng: np.random.Generator) -> tuple[dict, dict]:
    d = max(1, n // 1000)
    base_n = n - 3 * d  # appended below: reversed duplicates, severity conflicts, exact duplicates
    k2 = 5000
    k1 = -(-base_n // k2)
    pool = names(k1 + k2)
    i = rng.permutation(base_n)
    a = pool[i // k2]
    b = pool[k1 + i % k2]  # a from the first k1 names, b from the rest: every pair distinct
    sev = SEVERITIES[rng.choice(5, size=base_n, p=[0.05, 0.3, 0.45, 0.15, 0.05])]
    effect = EFFECTS[rng.integers(0, EFFECTS.size, base_n)]
    mech = MECHANISMS[rng.integers(0, MECHANISMS.size, base_n)]
    src = SOURCES[rng.integers(0, SOURCES.size, base_n)]
    unknown, noncanon, missing, selfp, space = _defect_rows(rng, base_n, 5, d)
    sev = sev.copy()
    sev[unknown] = "majr"                    # DL104
    sev[noncanon] = "Major"                  # DL105
    sev[missing] = None                      # DL103
    b = b.copy()
    b[selfp] = np.char.capitalize(a[selfp].astype(str)).astype(object)  # DL301
    a = a.copy()
    a[space] = a[space] + " "                # DL121
    clean = np.setdiff1d(np.arange(base_n), np.concatenate([unknown, noncanon, missing, selfp, space]))
    rev, conf, dup = (rng.choice(clean, size=d, replace=False) for _ in range(3))
    other = {"contraindicated": "minor", "major": "minor", "moderate": "major", "minor": "major", "unknown": "major"}
    conf = conf[sev[conf] != "unknown"]
    cols = {
        "drug_a": np.concatenate([a, b[rev], b[conf], a[dup]]),
        "drug_b": np.concatenate([b, a[rev], a[conf], b[dup]]),
        "severity": np.concatenate([sev, sev[rev], np.array([other[s] for s in sev[conf]], dtype=object), sev[dup]]),
        "effect": np.concatenate([effect, effect[rev], effect[conf], effect[dup]]),
        "mechanism": np.concatenate([mech, mech[rev], mech[conf], mech[dup]]),
        "source": np.concatenate([src, src[rev], src[conf], src[dup]]),
    }
    planted = {"DL104": d, "DL105": d, "DL103": d, "DL301": d, "DL121": d, "DL303": d, "DL302": int(conf.size),
               "DL108": d}
    return cols, planted


def side_effects(n: int, rng: np.random.Generator) -> tuple[dict, dict]:
    d = max(1, n // 1000)
    base_n = n - d
    pool = names(3000)
    drug = pool[rng.integers(0, pool.size, base_n)]
    effect = EFFECTS[rng.integers(0, EFFECTS.size, base_n)]
    cat_i = rng.choice(6, size=base_n, p=[0.2, 0.35, 0.2, 0.1, 0.05, 0.1])
    cat = CATEGORIES[cat_i]
    lo = np.array([BANDS.get(c, (np.nan, np.nan))[0] for c in CATEGORIES])[cat_i]
    hi = np.array([BANDS.get(c, (np.nan, np.nan))[1] for c in CATEGORIES])[cat_i]
    pct = np.round(lo + (hi - lo) * rng.random(base_n) * 0.98, 4)
    pct_s = np.where(np.isnan(pct), None, pct.astype(str)).astype(object)
    serious = np.where(rng.random(base_n) < 0.1, "true", "false").astype(object)
    meddra = (10000000 + rng.integers(0, 89999999, base_n)).astype(str).astype(object)
    src = SOURCES[rng.integers(0, SOURCES.size, base_n)]
    rng_, mismatch, notnum, code7, badcat, badbool = _defect_rows(rng, base_n, 6, d)
    pct_s[rng_] = "4250"                      # DL201
    cat = cat.copy()
    cat[mismatch] = "rare"
    pct_s[mismatch] = "50.3"                  # DL202
    pct_s[notnum] = "2.4 %"                   # DL102
    meddra[code7] = "1002881"                 # DL107
    cat[badcat] = "very comon"                # DL104
    serious[badbool] = "maybe"                # DL102
    clean = np.setdiff1d(np.arange(base_n), np.concatenate([rng_, mismatch, notnum, code7, badcat, badbool]))
    dup = rng.choice(clean, size=d, replace=False)
    cols = {"drug": drug, "effect": effect, "frequency_category": cat, "frequency_percent": pct_s,
            "serious": serious, "meddra_code": meddra, "source": src}
    cols = {k: np.concatenate([v, v[dup]]) for k, v in cols.items()}
    planted = {"DL201": d, "DL202": d, "DL102": 2 * d, "DL107": d, "DL104": d, "DL108": d}
    return cols, planted


def dosing(n: int, rng: np.random.Generator) -> tuple[dict, dict]:
    d = max(1, n // 1000)
    base_n = n - d
    pool = names(3000)
    per_patient = 8
    patient = np.arange(base_n) // per_patient
    visit = np.arange(base_n) % per_patient
    drug = pool[patient % pool.size]
    route = ROUTES[patient % ROUTES.size]
    dose = np.round(rng.uniform(0.5, 500, base_n), 2).astype(str).astype(object)
    unit = UNITS[rng.integers(0, UNITS.size, base_n)]
    interval = np.where(visit == 0, 0, np.where(visit == 1, 21, 14))
    phase = PHASES[np.minimum(visit, 3)]
    start = np.datetime64("2020-01-01") + (patient % 1500).astype("timedelta64[D]")
    date = start + np.where(visit == 0, 0, 21 + 14 * np.maximum(visit - 1, 0)).astype("timedelta64[D]")
    date_s = np.datetime_as_string(date, unit="D").astype(object)
    freq = np.where(visit == 0, "once", "every 2 weeks").astype(object)
    pid = np.char.add("P", np.char.zfill(patient.astype(str), 8)).astype(object)
    preg = np.where(rng.random(base_n) < 0.02, "true", "false").astype(object)
    badroute, negdose, unitdose, badunit = _defect_rows(rng, base_n, 4, d)
    route = route.copy()
    route[badroute] = "orall"                 # DL104
    dose[negdose] = "-400"                    # DL106
    dose[unitdose] = "10 mg"                  # DL102
    unit = unit.copy()
    unit[badunit] = "mgs"                     # DL104
    clean = np.setdiff1d(np.arange(base_n), np.concatenate([badroute, negdose, unitdose, badunit]))
    dup = rng.choice(clean, size=d, replace=False)
    cols = {"patient_id": pid, "drug": drug, "route": route, "dose": dose, "dose_unit": unit, "frequency": freq,
            "interval_days": interval.astype(str).astype(object), "phase": phase, "date": date_s, "pregnant": preg}
    cols = {k: np.concatenate([v, v[dup]]) for k, v in cols.items()}
    planted = {"DL104": 2 * d, "DL106": d, "DL102": d, "DL108": d}
    return cols, planted


KINDS = {"interactions": interactions, "side_effects": side_effects, "dosing": dosing}


def generate(kind: str, n: int, path: str | Path, seed: int = SEED) -> dict:
    rng = np.random.default_rng(seed)
    cols, planted = KINDS[kind](n, rng)
    table = pa.table({k: pa.array(v, type=pa.string()) for k, v in cols.items()})
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:  # unquoted, as most exports are (no value holds a comma)
        fh.write((",".join(cols) + "\n").encode())
        pacsv.write_csv(table, fh, pacsv.WriteOptions(include_header=False, quoting_style="none"))
    # Random rows can also repeat by chance (at 10^7 interactions rows, 28 of the planted
    # self-interaction rows fell on the same drug with the same other cells): DL108 is
    # expected for every exact duplicate, planted or not, so count them as pandas does.
    exact = int(table.to_pandas().duplicated(keep="first").sum())
    if exact != planted.get("DL108", 0):
        planted["DL108 (planted)"] = planted.get("DL108", 0)
        planted["DL108"] = exact
    manifest = {"kind": kind, "rows": int(table.num_rows), "seed": seed, "planted": planted,
                "bytes": path.stat().st_size}
    Path(str(path) + ".manifest.json").write_text(json.dumps(manifest, indent=1))
    return manifest


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: python bench/generate.py KIND ROWS OUT.csv")
    print(json.dumps(generate(sys.argv[1], int(float(sys.argv[2])), sys.argv[3])))
