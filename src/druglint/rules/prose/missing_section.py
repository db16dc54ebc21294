"""DL630 missing-section: a drug monograph lacks a required section.

A monograph must tell the reader what the drug is for, how it is given, its adverse
reactions, who must not take it and what it interacts with. By default the required
sections are: indications (or uses), administration (or dosing), adverse reactions (or side
effects), contraindications, interactions. Headings are matched through synonyms ("Side
effects", "Undesirable effects" and "Possible side effects" all count as adverse reactions),
case-insensitively, anywhere in the heading text.

Only monographs are checked. A document is a monograph when its front matter says
``type: monograph`` (or ``label``), when its path matches the config's ``prose.monographs``
globs, or when it has at least three headings of which at least two are standard monograph
sections. Articles, leaflets and notes are not checked (front matter ``type: article`` or
the ``prose.articles`` globs force that). The finding is reported at the document's first
heading (line 1 when there is none).

Severity follows how sure the rule is that the document must hold the section: a warning
when the document is declared a monograph (front matter or ``prose.monographs`` globs),
info when it was only judged one from its headings.

A monograph whose opening section (the text before its second heading, or before the
first when text precedes it) says what the drug is for ("Imlygic is indicated for...",
"is used to treat...", "for the treatment of...") has its indications; no "Indications"
heading is demanded.

Configuration (``sections`` in the config; each item a group name from the defaults, or a
mapping of a new group name to its heading synonyms):

    sections:
      - indications
      - administration
      - storage: [storage, "how to store"]

Passing example (monograph.md):

    # Imlygic

    ## Indications and usage
    Melanoma lesions that cannot be removed by surgery.

    ## Dosage and administration
    Intralesional injection only.

    ## Contraindications
    Pregnancy; immunocompromised patients.

    ## Adverse reactions
    Fatigue, chills and fever.

    ## Drug interactions
    Acyclovir may reduce its effect.

Failing example (monograph.md):

    # Imlygic

    ## Indications and usage
    Melanoma lesions that cannot be removed by surgery.

    ## Dosage and administration
    Intralesional injection only.

    ## Adverse reactions
    Fatigue, chills and fever.
"""
from __future__ import annotations

import re
from typing import Any

from druglint.prose import DOCUMENT, Hit
from druglint.registry import rule

DEFAULT_GROUPS: dict[str, tuple[str, ...]] = {
    "indications": ("indications", "indication", "uses", "used for", "what it is used for", "therapeutic indications",
                    "what is it used for"),
    "administration": ("administration", "dosage", "dosing", "dose", "doses", "posology", "how to take", "how to use",
                       "how it is given", "how is it given"),
    "adverse reactions": ("adverse reactions", "adverse effects", "side effects", "undesirable effects", "adverse events",
                          "possible side effects"),
    "contraindications": ("contraindications", "contraindication", "who should not", "do not use", "when not to use"),
    "interactions": ("interactions", "interaction", "other medicines", "other medicinal products", "drug interactions"),
}


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def section_groups(config: Any) -> dict[str, tuple[str, ...]]:
    """Required section groups: the config's ``sections`` key, validated, or the defaults."""
    from druglint.config import ConfigError

    raw = config.extra.get("sections") if config is not None else None
    if raw is None:
        return DEFAULT_GROUPS
    line = config.line_of("sections") if callable(getattr(config, "line_of", None)) else None
    if not isinstance(raw, list) or not raw:
        raise ConfigError("'sections' must be a non-empty list of section names or {name: [heading synonyms]}", config.path, line)
    out: dict[str, tuple[str, ...]] = {}
    for item in raw:
        if isinstance(item, str):
            key = _norm(item)
            out[item] = DEFAULT_GROUPS.get(key, (key,))
        elif isinstance(item, dict) and len(item) == 1:
            (name, syn), = item.items()
            syns = [syn] if isinstance(syn, str) else syn
            if not isinstance(syns, list) or not all(isinstance(s, str) and s.strip() for s in syns):
                raise ConfigError(f"'sections': the synonyms of {name!r} must be a list of heading texts", config.path, line)
            out[str(name)] = tuple(_norm(s) for s in syns)
        else:
            raise ConfigError("'sections' items must be a section name or a one-key mapping name: [synonyms]", config.path, line)
    return out


def matched_groups(doc, groups: dict[str, tuple[str, ...]]) -> set[str]:
    found = set()
    for h in doc.headings:
        title = " " + _norm(h.title) + " "
        for name, syns in groups.items():
            if any(" " + s + " " in title for s in syns):
                found.add(name)
    return found


# The opening of a monograph says what the drug is for (21 CFR 201.57(c)(2) puts the
# indications first; consumer monographs open with "X is used to treat ...").
_STATES_USE = re.compile(
    r"\b(?:is|are)[ \t]+(?:(?:also|only|currently|mainly|primarily)[ \t]+)?(?:used|indicated|approved|prescribed)"
    r"[ \t]+(?:to|for|in|as)\b|\bused[ \t]+to[ \t]+(?:treat|prevent|relieve|manage|control)\b"
    r"|\bfor[ \t]+the[ \t]+(?:treatment|management|prevention|relief|control)[ \t]+of\b", re.I)


def opening_text(doc) -> str:
    """The monograph's opening: text before the first heading when there is prose there,
    else the first heading's section (a title and its lead paragraph)."""
    heads = doc.headings
    if not heads:
        return doc.prose
    cut = heads[0].offset - (heads[0].column - 1)
    lead = doc.prose[:cut]
    if len(lead.split()) >= 5:
        return lead
    end = heads[1].offset - (heads[1].column - 1) if len(heads) > 1 else len(doc.prose)
    return doc.prose[heads[0].offset + len(heads[0].title):end]


def _declared(ctx) -> bool:
    from druglint.config import glob_match

    declared = str(ctx.doc.front_matter.get("type", ctx.doc.front_matter.get("kind", "")) or "").strip().lower()
    if declared in ("monograph", "label"):
        return True
    rel = ctx.config.rel(ctx.doc.path) if ctx.config is not None else ctx.doc.path
    return any(glob_match(rel, g) for g in (ctx.settings or {}).get("monographs", ()))


@rule("DL630", "missing-section", "warning", scope=DOCUMENT)
def check(ctx):
    if ctx.kind != "monograph":
        return
    groups = section_groups(ctx.config)
    found = matched_groups(ctx.doc, groups)
    missing = [g for g in groups if g not in found]
    if "indications" in missing and _STATES_USE.search(opening_text(ctx.doc)):
        missing.remove("indications")
    if not missing:
        return
    at = ctx.doc.headings[0].offset if ctx.doc.headings else 0
    severity = None if _declared(ctx) else "info"
    how = "" if severity is None else " (judged a monograph from its headings)"
    for name in missing:
        syns = ", ".join(f"'{s}'" for s in groups[name][:3])
        yield Hit(at, f"monograph has no '{name}' section (a heading such as {syns}){how}", severity=severity)
