"""DL504 spec-self-contradiction: a spec says two incompatible things.

Examples: a reaction's percent outside its CIOMS category (50 % but "rare"); the same
reaction (after lay-term and spelling normalisation) listed as "very common" and as "rare";
a route both approved and forbidden; a phase maximum above the per-visit maximum; two
phases with the same name. Rules would otherwise pick one of the two facts at random.

Passing example (examplumab.yaml):

    spec: 1
    drug:
      name: examplumab
      source: Examplumab label, title page
    adverse_reactions:
      - {term: pyrexia, percent: 42.8, category: very common, source: Examplumab label §6.1}

Failing example (examplumab.yaml):

    spec: 1
    drug:
      name: examplumab
      source: Examplumab label, title page
    adverse_reactions:
      - {term: pyrexia, percent: 42.8, category: very common, source: Examplumab label §6.1}
      - {term: fever, category: rare, source: Examplumab leaflet}
"""
from druglint.registry import declare

declare("DL504", "spec-self-contradiction", "error", module=__name__)
