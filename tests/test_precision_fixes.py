"""Issue 15 item 4: precision fixes of prose rules, each on a fixture (fixtures/precision)
holding the case that used to be reported, asserting exact (file, line, column, code,
severity); the real labels in ../shared/realdata are checked when present."""
from __future__ import annotations

from pathlib import Path

import pytest

from druglint.config import Config
from druglint.engine import lint_paths

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "fixtures" / "precision"
REAL = ROOT.parent / "shared" / "realdata"


def found(name: str, select: list[str] | None = None) -> list[tuple[int, int, str, str]]:
    report = lint_paths([str(FIX / name)], Config(root=str(FIX)), select=select)
    return [(v.line, v.column, v.code, str(v.severity)) for v in report]


def test_label_restatements_lab_values_and_defined_abbreviations():
    assert found("label-restated.json", select=["DL601", "DL604", "DL642"]) == [
        # line 5: the boxed warning's two sentences restated in its Highlights form: not reported
        # line 6: the Highlights dose sentences restated in section 2.4: not reported; 220mg is a dose
        (6, 585, "DL604", "warning"),
        # line 7: "hemoglobin values of 10g or less" is a lab value, not a dose: not reported
        # line 8: methotrexate (MTX) is defined by the label, so MTX is info; the definition itself is not reported
        (8, 115, "DL601", "info"),
        # line 8: a passage of three sentences pasted twice is still a duplicated passage
        (8, 406, "DL642", "warning"),
    ]


def test_one_sentence_ending_two_trial_paragraphs_is_not_a_duplicate():
    assert found("trial-paragraphs.md") == []


def test_real_counts_are_not_flattened_superscripts():
    # CD4 cells per mm3 (line 3) and one end of a range (line 5) are counts; 106 PFU/mL is 10^6
    assert found("counts.md") == [(7, 17, "DL640", "warning")]


def test_opening_section_states_the_use_and_severity_follows_certainty():
    # judged a monograph from its headings: info; its opening says what Imlygic is indicated for
    assert found("monograph-opening.md") == [(1, 3, "DL630", "info")]
    # declared a monograph in its front matter: warning; "is used to treat" in the opening
    report = lint_paths([str(FIX / "monograph-declared.md")], Config(root=str(FIX)))
    assert [(v.line, v.code, str(v.severity), v.message.split("'")[1]) for v in report] == [
        (4, "DL630", "warning", "interactions")]


def test_configured_severity_still_wins_over_a_findings_own(tmp_path):
    cfg = Config(root=str(FIX))
    from druglint.model import Severity
    cfg.severity["DL630"] = Severity.ERROR
    report = lint_paths([str(FIX / "monograph-opening.md")], cfg)
    assert [(v.code, str(v.severity)) for v in report] == [("DL630", "error")]


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/realdata is absent")
def test_realdata_label_precision():
    report = lint_paths([str(REAL / "openfda_spl" / "humira.xml"), str(REAL / "openfda_label_rohitkulkarni")],
                        Config(root=str(REAL)), select=["DL601", "DL604", "DL642"])
    mtx = [v for v in report if "'MTX'" in v.message]
    assert mtx and all(str(v.severity) == "info" for v in mtx)  # Humira defines "methotrexate (MTX)"
    assert not [v for v in report if v.code == "DL604" and "'10g'" in v.message]  # hemoglobin of 10g or less
    assert not [v for v in report if v.code == "DL642"]  # naproxen Highlights restated in the full information


def test_route_did_you_mean_keeps_the_root():
    from druglint.vocab import vocabulary

    routes = vocabulary("route")
    assert routes.suggest("INTRAVESICULAR") == "intravesical"  # never "intratesticular"
    assert routes.suggest("intravenus") == "intravenous"
    assert routes.suggest("oarl") is None  # shares only letters with "oral": say nothing
    assert routes.resolve("IV") == "intravenous" and routes.resolve("p.o.") == "oral"
    assert routes.resolve("SQ") == "subcutaneous" and "sq" in routes.error_prone


def test_route_abbreviations_in_a_dosing_file():
    report = lint_paths([str(ROOT / "fixtures" / "specs_rules" / "DL411-route-abbreviations.csv")],
                        Config(root=str(ROOT)), select=["DL104", "DL105", "DL411"])
    assert [(v.line, v.code, v.message.split("'")[1]) for v in report] == [
        (2, "DL105", "IV"), (3, "DL105", "PO"), (4, "DL411", "SC"), (5, "DL104", "INTRAVESICULAR")]
    assert "did you mean 'intravesical'" in report.violations[-1].message
