"""DL507 duplicate-spec-name: two specs claim the same drug name, brand or synonym.

Dataset names are resolved through every spec's names; a brand claimed by two drugs makes
that resolution depend on load order. Reported by ``druglint spec check`` for two files in
one spec folder, and when a linted spec claims a name that another spec of the run (bundled
or configured) already uses for a different drug.

Passing example (examplumab.yaml):

    spec: 1
    drug:
      name: examplumab
      source: Examplumab label, title page
      brands: [Examplix]

Failing example (examplumab.yaml):

    spec: 1
    drug:
      name: examplumab
      source: Examplumab label, title page
      brands: [Imlygic]
"""
from druglint.registry import declare

declare("DL507", "duplicate-spec-name", "error", module=__name__)
