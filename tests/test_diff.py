"""druglint diff: fixture pairs with exact (file, line, code) findings, git mode on real
repositories built in tmp_path, the reviewed-changes file, output formats, bad input."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from druglint.cli import main
from druglint.config import Config
from druglint.diff import diff_git, diff_paths

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "diff"

# rule -> the findings its fixture pair must give, exactly: (old|new file, line, code)
EXPECTED = {
    "DL701": {("new", 4, "DL701"), ("new", 5, "DL701")},
    "DL702": {("old", 3, "DL702")},
    "DL703": {("old", 2, "DL703"), ("old", 4, "DL703")},
    "DL704": {("new", 2, "DL704"), ("new", 4, "DL704")},
    "DL705": {("new", 2, "DL705"), ("new", 4, "DL705")},
    "DL706": {("old", 14, "DL706")},
    "DL707": {("old", 12, "DL707")},
    "DL708": {("new", 3, "DL708"), ("new", 4, "DL708")},
    "DL709": {("new", 4, "DL709")},
}


def pair_files(code: str) -> tuple[Path, Path]:
    folder = FIXTURES / code
    return next(folder.glob("old.*")), next(folder.glob("new.*"))


def test_every_diff_rule_has_a_fixture_pair():
    from druglint import registry

    codes = sorted(r.code for r in registry.all_rules() if r.scope == registry.DIFF)
    assert codes == sorted(EXPECTED)
    for code in codes:
        old, new = pair_files(code)
        assert old.suffix == new.suffix


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_fixture_pair_gives_exact_findings(code):
    old, new = pair_files(code)
    report = diff_paths(str(old), str(new), Config(root=str(FIXTURES)), use_reviewed=False)
    got = {(Path(v.path).stem, v.line, v.code) for v in report.violations}
    assert got == EXPECTED[code]


def test_changes_carry_both_versions():
    old, new = pair_files("DL701")
    report = diff_paths(str(old), str(new), Config(root=str(FIXTURES)), use_reviewed=False)
    c = next(c for c in report.changes if c.key == "clarithromycin + simvastatin")
    assert (c.old, c.new) == ("contraindicated", "minor")
    assert c.old_at.endswith("old.csv:3") and c.new_at.endswith("new.csv:4")
    assert "contraindicated -> minor" in c.violation.message and "old.csv:3" in c.violation.message
    assert c.violation.column == 3  # the severity column of the new file


def test_folders_are_matched_by_relative_path_and_moved_records_are_not_removals(tmp_path):
    (tmp_path / "old" / "sub").mkdir(parents=True)
    (tmp_path / "new" / "sub").mkdir(parents=True)
    rows = "drug_a,drug_b,severity\nwarfarin,aspirin,major\nsimvastatin,clarithromycin,contraindicated\n"
    (tmp_path / "old" / "sub" / "a.csv").write_text(rows)
    (tmp_path / "old" / "b.csv").write_text("drug_a,drug_b,severity\nibuprofen,lithium,moderate\n")
    (tmp_path / "new" / "sub" / "a.csv").write_text("drug_a,drug_b,severity\nwarfarin,aspirin,moderate\n")
    # b.csv renamed to c.csv with the same pair, and the removed simvastatin pair moved there
    (tmp_path / "new" / "c.csv").write_text("drug_a,drug_b,severity\nlithium,ibuprofen,moderate\n"
                                            "clarithromycin,simvastatin,contraindicated\n")
    report = diff_paths(str(tmp_path / "old"), str(tmp_path / "new"), Config(root=str(tmp_path)))
    got = [(os.path.basename(v.path), v.line, v.code) for v in report.violations]
    assert got == [("a.csv", 2, "DL701")]


# ---------------------------------------------------------------------------- git
def git(cwd: Path, *args: str) -> str:
    r = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return r.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Test Curator")
    git(root, "config", "user.email", "curator@example.org")
    git(root, "config", "commit.gpgsign", "false")
    return root


def run_cli(cwd: Path, *args: str, capsys) -> tuple[int, str, str]:
    old = os.getcwd()
    os.chdir(cwd)
    try:
        code = main(list(args))
    finally:
        os.chdir(old)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_git_mode_reports_each_rule(code, repo, capsys):
    old, new = pair_files(code)
    target = repo / "data" / f"records{old.suffix}"
    target.parent.mkdir()
    shutil.copy(old, target)
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "baseline")
    shutil.copy(new, target)
    expected = {(("data/records" + old.suffix), line, c) for _, line, c in EXPECTED[code]}

    # working tree against HEAD
    rc, out, _ = run_cli(repo, "diff", "--git", "HEAD", "--format", "json", capsys=capsys)
    assert rc == 1
    assert {(v["path"], v["line"], v["code"]) for v in json.loads(out)} == expected
    # nothing staged yet: the index equals HEAD
    rc, out, _ = run_cli(repo, "diff", "--staged", "--format", "json", capsys=capsys)
    assert (rc, json.loads(out)) == (0, [])
    git(repo, "add", ".")
    rc, out, _ = run_cli(repo, "diff", "--staged", "--format", "json", capsys=capsys)
    assert rc == 1
    assert {(v["path"], v["line"], v["code"]) for v in json.loads(out)} == expected
    # messages name the old blob and its line
    assert all("HEAD:data/records" in v["message"] for v in json.loads(out))


def test_git_deleted_file_reports_its_pairs_at_old_lines(repo):
    (repo / "interactions.csv").write_text("drug_a,drug_b,severity\nwarfarin,aspirin,major\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "rm", "-q", "interactions.csv")
    report = diff_git("HEAD", staged=True, cwd=str(repo))
    assert [(v.path, v.line, v.code) for v in report.violations] == [("interactions.csv", 2, "DL702")] or \
        [(os.path.basename(v.path), v.line, v.code) for v in report.violations] == [("interactions.csv", 2, "DL702")]


def test_git_rename_is_not_a_removal(repo):
    (repo / "a.csv").write_text("drug_a,drug_b,severity\nwarfarin,aspirin,major\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "mv", "a.csv", "b.csv")
    assert diff_git("HEAD", staged=True, cwd=str(repo)).violations == []


def test_git_parquet_blob_is_read(repo):
    import pandas as pd

    pd.DataFrame({"drug_a": ["warfarin"], "drug_b": ["aspirin"], "severity": ["major"]}).to_parquet(repo / "i.parquet")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    pd.DataFrame({"drug_a": ["warfarin"], "drug_b": ["aspirin"], "severity": ["minor"]}).to_parquet(repo / "i.parquet")
    report = diff_git("HEAD", cwd=str(repo))
    assert [(v.line, v.code) for v in report.violations] == [(1, "DL701")]


def test_git_against_older_revision(repo):
    f = repo / "i.csv"
    f.write_text("drug_a,drug_b,severity\nwarfarin,aspirin,contraindicated\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "one")
    first = git(repo, "rev-parse", "HEAD").strip()
    f.write_text("drug_a,drug_b,severity\nwarfarin,aspirin,major\n")
    git(repo, "commit", "-qam", "two")
    assert diff_git("HEAD", cwd=str(repo)).violations == []
    assert [v.code for v in diff_git(first, cwd=str(repo)).violations] == ["DL701"]


def test_no_commit_yet_is_nothing_to_compare(repo, capsys):
    (repo / "i.csv").write_text("drug_a,drug_b,severity\nwarfarin,aspirin,major\n")
    git(repo, "add", ".")
    rc, out, _ = run_cli(repo, "diff", "--staged", capsys=capsys)
    assert rc == 0 and "All checks passed" in out


# ------------------------------------------------------------------------- review
def test_accept_records_who_and_why_and_then_passes(repo, capsys):
    from ruamel.yaml import YAML

    f = repo / "data.csv"
    f.write_text("drug_a,drug_b,severity\nwarfarin,aspirin,major\nibuprofen,lithium,moderate\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    f.write_text("drug_a,drug_b,severity\nwarfarin,aspirin,minor\nibuprofen,lithium,moderate\n")
    git(repo, "add", ".")
    assert run_cli(repo, "diff", "--staged", capsys=capsys)[0] == 1

    rc, _, err = run_cli(repo, "diff", "--staged", "--accept", capsys=capsys)
    assert rc == 2 and "--reason" in err
    rc, _, err = run_cli(repo, "diff", "--staged", "--accept", "--reason", "re-graded by DDInter 2024", capsys=capsys)
    assert rc == 0 and "recorded 1 reviewed change" in err
    doc = YAML(typ="safe").load((repo / ".druglint-reviewed.yaml").read_text())
    [entry] = doc["reviewed"]
    assert {k: entry[k] for k in ("path", "key", "code", "old", "new", "by", "reason")} == {
        "path": "data.csv", "key": "aspirin + warfarin", "code": "DL701", "old": "major", "new": "minor",
        "by": "Test Curator <curator@example.org>", "reason": "re-graded by DDInter 2024"}

    rc, out, _ = run_cli(repo, "diff", "--staged", capsys=capsys)
    assert rc == 0 and "1 reviewed change acknowledged" in out
    # unrelated edits that move the line keep the acknowledgement
    f.write_text("drug_a,drug_b,severity\nibuprofen,lithium,moderate\nWarfarin,Aspirin,Minor\n")
    git(repo, "add", "data.csv")
    assert run_cli(repo, "diff", "--staged", capsys=capsys)[0] == 0
    # accepting again adds nothing
    rc, _, err = run_cli(repo, "diff", "--staged", "--accept", "--reason", "again", capsys=capsys)
    assert "recorded 0 reviewed changes" in err
    # a different downgrade of the same pair needs a new review
    f.write_text("drug_a,drug_b,severity\nwarfarin,aspirin,unknown\nibuprofen,lithium,moderate\n")
    git(repo, "add", "data.csv")
    rc, out, _ = run_cli(repo, "diff", "--staged", capsys=capsys)
    assert rc == 1 and "major -> unknown" in out


def test_reviewed_changes_location_from_config(repo, capsys):
    (repo / "druglint.yaml").write_text("reviewed-changes: review/accepted.yaml\n")
    f = repo / "se.csv"
    f.write_text("drug,effect,serious\nx,fatigue,true\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    f.write_text("drug,effect,serious\nx,fatigue,false\n")
    assert run_cli(repo, "diff", "--git", "HEAD", "--accept", "--reason", "label update", capsys=capsys)[0] == 0
    assert (repo / "review" / "accepted.yaml").is_file()
    assert run_cli(repo, "diff", "--git", "HEAD", capsys=capsys)[0] == 0


def test_bad_reviewed_file_is_a_clear_error(repo, capsys):
    (repo / ".druglint-reviewed.yaml").write_text("reviewed:\n  - {path: a.csv}\n")
    (repo / "a.csv").write_text("drug_a,drug_b,severity\nwarfarin,aspirin,major\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    rc, _, err = run_cli(repo, "diff", "--git", "HEAD", capsys=capsys)
    assert rc == 2 and ".druglint-reviewed.yaml:2" in err and "lacks" in err and "Traceback" not in err


# ------------------------------------------------------------------------ formats
def test_markdown_summary_table(capsys):
    old, new = pair_files("DL701")
    rc, out, _ = run_cli(FIXTURES, "diff", str(old), str(new), "--format", "markdown", capsys=capsys)
    assert rc == 1
    assert out.startswith("### druglint diff:")
    assert "**2 safety-relevant changes** (2 errors)" in out
    assert "| error | DL701 | simvastatin + clarithromycin | contraindicated | minor |" in out
    assert "| DL701 | interaction-severity-weakened | 2 |" in out


def test_markdown_when_clean(tmp_path, capsys):
    (tmp_path / "a.csv").write_text("drug_a,drug_b,severity\nwarfarin,aspirin,major\n")
    rc, out, _ = run_cli(tmp_path, "diff", "a.csv", "a.csv", "--format", "markdown", capsys=capsys)
    assert rc == 0 and "No safety-relevant changes found." in out


def test_markdown_cells_cannot_break_the_table(tmp_path, capsys):
    (tmp_path / "o.csv").write_text("drug_a,drug_b,severity\n\"a|b\",c,major\n")
    (tmp_path / "n.csv").write_text("drug_a,drug_b,severity\n\"a|b\",c,minor\n")
    rc, out, _ = run_cli(tmp_path, "diff", "o.csv", "n.csv", "--format", "markdown", capsys=capsys)
    assert "a\\|b + c" in out


def test_text_format_and_select(capsys):
    old, new = pair_files("DL703")
    rc, out, err = run_cli(FIXTURES, "diff", str(old), str(new), capsys=capsys)
    assert rc == 1 and "DL703 [error] serious reaction talimogene laherparepvec: herpetic infection removed" in out
    assert "--accept" in err
    rc, out, _ = run_cli(FIXTURES, "diff", str(old), str(new), "--ignore", "DL703", capsys=capsys)
    assert rc == 0


# ---------------------------------------------------------------------- bad input
@pytest.mark.parametrize("args, needle", [
    (["diff"], "needs OLD and NEW"),
    (["diff", "a.csv"], "needs OLD and NEW"),
    (["diff", "nope.csv", "nope2.csv"], "no such file"),
    (["diff", "--git", "HEAD", "a.csv", "b.csv"], "not inside a git repository"),
    (["diff", "a.csv", "b.csv", "--format", "pdf"], "unknown format"),
])
def test_usage_errors(args, needle, tmp_path, capsys):
    rc, _, err = run_cli(tmp_path, *args, capsys=capsys)
    assert rc == 2 and needle in err and "Traceback" not in err


def test_git_errors_are_clear(repo, tmp_path, capsys):
    (repo / "a.csv").write_text("drug_a,drug_b,severity\nwarfarin,aspirin,major\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    rc, _, err = run_cli(repo, "diff", "--git", "no-such-rev", capsys=capsys)
    assert rc == 2 and "unknown git revision" in err
    outside = tmp_path / "plain"
    outside.mkdir()
    rc, _, err = run_cli(outside, "diff", "--staged", capsys=capsys)
    assert rc == 2 and "not inside a git repository" in err


def test_command_line_runs_as_a_process(repo):
    (repo / "a.csv").write_text("drug_a,drug_b,severity\nwarfarin,aspirin,major\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    (repo / "a.csv").write_text("drug_a,drug_b,severity\nwarfarin,aspirin,minor\n")
    r = subprocess.run([sys.executable, "-m", "druglint", "diff", "--git", "HEAD"], cwd=repo, capture_output=True, text=True)
    assert r.returncode == 1
    assert "a.csv:2:3: DL701 [error] severity of warfarin + aspirin weakened: major -> minor (old value at HEAD:a.csv:2)" in r.stdout


def test_formats_of_check_are_reused(capsys):
    from druglint.formats import FORMATS

    old, new = pair_files("DL702")
    if "sarif" in FORMATS:
        rc, out, _ = run_cli(FIXTURES, "diff", str(old), str(new), "--format", "sarif", capsys=capsys)
        results = json.loads(out)["runs"][0]["results"]
        assert rc == 1 and [r["ruleId"] for r in results] == ["DL702"]
    rc, out, _ = run_cli(FIXTURES, "diff", str(old), str(new), "--statistics", capsys=capsys)
    assert rc == 1 and "DL702" in out and "interaction-removed" in out


SPEC = Path(__file__).resolve().parents[1] / "specs" / "talimogene-laherparepvec.yaml"


def test_spec_facts_are_compared_through_the_spec_loader(tmp_path):
    """The shipped Imlygic spec, edited the dangerous ways: each fact family gives its code at
    the new spec's line (or the old one's for a removal)."""
    if not SPEC.is_file():
        pytest.skip("the Imlygic spec is not in this checkout")
    text = SPEC.read_text(encoding="utf-8")
    lines = text.splitlines()

    def line_of(needle: str) -> int:
        return next(i for i, ln in enumerate(lines, 1) if needle in ln)

    edits = [
        ("    severity: moderate\n    severity_basis: label\n", "    severity: minor\n    severity_basis: label\n"),  # antiherpetic antivirals: moderate -> minor
        ("  - {term: herpetic infection, serious: true,", "  - {term: herpetic infection, serious: false,"),
        ("  - {term: plasmacytoma, serious: true,", "  - {term: plasmacytoma, serious: true, category: very common,"),
        ("  - {amount: 4, unit: mL,", "  - {amount: 40, unit: mL,"),
    ]
    new_text = text
    for old, new in edits:
        assert new_text.count(old) == 1, old
        new_text = new_text.replace(old, new)
    # drop the pregnancy contraindication and the intravenous forbidden route; add a strength
    new_lines = [ln for ln in new_text.splitlines()
                 if "population: pregnant" not in ln and "{route: intravenous, reason" not in ln]
    new_text = "\n".join(new_lines) + "\n"
    new_text = new_text.replace("strengths:\n", "strengths:\n  - {amount: 1.0e+7, unit: PFU/mL, source: \"test\"}\n", 1)
    (tmp_path / "old.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(new_text, encoding="utf-8")
    new_lines = new_text.splitlines()

    def new_line_of(needle: str) -> int:
        return next(i for i, ln in enumerate(new_lines, 1) if needle in ln)

    report = diff_paths(str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"), Config(root=str(tmp_path)),
                        use_reviewed=False)
    got = {(Path(v.path).stem, v.line, v.code) for v in report.violations}
    assert ("new", new_line_of("- class: antiherpetic antivirals"), "DL701") in got
    assert ("new", new_line_of("term: herpetic infection"), "DL704") in got
    assert ("old", line_of("population: pregnant"), "DL706") in got
    assert ("old", line_of("{route: intravenous, reason"), "DL707") in got
    assert ("new", new_line_of("{amount: 40, unit: mL"), "DL708") in got
    assert ("new", new_line_of("{amount: 1.0e+7, unit: PFU/mL"), "DL709") in got
    assert {c for _, _, c in got} == {"DL701", "DL704", "DL706", "DL707", "DL708", "DL709"}


def test_public_formats_are_read_through_their_preset(tmp_path):
    """A DDInter download (Level column, 'Major') is compared like `check` reads it."""
    import importlib.util

    if importlib.util.find_spec("druglint.presets") is None:
        pytest.skip("presets not available")
    header = "DDInterID_A,Drug_A,DDInterID_B,Drug_B,Level\n"
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    (tmp_path / "old" / "ddinter_downloads_code_B.csv").write_text(
        header + "DDInter1,Abacavir,DDInter2,Orlistat,Moderate\nDDInter3,Warfarin,DDInter4,Aspirin,Major\n")
    (tmp_path / "new" / "ddinter_downloads_code_B.csv").write_text(
        header + "DDInter3,Warfarin,DDInter4,Aspirin,Minor\nDDInter1,Abacavir,DDInter2,Orlistat,moderate\n")
    report = diff_paths(str(tmp_path / "old"), str(tmp_path / "new"), Config(root=str(tmp_path)))
    assert [(v.line, v.code) for v in report.violations] == [(2, "DL701")]
    assert report.changes[0].old == "major" and report.changes[0].new == "minor"
