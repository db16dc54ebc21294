"""Issue 15 items 1 and 5 through the real command: grouped human output, every finding in
the machine formats, counts per rule and per file, character columns for SARIF and github."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from druglint.formats.groups import Collapsed, group, shape
from druglint.model import Severity, Violation

ROOT = Path(__file__).resolve().parents[1]
OUT = "fixtures/output"
REALDATA = ROOT.parent / "shared" / "realdata"


def run(*args, cwd=ROOT):
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "GITHUB_ACTIONS")}
    return subprocess.run([sys.executable, "-m", "druglint", *args], cwd=cwd, capture_output=True, text=True, env=env)


# ------------------------------------------------------------------------ grouping
def test_shape_masks_quoted_values_and_numbers_only():
    assert shape("row duplicates the row at line 78") == shape("row duplicates the row at line 12,345")
    assert shape("route 'ORAL' is not a known route") == shape('route "SUBCUTANEOUS 2" is not a known route')
    assert shape("route 'X' is not a known route") != shape("severity 'X' is not a known severity")


def test_group_keeps_the_first_three_and_counts_the_rest_per_file_code_and_shape():
    vs = [Violation("a.csv", n, 1, "DL108", Severity.WARNING, f"row duplicates the row at line {n - 1}", "duplicate-row")
          for n in range(2, 12)]
    vs.append(Violation("a.csv", 20, 3, "DL104", Severity.ERROR, "route 'x' is not a known route", "unknown-value"))
    vs.append(Violation("b.csv", 2, 1, "DL108", Severity.WARNING, "row duplicates the row at line 1", "duplicate-row"))
    items = group(vs)
    assert [type(i).__name__ for i in items] == ["Violation"] * 3 + ["Collapsed"] + ["Violation"] * 2
    marker = items[3]
    assert isinstance(marker, Collapsed) and (marker.path, marker.code, marker.count, marker.line) == ("a.csv", "DL108", 7, 4)
    assert "... and 7 more findings like this (DL108); `--show-all` lists them" == marker.message()
    assert group(vs, show_all=True) == vs


def test_text_groups_json_keeps_every_finding():
    target = f"{OUT}/duplicates.csv"
    text = run("check", "--select", "DL108", target)
    assert text.returncode == 1
    lines = text.stdout.splitlines()
    assert lines[:4] == [f"{target}:3:1: DL108 [warning] row duplicates the row at line 2",
                         f"{target}:4:1: DL108 [warning] row duplicates the row at line 2",
                         f"{target}:5:1: DL108 [warning] row duplicates the row at line 2",
                         f"{target}: ... and 5 more findings like this (DL108); `--show-all` lists them"]
    # the summary counts per rule and per file, with severities
    assert "8\tDL108\t    duplicate-row\t8 warnings" in lines
    assert f"8\t{target}\t8 warnings\tDL108 8" in lines
    assert lines[-1] == "Found 8 violations (8 warnings) in 1 file checked."
    every = run("check", "--select", "DL108", "--show-all", target).stdout.splitlines()
    assert [ln.split(":")[1] for ln in every if " DL108 " in ln] == ["3", "4", "5", "6", "7", "8", "9", "11"]
    data = json.loads(run("check", "--select", "DL108", "--format", "json", target).stdout)
    assert [(d["path"], d["line"], d["code"]) for d in data] == [(target, n, "DL108") for n in (3, 4, 5, 6, 7, 8, 9, 11)]


def test_github_and_markdown_group_sarif_and_junit_keep_all():
    target = f"{OUT}/duplicates.csv"
    gh = run("check", "--select", "DL108", "--format", "github", target).stdout.splitlines()
    assert sum(ln.startswith("::warning ") for ln in gh) == 3
    assert f"::notice file={target},title=DL108::... and 5 more findings like this (DL108); `--show-all` lists them" in gh
    # html: issue18's triage page groups root causes itself with formats.groups.shape (tested there)
    md = run("check", "--select", "DL108", "--format", "markdown", target).stdout
    assert md.count("| DL108 | row duplicates") == 3
    assert "| | | warning | DL108 | ... and 5 more findings like this (DL108); \\`--show-all\\` lists them |" in md or \
        md.count("... and 5 more findings like this (DL108)") == 1
    sarif = json.loads(run("check", "--select", "DL108", "--format", "sarif", target).stdout)
    assert len(sarif["runs"][0]["results"]) == 8
    junit = run("check", "--select", "DL108", "--format", "junit", target).stdout
    assert junit.count(f"{target}:") == 8


def test_statistics_per_rule_and_file_as_text_and_json():
    target = f"{OUT}/quoted.csv"
    text = run("check", "--statistics", "--select", "DL1", target).stdout.splitlines()
    assert text[0] == "Findings per rule:"
    assert "1\tDL104\t    unknown-value\t1 error" in text and "1\tDL105\t[*] non-canonical-value\t1 info" in text
    assert f"2\t{target}\t1 error, 1 info\tDL104 1, DL105 1" in text
    stats = json.loads(run("check", "--statistics", "--format", "json", "--select", "DL1", target).stdout)
    assert (stats["violations"], stats["error"], stats["info"], stats["files_checked"]) == (2, 1, 1, 1)
    assert [(c["code"], c["count"], c["error"], c["info"], c["fixable"]) for c in stats["by_code"]] == [
        ("DL104", 1, 1, 0, 0), ("DL105", 1, 0, 1, 1)]
    assert stats["by_file"] == [{"path": target, "count": 2, "error": 1, "warning": 0, "info": 1,
                                 "codes": {"DL104": 1, "DL105": 1}}]


def test_statistics_refuses_a_format_that_cannot_show_counts():
    r = run("check", "--statistics", "--format", "sarif", f"{OUT}/quoted.csv")
    assert r.returncode == 2 and "--statistics" in r.stderr and "Traceback" not in r.stderr


# ------------------------------------------------------------------ character columns
# (file, text line:col, code) -> (SARIF / github line, character column of the offending cell)
CHARACTER_POSITIONS = [
    # quoted cell holding the delimiter before the offending one: "warfarin, sodium",aspirin,Mayor
    ("quoted.csv", 2, 3, "DL104", 2, 28),
    # a record whose first cell holds a line break: the severity cell is on line 4
    ("quoted.csv", 3, 3, "DL105", 4, 10),
    # BOM not counted, code points not bytes (è is two bytes)
    ("bom-unicode.tsv", 2, 2, "DL301", 2, 12),
    # JSON and YAML: the offending key's line and column
    ("records.json", 7, 2, "DL301", 9, 5),
    ("records.json", 7, 3, "DL104", 10, 5),
    ("records.yaml", 6, 2, "DL301", 6, 3),
    ("records.yaml", 7, 3, "DL104", 7, 3),
]


@pytest.fixture(scope="module")
def outputs():
    """One run per format over the fixtures (each run is a real process)."""
    args = ("check", "--select", "DL1,DL3", OUT)
    return {fmt: run(*args, "--format", fmt).stdout for fmt in ("text", "json", "sarif", "github")}


@pytest.mark.parametrize("name,line,col,code,char_line,char_col", CHARACTER_POSITIONS)
def test_text_keeps_field_numbers_sarif_and_github_use_characters(outputs, name, line, col, code, char_line, char_col):
    target = f"{OUT}/{name}"
    data = json.loads(outputs["json"])
    assert (target, line, col, code) in [(d["path"], d["line"], d["column"], d["code"]) for d in data]
    assert f"{target}:{line}:{col}: {code} [" in outputs["text"]
    sarif = json.loads(outputs["sarif"])["runs"][0]
    uris = [a["location"]["uri"] for a in sarif["artifacts"]]
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in sarif["results"]
               if r["ruleId"] == code and uris[r["locations"][0]["physicalLocation"]["artifactLocation"]["index"]] == target]
    assert {"startLine": char_line, "startColumn": char_col} in regions
    assert f"file={target},line={char_line},col={char_col},title={code}::" in outputs["github"]


def test_yaml_findings_point_at_the_key_line_and_fix_still_applies(tmp_path):
    f = tmp_path / "i.yaml"
    f.write_text("- drug_a: warfarin\n  drug_b: aspirin\n  severity: Major\n", encoding="utf-8")
    data = json.loads(run("check", "--select", "DL1", "--format", "json", str(f), cwd=tmp_path).stdout)
    assert [(d["line"], d["column"], d["code"]) for d in data] == [(3, 3, "DL105")]  # the key's line, not the record's (1)
    assert run("check", "--select", "DL1", "--fix", str(f), cwd=tmp_path).returncode == 0
    assert f.read_text(encoding="utf-8") == "- drug_a: warfarin\n  drug_b: aspirin\n  severity: major\n"


def test_parquet_has_no_character_column(tmp_path):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    pd.DataFrame({"drug_a": ["a"], "drug_b": ["a"], "severity": ["major"]}).to_parquet(tmp_path / "p.parquet")
    sarif = json.loads(run("check", "--select", "DL3", "--format", "sarif", "p.parquet", cwd=tmp_path).stdout)
    assert [r["locations"][0]["physicalLocation"]["region"] for r in sarif["runs"][0]["results"]] == [{"startLine": 1}]


# ------------------------------------------------------------------------ real data
@pytest.mark.slow
@pytest.mark.skipif(not REALDATA.is_dir(), reason="../shared/realdata is not here")
def test_realdata_text_report_is_short_while_json_holds_every_finding():
    text = run("check", str(REALDATA))
    data = json.loads(run("check", "--format", "json", str(REALDATA)).stdout)
    lines = text.stdout.splitlines()
    assert len(lines) <= 1500
    found = lines[-1] if lines[-1].startswith("Found") else lines[-2]
    assert found.startswith(f"Found {len(data)} violations")
    per_rule = [ln.split("\t") for ln in lines[lines.index("Findings per rule:") + 1: lines.index("Findings per file:")]]
    assert sum(int(row[0]) for row in per_rule) == len(data)
