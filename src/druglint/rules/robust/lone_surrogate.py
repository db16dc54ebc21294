r"""DL153 lone-surrogate: a JSON or YAML string escapes half of a UTF-16 surrogate pair.

``"\ud83d"`` on its own is accepted by JSON and YAML parsers but is not a character: it
cannot be written as UTF-8, so exporting the value (to Parquet, a database, a web page)
fails or garbles it. Usually the second half of an emoji or a CJK character was cut off.
The value is read with U+FFFD (the replacement character) in its place.

Passing example (interactions.json):

    [{"drug_a": "warfarin", "drug_b": "aspirin", "severity": "major", "description": "bleeding \ud83d\ude00"}]

Failing example (interactions.json):

    [{"drug_a": "warfarin", "drug_b": "aspirin", "severity": "major", "description": "bleeding \ud83d"}]
"""
from druglint.registry import declare

RULE = declare("DL153", "lone-surrogate", "warning", module=__name__)
