"""DL104 unknown-value: a value is outside the column's controlled vocabulary.

Vocabularies: interaction ``severity`` (contraindicated, major, moderate, minor, unknown),
CIOMS ``frequency_category`` (very common ... very rare, not known), FDA SPL ``route``
names, and UCUM-style units. Matching ignores case and extra whitespace; the message
offers the nearest known value ("very comon" -> "very common").

Passing example (side_effects.csv):

    drug,effect,frequency_category
    ibuprofen,dyspepsia,very common

Failing example (side_effects.csv):

    drug,effect,frequency_category
    ibuprofen,dyspepsia,very comon
"""
from druglint.registry import declare

RULE = declare("DL104", "unknown-value", "error", module=__name__)
