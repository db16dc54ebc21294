"""The CI and report formats: sarif (against the official schema), github, junit, html, auto."""
from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest

from druglint import cli
from druglint.engine import lint_paths
from druglint.formats import Options, render, resolve
from druglint.model import Fix, Report, Severity, Violation

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


@pytest.fixture
def in_root(monkeypatch):
    monkeypatch.chdir(ROOT)  # display paths are relative to the working directory


@pytest.fixture
def report(in_root) -> Report:
    # valid and invalid files of every area, plus malformed ones (binary, Parquet, not UTF-8)
    return lint_paths(["fixtures/interactions", "fixtures/side_effects", "fixtures/malformed"])


def _validate_sarif(doc: dict) -> None:
    validator = jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


# ------------------------------------------------------------------------------ SARIF
def test_sarif_is_valid_against_the_official_2_1_0_schema(report):
    assert len(report) > 20  # a real mix, not a trivial report
    doc = json.loads(render("sarif", report, Options()))
    _validate_sarif(doc)
    run = doc["runs"][0]
    assert doc["version"] == "2.1.0"
    assert len(run["results"]) == len(report)
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted({v.code for v in report.violations})
    for res, v in zip(run["results"], report.sorted()):
        assert res["ruleId"] == v.code
        assert rules[res["ruleIndex"]]["id"] == v.code
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] == v.path
        assert loc["region"]["startLine"] == max(v.line, 1)
        assert res["level"] == {"error": "error", "warning": "warning", "info": "note"}[str(v.severity)]


def test_sarif_of_a_clean_run_is_valid_and_empty(in_root):
    rep = lint_paths(["fixtures/interactions/valid.csv"], select=["DL301"])
    assert len(rep) == 0
    doc = json.loads(render("sarif", rep, Options()))
    _validate_sarif(doc)
    assert doc["runs"][0]["results"] == []
    assert doc["runs"][0]["artifacts"] == [{"location": {"uri": "fixtures/interactions/valid.csv", "uriBaseId": "SRCROOT"}}]


