"""The spec rules (DL203-DL206, DL304-DL305, DL401-DL410, DL5xx) against their fixtures in
fixtures/specs_rules/: the exact (line, code) pairs of these codes, nothing more or less.

Only the spec codes are selected, so core rules (schema, DL1xx) do not change what these
fixtures assert; the bundled specs (specs/*.yaml) are the ones in use.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from druglint.config import Config
from druglint.engine import lint_paths

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "specs_rules"
SPEC_CODES = ["DL203", "DL204", "DL205", "DL206", "DL304", "DL305", "DL4", "DL5"]

EXPECTED: dict[str, list[tuple[int, str]]] = {
    "DL203-serious-marked-not-serious.csv": [(2, "DL206"), (3, "DL203"), (4, "DL203")],
    "DL204-frequency-contradicts-spec.csv": [(2, "DL206"), (3, "DL204"), (4, "DL204")],
    "DL205-synonym-duplicate-effect.csv": [(2, "DL206"), (4, "DL205"), (6, "DL205"), (8, "DL205")],
    "DL206-common-reaction-missing.csv": [(2, "DL206"), (4, "DL206")],
    "DL304-spec-interaction-missing.csv": [(2, "DL304")],
    "DL305-severity-weaker-than-spec.csv": [(2, "DL304"), (2, "DL304"), (3, "DL305"), (4, "DL305")],
    "DL401-DL402-routes.csv": [(3, "DL401"), (4, "DL402"), (5, "DL402"), (7, "DL402"), (8, "DL401")],
    "DL403-dose-above-maximum.csv": [(3, "DL403"), (4, "DL403"), (6, "DL403")],
    # 1 g against 800 mg, 0.005 L against 4 mL; 800,000 mcg and 0.8 g are at the maximum; 4,000 mcL is 4 mL
    "DL403-DL412-units.csv": [(2, "DL403"), (5, "DL412"), (7, "DL403")],
    # IV is read as intravenous (DL105 only, not selected here), so DL402 fires on it; SC is
    # error-prone (DL411) and read as subcutaneous; INTRAVESICULAR is unknown (DL104, not selected)
    "DL411-route-abbreviations.csv": [(2, "DL402"), (4, "DL402"), (4, "DL411"), (5, "DL401")],
    "DL404-DL405-strengths.csv": [(4, "DL404"), (5, "DL405"), (6, "DL405"), (8, "DL404")],
    "DL406-interval-contradicts-schedule.csv": [(5, "DL406"), (6, "DL406"), (7, "DL406")],
    "DL407-dose-gap.csv": [(6, "DL407"), (7, "DL407"), (8, "DL405")],
    "DL408-DL409-patients.csv": [(3, "DL408"), (4, "DL408"), (5, "DL409"), (6, "DL409"), (7, "DL409")],
    "DL520-DL521-names.csv": [(4, "DL521"), (9, "DL520"), (11, "DL521")],
    "DL522-name-trailing-punctuation.csv": [(2, "DL522"), (3, "DL522"), (4, "DL520"), (5, "DL522"), (6, "DL522"),
                                            (7, "DL522")],
    "acyclovir/dosing.csv": [(4, "DL402"), (5, "DL404"), (6, "DL403")],
    "acyclovir/side_effects.csv": [(4, "DL204")],
    "spec_files/valid.yaml": [],
    "spec_files/broken.yaml": [(6, "DL501")],
    "spec_files/grades.yaml": [(9, "DL502"), (10, "DL502"), (11, "DL502"), (12, "DL504"), (13, "DL506"), (14, "DL504"),
                               (15, "DL502")],
    "spec_files/problems.yaml": [(5, "DL507"), (8, "DL502"), (11, "DL503"), (12, "DL506"), (14, "DL504"), (19, "DL504"),
                                 (19, "DL505"), (20, "DL502"), (22, "DL504"), (24, "DL504"), (25, "DL506"), (27, "DL502"),
                                 (28, "DL506"), (28, "DL506")],
}


def _pairs(report) -> list[tuple[int, str]]:
    return sorted((v.line, v.code) for v in report.violations)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_findings(name):
    path = FIXTURES / name
    report = lint_paths([str(path)], Config(root=str(FIXTURES)), select=SPEC_CODES)
    assert _pairs(report) == sorted(EXPECTED[name]), [(v.line, v.code, v.message) for v in report.sorted()]


def test_every_spec_code_has_a_fixture():
    from druglint import registry

    mine = [r.code for r in registry.all_rules()
            if r.code[:5] in {"DL203", "DL204", "DL205", "DL206", "DL304", "DL305"} or r.code.startswith(("DL4", "DL5"))
            and not ("DL430" <= r.code <= "DL449")]
    covered = {code for pairs in EXPECTED.values() for _, code in pairs} | {"DL410"}
    assert sorted(set(mine) - covered) == []


def test_cross_file_rule_needs_both_files():
    """DL410: the concomitant aspirin is flagged on the dosing row, citing the list's line;
    the same dosing file alone gives nothing."""
    folder = FIXTURES / "project"
    both = lint_paths([str(folder)], Config(root=str(FIXTURES)), select=["DL410"])
    assert [(Path(v.path).name, v.line, v.column, v.code) for v in both.sorted()] == [("administrations.csv", 3, 5, "DL410")]
    assert "interactions.csv:2" in both.sorted()[0].message
    alone = lint_paths([str(folder / "administrations.csv")], Config(root=str(FIXTURES)), select=["DL410"])
    assert alone.violations == []


def test_messages_cite_the_spec_line_and_source():
    report = lint_paths([str(FIXTURES / "DL401-DL402-routes.csv")], Config(root=str(FIXTURES)), select=["DL402"])
    first = report.sorted()[0]
    assert "talimogene-laherparepvec.yaml:" in first.message and "Do not administer intravenously" in first.message


def test_grades_resting_on_an_author_or_a_secondary_source_are_info():
    """DL304/DL305 keep their warning where the label's wording gives the grade (the IMLYGIC
    antivirals: 'consider the risks and benefits' -> moderate) and report at info where the
    spec's author graded it or the interaction is known only from the article (corticosteroids)."""
    files = [str(FIXTURES / "DL305-severity-weaker-than-spec.csv"), str(FIXTURES / "DL304-spec-interaction-missing.csv")]
    report = lint_paths(files, Config(root=str(FIXTURES)), select=["DL304", "DL305"])
    got = sorted((Path(v.path).name, v.line, v.code, str(v.severity), "antiherpetic" in v.message) for v in report.violations)
    assert got == [
        ("DL304-spec-interaction-missing.csv", 2, "DL304", "info", False),  # corticosteroids: article only
        ("DL305-severity-weaker-than-spec.csv", 2, "DL304", "info", False),
        ("DL305-severity-weaker-than-spec.csv", 2, "DL304", "warning", True),  # antivirals: label wording
        ("DL305-severity-weaker-than-spec.csv", 3, "DL305", "warning", False),  # Zovirax / T-VEC minor < moderate
        ("DL305-severity-weaker-than-spec.csv", 4, "DL305", "info", False),  # prednisone: article only
    ]
    info = [v for v in report.violations if str(v.severity) == "info"]
    assert all("secondary source" in v.message for v in info)
