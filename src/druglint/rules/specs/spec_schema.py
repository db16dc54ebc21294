"""DL502 spec-schema-error: a spec key is unknown, missing or of the wrong type.

The spec format (docs/specs.md) is closed: a misspelt key such as ``adverse_reaction`` would
otherwise be ignored and its facts lost. Required keys (``drug.name``, a reaction's ``term``,
an interaction's ``effect`` and ``severity``...) must be present, numbers must be numbers.

Passing example (examplumab.yaml):

    spec: 1
    drug:
      name: examplumab
      source: Examplumab label, title page
    adverse_reactions:
      - {term: headache, percent: 12, source: Examplumab label §6.1}

Failing example (examplumab.yaml):

    spec: 1
    drug:
      name: examplumab
      source: Examplumab label, title page
    adverse_reaction:
      - {term: headache, percent: 12, source: Examplumab label §6.1}
"""
from druglint.registry import declare

declare("DL502", "spec-schema-error", "error", module=__name__)
