"""DL410 concomitant-listed-interaction: an interaction list of the run rates a concomitant drug severe.

Across files: a concomitant drug that an interaction list of the same run rates
contraindicated or major with the dosed drug.

When one lint run holds dosing records and an interaction list, the list is evidence too:
a patient given talimogene laherparepvec with acyclovir, in a run whose interaction list
says that pair is "major", is reported on the dosing row with the list's file and line.
Names on both sides are resolved (brands, synonyms, salts); pairs match in either order.
This needs no spec, so it works for any drug the list names.

Companion example (interactions.csv):

    drug_a,drug_b,severity
    warfarin,aspirin,major

Passing example (dosing.csv):

    drug,route,concomitant
    warfarin,oral,paracetamol

Failing example (dosing.csv):

    drug,route,concomitant
    warfarin,oral,Aspirin
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from druglint.across import Across
from druglint.registry import PROJECT, rule
from druglint.shapes import FirstRows, Rows

SEVERE = ("contraindicated", "major")


def _pairs(project) -> pd.DataFrame:
    """Index 'a\x1fb' (both orders) -> columns path, line, severity of the first severe listing."""
    from druglint.specs.tables import canonical_or_text

    parts = []
    for t in project.of_kind("interactions"):
        if not t.has("drug_a", "drug_b", "severity"):
            continue
        severe = t.frame["severity"].isin(SEVERE).to_numpy()
        if not severe.any():
            continue
        a = canonical_or_text(t, "drug_a")[severe].fillna("")
        b = canonical_or_text(t, "drug_b")[severe].fillna("")
        lines = t.table.lines[np.flatnonzero(severe)] if len(t.table.lines) else np.zeros(int(severe.sum()), dtype=np.int64)
        sev = t.frame["severity"][severe].to_numpy(dtype=object)
        for key in ((a + "\x1f" + b), (b + "\x1f" + a)):
            parts.append(pd.DataFrame({"key": key.to_numpy(dtype=object), "path": t.table.path, "line": lines, "severity": sev}))
    if not parts:
        return pd.DataFrame(columns=["path", "line", "severity"])
    return pd.concat(parts, ignore_index=True).drop_duplicates("key").set_index("key")


def severe_pair_keys(ctx) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per row, a hash of the resolved unordered pair (a missing name counts as ""), and
    whether the row is severe: a streamed list keeps its first severe listing per pair."""
    from druglint.rules.interactions.pairs import name_pair_hash

    n = len(ctx.frame)
    if not ctx.has("drug_a", "drug_b", "severity"):
        return [(np.zeros(n, dtype=np.int64), np.zeros(n, dtype=bool))]
    return [(name_pair_hash(ctx)[0], ctx.frame["severity"].isin(SEVERE).to_numpy(dtype=bool))]


def with_concomitant(ctx) -> np.ndarray:
    """The dosing rows naming at least one concomitant drug (what the rule reads of a dosing table)."""
    from druglint.specs.tables import split_concomitant

    keep = np.zeros(len(ctx.frame), dtype=bool)
    if ctx.has("drug", "concomitant"):
        keep[split_concomitant(ctx.frame)["row"].to_numpy(dtype=np.int64)] = True
    return keep


# streamed: an interaction list keeps its first severe listing per resolved pair (grows with
# distinct severe pairs), a dosing file its rows with a concomitant (grows with those rows);
# only when another file of the run may hold the other side (a list for doses, doses for a list)
@rule("DL410", "concomitant-listed-interaction", "warning", scope=PROJECT,
      state=Across({"interactions": FirstRows("DL410:first-severe-listing", severe_pair_keys, ordered=False,
                                              reads=("drug_a", "drug_b", "severity")),
                    "dosing": Rows("DL410:doses-with-concomitant", reads=("drug", "concomitant"),
                                   where=with_concomitant)},
                   partners={"interactions": ("dosing",), "dosing": ("interactions",)}))
def check(project):
    from druglint.engine import make
    from druglint.specs.tables import canonical_or_text, spec_set, split_concomitant

    dosing = [t for t in project.of_kind("dosing") if t.has("drug", "concomitant")]
    if not dosing:
        return []
    pairs = _pairs(project)
    if pairs.empty:
        return []
    out = []
    for t in dosing:
        parts = split_concomitant(t.frame)
        if parts.empty:
            continue
        resolver = spec_set(t).resolver
        res = resolver.resolve_series(parts["name"])
        partner = res["canonical"].fillna(parts["name"].str.strip().str.casefold()).to_numpy(dtype=object)
        dosed = canonical_or_text(t, "drug").to_numpy(dtype=object)[parts["row"].to_numpy()]
        key = pd.Series(dosed, dtype=object).fillna("") + "\x1f" + pd.Series(partner, dtype=object)
        hit = key.isin(pairs.index).to_numpy()
        col = t.table.column_number(t.columns.get("concomitant", "concomitant"))
        for j in np.flatnonzero(hit):  # offending (row, drug) pairs only
            path, line, sev = pairs.loc[key.iloc[j], ["path", "line", "severity"]]
            row = int(parts["row"].iloc[j])
            out.append(make(t.table.path, "DL410", int(t.table.lines[row]), col,
                            f"concomitant {parts['name'].iloc[j]!r} is rated {sev} with {dosed[j]} in the interaction list "
                            f"{path}:{line}", None, t.config))
    return out