def test_sarif_odd_paths_and_fixes_stay_valid():
    rep = Report([Violation("data dir/ä,b#1.csv", 0, 0, "DL121", Severity.INFO, "stray\nspace", "stray-whitespace",
                            Fix("strip", " a", "a")),
                  Violation("/abs/x.csv", 3, 2, "DL301", Severity.ERROR, "self", "self-interaction")],
                 ["data dir/ä,b#1.csv", "/abs/x.csv"])
    doc = json.loads(render("sarif", rep, Options()))
    _validate_sarif(doc)
    res = doc["runs"][0]["results"]
    assert res[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "file:///abs/x.csv"
    assert res[1]["locations"][0]["physicalLocation"]["region"] == {"startLine": 1, "startColumn": 1}
    assert res[1]["properties"]["fix"] == {"message": "strip", "old": " a", "new": "a"}


def test_the_schema_rejects_a_broken_sarif_log():
    # the validator is real: a result without a message is refused
    doc = json.loads(render("sarif", Report([Violation("a.csv", 1, 1, "DL301", Severity.ERROR, "m", "self-interaction")],
                                            ["a.csv"]), Options()))
    del doc["runs"][0]["results"][0]["message"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, SCHEMA)


# ----------------------------------------------------------------------------- github
def test_github_annotations_name_file_line_column_and_code(in_root):
    rep = lint_paths(["fixtures/interactions/DL301-self-interaction.csv"], select=["DL301", "DL121"])
    lines = render("github", rep, Options()).splitlines()
    # col is the character where the offending cell starts ("Warfarin,warfarin ,major": drug_b at 10),
    # not the field number 2 of the text and JSON output
    assert ("::error file=fixtures/interactions/DL301-self-interaction.csv,line=3,col=10,title=DL301::"
            "drug 'Warfarin' is listed as interacting with itself") in lines
    assert any(ln.startswith("::notice file=fixtures/interactions/DL301-self-interaction.csv,line=3,") and "title=DL121" in ln
               for ln in lines)
    assert any(ln.startswith("Found 2 violations") for ln in lines)


def test_github_escapes_commas_colons_percent_and_newlines():
    v = Violation("a,b:c.csv", 2, 1, "DL104", Severity.WARNING, "50% of\nrows", "unknown-value")
    out = render("github", Report([v], ["a,b:c.csv"]), Options()).splitlines()[0]
    assert out == "::warning file=a%2Cb%3Ac.csv,line=2,col=1,title=DL104::50%25 of%0Arows"


# ------------------------------------------------------------------------------ junit
def test_junit_has_a_testcase_per_file_and_lists_violations(report):
    root = ET.fromstring(render("junit", report, Options()))
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == list(dict.fromkeys(report.files))
    failing_files = {v.path for v in report.violations if v.severity >= Severity.WARNING}
    failed = {c.get("name") for c in cases if c.find("failure") is not None}
    assert failed == failing_files
    assert suite.get("tests") == str(len(cases)) and suite.get("failures") == str(len(failed))
    case = next(c for c in cases if c.get("name") == "fixtures/interactions/DL301-self-interaction.csv")
    assert "fixtures/interactions/DL301-self-interaction.csv:3:2: DL301 [error]" in case.find("failure").text
    assert "DL121 [info]" in case.find("system-out").text  # below fail-on: listed, not failing


def test_junit_fail_on_error_lets_warning_only_files_pass(in_root):
    rep = lint_paths(["fixtures/interactions/DL303-reversed-duplicate.csv"], select=["DL303"])
    assert {str(v.severity) for v in rep.violations} == {"warning"}
    root = ET.fromstring(render("junit", rep, Options(fail_on=Severity.ERROR)))
    case = root.find("testsuite/testcase")
    assert case.find("failure") is None and "DL303" in case.find("system-out").text


def test_junit_survives_control_characters_in_messages():
    v = Violation("x.csv", 1, 1, "DL118", Severity.ERROR, "bad byte \x01 here", "parse-error")
    root = ET.fromstring(render("junit", Report([v], ["x.csv"]), Options()))
    assert "bad byte \ufffd here" in root.find("testsuite/testcase/failure").text


# ------------------------------------------------------------------------------- html
class ReportParser(HTMLParser):
    """Collects the tables' rows, the violation blocks and every external reference."""

    def __init__(self) -> None:
        super().__init__()
        self.table: str | None = None
        self.rows: dict[str, list[list[str]]] = {}
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.violations: list[dict[str, str]] = []
        self.external: list[str] = []
        self.tags: Counter[str] = Counter()
        self.hits: list[str] = []
        self._hit: list[str] | None = None
        self._depth = 0
        self.hit_cells: list[str] = []
        self._cell_hit: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags[tag] += 1
        for key in ("src", "href"):
            if key in a and not a[key].startswith("#"):
                self.external.append(a[key])
        if tag == "table":
            self.table = a.get("id")
            self.rows[self.table] = []
        elif tag == "tr" and self.table:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
        elif tag == "div" and "v" in a.get("class", "").split():
            self.violations.append(a)
        elif tag == "td" and a.get("class") == "hit":
            self._cell_hit = []
        elif tag == "span" and a.get("class") == "hit":
            self._hit, self._depth = [], 1
        elif tag == "span" and self._hit is not None:
            self._depth += 1

    def handle_endtag(self, tag):
        if tag == "td" and self._cell_hit is not None:
            self.hit_cells.append("".join(self._cell_hit))
            self._cell_hit = None
        if tag in ("td", "th") and self.cell is not None:
            self.row.append("".join(self.cell).strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.rows[self.table].append(self.row)
            self.row = None
        elif tag == "table":
            self.table = None
        elif tag == "span" and self._hit is not None:
            self._depth -= 1
            if self._depth == 0:
                self.hits.append("".join(self._hit))
                self._hit = None

    def handle_data(self, data):
        if self._cell_hit is not None:
            self._cell_hit.append(data)
        if self.cell is not None:
            self.cell.append(data)
        if self._hit is not None:
            self._hit.append(data)


def test_html_report_counts_by_rule_and_file_and_shows_context(report):
    text = render("html", report, Options())
    p = ReportParser()
    p.feed(text)
    p.close()
    # self-contained: one inline script (the filters), no stylesheet link, no image, nothing fetched
    assert p.external == [] and p.tags["script"] == 1 and p.tags["link"] == 0 and p.tags["img"] == 0
    assert "<script src" not in text and "http://" not in text and "https://" not in text
    by_rule = {row[0]: int(row[3]) for row in p.rows["by-rule"][1:]}
    assert by_rule == dict(Counter(v.code for v in report.violations))
    by_file = {row[0]: int(row[4]) for row in p.rows["by-file"][1:]}
    want = Counter(v.path for v in report.violations)
    assert by_file == {f: want.get(f, 0) for f in report.files}
    # every finding is in the page: identical ones (file, code, message) as one entry standing for n
    assert sum(int(d["data-n"]) for d in p.violations) == len(report)
    order = list(dict.fromkeys(report.files))
    firsts = list(dict.fromkeys((v.path, v.code, v.message) for v in
                                sorted(report.violations, key=lambda v: (order.index(v.path), v.sort_key()))))
    assert len(p.violations) == len(firsts)
    # the record's cells under the header row, the offending cell marked, read back from the file
    assert "warfarin " in p.hit_cells  # line 3: Warfarin,warfarin ,major; the stray space (DL121) kept
    sev = {row[0]: int(row[1]) for row in p.rows["by-severity"][1:]}
    assert sev == {s: report.count(Severity.parse(s)) for s in ("error", "warning", "info")}


def test_html_escapes_file_content_and_handles_binary_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("x.csv").write_text("drug_a,drug_b,severity\n<script>alert(1)</script>,<script>alert(1)</script>,major\n")
    rep = lint_paths(["x.csv"])
    assert "DL301" in rep.codes()
    text = render("html", rep, Options())
    assert text.count("<script>") == 1 and "<script>alert" not in text and "&lt;script&gt;alert(1)" in text
    import pandas as pd

    pd.DataFrame({"drug_a": ["a"], "drug_b": ["a"], "severity": ["major"]}).to_parquet("y.parquet")
    text = render("html", lint_paths(["y.parquet"]), Options())
    assert "record 1 (no text lines" in text


# ------------------------------------------------------------------ auto, --output-file
def test_auto_is_github_under_actions_and_text_elsewhere(monkeypatch, in_root, capsys):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert resolve("auto") == "github"
    args = ["check", "--format", "auto", "--select", "DL301,DL121", "fixtures/interactions/DL301-self-interaction.csv"]
    assert cli.main(args) == 1
    assert capsys.readouterr().out.startswith("::")
    monkeypatch.delenv("GITHUB_ACTIONS")
    assert resolve("auto") == "text"
    assert cli.main(args) == 1
    assert capsys.readouterr().out.startswith("fixtures/interactions/DL301-self-interaction.csv:3:2: DL121")


@pytest.mark.parametrize("fmt", ["sarif", "junit", "html", "github"])
def test_output_file_receives_the_report(fmt, tmp_path, in_root, capsys):
    out = tmp_path / f"report.{fmt}"
    assert cli.main(["check", "--format", fmt, "-o", str(out), "fixtures/interactions"]) == 1
    assert capsys.readouterr().out == ""
    assert "DL302" in out.read_text(encoding="utf-8")


def test_unknown_format_is_a_usage_error(in_root, capsys):
    assert cli.main(["check", "--format", "xml", "fixtures/interactions/valid.csv"]) == 2
    assert "unknown format 'xml'" in capsys.readouterr().err


def test_formats_stay_off_the_startup_path():
    # `import druglint.formats` must not pull pandas in (the CLI's start-up time)
    import subprocess
    import sys

    code = "import sys, druglint.formats; print('pandas' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=dict(os.environ)).stdout.strip() == "False"


def test_large_sarif_logs_are_compact_and_still_valid():
    vs = [Violation(f"data/f{i % 7}.csv", i + 2, 1, "DL301", Severity.ERROR, f"self {i}", "self-interaction") for i in range(1500)]
    text = render("sarif", Report(vs, [f"data/f{i}.csv" for i in range(7)]), Options())
    assert "\n  " not in text  # no indentation: the C encoder
    doc = json.loads(text)
    _validate_sarif(doc)
    assert len(doc["runs"][0]["results"]) == 1500
