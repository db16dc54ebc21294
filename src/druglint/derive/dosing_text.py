"""Maximum doses with their condition, as drafts, from Dosage and Administration (LOINC
34068-7) and articles: "maximum (recommended) dose is 80 mg", "do not exceed 4 mL per visit",
"up to 100 mg once daily". The condition is the rest of the sentence (indication, population,
co-medication); whether it is a per-visit or a daily maximum is for the reviewer."""
from __future__ import annotations

import re

from druglint.derive.document import Document
from druglint.derive.cite import text_fact
from druglint.derive.textutil import sentences

DOSING = {"34068-7"}
MAX = re.compile(r"(?:maximum (?:recommended )?(?:single |daily |total )?dos(?:e|age)\b[^.;]{0,60}?\b(?:is|of)\s+|"
                 r"(?:do not|should not|not to) exceed\s+|up to (?:a maximum of )?)"
                 r"(\d+(?:,\d{3})*(?:\.\d+)?)\s*(mg|mcg|g|mL|units?|IU|PFU)\b", re.I)


def extract(doc: Document) -> None:
    from druglint.vocab import vocabulary

    units = vocabulary("unit")
    seen: set[tuple[float, str]] = set()
    for b in doc.blocks:
        if b.table or not (b.section in DOSING or b.top in DOSING or doc.kind == "article"):
            continue
        for k, s in enumerate(sentences(b.text), start=1):
            for m in MAX.finditer(s):
                unit = units.resolve(m.group(2)) or units.resolve(m.group(2).rstrip("s"))
                if unit is None:
                    continue
                amount = float(m.group(1).replace(",", ""))
                if (amount, unit) in seen:
                    continue
                seen.add((amount, unit))
                condition = " ".join(s.split())[:200]
                text_fact(doc, "maxima", {"amount": amount, "unit": unit, "condition": condition}, b, s, sentence=k)
