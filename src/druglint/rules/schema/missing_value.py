"""DL103 missing-value: a required field is empty.

A side effect without a drug, or an interaction without a severity, cannot be used safely
and is usually a truncated export.

Passing example (interactions.csv):

    drug_a,drug_b,severity
    warfarin,aspirin,major

Failing example (interactions.csv):

    drug_a,drug_b,severity
    warfarin,aspirin,
"""
from druglint.registry import declare

RULE = declare("DL103", "missing-value", "error", module=__name__)
