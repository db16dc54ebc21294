"""DL140 drugsatfda-placeholder-strength: a Drugs@FDA product's strength is a placeholder.

Products.txt ``Strength`` holds the product's strength ("10MG", "EQ 5MG BASE/ML"). Some
rows hold a word that stands for no strength: "N/A", "UNKNOWN", "NA", "NONE". A strength
check, or a join on strength with another listing, reads it as a strength that matches
nothing. Said once per file and spelling with the count of rows (info: FDA writes N/A for
products where a strength does not apply, such as kits and bulk powders, so it is not
always an error), at the first such row.

Passing example (Products.txt):

    ApplNo	ProductNo	Form	Strength	ReferenceDrug	DrugName	ActiveIngredient	ReferenceStandard
    000004	004	SOLUTION/DROPS;OPHTHALMIC	1%	0	PAREDRINE	HYDROXYAMPHETAMINE HYDROBROMIDE	0

Failing example (Products.txt):

    ApplNo	ProductNo	Form	Strength	ReferenceDrug	DrugName	ActiveIngredient	ReferenceStandard
    000004	004	SOLUTION/DROPS;OPHTHALMIC	N/A	0	PAREDRINE	HYDROXYAMPHETAMINE HYDROBROMIDE	0
"""
from __future__ import annotations

import numpy as np

from druglint.across import Across
from druglint.registry import PROJECT, rule
from druglint.rules.realdata._drugsatfda import folders
from druglint.rules.realdata._tables import lines_of, text, violation

PLACEHOLDERS = {"n/a", "na", "unknown", "unk", "none", "-", "--"}


@rule("DL140", "drugsatfda-placeholder-strength", "info", scope=PROJECT, state=Across.presets())
def check(project):
    out = []
    for _, roles in folders(project).items():
        products = roles.get("Products")
        if products is None or "Strength" not in products.frame.columns:
            continue
        strength = text(products.frame["Strength"])
        lines = lines_of(products.table, np.arange(len(strength)))
        ph = strength.str.casefold().isin(PLACEHOLDERS).to_numpy()
        col = list(products.table.header).index("Strength") + 1
        seen_lines: dict[str, set] = {}
        for line, value in zip(lines[ph].tolist(), strength[ph].tolist()):
            seen_lines.setdefault(value, set()).add(line)
        for value, at in seen_lines.items():
            out.append(violation(products.path, "DL140", min(at), col,
                                 f"Strength {value!r} is a placeholder, not a strength ({len(at):,} product{'s' if len(at) > 1 else ''}); a "
                                 "strength check or a join on strength will not match them", project))
    return out
