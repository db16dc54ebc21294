"""DL501 spec-unreadable: a spec file is not valid YAML or not UTF-8.

A file that says ``spec: 1`` is read as a drug spec (docs/specs.md). When it cannot be
parsed, none of its facts can be used, so every dataset check that needs this drug's spec
is silently weaker. The message names the line and column of the syntax error.

Passing example (examplumab.yaml):

    spec: 1
    drug:
      name: examplumab
      source: Examplumab label, title page

Failing example (examplumab.yaml):

    spec: 1
    drug:
      name: examplumab
      source: "Examplumab label
"""
from druglint.registry import declare

declare("DL501", "spec-unreadable", "error", module=__name__)
