"""DL506 spec-unknown-term: a spec uses a term the vocabularies do not know.

A route, unit, frequency category, severity or drug class unknown to druglint's vocabularies.

Spec values are matched against the shipped vocabularies (SPL routes, UCUM-style units,
CIOMS categories, the severity scale, drug classes) so that they compare with dataset
values; an unknown term would never match anything.

Passing example (examplumab.yaml):

    spec: 1
    drug:
      name: examplumab
      source: Examplumab label, title page
    routes:
      approved:
        - {route: subcutaneous, source: Examplumab label §2.1}

Failing example (examplumab.yaml):

    spec: 1
    drug:
      name: examplumab
      source: Examplumab label, title page
    routes:
      approved:
        - {route: under the skin, source: Examplumab label §2.1}
"""
from druglint.registry import declare

declare("DL506", "spec-unknown-term", "error", module=__name__)
