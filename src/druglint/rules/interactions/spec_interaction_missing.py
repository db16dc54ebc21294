"""DL304 spec-interaction-missing: a list naming a drug leaves out one of its spec interactions.

Each member of a spec class counts.

Talimogene laherparepvec's spec names the antiherpetic antivirals (acyclovir, valacyclovir,
famciclovir...) and systemic corticosteroids; a list giving the drug's interactions without
famciclovir is incomplete. Reported once per spec interaction per drug per file, at the
drug's first row, naming the missing partners. Names resolve through brands, synonyms and
salts. A list that gives a drug only one partner is about that partner, not about the drug,
and is not checked for it. An interaction that rests on the spec author's grading or on a
secondary source rather than the label's wording (docs/specs.md, "Interaction grades") is
reported at info and says so; so is one derived by ``spec derive`` and not yet reviewed
(``review: required``).

Passing example (interactions.csv):

    drug_a,drug_b,severity
    acyclovir,probenecid,moderate
    acyclovir,talimogene laherparepvec,major

Failing example (interactions.csv):

    drug_a,drug_b,severity
    Imlygic,acyclovir,major
    Imlygic,valacyclovir,major
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from druglint.hits import hits
from druglint.registry import rule
from druglint.shapes import FirstRows
from druglint.specs.grading import is_label_graded, provenance_note
from druglint.specs.provenance import is_draft, note
from druglint.specs.tables import canonical_or_text, cite, names, spec_set


def _first_keys(ctx):
    """The state's key: each written pair naming a drug with a spec (its partners and first row survive)."""
    from druglint.shapes import value_keys

    key, ok = value_keys(ctx, "drug_a", "drug_b")
    specs = spec_set(ctx).specs
    return [(key, ok & (names(ctx, "drug_a").rows_in(specs) | names(ctx, "drug_b").rows_in(specs)))]

@rule("DL304", "spec-interaction-missing", "warning", kinds=("interactions",), needs=("drug_a", "drug_b"), state=FirstRows("spec-pair-firsts", _first_keys, ordered=False, reads=("drug_a", "drug_b")))
def check(ctx):
    # a file that is a slice of a larger list (a DDInter per-ATC download, marked by its
    # preset) cannot show that a pair is missing: the pair may sit in another slice
    if ctx.table.meta.get("partial"):
        return None
    specs = spec_set(ctx).specs
    a_s = canonical_or_text(ctx, "drug_a")
    b_s = canonical_or_text(ctx, "drug_b")
    n = len(a_s)
    # only the rows that name a drug with a spec matter: select them before building pairs
    ia = np.flatnonzero(names(ctx, "drug_a").rows_in(specs))
    ib = np.flatnonzero(names(ctx, "drug_b").rows_in(specs))
    if ia.size == 0 and ib.size == 0:
        return None
    a = a_s.to_numpy(dtype=object)
    b = b_s.to_numpy(dtype=object)
    both = pd.DataFrame({"drug": np.concatenate([a[ia], b[ib]]), "partner": np.concatenate([b[ia], a[ib]]),
                         "row": np.concatenate([ia, ib]), "col": np.repeat(["drug_a", "drug_b"], [ia.size, ib.size])})
    both = both[both["partner"].notna()]
    if both.empty:
        return None
    grouped = both.groupby("drug")
    partners = grouped["partner"].agg(set)
    first = both.sort_values("row", kind="stable").drop_duplicates("drug")
    parts = []
    for drug, have in partners.items():  # one iteration per drug with a spec
        if len(have - {drug}) < 2:
            continue
        spec = specs[drug]
        row = first.loc[first["drug"] == drug].iloc[0]
        for inter in spec.interactions:
            missing = [m for m in inter.members if m not in have and m != drug]
            if not missing:
                continue
            mask = np.zeros(n, dtype=bool)
            mask[int(row["row"])] = True
            if inter.drug_class:
                what = f"class {inter.drug_class!r} is missing for {', '.join(missing)}"
            else:
                what = f"{inter.drug} is missing"
            msg = f"{drug}: the spec's {inter.severity} interaction with {what} ({cite(spec, inter.line, inter.source, 40)})"
            graded = is_label_graded(inter)
            msg = (msg if graded else f"{msg}; {provenance_note(inter)}") + note(inter)
            parts.append(hits(mask, str(row["col"]), msg, severity=None if graded and not is_draft(inter) else "info"))
    from druglint.hits import concat

    return concat(parts) if parts else None
