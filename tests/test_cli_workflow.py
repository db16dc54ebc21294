"""Issue 16: the workflow defects a new user found, run through the real command line
(``python -m druglint`` in a subprocess, in a temporary project)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DIFF = ROOT / "fixtures" / "diff"

OLD_DDI = (DIFF / "DL701" / "old.csv").read_text()  # simvastatin + clarithromycin contraindicated
NEW_YAML = """\
- drug_a: Aspirin
  drug_b: Warfarin
  severity: Major
- drug_a: ibuprofen
  drug_b: lithium
  severity: major
- drug_a: simvastatin
  drug_b: clarithromycin
  severity: minor
- drug_a: acyclovir
  drug_b: talimogene laherparepvec
  severity: unknown
"""


def druglint(cwd: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "FORCE_COLOR")}
    env["NO_COLOR"] = "1"
    return subprocess.run([sys.executable, "-m", "druglint", *args], cwd=cwd, capture_output=True, text=True,
                          input=stdin, env=env, timeout=300)


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Test Curator")
    git(root, "config", "user.email", "curator@example.org")
    git(root, "config", "commit.gpgsign", "false")
    return root


# ------------------------------------------------------------- defect 1: diff across formats
@pytest.mark.parametrize("new_name, new_text", [
    ("new.yaml", NEW_YAML),
    ("new.tsv", (DIFF / "DL701" / "new.csv").read_text().replace(",", "\t")),
    ("new.json", json.dumps([{"drug_a": "simvastatin", "drug_b": "clarithromycin", "severity": "minor"},
                             {"drug_a": "warfarin", "drug_b": "aspirin", "severity": "major"}])),
])
def test_diff_reads_each_side_with_its_own_reader(tmp_path, new_name, new_text):
    (tmp_path / "old.csv").write_text(OLD_DDI)
    (tmp_path / new_name).write_text(new_text)
    r = druglint(tmp_path, "diff", "old.csv", new_name, "--format", "json")
    assert r.returncode == 1, r.stdout + r.stderr
    found = {(v["code"], v["path"]) for v in json.loads(r.stdout)}
    assert ("DL701", new_name) in found
    assert any("contraindicated -> minor" in v["message"] for v in json.loads(r.stdout))


def test_diff_side_without_records_is_an_error(tmp_path):
    (tmp_path / "old.csv").write_text(OLD_DDI)
    (tmp_path / "new.csv").write_text("colour,size\nred,3\n")  # not a dataset of a known kind
    r = druglint(tmp_path, "diff", "old.csv", "new.csv")
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "new.csv: no dataset records" in r.stderr
    r = druglint(tmp_path, "diff", "new.csv", "old.csv")
    assert r.returncode == 2 and "new.csv: no dataset records" in r.stderr


def test_git_rename_csv_to_yaml_is_compared(repo):
    (repo / "ddi.csv").write_text(OLD_DDI)
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "mv", "ddi.csv", "ddi.yaml")
    (repo / "ddi.yaml").write_text(NEW_YAML)
    git(repo, "add", ".")
    r = druglint(repo, "diff", "--staged", "--format", "json")
    assert r.returncode == 1
    assert {(v["code"], v["path"], v["line"]) for v in json.loads(r.stdout)} >= {("DL701", "ddi.yaml", 7)}


# ------------------------------------------------------------- defect 6: diff --git REV PATH...
def test_diff_git_narrowed_to_paths(repo):
    (repo / "data").mkdir()
    (repo / "data" / "ddi.csv").write_text(OLD_DDI)
    (repo / "other.csv").write_text(OLD_DDI)
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    weakened = OLD_DDI.replace("contraindicated", "minor")
    (repo / "data" / "ddi.csv").write_text(weakened)
    (repo / "other.csv").write_text(weakened)
    r = druglint(repo, "diff", "--git", "HEAD", "--format", "json")
    assert {v["path"] for v in json.loads(r.stdout)} == {"data/ddi.csv", "other.csv"}
    r = druglint(repo, "diff", "--git", "HEAD", "data/ddi.csv", "--format", "json")
    assert r.returncode == 1, r.stderr
    assert {v["path"] for v in json.loads(r.stdout)} == {"data/ddi.csv"}
    r = druglint(repo / "data", "diff", "--git", "HEAD", ".", "--format", "json")  # relative to the current folder
    assert {v["path"] for v in json.loads(r.stdout)} == {"ddi.csv"}
    r = druglint(repo, "diff", "--git", "HEAD", "data/nope.csv")
    assert r.returncode == 2 and "data/nope.csv: no such file" in r.stderr


# ------------------------------------------------------------- defect 4: DL703 >= DL704
def test_removed_serious_reaction_fails_a_gate_at_error(tmp_path):
    (tmp_path / "old.csv").write_text((DIFF / "DL703" / "old.csv").read_text())
    (tmp_path / "new.csv").write_text((DIFF / "DL703" / "new.csv").read_text())
    r = druglint(tmp_path, "diff", "old.csv", "new.csv", "--fail-on", "error", "--format", "json")
    assert r.returncode == 1
    assert {v["code"] for v in json.loads(r.stdout)} == {"DL703"}
    assert all(v["severity"] == "error" for v in json.loads(r.stdout))


# ------------------------------------------------------------- defect 2: exclude and named files
SELF_PAIR = "drug_a,drug_b,severity\nwarfarin,aspirin,major\nWarfarin,warfarin,major\n"
# an info finding below the error: a name nothing knows (DL520); warfarin and aspirin are known to the pack
UNKNOWN_PAIR = SELF_PAIR.replace("aspirin", "qwertyzine")


def project(tmp_path: Path, config: str = "exclude: [legacy]\n") -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "druglint.yaml").write_text(config)
    (tmp_path / "legacy").mkdir()
    (tmp_path / "legacy" / "old.csv").write_text(SELF_PAIR)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "ddi.csv").write_text("drug_a,drug_b,severity\nwarfarin,aspirin,major\n")
    return tmp_path


def test_force_exclude_applies_exclude_to_named_files(tmp_path):
    root = project(tmp_path)
    assert druglint(root, "check", ".").returncode == 0
    assert druglint(root, "check", "legacy/old.csv").returncode == 1  # named: linted, as ruff does
    r = druglint(root, "check", "--force-exclude", "legacy/old.csv", "data/ddi.csv")
    assert r.returncode == 0, r.stdout
    assert "1 file checked" in r.stdout


def test_exclude_options_on_the_command_line(tmp_path):
    root = project(tmp_path, "exclude: [legacy]\nextend-exclude: ['*.tsv']\n")
    assert druglint(root, "check", "--exclude", "nothing").returncode == 1  # replaces exclude: legacy is linted
    r = druglint(root, "check", "--exclude", "nothing", "--extend-exclude", "legacy/*.csv", "--show-files")
    assert r.stdout.split() == ["data/ddi.csv"]
    (root / "data" / "x.tsv").write_text(SELF_PAIR.replace(",", "\t"))
    r = druglint(root, "check", "--exclude", "nothing", "--extend-exclude", "legacy", "--show-files")
    assert r.stdout.split() == ["data/ddi.csv"]  # the configured extend-exclude still skips *.tsv


def test_force_exclude_path_outside_the_project_is_refused(tmp_path):
    root = project(tmp_path / "p")
    (tmp_path / "elsewhere.csv").write_text(SELF_PAIR)
    r = druglint(root, "check", "--force-exclude", str(tmp_path / "elsewhere.csv"))
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "outside the project" in r.stderr


def test_published_hook_forces_exclude_and_reads_xml():
    import yaml  # noqa: F401  (pre-commit's own dependency)

    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert "--force-exclude" in hooks["druglint"]["entry"].split()
    import re

    assert re.search(hooks["druglint"]["files"], "labels/spl.xml")


# ------------------------------------------------------------- defect 3: configuration keys
@pytest.mark.parametrize("text, needle", [
    ("ignroe: [DL301]\n", "unknown configuration key 'ignroe'; did you mean 'ignore'?"),
    ("cache: 123\n", "'cache' must be true or false"),  # the result cache (issue 18) reads it
    ("cache-dir: [a]\n", "'cache-dir' must be a folder name"),
    ("abbreviations: 123\n", "unknown configuration key 'abbreviations'"),
    ("baseline: 123\n", "'baseline' must be the path of a baseline file"),
    ("force-exclude: maybe\n", "'force-exclude' must be true or false"),
])
def test_configuration_keys_do_something_or_are_refused(tmp_path, text, needle):
    (tmp_path / "druglint.yaml").write_text(text)
    (tmp_path / "ddi.csv").write_text(SELF_PAIR)
    r = druglint(tmp_path, "check", ".")
    assert r.returncode == 2 and needle in r.stderr and r.stderr.count("\n") == 1, r.stderr


def test_toml_key_misspelt_gets_a_suggestion(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.druglint]\nfail_onn = 'error'\n")
    r = druglint(tmp_path, "check", ".")
    assert r.returncode == 2 and "did you mean 'fail-on'?" in r.stderr


def test_baseline_key_applies_the_baseline(tmp_path):
    (tmp_path / "ddi.csv").write_text(SELF_PAIR)
    (tmp_path / "druglint.yaml").write_text("baseline: known.json\n")
    r = druglint(tmp_path, "check", ".", "--write-baseline")
    assert r.returncode == 0 and (tmp_path / "known.json").is_file()
    r = druglint(tmp_path, "check", ".")
    assert r.returncode == 0 and "All checks passed" in r.stdout, r.stdout
    (tmp_path / "ddi.csv").write_text(SELF_PAIR + "Aspirin,aspirin,major\n")
    r = druglint(tmp_path, "check", ".", "--format", "json")
    assert r.returncode == 1 and {v["line"] for v in json.loads(r.stdout) if v["code"] == "DL301"} == {4}


# ------------------------------------------------------------- defect 7 (smaller ones)
def test_output_file_prints_a_summary_line(tmp_path):
    (tmp_path / "ddi.csv").write_text(UNKNOWN_PAIR)
    r = druglint(tmp_path, "check", "ddi.csv", "-o", "report.json", "--format", "json")
    assert r.returncode == 1
    assert r.stdout == ""  # stdout stays free for pipelines; the summary goes to stderr
    assert "Found 2 violations (1 error, 1 info)" in r.stderr and "report.json" in r.stderr
    assert json.loads((tmp_path / "report.json").read_text())


def test_unknown_kind_points_at_a_shipped_doc(tmp_path):
    (tmp_path / "x.csv").write_text("name,notes\nacyclovir,antiviral\n")
    r = druglint(tmp_path, "check", "x.csv")
    assert "docs/architecture.md" not in r.stdout and "druglint rule DL119" in r.stdout
    assert "columns" in druglint(tmp_path, "rule", "DL119").stdout


# ------------------------------------------------------------- item 8: what a ruff user reaches for
def test_exit_zero_quiet_silent(tmp_path):
    (tmp_path / "ddi.csv").write_text(SELF_PAIR)
    r = druglint(tmp_path, "check", "ddi.csv", "--exit-zero")
    assert r.returncode == 0 and "DL301" in r.stdout
    r = druglint(tmp_path, "check", "ddi.csv", "-q")
    assert r.returncode == 1 and "DL301" in r.stdout and "Found" not in r.stdout
    r = druglint(tmp_path, "check", "ddi.csv", "--silent")
    assert (r.returncode, r.stdout, r.stderr) == (1, "", "")
    assert druglint(tmp_path, "check", "nope.csv", "--exit-zero").returncode == 2  # errors are not hidden


def test_show_settings_and_files(tmp_path):
    root = project(tmp_path, "exclude: [legacy]\nfail-on: error\n")
    r = druglint(root, "check", "--show-settings")
    assert r.returncode == 0
    assert f"configuration file: {root / 'druglint.yaml'}" in r.stdout
    assert 'fail-on          = "error"' in r.stdout and 'exclude          = ["legacy"]' in r.stdout
    r = druglint(root, "check", "--show-files")
    assert (r.returncode, r.stdout) == (0, "data/ddi.csv\n")


def test_stdin_with_a_file_name(tmp_path):
    root = project(tmp_path, "exclude: [legacy]\nkinds: {'data/*.txt': interactions}\n"
                             "per-file-ignores: {'data/quiet.csv': [DL301]}\n")
    r = druglint(root, "check", "-", "--stdin-filename", "data/ddi.csv", "--format", "json", stdin=SELF_PAIR)
    assert r.returncode == 1
    assert {(v["path"], v["line"], v["code"]) for v in json.loads(r.stdout)} >= {("data/ddi.csv", 3, "DL301")}
    r = druglint(root, "check", "-", "--stdin-filename", "data/quiet.csv", "--format", "json", stdin=SELF_PAIR)
    assert "DL301" not in {v["code"] for v in json.loads(r.stdout)}  # per-file-ignores see the name
    r = druglint(root, "check", "-", "--stdin-filename", "data/buffer.txt", "--format", "json", stdin=SELF_PAIR)
    assert "DL301" in {v["code"] for v in json.loads(r.stdout)}  # the kinds glob too
    r = druglint(root, "check", "-", "--stdin-filename", "legacy/old.csv", "--force-exclude", stdin=SELF_PAIR)
    assert r.returncode == 0
    assert not list(root.rglob("buffer.txt"))  # nothing written in the project
    r = druglint(root, "check", "-", "--stdin-filename", "data/ddi.csv", "--show-files", stdin="")
    assert r.stdout == "data/ddi.csv (standard input)\n"


@pytest.mark.parametrize("args, needle", [
    (["check", "--stdin-filename", "x.csv"], "--stdin-filename needs '-'"),
    (["check", "-"], "needs --stdin-filename"),
    (["check", "-", "--stdin-filename", ""], "needs --stdin-filename"),
    (["check", "-", "x.csv", "--stdin-filename", "x.csv"], "cannot be combined"),
    (["check", "--format", "pdf"], "unknown format 'pdf'"),
    (["check", "--min-severity", "loud"], "invalid choice"),
])
def test_bad_input_for_new_options(tmp_path, args, needle):
    r = druglint(tmp_path, *args, stdin="")
    assert r.returncode == 2 and needle in r.stderr and "Traceback" not in r.stderr


def test_min_severity_hides_without_changing_the_exit_code(tmp_path):
    (tmp_path / "ddi.csv").write_text(UNKNOWN_PAIR)
    r = druglint(tmp_path, "check", "ddi.csv", "--min-severity", "error")
    assert r.returncode == 1
    assert "DL301" in r.stdout and "DL121" not in r.stdout and "DL520" not in r.stdout
    assert "1 finding below error not shown (--min-severity)" in r.stdout
    r = druglint(tmp_path, "check", "ddi.csv", "--min-severity", "error", "--ignore", "DL301", "--fail-on", "info")
    assert r.returncode == 1  # the hidden info findings still fail at --fail-on info


def test_severity_on_each_text_line_without_colour(tmp_path):
    (tmp_path / "ddi.csv").write_text(SELF_PAIR)
    r = druglint(tmp_path, "check", "ddi.csv")
    assert "ddi.csv:3:2: DL301 [error] drug 'Warfarin' is listed as interacting with itself" in r.stdout


# ------------------------------------------------------------- defect 5 and item 9: suppression directives
QOD = "Inject 0.5 mL under the skin QOD."


def prose_findings(tmp_path: Path, name: str, text: str) -> set[tuple[int, str]]:
    (tmp_path / name).write_text(text)
    r = druglint(tmp_path, "check", name, "--format", "json")
    assert r.returncode in (0, 1), r.stderr
    return {(v["line"], v["code"]) for v in json.loads(r.stdout)}


def test_directives_inside_code_are_examples(tmp_path):
    text = ("# Dosing\n\nWrite `<!-- druglint: disable -->` to silence a document.\n\n"
            "```markdown\n<!-- druglint: disable -->\n```\n\n    <!-- druglint: disable -->\n\n" + QOD + "\n")
    assert prose_findings(tmp_path, "leaflet.md", text) == {(11, "DL601")}
    rst = ("Dosing\n======\n\nExample::\n\n    .. druglint: disable\n\n``<!-- druglint: disable -->``\n\n" + QOD + "\n")
    assert prose_findings(tmp_path, "leaflet.rst", rst) == {(10, "DL601")}
    rst_real = "Dosing\n======\n\n.. druglint: disable-next-line=DL601\n\n" + QOD + "\n"
    assert prose_findings(tmp_path, "real.rst", rst_real) == set()


def test_directive_naming_an_unknown_code_is_reported(tmp_path):
    text = "# Dosing\n\n<!-- druglint: disable-next-line=DL6O4 -->\n" + QOD + "\n"
    (tmp_path / "leaflet.md").write_text(text)
    r = druglint(tmp_path, "check", "leaflet.md")
    assert "leaflet.md:3:1: DL699 [warning] suppression names unknown rule code DL6O4" in r.stdout
    assert "leaflet.md:4:" in r.stdout  # and the finding it meant to hide is not hidden


def test_same_line_and_file_level_directives(tmp_path):
    text = "# Dosing\n\n" + QOD + " <!-- druglint: disable-line=DL601 -->\n\nTake 1 tablet QOD.\n"
    assert prose_findings(tmp_path, "a.md", text) == {(5, "DL601")}
    text = "# Dosing\n\n" + QOD + "\n\nTake 1 tablet QOD.\n\n<!-- druglint: disable-file=DL601 -->\n"
    assert prose_findings(tmp_path, "b.md", text) == set()
    text = "# Dosing\n\nTake 1 tablet daily.\n\n<!-- druglint: disable-file=DL601 -->\n"
    assert prose_findings(tmp_path, "c.md", text) == {(5, "DL699")}  # suppresses nothing


# ------------------------------------------------------------- item 8: rules, rule, formats
def test_rules_prefix_json_and_rule_by_name(tmp_path):
    r = druglint(tmp_path, "rules", "DL70")
    assert r.returncode == 0 and all(line.startswith("DL70") for line in r.stdout.splitlines()) and r.stdout
    r = druglint(tmp_path, "rules", "DL3", "--format", "json")
    data = json.loads(r.stdout)
    assert {d["code"][:3] for d in data} == {"DL3"}
    assert {"code", "name", "severity", "fixable", "summary", "doc"} <= set(data[0])
    by_name = druglint(tmp_path, "rule", "self-interaction")
    assert by_name.returncode == 0 and by_name.stdout == druglint(tmp_path, "rule", "DL301").stdout
    assert "``" not in druglint(tmp_path, "rule", "DL601").stdout  # no reStructuredText markup
    r = druglint(tmp_path, "rule", "self-interacton")
    assert r.returncode == 2 and "did you mean 'self-interaction'?" in r.stderr
    assert druglint(tmp_path, "rules", "DL9").returncode == 2
    assert druglint(tmp_path, "rules", "--format", "xml").returncode == 2


def test_sarif_help_has_no_rest_markup(tmp_path):
    (tmp_path / "leaflet.md").write_text("# Dosing\n\n" + QOD + "\n")
    r = druglint(tmp_path, "check", "leaflet.md", "--format", "sarif")
    rules = json.loads(r.stdout)["runs"][0]["tool"]["driver"]["rules"]
    assert rules and all("``" not in rule["help"]["text"] for rule in rules)


def test_markdown_and_gitlab_formats(tmp_path):
    (tmp_path / "ddi.csv").write_text(SELF_PAIR + "Aspirin|x,aspirin|x,major\n")
    r = druglint(tmp_path, "check", "ddi.csv", "--format", "markdown")
    assert r.returncode == 1
    assert r.stdout.startswith("### druglint check\n")
    assert "| 3 | 2 | error | DL301 | drug 'Warfarin' is listed as interacting with itself |" in r.stdout
    assert "\\|" in r.stdout  # a pipe in a value cannot break the table
    env_dir = tmp_path
    r = druglint(env_dir, "check", "ddi.csv", "--format", "gitlab")
    issues = json.loads(r.stdout)
    assert r.returncode == 1
    me = next(i for i in issues if i["check_name"] == "DL301" and i["location"]["lines"]["begin"] == 3)
    assert me["severity"] == "major" and me["location"]["path"] == "ddi.csv" and len(me["fingerprint"]) == 64
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert druglint(env_dir, "check", "ddi.csv", "--format", "gitlab").stdout == r.stdout  # stable fingerprints


# ------------------------------------------------------------- item 10: the Python API
def test_public_api_and_errors():
    import druglint

    names = dir(druglint)
    for name in ("lint_paths", "lint_frame", "assert_valid", "Report", "UsageError", "ConfigError",
                 "DruglintError", "DruglintAssertionError"):
        assert name in names
    assert issubclass(druglint.UsageError, druglint.DruglintError)
    assert issubclass(druglint.ConfigError, druglint.DruglintError)
    with pytest.raises(druglint.UsageError):
        druglint.lint_paths("/no/such/folder/at/all")


def test_report_to_frame_and_json():
    import druglint
    import pandas as pd

    frame = pd.DataFrame({"drug_a": ["warfarin", "Warfarin"], "drug_b": ["aspirin", "warfarin"], "severity": ["major"] * 2})
    report = druglint.lint_frame(frame, kind="interactions")
    table = report.to_frame()
    assert list(table.columns) == ["path", "line", "column", "code", "severity", "message", "rule", "fix"]
    assert ("DL301", 2, "error") in set(zip(table["code"], table["line"], table["severity"]))
    assert json.loads(report.to_json()) == [v.as_dict() for v in report.sorted()]
    assert len(druglint.Report().to_frame()) == 0


def test_assert_valid_fails_on_an_empty_frame_and_hides_its_frames(tmp_path):
    (tmp_path / "test_data.py").write_text(
        "import pandas as pd\nimport druglint\n\n"
        "def test_empty():\n"
        "    druglint.assert_valid(pd.DataFrame({'drug_a': [], 'drug_b': [], 'severity': []}), kind='interactions')\n\n"
        "def test_bad():\n"
        "    frame = pd.DataFrame({'drug_a': ['Warfarin'], 'drug_b': ['warfarin'], 'severity': ['major']})\n"
        "    druglint.assert_valid(frame, kind='interactions')\n")
    r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_data.py"], cwd=tmp_path,
                       capture_output=True, text=True, timeout=300)
    assert "2 failed" in r.stdout, r.stdout
    assert "is empty (0 rows): nothing was checked" in r.stdout
    assert "druglint/api.py" not in r.stdout and "def assert_valid" not in r.stdout  # __tracebackhide__


# ------------------------------------------------------------- defect 7 (smaller ones, continued)
def test_json_jsonl_parquet_findings_claim_no_fix(tmp_path):
    rows = [{"drug_a": "warfarin", "drug_b": "aspirin ", "severity": "major"}]
    (tmp_path / "a.json").write_text(json.dumps(rows))
    (tmp_path / "b.jsonl").write_text(json.dumps(rows[0]) + "\n")
    import pandas as pd

    pd.DataFrame(rows).to_parquet(tmp_path / "c.parquet")
    (tmp_path / "d.csv").write_text("drug_a,drug_b,severity\nwarfarin,aspirin ,major\n")
    r = druglint(tmp_path, "check", ".", "--format", "json")
    stray = {v["path"]: v["fix"] for v in json.loads(r.stdout) if v["code"] == "DL121"}
    assert set(stray) == {"a.json", "b.jsonl", "c.parquet", "d.csv"}
    assert stray["d.csv"] is not None and [stray[p] for p in ("a.json", "b.jsonl", "c.parquet")] == [None] * 3
    text = druglint(tmp_path, "check", "a.json", "b.jsonl", "c.parquet").stdout
    assert "[*]" not in text and "fixable" not in text


def test_fix_keeps_the_full_stop_of_a_sentence(tmp_path):
    (tmp_path / "leaflet.md").write_text("# Dosing\n\nGive 0.5 mL per kg q.d. Adults: see below.\n\nTake 1 tablet q.d. with food.\n")
    r = druglint(tmp_path, "check", "leaflet.md", "--fix", "--select", "DL601")
    assert r.returncode == 0, r.stdout + r.stderr
    assert (tmp_path / "leaflet.md").read_text() == \
        "# Dosing\n\nGive 0.5 mL per kg daily. Adults: see below.\n\nTake 1 tablet daily with food.\n"


def test_oversized_cell_is_not_also_reported_empty(tmp_path):
    (tmp_path / "druglint.yaml").write_text("limits:\n  max-cell-size: 1KB\n")
    (tmp_path / "ddi.csv").write_text("drug_a,drug_b,severity\nwarfarin,aspirin," + "x" * 3000 + "\n")
    r = druglint(tmp_path, "check", "ddi.csv", "--format", "json")
    found = {(v["line"], v["column"], v["code"]) for v in json.loads(r.stdout)}
    assert (2, 3, "DL151") in found and (2, 3, "DL103") not in found


def test_unit_u_gets_the_do_not_use_advice(tmp_path):
    (tmp_path / "dosing.csv").write_text("drug,route,dose,dose_unit\ninsulin glargine,subcutaneous,10,U\n")
    r = druglint(tmp_path, "check", "dosing.csv")
    assert "dose_unit 'U' is not a known unit; 'U' is on the Joint Commission \"Do Not Use\" list" in r.stdout
    assert "write 'unit'" in r.stdout


def test_spec_show_without_a_name_and_spec_check_duplicate_route(tmp_path):
    r = druglint(tmp_path, "spec", "show")
    assert r.returncode == 2 and "usage:" not in r.stderr and r.stderr.count("\n") == 1
    assert "spec show needs a drug name" in r.stderr and "druglint spec list" in r.stderr
    text = (ROOT / "specs" / "acyclovir.yaml").read_text()
    line = '    - {route: topical, source: "cream title (Cream 5 %, Ointment 5 %)"}\n'
    assert line in text
    (tmp_path / "acyclovir.yaml").write_text(text.replace(line, line + '    - {route: Oral, source: "copied"}\n'))
    r = druglint(tmp_path, "spec", "check", "acyclovir.yaml")
    assert r.returncode == 1 and "approved route 'oral' is listed twice (also line 30)" in r.stdout


def test_progress_bar_leaves_room_for_the_file_name(monkeypatch):
    import io

    from druglint.progress import Progress

    class TTY(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setenv("COLUMNS", "80")
    name = "fixtures/interactions/DL301-self-interaction.csv"
    p = Progress(TTY(), delay=60)
    p.start([name])
    p.file(name)
    line = p.line().removeprefix("\r").removesuffix("\x1b[K")
    p.done()
    assert len(line) <= 79 and "DL301-self-interaction.csv" in line


# ------------------------------------------------------------- item 9: YAML records, --add-noqa
RECORDS = """\
# interactions export
- drug_a: warfarin
  drug_b: aspirin
  severity: major
