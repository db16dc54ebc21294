"""DL102 invalid-type: a value cannot be read as the column's type.

Numbers (``dose``, ``frequency_percent``, ``interval_days``...) must be plain numbers: a
unit belongs in its own column ("10 mg" in ``dose`` is ambiguous), and a thousands
separator in a data cell is read differently by different tools. Booleans (``serious``,
``pregnant``...) accept true/false, yes/no, y/n and 1/0.

Passing example (dosing.csv):

    drug,route,dose,dose_unit
    acyclovir,oral,400,mg

Failing example (dosing.csv):

    drug,route,dose,dose_unit
    acyclovir,oral,400 mg,mg
"""
from druglint.registry import declare

RULE = declare("DL102", "invalid-type", "error", module=__name__)
