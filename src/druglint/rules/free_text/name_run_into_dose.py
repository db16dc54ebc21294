"""DL436 free-text-drug-name-run-into-dose: a free-text cell writes a drug name against its dose ("Tegretol300").

ISMP list of error-prone dose designations, in free-text columns (see DL430): "Inderal40"
can be read as "Inderal 140". The name must be a known drug name (vocabulary, specs, and
the optional drug-name dictionary).

Passing example (dosing.csv):

    drug,route,frequency
    acyclovir,oral,acyclovir 400 mg five times daily

Failing example (dosing.csv):

    drug,route,frequency
    acyclovir,oral,acyclovir400 mg five times daily
"""
from __future__ import annotations

from druglint.registry import rule
from druglint.rules.free_text._columns import KINDS, designation_hits


@rule("DL436", "free-text-drug-name-run-into-dose", "warning", kinds=KINDS, fixable=True, row=True)
def check(ctx):
    from druglint.prose import drugs, facts
    from druglint.rules.prose.name_run_into_dose import RUN

    known: list[set[str]] = []

    def names() -> set[str]:
        # the dictionary takes ~0.5 s to load: only when a cell holds a name-number run
        if not known:
            known.append(set(drugs.names_of(facts.specs(ctx.config))) | set(drugs.dictionary()))
        return known[0]

    def build(m):
        old = m[0]
        new = m[1] + " " + m[2]
        return "'" + old + "' runs the drug name into the dose; write '" + new + "'", old, new

    return designation_hits(ctx, RUN, build, r"[A-Za-z]{4}\d", keep=lambda m: m[1].str.lower().isin(names()))


