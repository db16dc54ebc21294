"""Issue 19 item 3: configuration is never silently ignored. pyproject.toml is parsed with
tomllib, so every TOML spelling of [tool.druglint] counts; a file that does not parse, or a
key of the wrong type, is exit 2 naming the line and the key. Real CLI in a subprocess."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def run(tmp: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "druglint", *args], cwd=tmp, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "NO_COLOR": "1"})


@pytest.fixture
def project(tmp_path):
    (tmp_path / "interactions.csv").write_text("drug_a,drug_b,severity\nwarfarin,warfarin,major\n")
    return tmp_path


SPELLINGS = {
    "bom": b"\xef\xbb\xbf[tool.druglint]\nignore = [\"DL3\", \"DL5\"]\n",
    "spaces": b"[ tool.druglint ]\nignore = [\"DL3\", \"DL5\"]\n",
    "quoted": b"[tool.\"druglint\"]\nignore = [\"DL3\", \"DL5\"]\n",
    "dotted-top": b"[project]\nname = \"x\"\n\n[tool.other]\na = 1\n\n[tool]\n",  # replaced below
    "dotted-tool": b"[tool]\ndruglint.ignore = [\"DL3\", \"DL5\"]\n",
    "spaced-dots": b"[ tool . 'druglint' ]\nignore = [\"DL3\", \"DL5\"]\n",
}
SPELLINGS["dotted-top"] = b"tool.druglint.ignore = [\"DL3\", \"DL5\"]\n\n[project]\nname = \"x\"\n"


@pytest.mark.parametrize("spelling", sorted(SPELLINGS))
def test_every_toml_spelling_of_the_table_is_read(project, spelling):
    r = run(project, "check", "interactions.csv")
    assert r.returncode == 1 and "DL301" in r.stdout  # without configuration: warfarin with itself
    (project / "pyproject.toml").write_bytes(SPELLINGS[spelling])
    r = run(project, "check", "interactions.csv")
    assert (r.returncode, r.stderr) == (0, ""), (spelling, r.stdout, r.stderr)


def one_line(r: subprocess.CompletedProcess, *needles: str) -> None:
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("druglint: error: "), r.stderr
    for n in needles:
        assert n in r.stderr, r.stderr


def test_unparsable_pyproject_is_exit_2_with_its_line(project):
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.druglint]\nignore = ["DL301"\nfail-on = "error"\n')
    one_line(run(project, "check", "interactions.csv"), "pyproject.toml:6:", "invalid TOML")
    (project / "pyproject.toml").write_text('[tool.druglint\nignore = ["DL301"]\n')
    one_line(run(project, "check", "interactions.csv"), "pyproject.toml:1:", "invalid TOML")


def test_pyproject_that_is_not_utf8_is_not_passed_over(project):
    (project / "pyproject.toml").write_bytes(b'[tool.druglint]\nignore = ["DL301"]  # caf\xe9\n')
    one_line(run(project, "check", "interactions.csv"), "pyproject.toml", "cannot read configuration")


def test_pyproject_without_druglint_that_does_not_parse_is_passed_over(project):
    (project / "pyproject.toml").write_text('[project\nname = "x"\n')  # not ours: no mention of druglint
    assert run(project, "check", "interactions.csv").returncode == 1


def test_deeply_nested_toml_is_a_clear_error(project):
    (project / "pyproject.toml").write_text('[tool.druglint]\nx = ' + "[" * 20000 + "]" * 20000 + "\n")
    one_line(run(project, "check", "interactions.csv"), "pyproject.toml:2:", "nested too deeply")


@pytest.mark.parametrize("body, line, key", [
    ('ignore = 5', 2, "'ignore'"),
    ('exclude = 5', 2, "'exclude'"),
    ('specs = 5', 2, "'specs'"),  # a number for a path
    ('fail-on = ["error"]', 2, "'fail-on'"),
    ('prose = 5', 2, "'prose'"),  # validated at load, though no prose file is checked
    ('sections = "Warnings"', 2, "'sections'"),
    ('presets = "yes"', 2, "'presets'"),
    ('reviewed-changes = 5', 2, "'reviewed-changes'"),
    ('waivers = ["w.yaml"]', 2, "'waivers'"),
    ('free-text-columns = 5', 2, "'free-text-columns'"),
    ('chunk-size = "many"', 2, "chunk-size"),
    ('engine = 5', 2, "engine"),
    ('ignore = ["DL3"]\n\n[tool.druglint.limits]\nmax-file-size = "lots"', 4, "'limits.max-file-size'"),
])
def test_wrong_types_are_errors_naming_the_key(tmp_path, body, line, key):
    from druglint import config

    (tmp_path / "pyproject.toml").write_text("[tool.druglint]\n" + body + "\n")
    with pytest.raises(config.ConfigError) as err:
        config.load(start=str(tmp_path))  # what `druglint check` calls first (exit 2 on ConfigError)
    assert f"pyproject.toml:{line}:" in str(err.value) and key in str(err.value)


def test_wrong_type_via_the_cli(project):
    (project / "pyproject.toml").write_text("[tool.druglint]\nprose = 5\n")
    one_line(run(project, "check", "interactions.csv"), "pyproject.toml:2:", "'prose'")


def test_dotted_key_errors_name_their_line(project):
    (project / "pyproject.toml").write_text('[tool]\ndruglint.ignore = ["DL3"]\ndruglint.fail_on = 7\n')
    one_line(run(project, "check", "interactions.csv"), "pyproject.toml:3:", "'fail-on'")
    (project / "pyproject.toml").write_text('[tool]\ndruglint = 5\n')
    one_line(run(project, "check", "interactions.csv"), "pyproject.toml:2:", "tool.druglint")


def test_empty_select_is_a_usage_error(project):
    r = run(project, "check", "--select", "", "interactions.csv")
    one_line(r, "--select")
    one_line(run(project, "check", "--extend-select", " , ", "interactions.csv"), "--extend-select")


@pytest.mark.parametrize("argv", [["check", "--bogus"], ["chek"], ["check", "--fail-on", "x"], ["rule"]])
def test_argparse_usage_errors_are_one_line(project, argv):
    one_line(run(project, *argv))
