"""DL118 parse-error: the file cannot be parsed in its format.

Invalid JSON or YAML, a corrupt Parquet file, or a CSV quote that is opened and never
closed (which would swallow the rest of the file into one cell). Reported at the line
where the parser gave up.

Passing example (interactions.json):

    [{"drug_a": "warfarin", "drug_b": "aspirin", "severity": "major"}]

Failing example (interactions.json):

    [{"drug_a": "warfarin", "drug_b": "aspirin", "severity": "major"},
"""
from druglint.registry import declare

RULE = declare("DL118", "parse-error", "error", module=__name__)
