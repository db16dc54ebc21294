"""Interacting drugs and classes, as drafts, from Drug Interactions (LOINC 34073-7), the
Contraindications (34070-3) and articles.

A partner is a drug name the project resolves (specs, vocab/drug_names.yaml), a class from
vocab/drug_classes.yaml or a class phrase ("strong CYP3A4 inhibitors", "live vaccines",
"corticosteroids"), or the title of a section-7 subsection. The grade comes from the
recommendation wording of the sentence through issue 13's table
(vocab/interaction_language.yaml, ``druglint.specs.grading.label_severity``): a label sentence
gives ``severity_basis: label`` with that sentence as ``label_wording``; an article is a
secondary source (``basis: secondary``, ``severity_basis: author``). A sentence without
recommendation wording gives severity ``unknown`` for the reviewer to grade. A class phrase
without a sourced member list in vocab/drug_classes.yaml is left out (a spec interaction
with such a class cannot be checked). Two generic phrases name a listed class when the
sentence says which: "corticosteroids" in a sentence about systemic use (the seed article's
"systemic immunosuppressive drugs, such as corticosteroids") is ``systemic corticosteroids``;
"antiviral medications|drugs|agents" in a sentence naming herpes/HSV or a member of the class
("such as acyclovir") is ``antiherpetic antivirals``. A drug the sentence gives only as an
example of a class it names ("antiviral agents such as acyclovir") is covered by the class.
"""
from __future__ import annotations

import re

from druglint.derive.document import Document
from druglint.derive.cite import text_fact
from druglint.derive.textutil import sentences

SECTIONS = {"34073-7", "34070-3"}
CLASS = re.compile(r"\b((?:strong |moderate |potent )?(?:CYP\w+|P-gp|OATP\w*|UGT\w*) (?:inhibitors|inducers|substrates)|"
                   r"live (?:attenuated )?vaccines|anticoagulants|antiplatelet (?:agents|drugs)|corticosteroids|nitrates|"
                   r"alpha[- ]blockers|monoamine oxidase inhibitors|MAO inhibitors|immunosuppressive (?:drugs|agents|therapy)|"
                   r"antiviral (?:medications|drugs|agents)|chemotherapy|diuretics|NSAIDs|opioids|benzodiazepines|"
                   r"antiherpetic antivirals|systemic corticosteroids)\b", re.I)
INTERACTS = re.compile(r"\b(?:interact|interfere|increase|decrease|diminish|reduce|inhibit|induc|potentiat|co-?administ|"
                       r"concomitant|combination|together with|avoid|contraindicated|not recommended)\w*", re.I)
WORD = re.compile(r"[A-Za-z][A-Za-z-]{2,}")


SYSTEMIC = re.compile(r"\bsystemic\b", re.I)
HERPES = re.compile(r"\bherpe\w*|\bHSV\b", re.I)


def _class_name(phrase: str, s: str, resolver) -> str:
    """The vocab/drug_classes.yaml class a generic phrase names in this sentence, else the phrase."""
    from druglint.specs.resolve import class_members

    key = phrase.casefold()
    if key == "corticosteroids" and SYSTEMIC.search(s):
        return "systemic corticosteroids"
    if key.startswith("antiviral "):
        members = set(class_members("antiherpetic antivirals"))
        named = {resolver.canonical(w) for w in WORD.findall(s)}
        if HERPES.search(s) or members & named:
            return "antiherpetic antivirals"
    return key


def _partners(s: str, resolver, exclude: set[str]) -> list[str]:
    from druglint.specs.resolve import class_members

    out: list[str] = []
    for m in CLASS.finditer(s):
        name = _class_name(m.group(1), s, resolver)
        if name not in out:
            out.append(name)
    covered = {member for o in out for member in class_members(o)}
    exclude = exclude | covered  # "antiviral agents (such as acyclovir)": acyclovir is the class's example
    words = WORD.findall(s)
    for n in (2, 1):
        for i in range(len(words) - n + 1):
            name = " ".join(words[i:i + n])
            canon = resolver.canonical(name)
            if canon and canon not in exclude and canon not in out and not any(canon in o for o in out):
                out.append(canon)
    return [o for o in out if o not in exclude]


def extract(doc: Document) -> None:
    from druglint.specs.grading import label_severity as grade
    from druglint.specs.loader import load_specs

    resolver = load_specs().resolver
    exclude = set(doc.moieties) | {f.entry.get("name", "").casefold() for f in doc.facts if f.family == "brands"}
    seen: set[str] = set()
    for b in doc.blocks:
        if b.table or not (b.section in SECTIONS or b.top in SECTIONS or doc.kind == "article"):
            continue
        for k, s in enumerate(sentences(b.text), start=1):
            if not INTERACTS.search(s):
                continue
            for partner in _partners(s, resolver, exclude):
                if partner in seen:
                    continue
                seen.add(partner)
                severity = grade(s)
                entry = {"class" if CLASS.fullmatch(partner) else "drug": partner, "effect": s[:200],
                         "severity": severity or "unknown"}
                if doc.kind == "article":
                    entry.update(severity_basis="author", basis="secondary",
                                 justification="an article, not a label: grade for the reviewer"
                                 + (f" (its wording reads as {severity})" if severity else ""))
                elif severity:
                    entry.update(severity_basis="label", label_wording=s[:300], basis="label")
                else:
                    entry.update(severity_basis="author", basis="label",
                                 justification="the label sentence has no recommendation wording: grade for the reviewer")
                if "class" in entry and not _class_known(partner):
                    continue  # a class without a sourced member list cannot be checked (vocab/drug_classes.yaml)
                text_fact(doc, "interactions", entry, b, s, sentence=k)


def _class_known(name: str) -> bool:
    from druglint.specs.resolve import class_members

    return bool(class_members(name))
