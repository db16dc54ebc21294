"""DDInter "download by ATC code" CSVs (ddinter_downloads_code_A.csv ... _V.csv).

Layout: ``DDInterID_A,Drug_A,DDInterID_B,Drug_B,Level``; names with commas are quoted
("Thyroid, porcine"). Kind: interactions. ``Level`` is DDInter's scale, mapped exactly:
Major -> major, Moderate -> moderate, Minor -> minor, Unknown -> unknown (druglint
vocab/severities.yaml, scale ``ddinter``; DDInter's own definitions at ddinter.scbdd.com).
Any other Level value is left as written and reported by the schema. A pair is listed in
every per-ATC file its drugs belong to, so the same pair in two files is by design and is
not reported (DL108 and the pair rules work within one file). Each file is marked as a partial list
(``table.meta["partial"]``), so DL304 (spec interaction missing) does not run per file.
The DDInter ids are the drugs' identities for the pair rules: "Vitamin D" (DDInter1942) is
not ergocalciferol (DDInter662), although Drugs@FDA has a product of ergocalciferol branded
VITAMIN D.
"""
from __future__ import annotations

from druglint.presets.base import Preset
from druglint.presets.common import map_values

HEADER = ["DDInterID_A", "Drug_A", "DDInterID_B", "Drug_B", "Level"]


def _levels() -> dict[str, str]:
    from druglint.vocab import data

    return dict(data("severities")["scales"]["ddinter"])


def _transform(table) -> None:
    # one per-ATC download is a slice of DDInter: a pair missing here may be in another file
    table.meta["partial"] = True
    f = table.frame
    if "Level" in f.columns:
        # exact source words only: "Major" maps, " major " or "Majr" stays and is reported
        f["Level"] = map_values(f["Level"], _levels(), casefold=False)


PRESETS = [
    Preset(
        name="ddinter",
        title="DDInter drug-drug interactions (download by ATC code)",
        kind="interactions",
        sources=("DDInter, http://ddinter.scbdd.com/ download files (Xiong et al., Nucleic Acids Res 2022)",
                 "druglint vocab/severities.yaml scale 'ddinter'"),
        recognise=lambda name, fields: fields[:5] == HEADER,
        columns={"drug_a": "Drug_A", "drug_b": "Drug_B", "severity": "Level", "drug_a_id": "DDInterID_A",
                 "drug_b_id": "DDInterID_B"},
        transform=_transform,
        role="ddinter",
        text_columns=(),
    ),
]
