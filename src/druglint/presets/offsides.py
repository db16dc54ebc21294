"""OFFSIDES and TWOSIDES (Tatonetti lab, nsides; the 2019 CSV release).

OFFSIDES columns: ``drug_rxnorn_id`` (sic: the real files misspell rxnorm; the corrected
``drug_rxnorm_id`` is accepted too), ``drug_concept_name``, ``condition_meddra_id``,
``condition_concept_name``, A, B, C, D, PRR, PRR_error, mean_reporting_frequency. Kind
side_effects: drug = drug_concept_name, effect = condition_concept_name, meddra_code =
condition_meddra_id. ``mean_reporting_frequency`` is a share of reports, not of patients,
so it is not mapped onto ``frequency_percent``.

TWOSIDES adds ``drug_1_rxnorn_id``, ``drug_1_concept_name``, ``drug_2_rxnorm_id``,
``drug_2_concept_name``: kind interactions, drug_a/drug_b = the two concept names, effect =
condition_concept_name. TWOSIDES gives a signal, not a severity, so every row's severity is
``unknown`` (the canonical term for "not assessed"); the severity rules then have nothing
to compare, which is right. Sources: Tatonetti et al., Sci Transl Med 2012 (OFFSIDES,
TWOSIDES); nsides release notes (tatonettilab.org / github.com/tatonetti-lab/nsides);
DOMAIN.md section 4.
"""
from __future__ import annotations

from druglint.presets.base import Preset

SOURCES = ("Tatonetti et al., Sci Transl Med 2012; nsides 2019 release (OFFSIDES.csv, TWOSIDES.csv)",)


def _offsides(name: str, fields: list[str]) -> bool:
    f = {x.strip() for x in fields}
    return bool({"drug_rxnorn_id", "drug_rxnorm_id"} & f) and {"drug_concept_name", "condition_concept_name"} <= f


def _twosides(name: str, fields: list[str]) -> bool:
    f = {x.strip() for x in fields}
    return ({"drug_1_concept_name", "drug_2_concept_name", "condition_concept_name"} <= f
            and bool({"drug_1_rxnorn_id", "drug_1_rxnorm_id"} & f))


def _unknown_severity(table) -> None:
    table.frame["severity"] = "unknown"


PRESETS = [
    Preset(name="offsides", title="OFFSIDES (single-drug adverse event signals)", kind="side_effects", sources=SOURCES,
           recognise=_offsides,
           columns={"drug": "drug_concept_name", "effect": "condition_concept_name", "meddra_code": "condition_meddra_id"},
           role="offsides"),
    Preset(name="twosides", title="TWOSIDES (drug-pair adverse event signals)", kind="interactions", sources=SOURCES,
           recognise=_twosides,
           columns={"drug_a": "drug_1_concept_name", "drug_b": "drug_2_concept_name", "effect": "condition_concept_name"},
           transform=_unknown_severity, role="twosides"),
]
