"""Prose rules on fixtures/prose: every finding at its exact (line, column, code), nothing else.

The seed article (../shared/seed, read at test time) must lint with no warning or error; a
corrupted copy (fixtures/prose/imlygic-corrupted.md, written for this test, not a copy of the
article) is flagged at every planted line and nowhere else.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from druglint.config import Config, from_mapping
from druglint.engine import lint_paths
from druglint.model import Severity

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "fixtures" / "prose"
SHARED = ROOT.parent / "shared"


def found(name: str, config: Config | None = None, select: list[str] | None = None) -> list[tuple[int, int, str]]:
    report = lint_paths([str(FIX / name)], config or Config(root=str(ROOT)), select=select)
    return [(v.line, v.column, v.code) for v in report]


@pytest.fixture
def seed_dir() -> Path:
    folder = SHARED / "seed"
    if not folder.is_dir() or not list(folder.glob("*.txt")):
        pytest.skip("shared seed article not available")
    return folder


def test_seed_article_has_no_warning_or_error(seed_dir):
    report = lint_paths([str(seed_dir)], Config(root=str(ROOT)))
    assert [v for v in report.violations if v.severity >= Severity.WARNING] == []
    assert report.files  # the article was read (as prose: a .txt without delimiters)


def test_seed_article_is_an_article_about_imlygic(seed_dir):
    from druglint.prose import drugs, facts
    from druglint.prose.document import read_document
    from druglint.prose.handler import document_kind, settings, subject

    path = next(seed_dir.glob("*.txt"))
    doc = read_document(str(path), path.read_text(encoding="utf-8"))
    cfg = Config(root=str(ROOT))
    names = drugs.names_of(facts.specs(cfg))
    assert subject(doc, names) == "talimogene laherparepvec"
    assert doc.headings == []  # no line of it passes the conservative plain-text heading test
    assert document_kind(doc, cfg, settings(cfg)) == "article"


def test_seed_with_planted_defects_is_flagged_at_each_planted_line(seed_dir, tmp_path):
    """Plant defects into the real article at test time: each is found, nothing else."""
    path = next(seed_dir.glob("*.txt"))
    text = path.read_text(encoding="utf-8")
    plants = {
        "Developed by Amgen": ("Developed by Pfizer", "DL622"),
        "in October 2015": ("in October 2012", "DL621"),
        "is administered directly into the tumor through intralesional injection":
            ("is taken orally as a tablet", "DL620"),
        "additional doses every two weeks": ("additional doses QOD", "DL601"),
    }
    expected = set()
    for old, (new, code) in plants.items():
        assert old in text
        line = text[: text.index(old)].count("\n") + 1
        text = text.replace(old, new, 1)
        expected.add((line, code))
    out = tmp_path / "planted.txt"
    out.write_text(text, encoding="utf-8")
    report = lint_paths([str(out)], Config(root=str(tmp_path)))
    got = {(v.line, v.code) for v in report.violations if v.severity >= Severity.WARNING}
    assert got == expected


def test_corrupted_article_is_flagged_at_every_planted_line_and_nowhere_else():
    assert found("imlygic-corrupted.md") == [
        (10, 14, "DL622"),  # wrong sponsor (Novartis)
        (12, 77, "DL621"),  # wrong approval year (2013)
        (18, 12, "DL610"),  # misspelled name (laherparepvac)
        (19, 35, "DL620"),  # wrong route (taken orally)
        (20, 25, "DL601"),  # cc
        (21, 54, "DL601"),  # QOD
    ]


def test_abbreviations():
    assert found("abbreviations.md") == [
        (3, 9, "DL601"), (5, 8, "DL601"), (6, 10, "DL601"), (7, 17, "DL601"), (7, 34, "DL601"),
        (8, 17, "DL601"), (11, 6, "DL601"), (12, 1, "DL601"),
    ]


def test_abbreviation_fix_is_the_replacement():
    report = lint_paths([str(FIX / "abbreviations.md")], Config(root=str(ROOT)))
    fixes = {(v.line, v.fix.old, v.fix.new) for v in report if v.fix}
    assert (3, "U", "units") in fixes and (6, "cc", "mL") in fixes and (7, "QD", "daily") in fixes
    assert (7, "q.o.d.", "every other day") in fixes and (12, "APAP", "acetaminophen") in fixes
    ms = [v for v in report if v.line == 11]
    assert ms and ms[0].fix is None  # "morphine sulfate or magnesium sulfate": no single replacement


def test_dose_designations():
    assert found("dose-designations.md") == [
        (3, 14, "DL602"), (5, 6, "DL603"), (6, 6, "DL604"), (7, 6, "DL605"), (8, 13, "DL606"), (10, 6, "DL607"),
    ]


def test_drug_name_near_misses():
    assert found("drug-names.md") == [(3, 12, "DL610"), (4, 20, "DL610"), (5, 7, "DL610")]


def test_spec_claims_with_negation():
    assert found("spec-claims.md") == [
        (6, 18, "DL620"), (10, 36, "DL621"), (12, 28, "DL622"), (14, 12, "DL623"), (16, 27, "DL624"),
        (18, 29, "DL625"),
    ]


def test_missing_sections_of_a_monograph():
    assert found("monograph-missing.md") == [(1, 3, "DL630"), (1, 3, "DL630")]
    report = lint_paths([str(FIX / "monograph-missing.md")], Config(root=str(ROOT)))
    assert sorted(v.message.split("'")[1] for v in report) == ["contraindications", "interactions"]


def test_rst_monograph_matched_through_heading_synonyms():
    assert found("monograph-complete.rst") == []


def test_sections_are_configurable():
    cfg = from_mapping({"sections": ["indications", {"storage": ["storage", "how to store"]}]})
    cfg.root = str(ROOT)
    report = lint_paths([str(FIX / "monograph-missing.md")], cfg)
    assert [v.message.split("'")[1] for v in report] == ["storage"]


def test_an_article_is_not_held_to_monograph_sections(tmp_path):
    p = tmp_path / "a.md"
    p.write_text("---\ntype: article\n---\n" + (FIX / "monograph-missing.md").read_text(), encoding="utf-8")
    assert lint_paths([str(p)], Config(root=str(tmp_path))).violations == []


def test_label_text_defects():
    # line 8 repeats one sentence of line 6 inside one paragraph: not a passage (DL642)
    assert found("label-defects.txt") == [(3, 35, "DL640"), (4, 13, "DL641"), (4, 22, "DL641")]


def test_suppressions_and_unused_suppression():
    assert found("suppressions.md") == [(10, 6, "DL604"), (12, 1, "DL699")]


def test_unused_suppression_of_an_unselected_code_is_not_reported():
    assert found("suppressions.md", select=["DL604", "DL699"]) == [(10, 6, "DL604")]
    assert found("suppressions.md", select=["DL601", "DL699"]) == []


def test_bad_prose_config_is_a_clear_error(tmp_path):
    from druglint.config import ConfigError

    cfg = from_mapping({"sections": "indications"})
    with pytest.raises(ConfigError, match="'sections' must be"):
        lint_paths([str(FIX / "monograph-missing.md")], cfg)
    cfg = from_mapping({"prose": {"monograph": ["*.md"]}})
    with pytest.raises(ConfigError, match="unknown key"):
        lint_paths([str(FIX / "monograph-missing.md")], cfg)


def test_prose_config_forces_the_document_kind(tmp_path):
    p = tmp_path / "notes.md"
    p.write_text("# Notes\n\nImlygic is injected into lesions.\n", encoding="utf-8")
    cfg = from_mapping({"prose": {"monographs": ["notes.md"]}})
    cfg.root = str(tmp_path)
    assert len([v for v in lint_paths([str(p)], cfg) if v.code == "DL630"]) == 5


def test_not_utf8_prose_is_a_finding_not_a_traceback(tmp_path):
    p = tmp_path / "latin1.md"
    p.write_bytes("# Caf\xe9\n".encode("latin-1"))
    assert [v.code for v in lint_paths([str(p)], Config(root=str(tmp_path)))] == ["DL110"]


def test_near_misses_without_the_optional_dictionary(monkeypatch):
    """Without druglint[drugnames] the spec and vocabulary names still catch near-misses."""
    from druglint.prose import drugs

    monkeypatch.setattr(drugs, "dictionary", lambda: {})
    monkeypatch.setattr(drugs, "english", lambda: frozenset())
    assert found("drug-names.md") == [(3, 12, "DL610"), (4, 20, "DL610"), (5, 7, "DL610")]


def test_fix_rewrites_the_spans_in_a_document(tmp_path):
    import subprocess
    import sys

    p = tmp_path / "leaflet.md"
    p.write_text("# Dosing\n\nTake 10mg QD and inject .5 mL of 100000 units.\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "druglint", "check", "--select", "DL6", "--fix", str(p)],
                       capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode in (0, 1), r.stderr
    assert p.read_text(encoding="utf-8") == "# Dosing\n\nTake 10 mg daily and inject 0.5 mL of 100,000 units.\n"


def test_second_spec_drug_routes_strengths_and_negations():
    """acyclovir: infusion is approved (only the bolus is forbidden), negated sentences and
    listed strengths pass; an unlisted strength, subcutaneous use and an IV bolus do not."""
    assert found("acyclovir-leaflet.md") == [
        (12, 27, "DL606"), (12, 27, "DL624"), (13, 28, "DL620"), (19, 72, "DL620"),
    ]


@pytest.mark.parametrize("suffix", [".md", ".rst"])
def test_seed_article_as_markdown_and_rst_is_clean(seed_dir, tmp_path, suffix):
    text = next(seed_dir.glob("*.txt")).read_text(encoding="utf-8")
    title, _, body = text.partition("\n")
    doc = (f"# {title}\n{body}" if suffix == ".md" else f"{title}\n{'=' * len(title)}\n{body}")
    p = tmp_path / f"article{suffix}"
    p.write_text(doc, encoding="utf-8")
    report = lint_paths([str(p)], Config(root=str(tmp_path)))
    assert [v for v in report.violations if v.severity >= Severity.WARNING] == []
