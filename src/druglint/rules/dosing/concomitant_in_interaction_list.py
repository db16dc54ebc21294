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

from druglint.registry import PROJECT, rule

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


@rule("DL410", "concomitant-listed-interaction", "warning", scope=PROJECT)
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
