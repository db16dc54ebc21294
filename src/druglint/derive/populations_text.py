"""Contraindicated populations and population recommendations, as drafts.

From the Contraindications section (LOINC 34070-3) each sentence naming a population
becomes a contraindication (``population`` is a dosing-record flag column where one exists:
pregnant, immunocompromised); from "Use in Specific Populations" (LOINC 43684-0 and its
subsections: pregnancy 42228-7, lactation 77290-5 / nursing mothers 34080-2, pediatric use
34081-0, hepatic 88829-7 / renal 88828-9 impairment) and from articles each sentence with a
population and a recommendation verb becomes a ``populations`` entry. Only a boxed warning
that is a top-level section (34066-1) counts as one; labels misuse the code for other boxes.
"""
from __future__ import annotations

import re

from druglint.derive.document import Document
from druglint.derive.cite import text_fact
from druglint.derive.textutil import sentences

POPULATIONS = (  # (population, flag column for contraindications, pattern)
    ("pregnancy", "pregnant", re.compile(r"\bpregnan(?:t|cy|cies)\b", re.I)),
    ("breastfeeding", None, re.compile(r"\b(?:breast-?feeding|breastfed|nursing (?:mothers?|women)|lactation|lactating)\b", re.I)),
    ("hepatic impairment", None, re.compile(r"\b(?:hepatic|liver) (?:impairment|disease|insufficiency)\b", re.I)),
    ("renal impairment", None, re.compile(r"\b(?:renal|kidney) (?:impairment|disease|insufficiency|failure)\b", re.I)),
    ("immunocompromised", "immunocompromised",
     re.compile(r"\b(?:immunocompromised|immunodeficien\w+|immunosuppressed|immune-?compromised)\b", re.I)),
    ("pediatric", None, re.compile(r"\b(?:pediatric|paediatric|children)\b", re.I)),
    ("autoimmune disease", None, re.compile(r"\bautoimmune diseases?\b", re.I)),
    ("immunosuppressive therapy", None, re.compile(r"\b(?:receiving|on) immunosuppressive (?:therapy|drugs|treatment)\b", re.I)),
)
RECOMMENDATIONS = (  # most decisive first
    ("contraindicated", re.compile(r"\bcontraindicated\b|\bcontraindications?\b.{0,40}\binclude\b|\bmust not\b", re.I)),
    ("not recommended", re.compile(r"\bnot (?:be )?recommended\b|\bshould not\b|\bavoid\b|\bdiscontinue (?:breast|nursing)", re.I)),
    ("safety and effectiveness not established", re.compile(r"\bnot (?:been )?established\b", re.I)),
    ("use with caution", re.compile(r"\bcaution\b|\bcarefully\b", re.I)),
    ("dose adjustment", re.compile(r"\b(?:reduce|adjust|lower)\w* (?:the )?(?:dose|dosage)\b|\bdose (?:reduction|adjustment)\b", re.I)),
)
CONTRA = "34070-3"
POP_SECTIONS = {"43684-0", "42228-7", "77290-5", "34080-2", "34081-0", "88829-7", "88828-9"}


def _recommendation(s: str) -> str | None:
    return next((name for name, rx in RECOMMENDATIONS if rx.search(s)), None)


def extract(doc: Document) -> None:
    seen: set[tuple[str, str]] = set()
    for b in doc.blocks:
        if b.table:
            continue
        contra = b.section == CONTRA or b.top == CONTRA
        pops = b.section in POP_SECTIONS or b.top in POP_SECTIONS
        if not (contra or pops or doc.kind == "article"):
            continue
        for k, s in enumerate(sentences(b.text), start=1):
            rec = "contraindicated" if contra else _recommendation(s)
            if rec is None:
                continue
            for pop, flag, rx in POPULATIONS:
                m = rx.search(s)
                if not m:
                    continue
                if rec == "contraindicated" and (contra or doc.kind == "article"):
                    entry = {"text": s[:300]}
                    if flag:
                        entry["population"] = flag
                    if ("c", pop) not in seen:
                        seen.add(("c", pop))
                        text_fact(doc, "contraindications", entry, b, s, sentence=k)
                if ("p", pop) not in seen:
                    seen.add(("p", pop))
                    text_fact(doc, "populations", {"population": pop, "recommendation": rec}, b, s, sentence=k)
