"""DL119 unknown-kind: the file's dataset kind cannot be told; it is skipped.

A file's kind comes from the ``kinds`` globs in the configuration, else from its columns:
``drug_a`` and ``drug_b`` make an interactions list, ``drug`` and ``effect`` a side-effect
table, ``drug`` with ``route``, ``dose`` or ``phase`` a dosing file. Reported once per file,
as information: the file is not checked.

To have such a file checked, either name its kind with a glob in the configuration
(``kinds: {"data/ddi_*.csv": interactions}``) or map its own column names onto the
canonical ones (``columns: {drug_a: [Drug 1], drug_b: [Drug 2]}``), in druglint.yaml or
``[tool.druglint]``. Header names match ignoring case, spaces, dots and dashes.

Passing example (drugs.csv):

    drug,effect
    acyclovir,nausea

Failing example (drugs.csv):

    name,notes
    acyclovir,antiviral
"""
from druglint.registry import declare

RULE = declare("DL119", "unknown-kind", "info", module=__name__)
