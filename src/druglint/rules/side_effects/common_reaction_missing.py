"""DL206 common-reaction-missing: a spec reaction of 10 % or more is missing for a listed drug.

A table lists a drug's reactions but leaves out one that its spec gives in 10 % or more of
patients.

A reaction list for a drug that omits a very common reaction of its label misleads whoever
reads it as complete. Reported once per drug per file, at the drug's first row, naming every
missing reaction. Lay wording and UK spelling count as present (fever = pyrexia). A table
that gives a drug fewer than 3 reactions is taken to be an extract, not a reaction list, and
is not checked. A reaction derived by ``spec derive`` and not yet reviewed (``review:
required``) is named with "(draft)"; a finding naming only such reactions is info.

Passing example (side_effects.csv):

    drug,effect,frequency_percent
    acyclovir,malaise,11.5
    acyclovir,nausea,8.0
    acyclovir,headache,5.9

Failing example (side_effects.csv):

    drug,effect,frequency_percent
    acyclovir,nausea,8.0
    acyclovir,headache,5.9
    acyclovir,vomiting,2.5
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from druglint.hits import hits
from druglint.registry import rule
from druglint.shapes import FirstRows
from druglint.rules.side_effects.spec_lookup import row_keys
from druglint.specs.provenance import DRAFT_NOTE, is_draft
from druglint.specs.tables import cite, spec_set
from druglint.specs.terms import standard

MIN_REACTIONS = 3  # fewer listed reactions for a drug: an extract, not a reaction list
VERY_COMMON = 10.0


def _first_keys(ctx):
    """The state's key: each written (drug, effect): the terms of a drug and its first row survive."""
    from druglint.shapes import value_keys

    return [value_keys(ctx, "drug", "effect")]

@rule("DL206", "common-reaction-missing", "warning", kinds=("side_effects",), needs=("drug", "effect"), state=FirstRows("drug-effect-firsts", _first_keys, ordered=False, reads=("drug", "effect")))
def check(ctx):
    canon, term = row_keys(ctx)
    ok = canon.notna() & term.notna()
    if not ok.any():
        return None
    specs = spec_set(ctx).specs
    present = pd.DataFrame({"drug": canon[ok], "term": term[ok]}).groupby("drug")["term"].agg(set)
    pos = pd.Series(np.arange(len(canon)))
    first = pos[ok.to_numpy()].groupby(canon[ok].to_numpy()).min()
    mask = np.zeros(len(canon), dtype=bool)
    msgs: dict[int, str] = {}
    caps: dict[int, str | None] = {}
    for drug, terms in present.items():  # one iteration per drug with a spec, not per row
        spec = specs[drug]
        if len(terms) < MIN_REACTIONS:
            continue
        missing = [r for r in spec.reactions if r.percent is not None and r.percent >= VERY_COMMON
                   and not ({standard(r.term), *map(standard, r.lay)} & terms)]
        if not missing:
            continue
        row = int(first[drug])
        mask[row] = True
        drafts_only = all(is_draft(r) for r in missing)  # a reviewed or hand-written one makes it a warning
        listed = ", ".join(f"{r.term} ({r.percent:g} %{', draft' if is_draft(r) and not drafts_only else ''})" for r in missing)
        msgs[row] = (f"{drug}: reactions in >= {VERY_COMMON:g} % of patients per the spec are missing from this table: {listed} "
                     f"({cite(spec, missing[0].line, missing[0].source, 40)})" + (DRAFT_NOTE if drafts_only else ""))
        caps[row] = "info" if drafts_only else None
    if not mask.any():
        return None
    rows = np.flatnonzero(mask)
    return hits(mask, "effect", np.array([msgs[i] for i in rows], dtype=object),
                severity=np.array([caps[i] for i in rows], dtype=object))
