"""DL505 phase-strength-not-marketed: a dosing phase uses a strength the spec does not market.

A phase's ``strength`` must be one of the spec's ``strengths`` (same amount and unit): the
dosing rules check records against both, and a phase strength that cannot be dispensed is a
typo in the spec (10^7 for 10^8 PFU/mL, for example).

Passing example (examplumab.yaml):

    spec: 1
    drug:
      name: examplumab
      source: Examplumab label, title page
    strengths:
      - {amount: 10, unit: mg/mL, source: Examplumab label §3}
    schedule:
      phases:
        - {phase: initial, strength: 10 mg/mL, source: Examplumab label §2.1}

Failing example (examplumab.yaml):

    spec: 1
    drug:
      name: examplumab
      source: Examplumab label, title page
    strengths:
      - {amount: 10, unit: mg/mL, source: Examplumab label §3}
    schedule:
      phases:
        - {phase: initial, strength: 20 mg/mL, source: Examplumab label §2.1}
"""
from druglint.registry import declare

declare("DL505", "phase-strength-not-marketed", "error", module=__name__)
