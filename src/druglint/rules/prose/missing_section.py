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


@rule("DL630", "missing-section", "warning", scope=DOCUMENT)
def check(ctx):
    if ctx.kind != "monograph":
        return
    groups = section_groups(ctx.config)
    missing = [g for g in groups if g not in matched_groups(ctx.doc, groups)]
    if not missing:
        return
    at = ctx.doc.headings[0].offset if ctx.doc.headings else 0
    for name in missing:
        syns = ", ".join(f"'{s}'" for s in groups[name][:3])
        yield Hit(at, f"monograph has no '{name}' section (a heading such as {syns})")
