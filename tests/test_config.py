"""Configuration from pyproject.toml or druglint.yaml: every key applied, every mistake named."""
from __future__ import annotations

import pytest

from druglint import config as C
from druglint.engine import lint_paths
from druglint.model import Severity

CSV = "Drug A,Drug B,Level\nwarfarin,aspirin,Major\nwarfarin,warfarin,Major\n"


def test_pyproject_table_applies_aliases_kinds_severity_and_ignores(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        "[project]\nname='x'\n\n[tool.druglint]\nselect = ['DL1', 'DL2', 'DL3']\nignore = ['DL105']\nfail-on = 'error'\n"
        "[tool.druglint.columns]\nseverity = 'Level'\n"
        "[tool.druglint.severity]\nDL301 = 'warning'\n"
        "[tool.druglint.per-file-ignores]\n'legacy/*.csv' = ['DL3']\n")
    (tmp_path / "data").mkdir()
    (tmp_path / "legacy").mkdir()
    (tmp_path / "data" / "ddi.csv").write_text(CSV)
    (tmp_path / "legacy" / "ddi.csv").write_text(CSV)
    cfg = C.load(start=str(tmp_path / "data"))
    assert cfg.path == str(tmp_path / "pyproject.toml")
    assert cfg.fail_on == Severity.ERROR
    report = lint_paths([str(tmp_path / "data"), str(tmp_path / "legacy")], cfg)
    got = sorted((v.path.rsplit("/", 2)[-2], v.line, v.code, str(v.severity)) for v in report.violations)
    assert got == [("data", 3, "DL301", "warning")]


def test_pyproject_without_druglint_table_is_passed_over(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.ruff]\nline-length = 100\n")
    inner = tmp_path / "inner"
    inner.mkdir()
    assert C.find(str(inner)) is None


def test_yaml_config_kinds_glob(tmp_path):
    (tmp_path / "druglint.yaml").write_text("kinds:\n  'se/*.csv': side_effects\nselect: [DL1]\n")
    cfg = C.load(start=str(tmp_path))
    assert cfg.kind_for(str(tmp_path / "se" / "x.csv")) == "side_effects"
    assert cfg.select == ["DL1"]


@pytest.mark.parametrize("text,line,needle", [
    ("select: [DL1]\nignore: [XX9]\n", 2, "unknown rule 'XX9'"),
    ("select: [DL1]\n\nbogus: 1\n", 3, "unknown configuration key 'bogus'"),
    ("kinds:\n  '*.csv': tables\n", 1, "unknown kind 'tables'"),
    ("columns:\n  dose_amt: x\n", 1, "unknown canonical column 'dose_amt'"),
    ("fail-on: sometimes\n", 1, "unknown severity"),
    ("select: [DL1\n", 2, "invalid YAML"),
])
def test_invalid_yaml_config_names_key_and_line(tmp_path, text, line, needle):
    (tmp_path / "druglint.yaml").write_text(text)
    with pytest.raises(C.ConfigError) as err:
        C.load(start=str(tmp_path))
    assert f"druglint.yaml:{line}:" in str(err.value)
    assert needle in str(err.value)


def test_invalid_toml_config_names_key_and_line(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname='x'\n\n[tool.druglint]\nselect = ['DL1']\nignroe = ['DL2']\n")
    with pytest.raises(C.ConfigError) as err:
        C.load(start=str(tmp_path))
    assert "pyproject.toml:6:" in str(err.value) and "'ignroe'" in str(err.value)


def test_glob_matching():
    assert C.glob_match("a/b/c.csv", "**/*.csv")
    assert C.glob_match("c.csv", "**/*.csv")
    assert C.glob_match("a/b/c.csv", "*.csv")  # a bare pattern matches the file name
    assert not C.glob_match("a/b/c.csv", "a/*.csv")
    assert C.glob_match("a/b/c.csv", "a/**/c.csv")
