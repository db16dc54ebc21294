"""DL625 approval-authority-not-in-spec: the text credits the drug's approval to an authority the spec does not record.

"Approved by the EMA in 2015" about a drug whose spec records only an FDA approval in 2015
is either a mix-up of authorities or an approval the spec lacks. It is reported for a
person to decide (info severity): correct the text, or add the approval to the spec.

Passing example (article.md):

    # Imlygic

    Imlygic was approved by the FDA in October 2015.

Failing example (article.md):

    # Imlygic

    Imlygic was approved by Health Canada in October 2015.
"""
from __future__ import annotations

from druglint.prose import DOCUMENT, Hit, facts
from druglint.registry import rule
from druglint.rules.prose.approval_claim import APPROVAL, AUTHORITIES, spec_approval


@rule("DL625", "approval-authority-not-in-spec", "info", scope=DOCUMENT)
def check(ctx):
    spec = ctx.spec
    known = spec_approval(spec) if spec is not None else None
    if not known or not known[0]:
        return
    authority, year = known
    for s, sentence, m in facts.sentences_with(ctx, APPROVAL):
        if facts.negated(sentence, m.start()) or not facts.about_subject(ctx, sentence):
            continue
        named = facts.per_sentence(ctx, sentence, "authorities", lambda: [a for a, p in AUTHORITIES.items() if p.search(sentence)])
        if not named or authority in named:
            continue
        where = AUTHORITIES[named[0]].search(sentence)
        yield Hit(s + where.start(), f"approval is credited to {named[0]}, but the spec of {spec.name} records only "
                                     f"{authority} approval ({year}); correct the text or add the approval to the spec")