- drug_a: Warfarin   # druglint: disable=DL301
  drug_b: warfarin
  severity: major
# druglint: disable=DL3
- drug_a: aspirin
  drug_b: Aspirin
  severity: major
- drug_a: heparin
  drug_b: Heparin
  severity: major
- drug_a: ibuprofen  # druglint: disable=DL6O4
  drug_b: lithium
  severity: major
"""


def test_yaml_record_suppression(tmp_path):
    (tmp_path / "ddi.yaml").write_text(RECORDS)
    r = druglint(tmp_path, "check", "ddi.yaml", "--format", "json", "--ignore", "DL520")
    got = {(v["line"], v["code"]) for v in json.loads(r.stdout)}
    # records at lines 5 and 9 suppressed; the typo reported; DL301 names the drug_b key's line (13)
    assert got == {(13, "DL301"), (15, "DL699")}
    (tmp_path / "ddi.yaml").write_text("# druglint: disable-file=DL301\n" + RECORDS)
    got = {(v["line"], v["code"]) for v in json.loads(druglint(tmp_path, "check", "ddi.yaml", "--format", "json",
                                                               "--ignore", "DL520").stdout)}
    assert got == {(6, "DL699"), (9, "DL699"), (16, "DL699")}  # the record comments are now redundant


def test_add_noqa_then_the_reason_is_insisted_on(tmp_path):
    (tmp_path / "ddi.csv").write_text(SELF_PAIR)
    (tmp_path / "ddi.yaml").write_text(RECORDS.replace("   # druglint: disable=DL301", "")
                                       .replace("# druglint: disable=DL3\n", "").replace("  # druglint: disable=DL6O4", ""))
    (tmp_path / "leaflet.md").write_text("# Dosing\n\n" + QOD + "\r\n")
    r = druglint(tmp_path, "check", ".", "--add-noqa")
    assert r.returncode == 2 and "add 'waivers: druglint-waivers.yaml'" in r.stderr
    assert "druglint:" not in (tmp_path / "leaflet.md").read_text()  # refused before writing anything
    (tmp_path / "druglint.yaml").write_text("waivers: druglint-waivers.yaml\n")
    r = druglint(tmp_path, "check", ".", "--add-noqa")
    assert r.returncode == 0, r.stderr
    assert "Added 4 suppression comments to 2 files and 1 waiver" in r.stderr
    assert (tmp_path / "leaflet.md").read_bytes() == \
        ("# Dosing\n\n" + QOD + " <!-- druglint: disable-line=DL601 -->\r\n").encode()
    assert "- drug_a: heparin  # druglint: disable=DL301\n" in (tmp_path / "ddi.yaml").read_text()
    waivers = (tmp_path / "druglint-waivers.yaml").read_text()
    assert 'row: {"drug_a": "Warfarin", "drug_b": "warfarin"}' in waivers and "TODO" in waivers
    r = druglint(tmp_path, "check", ".")
    assert r.returncode == 2 and "waiver reason is still the placeholder" in r.stderr
    (tmp_path / "druglint-waivers.yaml").write_text(waivers.replace("TODO: say why this finding is accepted",
                                                                    "legacy export, reviewed"))
    r = druglint(tmp_path, "check", ".")
    assert r.returncode == 0, r.stdout
