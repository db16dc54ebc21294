"""DL101 missing-column: a required column of the file's kind is absent.

side_effects need ``drug`` and ``effect``; interactions ``drug_a``, ``drug_b`` and
``severity``; dosing ``drug`` and ``route``. If the file names the column differently,
map it in the configuration (``columns = {severity = "Level"}``).

Passing example (interactions.csv):

    drug_a,drug_b,severity
    warfarin,aspirin,major

Failing example (interactions.csv):

    drug_a,drug_b,effect
    warfarin,aspirin,bleeding
"""
from druglint.registry import declare

RULE = declare("DL101", "missing-column", "error", module=__name__)
