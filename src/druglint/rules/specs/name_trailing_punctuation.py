"""DL522 drug-name-trailing-punctuation: a drug name ends with a full stop, comma, colon or semicolon.

"PREDNISONE." (FAERS writes many names so) is prednisone to a reader but another string to
every join, deduplication and count keyed on the name. druglint resolves the name without
the punctuation, so spec and knowledge checks still see the drug; this finding is about the
cell itself, for every name, known or not, and its fix removes the punctuation. Reported
for every cell. A name
whose last word is a short abbreviation ("ZORBLAX TAB.", "VIT.") ends with an
abbreviation's dot, not a stray one, and is left alone unless the name without it is a
known drug ("METFORMIN HCL."), and dotted initials ("METRO I.V.") keep their last full
stop. Every cell is reported, so that ``--fix`` mends them all.

Passing example (interactions.csv):

    drug_a,drug_b,severity
    warfarin,aspirin,major

Failing example (interactions.csv):

    drug_a,drug_b,severity
    warfarin,ASPIRIN.,major
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from druglint.grouping import column_codes
from druglint.hits import concat, hits
from druglint.registry import rule
from druglint.rules.specs.names import IDENTIFIER, NAME_COLUMNS

_TRAILING = re.compile(r"[.,;:]+$")
_LAST_WORD = re.compile(r"([A-Za-z]+)[.,;:]+$")
# dotted initials end in their own full stop: "METRO I.V.", "U.S.P." (a brand as registered)
_INITIALISM = re.compile(r"(?:\b[A-Za-z]\.){2,}$")
# a final word this short before the dot is read as an abbreviation, unless the name resolves
MIN_WORD = 5


@rule("DL522", "drug-name-trailing-punctuation", "warning", kinds=tuple(NAME_COLUMNS), fixable=True, row=True)
def check(ctx):
    parts = []
    for col in NAME_COLUMNS[ctx.kind]:
        if col not in ctx.frame.columns:
            continue
        codes, uniques = column_codes(ctx, col)
        u = pd.Series(np.asarray(uniques, dtype=object), dtype=object).astype(str)
        ends = u.str.contains(_TRAILING) & ~u.str.match(IDENTIFIER) & ~u.str.contains(_INITIALISM)
        if not ends.any():
            continue
        cand = u[ends]
        bare = cand.str.replace(_TRAILING, "", regex=True).str.rstrip()
        word = cand.str.extract(_LAST_WORD, expand=False).fillna("")
        keep = bare.str.contains(r"[A-Za-z]") & ((word.str.len() >= MIN_WORD) | _known(ctx, bare.to_numpy(dtype=object)))
        if not keep.any():
            continue
        # per distinct value: its bare name (None when not reported), then broadcast to the rows
        per = np.full(len(u) + 1, None, dtype=object)
        per[cand.index[keep.to_numpy()].to_numpy()] = bare[keep].to_numpy(dtype=object)
        msg_per = np.full(len(u) + 1, None, dtype=object)
        for i in np.flatnonzero(per[:-1] != None):  # noqa: E711 -- one message per distinct name
            msg_per[i] = f"drug name {u.iat[i]!r} ends with {u.iat[i][len(per[i]):].strip()!r}; write {per[i]!r}"
        row_new = per[codes]
        mask = row_new != None  # noqa: E711 (element-wise)
        old = np.append(u.to_numpy(dtype=object), None)[codes][mask]
        parts.append(hits(mask, col, msg_per[codes][mask], fix=("remove the trailing punctuation", old, row_new[mask])))
    return concat(parts) if parts else None


def _known(ctx, names: np.ndarray) -> np.ndarray:
    """True per name that resolves to a drug (spec, vocabulary or knowledge pack)."""
    from druglint.specs.known import resolve

    return np.asarray(resolve(ctx.config, names)[0] != None, dtype=bool)  # noqa: E711 (element-wise)
