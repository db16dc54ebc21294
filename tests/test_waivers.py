"""Table waivers keyed by row identity (config key ``waivers``) and DL699 for stale ones."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from druglint import config as config_mod
from druglint.config import ConfigError
from druglint.engine import lint_paths

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "fixtures" / "waivers"


def run(folder: Path, *names: str, select=("DL430", "DL699")) -> list[tuple[str, int, str]]:
    cfg = config_mod.load(str(folder / "druglint.yaml"))
    report = lint_paths([str(folder / n) for n in names], cfg, select=list(select))
    return [(Path(v.path).name, v.line, v.code) for v in report]


def test_waiver_by_row_identity_and_stale_waiver():
    assert run(FIX, "dosing.csv") == [("dosing.csv", 5, "DL430"), ("waivers.yaml", 6, "DL699")]


def test_waiver_follows_the_record_when_rows_move(tmp_path):
    shutil.copytree(FIX, tmp_path / "w")
    p = tmp_path / "w" / "dosing.csv"
    lines = p.read_text().splitlines()
    p.write_text("\n".join([lines[0], lines[4], lines[3], lines[2], lines[1]]) + "\n")
    assert run(tmp_path / "w", "dosing.csv") == [("dosing.csv", 2, "DL430"), ("waivers.yaml", 6, "DL699")]


def test_waiver_by_file_column_name_and_whole_file(tmp_path):
    (tmp_path / "d.csv").write_text("Drug Name,route,frequency\nacyclovir,oral,QD\nacyclovir,oral,QOD\n")
    (tmp_path / "druglint.yaml").write_text("columns: {drug: [Drug Name]}\nwaivers: w.yaml\n")
    (tmp_path / "w.yaml").write_text(
        "waivers:\n  - {path: d.csv, code: DL430, row: {Drug Name: ACYCLOVIR}, reason: coded export}\n")
    assert run(tmp_path, "d.csv") == []
    (tmp_path / "w.yaml").write_text("waivers:\n  - {path: '*.csv', code: DL4, reason: legacy file}\n")
    assert run(tmp_path, "d.csv") == []


@pytest.mark.parametrize("body,message,line", [
    ("waivers:\n  - {path: d.csv, code: DL430}\n", "needs a non-empty 'reason'", 2),
    ("waivers:\n  - {path: d.csv, code: DL999, reason: x}\n", "unknown rule 'DL999'", 2),
    ("waivers:\n  - {path: d.csv, code: DL430, reason: x, rows: {}}\n", "unknown key 'rows'", 2),
    ("waivers: [\n", "invalid YAML", None),
])
def test_bad_waiver_file_is_a_clear_error(tmp_path, body, message, line):
    (tmp_path / "d.csv").write_text("drug,route,frequency\nacyclovir,oral,QD\n")
    (tmp_path / "druglint.yaml").write_text("waivers: w.yaml\n")
    (tmp_path / "w.yaml").write_text(body)
    with pytest.raises(ConfigError, match=message) as err:
        run(tmp_path, "d.csv")
    if line:
        assert f"w.yaml:{line}:" in str(err.value)


def test_missing_waiver_file(tmp_path):
    (tmp_path / "d.csv").write_text("drug,route,frequency\nacyclovir,oral,QD\n")
    (tmp_path / "druglint.yaml").write_text("waivers: nowhere.yaml\n")
    with pytest.raises(ConfigError, match="waiver file not found"):
        run(tmp_path, "d.csv")


def test_two_runs_do_not_share_waiver_state():
    first = run(FIX, "dosing.csv")
    assert run(FIX, "dosing.csv") == first


@pytest.mark.parametrize("chunk", [1, 2, 100])
def test_streamed_file_honours_waivers_as_in_memory(tmp_path, chunk):
    """A file linted in chunks (--chunk-size) gets the waivers applied exactly as in one
    piece: the waived records stay silent, stale waivers are still DL699."""
    shutil.copytree(FIX, tmp_path / "w")
    folder = tmp_path / "w"
    whole = run(folder, "dosing.csv", select=("ALL",))
    cfg = config_mod.load(str(folder / "druglint.yaml"))
    cfg.extra["chunk-size"] = chunk
    streamed = [(Path(v.path).name, v.line, v.code) for v in lint_paths([str(folder / "dosing.csv")], cfg)]
    assert streamed == whole
    assert ("dosing.csv", 5, "DL430") in whole and ("dosing.csv", 2, "DL430") not in whole
