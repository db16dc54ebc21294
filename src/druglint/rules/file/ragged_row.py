"""DL114 ragged-row: a row has more or fewer cells than the header.

Usually an unquoted delimiter inside a value ("Sulfamethoxazole, trimethoprim") or a
truncated line. Cells past the header are not read; missing cells are read as empty. The
line reported is where the record starts, even when quoted cells span lines.

Passing example (interactions.csv):

    drug_a,drug_b,severity
    "sulfamethoxazole, trimethoprim",warfarin,major

Failing example (interactions.csv):

    drug_a,drug_b,severity
    sulfamethoxazole, trimethoprim,warfarin,major
"""
from druglint.registry import declare

RULE = declare("DL114", "ragged-row", "error", module=__name__)
