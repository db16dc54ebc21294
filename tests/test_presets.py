"""Presets for public datasets: each on its own small fixture in the real layout
(fixtures/presets/...), asserting exact (file, line, code) pairs; and the real files in
../shared/realdata when they are present (skipped otherwise)."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from druglint.config import Config
from druglint.engine import lint_paths
from druglint.presets import match

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "fixtures" / "presets"

# codes whose behaviour this issue owns or relies on (core schema/file codes, the pair rules,
# the percent range and DL130-DL149); spec and prose rules are tested by their owners
OWN = ("DL10", "DL11", "DL12", "DL13", "DL14", "DL201", "DL301", "DL302", "DL303")


def found(*parts: str, codes: tuple[str, ...] = OWN) -> set[tuple[str, int, str]]:
    paths = [str(FIX / p) for p in parts]
    report = lint_paths(paths, Config(root=str(FIX)))
    return {(Path(v.path).name, v.line, v.code) for v in report.violations if v.code.startswith(codes)}


@pytest.mark.parametrize("path,name", [
    ("sider/meddra_all_se.tsv", "sider-all-se"),
    ("sider/meddra_freq.tsv", "sider-freq"),
    ("sider/meddra_all_indications.tsv", "sider-indications"),
    ("offsides/OFFSIDES.csv", "offsides"),
    ("twosides/TWOSIDES.csv", "twosides"),
    ("ddinter/ddinter_downloads_code_A.csv", "ddinter"),
    ("faers/2017q2/DRUG17Q2.txt", "faers-drug"),
    ("faers/2017q2/REAC17Q2.txt", "faers-reac"),
    ("faers/2017q2/DEMO17Q2.txt", "faers-demo"),
    ("faers/2004q1/DRUG04Q1.TXT", "faers-drug"),
    ("faers/2004q1/DEMO04Q1.TXT", "faers-demo"),
    ("drugsatfda/Products.txt", "drugsatfda-products"),
    ("drugsatfda/Applications.txt", "drugsatfda-applications"),
    ("openfda_label/drug_label.json", "openfda-label-json"),
    ("spl/label.xml", "spl-xml"),
    ("misc/Clean_drub_interactions.csv", "drugbank-ddi-tdc"),
    ("misc/harmonized.jsonl", "openfda-harmonized"),
    ("misc/Clean_drug_table.csv", "openfda-label-csv"),
    ("misc/drug_indication.tsv", "sider-merged-indications"),
    ("misc/faers_raw.json", "openfda-event-flat"),
    ("misc/drug_labels.json", "openfda-label-text"),
    ("misc/sections.csv", "openfda-spl-sections"),
])
def test_each_fixture_is_recognised_by_its_preset(path, name):
    p = FIX / path
    preset = match(str(p), p.read_bytes()[:4096])
    assert preset is not None and preset.name == name


def test_a_plain_canonical_file_is_not_claimed_by_a_preset(tmp_path):
    p = tmp_path / "interactions.csv"
    p.write_text("drug_a,drug_b,severity\nwarfarin,aspirin,major\n")
    assert match(str(p), p.read_bytes()) is None


def test_sider_headerless_files_keep_real_lines():
    assert found("sider") == {
        ("meddra_all_se.tsv", 4, "DL108"),  # exact copy of line 3 (LLT/PT pair on lines 1-2 is not one)
        ("meddra_freq.tsv", 4, "DL201"),  # bounds 1.5/1.5 -> 150 %
        ("meddra_all_indications.tsv", 3, "DL134"),
    }


def test_offsides_real_column_name_and_meddra_code():
    assert found("offsides") == {("OFFSIDES.csv", 3, "DL107"), ("OFFSIDES.csv", 4, "DL108")}


def test_twosides_pairs_without_severity():
    assert found("twosides") == {("TWOSIDES.csv", 4, "DL303")}


def test_ddinter_levels_map_exactly():
    # Major/Moderate/Minor/Unknown are DDInter's words: no DL105; 'Majr' is reported
    assert found("ddinter") == {("ddinter_downloads_code_A.csv", 5, "DL302"), ("ddinter_downloads_code_A.csv", 6, "DL104")}


def test_faers_current_layout_quarter():
    assert found("faers/2017q2") == {
        ("DRUG17Q2.txt", 4, "DL133"),  # 'UNK' while other dose_vbm cells are empty (info)
        ("DRUG17Q2.txt", 4, "DL136"),  # case 100002: SS and C only
        ("DEMO17Q2.txt", 5, "DL136"),  # case 100004: no DRUG record
        ("DRUG17Q2.txt", 5, "DL137"),  # dose_amt 500 without unit
        ("DRUG17Q2.txt", 7, "DL135"),  # primaryid 100009 not in DEMO
        ("REAC17Q2.txt", 4, "DL134"),  # same reaction twice for one case
    }


def test_faers_routes_units_and_codes_are_not_false_positives():
    report = lint_paths([str(FIX / "faers/2017q2/DRUG17Q2.txt")], Config(root=str(FIX)))
    codes = {v.code for v in report.violations}
    # 'Oral', 'Unknown', empty route, 'MG', 'MG/KG', QD/QOW codes: no schema or abbreviation finding
    assert not codes & {"DL101", "DL103", "DL104", "DL105", "DL430"}


def test_faers_legacy_layout_quarter():
    assert found("faers/2004q1") == {("DRUG04Q1.TXT", 5, "DL135")}


def test_drugsatfda_products_form_split_and_unquoted_names():
    assert found("drugsatfda") == {
        ("Products.txt", 6, "DL104"),  # VIAL; SINGLE-USE: no route
        ("Products.txt", 7, "DL104"),  # VIAL: no ';ROUTE' part at all
        ("Products.txt", 5, "DL138"),  # HY-PAM ""25"": CSV escaping in a never-quoted file
        ("Products.txt", 9, "DL114"),  # an extra tab, as in the real file
        ("Products.txt", 10, "DL140"),  # Strength UNKNOWN
        ("Applications.txt", 4, "DL134"),
    }


def test_drugsatfda_multi_route_form_gives_one_record_per_route():
    report = lint_paths([str(FIX / "drugsatfda/Products.txt")], Config(root=str(FIX)))
    assert not [v for v in report.violations if v.line == 4 and v.code in ("DL104", "DL108")]


def test_openfda_label_json_sections_and_routes():
    assert found("openfda_label") == {("drug_label.json", 7, "DL132"), ("drug_label.json", 15, "DL104")}


def test_spl_xml_sections_are_prose_at_their_source_lines():
    report = lint_paths([str(FIX / "spl/label.xml")], Config(root=str(FIX)))
    prose = [v for v in report.violations if v.code.startswith("DL6")]
    # the only error-prone abbreviation (QD) sits on line 36 of the XML
    assert all(v.line == 36 for v in prose)
    assert not [v for v in report.violations if v.code in ("DL118", "DL119", "DL104")]


def test_other_public_tables():
    assert found("misc") == {
        ("Clean_drub_interactions.csv", 4, "DL303"),
        ("Clean_drug_table.csv", 1, "DL115"),
        ("Clean_drug_table.csv", 2, "DL132"),
        ("drug_indication.tsv", 1, "DL130"),
        ("drug_labels.json", 1, "DL132"),
        ("faers_raw.json", 4, "DL133"),
        ("harmonized.jsonl", 3, "DL103"),
        ("sections.csv", 3, "DL114"),
    }


def test_no_file_of_a_known_format_is_left_unknown():
    report = lint_paths([str(FIX)], Config(root=str(FIX)))
    assert not [v for v in report.violations if v.code in ("DL119", "DL101")]


def test_presets_can_be_switched_off(tmp_path):
    cfg = Config(root=str(FIX), extra={"presets": False})
    report = lint_paths([str(FIX / "ddinter")], cfg)
    assert "DL101" in {v.code for v in report.violations}  # Level is no longer mapped


def test_headerless_reader_lines(tmp_path):
    from druglint.readers.headerless import read_headerless

    res = read_headerless("x.tsv", b"a\tb\nc\td\te\nf\tg\n", "tsv", "\t", ("one", "two"))
    assert list(res.table.lines) == [1, 3]  # the over-long row 2 is reported, not read (as for files with a header)
    assert [(f.code, f.line) for f in res.findings] == [("DL114", 2)]


# ------------------------------------------------------------------ the real files
@pytest.fixture(scope="module")
def realdata():
    shared = Path(__file__).resolve().parents[1].parent / "shared" / "realdata"
    if not shared.is_dir():
        pytest.skip("../shared/realdata is absent")
    start = time.process_time()
    report = lint_paths([str(shared)], Config(root=str(shared)))
    return shared, report, time.process_time() - start


def _at(report, suffix, code):
    return [v for v in report.violations if v.path.endswith(suffix) and v.code == code]


def test_realdata_runs_and_every_file_has_a_known_format(realdata):
    shared, report, cpu = realdata
    assert not [v for v in report.violations if v.code in ("DL119", "DL101") and not v.path.endswith(".md")]
    assert cpu < 60  # CPU seconds; wall time depends on the machine's load


def test_realdata_known_defects_are_found(realdata):
    _, report, _ = realdata
    assert [v.line for v in _at(report, "openfda_label_csv/Clean_drug_table.csv", "DL115")] == [1]  # brand_name twice
    assert [v.line for v in _at(report, "sider_indications_skr/drug_indication.tsv", "DL130")] == [1]  # pandas header
    assert len(_at(report, "faers_sample/2017q2/DRUG17Q2.txt", "DL133")) == 31  # UNK x29, UNK UNK, UNKNOWN x2
    split = {v.message.split("'")[1] for v in _at(report, "openfda_label_text_kevinkingslin/drug_labels.json", "DL132")}
    assert {"r eacti ons", "e xposure", "t reatment"} <= split
    assert len(_at(report, "sider_derived_gaballinoo/meddra_freq.csv", "DL108")) > 1000  # LLT/PT collapse
    assert _at(report, "drugsatfda/Products.txt", "DL114")  # ragged rows


def test_realdata_ddinter_levels_are_not_false_positives(realdata):
    _, report, _ = realdata
    assert not [v for v in report.violations if "ddinter/" in v.path and v.code in ("DL101", "DL104", "DL105", "DL304")]
