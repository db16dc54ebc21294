"""Identity, route and schedule facts an article states in prose (drafts): the brand ("known
by its trade name Imlygic"), the sponsor ("Developed by Amgen"), the approval ("approval ... by
the U.S. Food and Drug Administration (FDA) in October 2015"), the route ("administered ...
through intralesional injection": SPL route names in vocab/routes.yaml) and a repeating
interval ("additional doses every two weeks") and the drug's class when a sentence about it
says what it is ("Talimogene laherparepvec is an oncolytic virus therapy")."""
from __future__ import annotations

import re

from druglint.derive.document import Document
from druglint.derive.cite import text_fact
from druglint.derive.textutil import sentences

BRAND = re.compile(r"\b(?:trade|brand) name\s+([A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)|\(([A-Z][a-z]+[A-Za-z-]*)\)")
SPONSOR = re.compile(r"\b(?i:developed|manufactured|marketed) by\s+([A-Z][\w&.-]+(?:\s+[A-Z][\w&.-]+){0,3})")
APPROVAL = re.compile(r"\bapprov\w*\b.{0,120}?\b(?:Food and Drug Administration|FDA)\b.{0,40}?\bin\s+((?:January|February|March|April|"
                      r"May|June|July|August|September|October|November|December)\s+)?((?:19|20)\d\d)\b")
ROUTE = re.compile(r"\b(?:administered|given|injected|taken|applied)\b.{0,80}?\b([a-z-]+)\s+(?:injection|infusion|use|route)\b"
                   r"|\b(?:administered|given|taken)\s+(orally|intravenously|subcutaneously|intramuscularly|topically)\b", re.I)
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "six": 6, "eight": 8}
EVERY = re.compile(r"\b(?:additional |subsequent |further )?doses? every\s+(\d+|one|two|three|four|six|eight)\s+(day|week)s?\b", re.I)
KIND = (r"therapy|immunotherapy|inhibitor|agonist|antagonist|antibody|vaccine|analogue|analog|antiviral|antibiotic|"
        r"blocker|agent|hormone|enzyme|glucocorticoid|corticosteroid|statin|anticoagulant")
CLASS_OF = re.compile(rf"^\s*(?:the\s+)?(?P<subject>[\w -]{{2,60}}?)\s+is\s+an?\s+(?P<cls>(?:[a-z][\w-]*\s+){{0,4}}(?:{KIND}))\b")
ADVERBS = {"orally": "oral", "intravenously": "intravenous", "subcutaneously": "subcutaneous",
           "intramuscularly": "intramuscular", "topically": "topical"}


def brands(doc: Document) -> set[str]:
    return {str(f.entry.get("name", "")).casefold() for f in doc.facts if f.family == "brands"}


def extract(doc: Document) -> None:
    if doc.kind != "article":
        return
    from druglint.vocab import vocabulary

    routes = vocabulary("route")
    moiety = doc.moieties[0]
    done: set[str] = set()
    for b in doc.blocks:
        for k, s in enumerate(sentences(b.text), start=1):
            m = BRAND.search(s)
            if m and "brand" not in done:
                name = m.group(1) or m.group(2)
                if name.casefold() != moiety and name.casefold() not in {"fda", "hsv"}:
                    done.add("brand")
                    text_fact(doc, "brands", {"name": name}, b, s, sentence=k)
            m = CLASS_OF.search(s)
            if m and "class" not in done and m.group("subject").casefold() in {moiety, *brands(doc)}:
                done.add("class")
                text_fact(doc, "identity", {"key": "class", "value": m.group("cls")}, b, s, sentence=k)
            m = SPONSOR.search(s)
            if m and "sponsor" not in done:
                done.add("sponsor")
                text_fact(doc, "identity", {"key": "sponsor", "value": m.group(1).rstrip(",.")}, b, s, sentence=k)
            m = APPROVAL.search(s)
            if m and "approval" not in done:
                done.add("approval")
                entry = {"authority": "FDA", "year": int(m.group(2))}
                if m.group(1):
                    entry["note"] = f"the article gives {m.group(1).strip()} {m.group(2)}"
                text_fact(doc, "approval", entry, b, s, sentence=k)
            for m in ROUTE.finditer(s):
                word = (m.group(1) or m.group(2) or "").casefold()
                name = ADVERBS.get(word) or routes.resolve(word)
                if name and f"route {name}" not in done:
                    done.add(f"route {name}")
                    text_fact(doc, "routes", {"route": name}, b, s, sentence=k)
            m = EVERY.search(s)
            if m and "schedule" not in done:
                done.add("schedule")
                n = NUMBERS.get(m.group(1).casefold()) or int(m.group(1))
                days = n * (7 if m.group(2).casefold() == "week" else 1)
                text_fact(doc, "phases", {"phase": "subsequent", "interval_days": days, "repeats": True}, b, s, sentence=k)
