"""DL521 drug-name-near-miss: an unknown drug name is one typo away from a known one.


"talomogene laherparepvec" is not a drug; "talimogene laherparepvec" is. A misspelt name
silently escapes every check keyed on the drug (its spec, duplicates, interactions), so it
is a warning with a did-you-mean. A name that a spec, vocab/drug_names.yaml or the
knowledge pack resolves (brands, salts, synonyms, international names and brands of the
pack's dictionary) is never reported. An unknown name is compared with the spec and
vocabulary names, then with the pack's whole dictionary: only a single edit (insertion,
deletion, substitution, transposition) that keeps the first letter, on a name of six
characters or more, and only towards a Drugs@FDA name or a generic name; a name whose
one-edit neighbours are different drugs gets no suggestion, and one that differs from a
known name only in punctuation or national spelling (ketoprofene, paroxetin, aluminium) is
that name. With two edits, every suggestion on a real DDInter file named a different real
drug (fosinopril -> lisinopril); on the FAERS samples, most one-edit neighbours among the
dictionary's foreign brands were other brands (Tavegil, Mercilon). Reported once per
distinct name per file.

Passing example (side_effects.csv):

    drug,effect,frequency_percent
    talimogene laherparepvec,fatigue,50.3

Failing example (side_effects.csv):

    drug,effect,frequency_percent
    talomogene laherparepvec,fatigue,50.3
"""
from __future__ import annotations

import numpy as np

from druglint.hits import concat, hits
from druglint.registry import rule
from druglint.rules.specs.names import NAME_FIRSTS, distinct_names




@rule("DL521", "drug-name-near-miss", "warning", kinds=("side_effects", "interactions", "dosing"), state=NAME_FIRSTS)
def check(ctx):
    d = distinct_names(ctx)
    near = np.array([c is None and g is not None for c, g in zip(d["canonical"], d["suggestion"])], dtype=bool)
    if not near.any():
        return None
    parts = []
    for col in dict.fromkeys(d["column"][near]):  # drug_a, then drug_b
        sel = near & (d["column"] == col)
        msgs = []
        for written, sugg, sugg_for in zip(d["written"][sel], d["suggestion"][sel], d["suggestion_for"][sel]):
            sugg_for = "" if sugg_for is None else str(sugg_for)
            target = repr(sugg_for) if sugg_for.casefold() == str(sugg).casefold() else f"{sugg_for!r} ({sugg})"
            msgs.append(f"unknown drug name {str(written)!r}; did you mean {target}?")
        mask = np.zeros(len(ctx.frame), dtype=bool)
        mask[d["row"][sel]] = True
        order = np.argsort(d["row"][sel], kind="stable")
        parts.append(hits(mask, col, np.array(msgs, dtype=object)[order]))
    return concat(parts)
