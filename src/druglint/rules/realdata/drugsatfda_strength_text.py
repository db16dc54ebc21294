"""DL139 drugsatfda-strength-text: a Drugs@FDA strength holds a typo, a "U", or a note.

Products.txt ``Strength`` is what the knowledge pack's strength parser
(``druglint.knowledge.strength``) reads. Three defects in it are reported, once per
distinct text (with the number of products, at the first):

- the letter O where a zero belongs ("2.5MG/O.5ML"): a parser fails or, worse, a reader
  guesses (warning, with the corrected text);
- "U" for units ("10,000U/ML"): on the Joint Commission "Do Not Use" list, U is misread as
  0, 4 or cc; write UNITS (warning, with the corrected text);
- a note pasted after the strength ("10MG **Federal Register determination that product was
  not discontinued or withdrawn for safety or efficacy reasons**"): the parser sets it
  aside (its ``note``), but a join or comparison on the column sees it; FDA adds these
  notes by design, so this is info, said once per distinct note.

Drugs@FDA's own notations that the parser does not read (multi-phase packs "0.035MG,0.035MG;
0.5MG,1MG", radiopharmaceutical ranges "20-300mCi/ML") are valid and not reported; N/A and
UNKNOWN are DL140's.

Passing example (Products.txt):

    ApplNo	ProductNo	Form	Strength	ReferenceDrug	DrugName	ActiveIngredient	ReferenceStandard
    000004	004	INJECTABLE;INJECTION	2.5MG/0.5ML	0	DRUGX	DRUGX	0

Failing example (Products.txt):

    ApplNo	ProductNo	Form	Strength	ReferenceDrug	DrugName	ActiveIngredient	ReferenceStandard
    000004	004	INJECTABLE;INJECTION	2.5MG/O.5ML	0	DRUGX	DRUGX	0
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from druglint.across import Across
from druglint.registry import PROJECT, rule
from druglint.rules.realdata._drugsatfda import folders
from druglint.rules.realdata._tables import lines_of, text

LETTER_O = re.compile(r"(?<![A-Za-z])O(?=\.\d)|(?<=\d\.)O|(?<=\d)O(?=\d)")
U_UNIT = re.compile(r"(?<=\d)\s?U(?=\s|/|$)")


def _verdict(value: str, note: str | None) -> tuple[str, str, str] | None:
    """(severity, message, key) for one distinct strength text and the note the strength
    parser set aside from it, or None."""
    if LETTER_O.search(value):
        fixed = LETTER_O.sub("0", value)
        return "warning", f"Strength {value!r} has the letter O where a zero belongs; write {fixed!r}", value
    if U_UNIT.search(value):
        fixed = U_UNIT.sub(" UNITS", value).replace("  ", " ")
        return ("warning", f"Strength {value!r} writes units as 'U' (Joint Commission \"Do Not Use\": read as 0, 4 or "
                f"cc); write {fixed!r}", value)
    if note and "*" in value:  # an appended **note**, not a restatement in parentheses
        shown = " ".join(note.strip("* ").split())[:70]
        return ("info", f"Strength holds a note after the strength ('**{shown}...'); a join or "
                "comparison on the column sees the note: keep notes in a column of their own", "note:" + shown)
    return None


@rule("DL139", "drugsatfda-strength-text", "warning", scope=PROJECT, state=Across.presets())
def check(project):
    from druglint.engine import make
    from druglint.knowledge.strength import parse_frame

    out = []
    for _, roles in folders(project).items():
        products = roles.get("Products")
        if products is None or "Strength" not in products.frame.columns:
            continue
        strength = text(products.frame["Strength"])
        codes, uniques = pd.factorize(strength)
        notes = parse_frame(pd.Series(uniques, dtype=object))["note"].tolist()  # the shared strength parser
        verdicts = [_verdict(u, n) for u, n in zip(uniques, notes)]  # once per distinct text
        lines = lines_of(products.table, np.arange(len(strength)))
        col = list(products.table.header).index("Strength") + 1
        groups: dict[str, list] = {}
        for k, v in enumerate(verdicts):
            if v is None:
                continue
            rows = lines[codes == k]
            g = groups.setdefault(v[2], [v[0], v[1], set()])
            g[2].update(rows.tolist())
        for sev, msg, at in groups.values():
            n = len(at)
            out.append(make(products.path, "DL139", min(at), col, f"{msg} ({n:,} product{'s' if n > 1 else ''})", None,
                            project.config, sev))
    return out
