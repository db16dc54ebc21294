"""The prose reader: positions, headings, skipped code and URLs, and which .txt it claims."""
from __future__ import annotations

from pathlib import Path

import pytest

from druglint.prose import handler
from druglint.prose.document import is_plain_heading, read_document
from druglint.prose.sentences import sentences

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def test_markdown_headings_code_and_urls_are_masked():
    text = (
        "---\ndrug: Imlygic\ntype: monograph\n---\n"
        "# Title\n\nSee https://example.org/QD and `QD` here.\n\n"
        "```\nQD 10mg\n```\n\n    indented QD\n\n"
        "Setext heading\n--------------\n\nText [link](http://x.org/QOD) and <!-- QD -->.\n"
    )
    doc = read_document("a.md", text)
    assert [(h.title, h.level, h.line, h.column) for h in doc.headings] == [("Title", 1, 5, 3), ("Setext heading", 2, 15, 1)]
    assert doc.front_matter["drug"] == "Imlygic" and doc.front_matter_lines["drug"] == 2
    assert len(doc.prose) == len(doc.text)
    assert "QD" not in doc.prose and "QOD" not in doc.prose and "10mg" not in doc.prose
    assert "link" in doc.prose
    off = doc.text.index("Text [link]")
    assert doc.position(off) == (18, 1)


def test_rst_headings_literal_blocks_and_fields():
    text = (":drug: talimogene laherparepvec\n\n=====\nTitle\n=====\n\nUses\n----\n\nBody ``QD`` text::\n\n"
            "    QD literal\n\nAfter.\n\n.. code-block:: text\n\n   QOD code\n\nEnd.\n")
    doc = read_document("a.rst", text)
    assert [(h.title, h.level, h.line) for h in doc.headings] == [("Title", 1, 4), ("Uses", 2, 7)]
    assert doc.front_matter["drug"] == "talimogene laherparepvec"
    assert "QD" not in doc.prose and "QOD" not in doc.prose
    assert "After." in doc.prose and "End." in doc.prose


def test_plain_text_headings_are_conservative():
    assert is_plain_heading("Adverse Reactions")
    assert is_plain_heading("HOW TO STORE IMLYGIC")
    assert not is_plain_heading("What is Talimogene laherparepvec used for?")
    assert not is_plain_heading("14 June 2024")
    assert not is_plain_heading("The dose is given every two weeks")
    doc = read_document("a.txt", "Intro line here.\n\nSide Effects\n\nFatigue and fever.\n")
    assert [(h.title, h.line) for h in doc.headings] == [("Side Effects", 3)]


def test_sentences_keep_abbreviations_together():
    doc = read_document("a.txt", "Approved by the U.S. Food and Drug Administration. Second one here.\n")
    assert [doc.prose[s:e] for s, e in sentences(doc)] == [
        "Approved by the U.S. Food and Drug Administration.", "Second one here."]


@pytest.mark.parametrize("name,head,expected", [
    ("a.md", b"anything", True),
    ("a.rst", b"Title\n=====\n", True),
    ("a.txt", b"What is it?\n\nText.", True),
    ("DRUG17Q2.txt", b"primaryid$caseid$drug_seq\n1$2$3\n", False),
    ("Products.txt", b"ApplNo\tProductNo\tForm\n", False),
    ("data.txt", b"drug,effect\nacyclovir,nausea\n", False),
    ("a.csv", b"drug,effect\n", False),
])
def test_claims(name, head, expected):
    assert handler.claims(name, head) is expected


def test_real_faers_txt_still_goes_to_the_table_reader():
    folder = SHARED / "realdata" / "faers_sample" / "2017q2"
    if not folder.is_dir():
        pytest.skip("shared real data not available")
    for f in folder.glob("*.txt"):
        assert handler.claims(str(f), f.read_bytes()[:4096]) is False
    products = SHARED / "realdata" / "drugsatfda" / "Products.txt"
    if products.exists():
        assert handler.claims(str(products), products.read_bytes()[:4096]) is False


def test_pathological_documents_stay_linear(tmp_path):
    """Runs of dots, unterminated comments and blank lines once took quadratic time."""
    import time

    from druglint.config import Config
    from druglint.engine import lint_paths

    n = 40000
    for i, text in enumerate(["." * n, "<!--" * n, "\n" * n, "1" * n + " units", "x" * n]):
        p = tmp_path / f"p{i}.md"
        p.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    report = lint_paths([str(tmp_path)], Config(root=str(tmp_path)))
    assert time.perf_counter() - start < 30
    assert report.files and all(v.code != "DL606" for v in report)  # no 40,000-digit number reformatted
