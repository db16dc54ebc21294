"""Review status in every rule that rests on spec facts (issue 14): a fact derived from a
table or text (``review: required``) makes the finding info; after ``spec review --confirm``
the same finding has the rule's own severity. One derived spec (fixtures/derive/draft-facts)
holds a draft of each fact family; each rule's exact file, line, code and severity is asserted
before and after review."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "fixtures" / "derive" / "draft-facts"
CODES = "DL203,DL204,DL206,DL304,DL305,DL401,DL402,DL403,DL404,DL405,DL406,DL407,DL408,DL409,DL620,DL621,DL622,DL623,DL624"

# (file, line, code, severity once reviewed); before review every one is info
EXPECTED = [
    ("administrations.csv", 3, "DL407", "warning"),  # 14 days after the first dose; the draft schedule says 21
    ("dosing.csv", 3, "DL401", "error"),    # subcutaneous; the draft approves oral only
    ("dosing.csv", 4, "DL402", "error"),    # intravenous, forbidden by a draft (brand Draftra resolves)
    ("dosing.csv", 5, "DL403", "error"),    # 60 mg above the draft maximum of 40 mg
    ("dosing.csv", 6, "DL405", "error"),    # 20 mg in the initial phase (draft phase: 10 mg)
    ("dosing.csv", 7, "DL406", "error"),    # interval 14 for the second phase (draft: 21)
    ("dosing.csv", 8, "DL408", "error"),    # pregnant; draft contraindication
    ("dosing.csv", 9, "DL409", "warning"),  # concomitant warfarin; draft interaction
    ("dosing.csv", 10, "DL404", "error"),   # 15 mg; the draft strengths are 10 and 20 mg
    ("draftinib.md", 5, "DL620", "error"),  # "given intravenously"; draft forbidden route
    ("draftinib.md", 5, "DL621", "error"),  # approved in 2017; draft approval year 2019
    ("draftinib.md", 6, "DL622", "error"),  # developed by Pfizer; draft sponsor Draft Pharma
    ("draftinib.md", 6, "DL623", "error"),  # safe in pregnancy; draft contraindication
    ("draftinib.md", 7, "DL624", "error"),  # 15 mg tablets; draft strengths 10 and 20 mg
    ("interactions.csv", 2, "DL304", "warning"),  # aspirin missing; draft interaction
    ("interactions.csv", 2, "DL305", "warning"),  # warfarin minor; draft says major
    ("side_effects.csv", 2, "DL206", "warning"),  # rash (15 %) missing; draft reaction
    ("side_effects.csv", 3, "DL203", "error"),    # hepatotoxicity marked not serious; draft says serious
    ("side_effects.csv", 3, "DL204", "warning"),  # 2 % against the draft's 12 %
]


def _findings(folder: Path) -> list[tuple[str, int, str, str, str]]:
    r = subprocess.run([sys.executable, "-m", "druglint", "check", str(folder / "data"), "--specs", str(folder / "specs"),
                        "--select", CODES, "--format", "json"], capture_output=True, text=True, cwd=ROOT)
    assert r.stderr == "", r.stderr
    return sorted((Path(v["path"]).name, v["line"], v["code"], v["severity"], v["message"]) for v in json.loads(r.stdout))


@pytest.fixture(scope="module")
def before_after(tmp_path_factory):
    folder = tmp_path_factory.mktemp("draft") / "draft-facts"
    shutil.copytree(FIX, folder)
    before = _findings(folder)
    r = subprocess.run([sys.executable, "-m", "druglint", "spec", "review", str(folder / "specs"), "--confirm", "all"],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0 and "confirmed 15 fact(s)" in r.stdout, r.stdout + r.stderr
    return before, _findings(folder)


def test_the_draft_spec_passes_spec_check():
    from druglint.specs.loader import check_files

    findings, checked = check_files([str(FIX / "specs" / "draftinib.yaml")])
    assert findings == [] and len(checked) == 1


def test_every_finding_is_listed(before_after):
    before, after = before_after
    assert [f[:3] for f in before] == [e[:3] for e in sorted(EXPECTED)]
    assert [f[:3] for f in after] == [e[:3] for e in sorted(EXPECTED)]


@pytest.mark.parametrize("path, line, code, reviewed", EXPECTED, ids=[e[2] for e in EXPECTED])
def test_info_on_a_draft_fact_then_the_rules_severity_once_confirmed(before_after, path, line, code, reviewed):
    before, after = before_after
    (draft,) = [f for f in before if f[:3] == (path, line, code)]
    (firm,) = [f for f in after if f[:3] == (path, line, code)]
    assert draft[3] == "info" and draft[4].endswith("[rests on a derived spec fact not yet reviewed: info until confirmed]")
    assert firm[3] == reviewed and "not yet reviewed" not in firm[4]


def test_a_confirmed_fact_beside_a_draft_makes_dl206_a_warning(tmp_path):
    """DL206 names every missing reaction: one reviewed among them is enough for a warning."""
    folder = tmp_path / "draft-facts"
    shutil.copytree(FIX, folder)
    spec = folder / "specs" / "draftinib.yaml"
    text = spec.read_text(encoding="utf-8")
    rash = text.index('  - term: "rash"')
    text = text[:rash] + text[rash:].replace('review: "required"', 'review: "confirmed"', 1)
    fatigue = ('  - term: "fatigue"\n    percent: 11\n    source: "d1 table 1 row 4"\n'
               '    provenance: {document: "d1", method: "table", place: {table: 1, row: 4}, quote: "Fatigue | 11"}\n'
               '    review: "required"\n')
    text = text.replace("interactions:\n", fatigue + "interactions:\n", 1)
    spec.write_text(text, encoding="utf-8")
    (dl206,) = [f for f in _findings(folder) if f[2] == "DL206"]
    assert dl206[:4] == ("side_effects.csv", 2, "DL206", "warning")
    assert "rash (15 %), fatigue (11 %, draft)" in dl206[4]
