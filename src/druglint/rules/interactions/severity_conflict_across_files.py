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

from druglint.across import Across
from druglint.registry import PROJECT, rule
from druglint.shapes import FirstRows


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


def pair_keys(ctx) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per row, a hash of the resolved unordered pair, and whether the row is a rated listing
    with both names (the rows ``_listings`` may take): what a streamed file keeps of a pair
    is its first such row. Hashed once per distinct name."""
    from druglint.rules.interactions.pairs import name_pair_hash

    n = len(ctx.frame)
    if not ctx.has("drug_a", "drug_b", "severity"):
        return [(np.zeros(n, dtype=np.int64), np.zeros(n, dtype=bool))]
    sev = ctx.frame["severity"]
    rated = (sev.notna() & (sev != "unknown")).to_numpy(dtype=bool)
    key, both = name_pair_hash(ctx)
    return [(key, rated & both)]


# a streamed interactions file keeps its first rated listing per resolved pair (grows with
# distinct pairs), only when another file of the run may hold an interaction list
@rule("DL308", "severity-conflict-across-files", "error", scope=PROJECT,
      state=Across({"interactions": FirstRows("DL308:first-rated-listing", pair_keys, ordered=False,
                                              reads=("drug_a", "drug_b", "severity"))},
                   partners={"interactions": ("interactions",)}))
def check(project):
    from druglint.violations import make

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
    # the other listing named for each one: the first (in run order) grading the pair
    # differently. Per pair, that is the pair's first listing unless it has the listing's own
    # severity; then it is the first listing of any other severity. Two hash joins, no scan
    # per pair (a per-pair filter was quadratic in the number of conflicting pairs).
    by_sev = lst.drop_duplicates(["key", "severity"])
    first = by_sev.drop_duplicates("key").set_index("key")
    rest = by_sev[by_sev["severity"].to_numpy() != first["severity"].reindex(by_sev["key"]).to_numpy()]
    second = rest.drop_duplicates("key").set_index("key")
    keys = lst["key"]
    f1, f2 = first.reindex(keys), second.reindex(keys)
    use_first = (lst["severity"].to_numpy() != f1["severity"].to_numpy())
    o_file = np.where(use_first, f1["file"].to_numpy(), f2["file"].to_numpy()).astype(int)
    o_row = np.where(use_first, f1["row"].to_numpy(), f2["row"].to_numpy()).astype(int)
    o_sev = np.where(use_first, f1["severity"].to_numpy(dtype=object), f2["severity"].to_numpy(dtype=object))
    cols = {i: (t.frame["drug_a"].to_numpy(dtype=object), t.frame["drug_b"].to_numpy(dtype=object),
                t.table.column_number(t.columns.get("severity", "severity")))
            for i, t in enumerate(tables) if i in set(lst["file"].tolist())}
    out = []
    for key, file, row, sev, ofile, orow, osev in zip(keys, lst["file"], lst["row"], lst["severity"], o_file, o_row, o_sev):
        t, o = tables[int(file)], tables[int(ofile)]  # one iteration per finding: building it
        drug_a, drug_b, column = cols[int(file)]
        shown = f"{drug_a[row]} / {drug_b[row]}"
        resolved = key.replace("\x1f", " / ")
        about = "" if shown.casefold() == resolved else f" ({resolved})"
        out.append(make(t.table.path, "DL308", int(t.table.lines[int(row)]), column,
                        f"pair {shown}{about} is {sev!r} here but {osev!r} in "
                        f"{o.table.path}:{int(o.table.lines[int(orow)])}", None, t.config))
    return out
