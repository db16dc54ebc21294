"""DL105 non-canonical-value: a valid vocabulary value is not written in its canonical form.

"Major", " major" and "MAJOR" all mean ``major`` and are accepted; this style finding
(information only) offers the canonical spelling as a fix, so that tools comparing
values exactly do not treat them as different.

Passing example (interactions.csv):

    drug_a,drug_b,severity
    warfarin,aspirin,major

Failing example (interactions.csv):

    drug_a,drug_b,severity
    warfarin,aspirin,Major
"""
from druglint.registry import declare

RULE = declare("DL105", "non-canonical-value", "info", module=__name__, fixable=True)
