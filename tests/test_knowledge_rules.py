"""Rules that use the knowledge pack's names (issue 13): the cross-file severity conflict
(DL308), unknown names (DL520), near misses searched in the whole dictionary (DL521) and
trailing punctuation (DL522). Exact (file, line, code) of each fixture."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from druglint.api import lint_frame
from druglint.config import Config
from druglint.engine import lint_paths

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ACROSS = FIXTURES / "knowledge" / "across-files"


def test_pair_graded_differently_in_two_files():
    report = lint_paths([str(ACROSS)], Config(root=str(FIXTURES)), select=["DL308"])
    got = [(Path(v.path).name, v.line, v.column, v.code) for v in report.sorted()]
    assert got == [("first.csv", 2, 3, "DL308"), ("first.csv", 6, 3, "DL308"),
                   ("second.csv", 2, 3, "DL308"), ("second.csv", 7, 3, "DL308")]
    by_line = {(Path(v.path).name, v.line): v.message for v in report.violations}
    # each finding names the other file and line, and the drugs the names resolve to
    assert "second.csv:2" in by_line[("first.csv", 2)] and "(acyclovir / talimogene laherparepvec)" in by_line[("first.csv", 2)]
    assert "first.csv:2" in by_line[("second.csv", 2)]
    assert "first.csv:6" in by_line[("second.csv", 7)]


def test_one_file_alone_has_no_cross_file_conflict():
    report = lint_paths([str(ACROSS / "second.csv")], Config(root=str(FIXTURES)), select=["DL308"])
    assert report.violations == []


def test_a_datasets_own_drug_ids_win_over_name_resolution():
    # DDInter lists "Vitamin D" (DDInter1942) apart from ergocalciferol (DDInter662); Drugs@FDA
    # has an ergocalciferol product branded VITAMIN D, so by names alone the two rows were one
    # pair graded 'unknown' and 'major' (4 false DL306 on ../shared/realdata/ddinter)
    folder = FIXTURES / "knowledge" / "source-ids"
    report = lint_paths([str(folder)], Config(root=str(FIXTURES)), select=["DL3"])
    got = [(Path(v.path).name, v.line, v.column, v.code) for v in report.sorted()]
    assert got == [("ddinter_downloads_code_Z.csv", 5, 5, "DL302"),  # pairs by ids, in either order
                   ("no_ids.csv", 3, 3, "DL306")]  # without ids, names decide


@pytest.mark.parametrize("written, meant", [
    ("Cyclophosphemide", "cyclophosphamide"),  # FAERS spellings the old name list let pass
    ("CIPROFLOXICIN", "ciprofloxacin"),
    ("METOTREXATE", "methotrexate"),
])
def test_near_miss_is_searched_in_the_whole_dictionary(written, meant):
    report = lint_frame(pd.DataFrame({"drug": [written], "route": ["oral"]}), kind="dosing", select=["DL520", "DL521"])
    assert [(v.line, v.code) for v in report.violations] == [(1, "DL521")]
    assert f"did you mean '{meant}'" in report.violations[0].message


@pytest.mark.parametrize("name", [
    "Coumadine",  # warfarin's French brand: a real name, not a typo of Coumadin
    "paracetamol",  # international name of acetaminophen
    "fosinopril", "lisinopril", "esomeprazole", "duloxetine", "cycloserine",  # real drugs one stem apart
    "Lipitor", "ATORVASTATIN CALCIUM", "ASPIRIN 81 MG",
])
def test_known_names_are_never_typos_or_unknown(name):
    report = lint_frame(pd.DataFrame({"drug": [name], "route": ["oral"]}), kind="dosing", select=["DL520", "DL521"])
    assert report.violations == [], report.violations


def test_punctuation_variant_of_a_brand_is_that_brand():
    report = lint_frame(pd.DataFrame({"drug": ['HY-PAM "25"'], "route": ["oral"]}), kind="dosing",
                        select=["DL520", "DL521"])
    assert report.violations == []


KNOWLEDGE = FIXTURES / "knowledge"


def test_routes_and_strengths_per_drugsatfda_for_drugs_without_a_spec():
    """DL401/DL404 from the pack's products: error where the claim is specific, info for a
    drug with OTC products, nothing for an injectable's injection routes, an unknown route,
    a drug with a spec (acyclovir) or an unknown drug."""
    report = lint_paths([str(KNOWLEDGE / "dosing-pack-facts.csv")], Config(root=str(FIXTURES)), select=["DL401", "DL404"])
    got = [(v.line, v.code, str(v.severity)) for v in report.sorted()]
    assert got == [(3, "DL401", "error"),  # prednisone rectal: oral products only
                   (5, "DL404", "error"),  # Lovenox 80 mg/mL: enoxaparin is 100 and 150 mg/mL
                   (6, "DL401", "error"),  # enoxaparin oral: injection products only
                   (7, "DL401", "info"),  # aspirin rectal: OTC monograph products are not in Drugs@FDA
                   (8, "DL401", "error"),  # Lipitor intravenous
                   (9, "DL404", "error"),  # 25 mg atorvastatin (salt name resolved)
                   (10, "DL404", "info")]  # ibuprofen 250 mg: has OTC products
    assert all("per Drugs@FDA" in v.message and "Drugs@FDA " in v.message for v in report.violations)


def test_injectable_without_a_specific_route_is_never_told_iv_is_unapproved():
    frame = pd.DataFrame({"drug": ["enoxaparin", "heparin sodium", "acyclovir sodium"],
                          "route": ["intravenous", "intravenous", "intravenous"]})
    assert lint_frame(frame, kind="dosing", select=["DL401"]).violations == []


def test_prose_route_and_strength_claims_per_drugsatfda():
    report = lint_paths([str(KNOWLEDGE / "lipitor-article.md")], Config(root=str(FIXTURES)), select=["DL620", "DL624"])
    # line 6 ("It is given intravenously") is only a pronoun; line 8 names another drug;
    # line 9 is negated; lines 3 and 7 agree with the products
    assert [(v.line, v.code) for v in report.sorted()] == [(4, "DL624"), (5, "DL620")]
    assert all("per Drugs@FDA" in v.message for v in report.violations)
