"""DL622 sponsor-contradicts-spec: the text names a developer or manufacturer the spec does not.

"Developed by X", "manufactured by X", "marketed by X" (and "X's drug") in a sentence about
the document's drug are held against the spec's ``sponsor``, ``manufacturer`` and
``developer``. Any of those names counts as right (Imlygic was developed by BioVex, which
Amgen acquired; the sponsor is Amgen). Negated sentences are not claims. When one of those
companies was derived by ``spec derive`` and is not yet reviewed (``review: required``), the
finding is info, not error.

Passing example (article.md):

    # Imlygic

    Developed by Amgen, Imlygic was the first oncolytic virus therapy approved by the FDA.

Failing example (article.md):

    # Imlygic

    Developed by Pfizer, Imlygic was the first oncolytic virus therapy approved by the FDA.
"""
from __future__ import annotations

import re

from druglint.prose import DOCUMENT, Hit, facts
from druglint.registry import rule
from druglint.specs.provenance import cap, note

_NAME = r"[A-Z][\w&.\-]*(?:[ \t]+(?:[A-Z][\w&.\-]*|&)){0,3}"
CLAIM = re.compile(rf"\b(?i:developed|manufactured|marketed|made|produced|discovered|invented|sold|distributed|sponsored|"
                   rf"owned|licensed)[ \t]+by[ \t]+(?:the[ \t]+)?(?:company[ \t]+|firm[ \t]+)?({_NAME})"
                   rf"|\b({_NAME})(?:'s|’s)[ \t]+(?:drug|product|medicine|therapy|treatment)\b")
_SUFFIX = re.compile(r"\b(?:inc|incorporated|ltd|limited|plc|llc|corp|corporation|co|company|gmbh|ag|sa|pharmaceuticals?|pharma|"
                     r"biotech|therapeutics|laboratories|labs)\b\.?", re.I)
_NOT_COMPANY = {"the", "a", "an", "researchers", "scientists", "doctors", "physicians", "it", "this", "fda", "u.s", "us"}


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", _SUFFIX.sub("", name.lower())).strip()


@rule("DL622", "sponsor-contradicts-spec", "error", scope=DOCUMENT)
def check(ctx):
    spec = ctx.spec
    if spec is None:
        return
    held = [spec.identity[k] for k in ("sponsor", "manufacturer", "developer") if k in spec.identity]
    companies = [str(f.value) for f in held]
    if not companies:
        return
    keys = {_key(c) for c in companies}
    for s, sentence, m in facts.sentences_with(ctx, CLAIM):
        group = 1 if m.group(1) else 2
        name = m.group(group).rstrip(".")
        if name.split()[0].lower() in _NOT_COMPANY or facts.negated(sentence, m.start()):
            continue
        if not facts.about_subject(ctx, sentence):
            continue
        key = _key(name)
        if not key or any(key == k or key.startswith(k + " ") or k.startswith(key + " ") for k in keys):
            continue
        if any(n.lower() in name.lower() for n in spec.names()):
            continue
        yield Hit(s + m.start(group), f"'{name}' is not the spec's sponsor, manufacturer or developer "
                                      f"({', '.join(companies)}){note(*held)}", severity=cap(*held))
