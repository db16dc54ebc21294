"""DL411 route-abbreviation: a route is written as an error-prone abbreviation (ISMP).

The ISMP List of Error-Prone Abbreviations names route abbreviations that are misread:
SC and SQ (SC read as SL, sublingual; SQ as "5 every"), IN (read as IM or IV), per os
(os read as left eye), AD/AS/AU and OD/OS/OU (ears and eyes confused). In a route column
druglint reads them as the route they stand for (so the route rules DL401/DL402 still
apply) and reports them with the spelled-out SPL route as the fix. Common abbreviations
that are not on the list (IV, IM, PO) are read the same way and reported only as a
non-canonical spelling (DL105, info). Emitted by the schema stage (``kinds/schema.py``);
the abbreviations are ``error_prone`` in ``vocab/routes.yaml``.

Passing example (dosing.csv):

    drug,route,dose,dose_unit
    acyclovir,oral,400,mg

Failing example (dosing.csv):

    drug,route,dose,dose_unit
    acyclovir,SC,400,mg
"""
from druglint.registry import declare

RULE = declare("DL411", "route-abbreviation", "warning", module=__name__, fixable=True)
