"""DL308 severity-conflict-across-files: one pair is listed with different severities in two files of the run.

Across files: two interaction lists checked together disagree on one pair.

DL302 finds a pair graded twice within one file; the same disagreement split over two
files (an export and its update, two sources merged into one project) is as harmful: a
reader of either file gets a different answer. Names are resolved first (brands, salts,
synonyms, the knowledge pack), and the pair is unordered, so "Zovirax / Imlygic" in one
file and "talimogene laherparepvec / acyclovir" in another are one pair. Each file's first
rated listing of the pair stands for the file; every file whose severity differs from
another file's is reported at that row, naming the other file and line. "unknown" claims
no severity and is not compared. A rule of the run: checking one file alone never
reports it.

Companion example (other.csv):

    drug_a,drug_b,severity
    talimogene laherparepvec,acyclovir,moderate

Passing example (interactions.csv):

    drug_a,drug_b,severity
    Imlygic,Zovirax,moderate

Failing example (interactions.csv):

    drug_a,drug_b,severity
    Imlygic,Zovirax,minor
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from druglint.registry import PROJECT, rule


def _listings(project) -> pd.DataFrame:
    """One row per (file, resolved unordered pair): the file's first rated listing."""
    from druglint.specs.tables import canonical_or_text

    parts = []
    for i, t in enumerate(project.of_kind("interactions")):
        if not t.has("drug_a", "drug_b", "severity"):
            continue
        sev = t.frame["severity"]
        rated = (sev.notna() & (sev != "unknown")).to_numpy()
        if not rated.any():
            continue
        a = canonical_or_text(t, "drug_a").to_numpy(dtype=object)[rated]
        b = canonical_or_text(t, "drug_b").to_numpy(dtype=object)[rated]
        ok = pd.notna(a) & pd.notna(b)
        a, b = pd.Series(a[ok], dtype=object), pd.Series(b[ok], dtype=object)
        rows = np.flatnonzero(rated)[ok]
        first = (a <= b).to_numpy()
        lo, hi = a.where(first, b), b.where(first, a)
        frame = pd.DataFrame({"key": (lo + "\x1f" + hi).to_numpy(dtype=object), "file": i, "row": rows,
                              "severity": sev.to_numpy(dtype=object)[rows]})
        parts.append(frame[(lo != hi).to_numpy()].drop_duplicates("key"))
    if not parts:
        return pd.DataFrame(columns=["key", "file", "row", "severity"])
    return pd.concat(parts, ignore_index=True)


@rule("DL308", "severity-conflict-across-files", "error", scope=PROJECT)
def check(project):
    from druglint.engine import make

    tables = project.of_kind("interactions")
    if len(tables) < 2:
        return []
    lst = _listings(project)
    if lst.empty:
        return []
    # pairs graded differently by at least two files (one hash pass, no Python loop over pairs)
    n_sev = lst.groupby("key", sort=False)["severity"].transform("nunique")
    lst = lst[n_sev.to_numpy() > 1]
    if lst.empty:
        return []
    # the other file named for each listing: the first file (run order) grading the pair differently
    by_sev = lst.drop_duplicates(["key", "severity"])
    out = []
    for key, group in lst.groupby("key", sort=False):  # one iteration per conflicting pair
        firsts = by_sev[by_sev["key"] == key]
        for file, row, sev in zip(group["file"], group["row"], group["severity"]):
            other = firsts[firsts["severity"] != sev].iloc[0]
            t, o = tables[int(file)], tables[int(other["file"])]
            a, b = t.frame["drug_a"].iat[int(row)], t.frame["drug_b"].iat[int(row)]
            resolved = key.replace("\x1f", " / ")
            shown = f"{a} / {b}"
            about = "" if shown.casefold() == resolved else f" ({resolved})"
            line = int(t.table.lines[int(row)])
            other_line = int(o.table.lines[int(other["row"])])
            out.append(make(t.table.path, "DL308", line, t.table.column_number(t.columns.get("severity", "severity")),
                            f"pair {shown}{about} is {sev!r} here but {other['severity']!r} in "
                            f"{o.table.path}:{other_line}", None, t.config))
    return out
