"""DL503 fact-without-source: a fact in a spec does not name its source.

Every medical fact druglint holds a dataset against must be traceable to a label section or
a document, so that a reviewer can check it and a finding can cite it. Brands and synonyms
written as plain strings and scalar identity fields take the ``drug`` block's source; every
other fact (route, strength, phase, reaction, interaction...) needs its own ``source:``.

Passing example (examplumab.yaml):

    spec: 1
    drug:
      name: examplumab
      source: Examplumab label, title page
    routes:
      approved:
        - {route: intravenous, source: Examplumab label §2.1}

Failing example (examplumab.yaml):

    spec: 1
    drug:
      name: examplumab
      source: Examplumab label, title page
    routes:
      approved:
        - {route: intravenous}
"""
from druglint.registry import declare

declare("DL503", "fact-without-source", "error", module=__name__)
