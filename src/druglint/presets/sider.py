"""SIDER 4.1 side-effect files (tab-separated, no header) and SIDER-derived CSVs.

Raw SIDER 4.1 (sideeffects.embl.de, download page and its README):

- ``meddra_all_se.tsv``: STITCH flat id, STITCH stereo id, UMLS CUI on the label, MedDRA
  concept type (LLT/PT), UMLS CUI of the MedDRA term, side-effect name. Kind side_effects:
  drug = STITCH flat id (CID1...), effect = side-effect name.
- ``meddra_freq.tsv``: the same ids, "placebo" or empty, frequency description ("5%",
  "rare", "postmarketing"), lower and upper bound (fractions), MedDRA type, CUI, name.
  Kind side_effects; when the lower and upper bound are equal (a point estimate) the bound
  is given as ``frequency_percent`` (x 100); the description words are not mapped onto
  CIOMS categories (SIDER's words have no sourced fixed bands, see vocab
  frequency_categories.yaml ``unmapped``). A placebo row's ``source`` is "placebo".
- ``meddra_all_indications.tsv``: STITCH flat id, UMLS CUI on the label, method
  (text_mention / NLP_indication), concept name, MedDRA type, CUI, MedDRA name. A reference
  table (druglint has no indications kind).

An LLT row and a PT row for the same term are different records in SIDER (the type column
differs), not duplicates. SIDER-derived CSVs (a header, fewer columns, such as
``drug_id,side_effect`` or ``drug_id,Percentage,Sideview``) are recognised too; there the
type column is gone, so an LLT/PT pair has collapsed into two identical rows (DL108).
Sources: SIDER 4.1 README (sideeffects.embl.de/download); Kuhn et al., Nucleic Acids Res
2016; DOMAIN.md section 4.
"""
from __future__ import annotations

import re

import pandas as pd

from druglint.presets.base import Preset

ALL_SE = ("stitch_flat", "stitch_stereo", "umls_label", "meddra_type", "umls_meddra", "side_effect")
FREQ = ("stitch_flat", "stitch_stereo", "umls_label", "placebo", "frequency_description", "lower", "upper",
        "meddra_type", "umls_meddra", "side_effect")
INDICATIONS = ("stitch_flat", "umls_label", "method", "concept_name", "meddra_type", "umls_meddra", "indication")

_CID = re.compile(r"^CID\d+$")


def _raw(pattern: str, ncols: int):
    def check(name: str, fields: list[str]) -> bool:
        return (re.match(pattern, name, re.I) is not None and len(fields) == ncols
                and _CID.match(fields[0].strip()) is not None)
    return check


def _freq_transform(table) -> None:
    f = table.frame
    lo = pd.to_numeric(f["lower"], errors="coerce")
    hi = pd.to_numeric(f["upper"], errors="coerce")
    point = lo.notna() & (lo == hi)
    pct = (lo * 100).round(6).map("{:g}".format)
    f["frequency_percent"] = pct.where(point, None)
    f["source"] = f["placebo"].where(f["placebo"].astype("str").str.strip().str.casefold() == "placebo", None)


def _percentage_transform(table) -> None:
    """The derived meddra_freq.csv holds fractions (0.05 = 5 %) in 'Percentage'."""
    f = table.frame
    num = pd.to_numeric(f["Percentage"], errors="coerce")
    f["Percentage"] = (num * 100).round(6).map("{:g}".format).where(num.notna(), f["Percentage"])


def _header(names: list[str]):
    return lambda name, fields: [x.strip() for x in fields] == names


SOURCES = ("SIDER 4.1 README, http://sideeffects.embl.de/download/",)

PRESETS = [
    Preset(name="sider-all-se", title="SIDER 4.1 meddra_all_se.tsv", kind="side_effects", sources=SOURCES,
           recognise=_raw(r"^meddra_all_se.*\.tsv$", 6), headerless=ALL_SE, delimiter="\t",
           columns={"drug": "stitch_flat", "effect": "side_effect"}, role="sider:se"),
    Preset(name="sider-freq", title="SIDER 4.1 meddra_freq.tsv", kind="side_effects", sources=SOURCES,
           recognise=_raw(r"^meddra_freq.*\.tsv$", 10), headerless=FREQ, delimiter="\t",
           columns={"drug": "stitch_flat", "effect": "side_effect"}, transform=_freq_transform, role="sider:freq"),
    Preset(name="sider-indications", title="SIDER 4.1 meddra_all_indications.tsv", kind=None, sources=SOURCES,
           recognise=_raw(r"^meddra_all_indications.*\.tsv$", 7), headerless=INDICATIONS, delimiter="\t",
           role="sider:indications"),
    # SIDER-derived projections with a header (e.g. gaballinoo-data/Ai-Medical-Twin)
    Preset(name="sider-derived-se", title="SIDER-derived side effects (drug_id, side_effect)", kind="side_effects",
           sources=SOURCES, recognise=_header(["drug_id", "side_effect"]),
           columns={"drug": "drug_id", "effect": "side_effect"}, role="sider:se"),
    Preset(name="sider-derived-freq", title="SIDER-derived frequencies (drug_id, Percentage as a fraction, Sideview)",
           kind="side_effects", sources=SOURCES, recognise=_header(["drug_id", "Percentage", "Sideview"]),
           columns={"drug": "drug_id", "effect": "Sideview", "frequency_percent": "Percentage"},
           transform=_percentage_transform, role="sider:freq"),
    Preset(name="sider-derived-indications", title="SIDER-derived indications (drug_id, disease)", kind=None,
           sources=SOURCES, recognise=_header(["drug_id", "disease"]), role="sider:indications"),
    Preset(name="sider-merged-indications", title="SIDER 4.1 indications joined with drug names (pandas merge header)",
           kind=None, sources=SOURCES + ("YezhaoZhong/SKR data/drug_indication.tsv",),
           recognise=_header(["0", "1_x", "1_y", "2", "3", "4", "5", "6"]), role="sider:indications"),
]
