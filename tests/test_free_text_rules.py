"""Free-text column rules DL430-DL435: exact (line, column, code) on fixtures/free_text, and
the coded-column exemption for HL7 FHIR timing codes."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from druglint import lint_frame
from druglint.config import Config, ConfigError, from_mapping
from druglint.engine import lint_paths

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "fixtures" / "free_text"


def found(name: str, raw: dict | None = None) -> list[tuple[int, int, str]]:
    cfg = from_mapping(raw or {})
    cfg.root = str(ROOT)
    return [(v.line, v.column, v.code) for v in lint_paths([str(FIX / name)], cfg, select=["DL43"])]


def test_free_text_dosing_column():
    assert found("dosing-free-text.csv") == [
        (3, 5, "DL430"),  # QOD
        (4, 5, "DL431"),  # 4.0 mL
        (5, 5, "DL433"),  # 400mg
        (6, 5, "DL430"),  # QD
        (6, 5, "DL432"),  # .5 mL
        (7, 5, "DL435"),  # 500000 units
        (8, 5, "DL436"),  # acyclovir200
    ]


def test_fixes_carry_the_replacement():
    cfg = Config(root=str(ROOT))
    report = lint_paths([str(FIX / "dosing-free-text.csv")], cfg, select=["DL43"])
    fixes = {(v.line, v.fix.old, v.fix.new) for v in report if v.fix}
    # a fix names the whole cell: the fixer checks the cell holds ``old`` before rewriting it
    assert fixes == {
        (3, "QOD", "every other day"),
        (4, "every 2 weeks (max 4.0 mL)", "every 2 weeks (max 4 mL)"),
        (5, "400mg five times daily", "400 mg five times daily"),
        (6, "5 times daily, .5 mL oral suspension QD", "5 times daily, .5 mL oral suspension daily"),
        (6, "5 times daily, .5 mL oral suspension QD", "5 times daily, 0.5 mL oral suspension QD"),
        (7, "500000 units QID", "500,000 units QID"),
        (8, "acyclovir200 every 4 hours", "acyclovir 200 every 4 hours"),
    }


def test_fix_through_the_cli_rewrites_only_the_cells(tmp_path):
    import subprocess
    import sys

    p = tmp_path / "dosing.csv"
    p.write_bytes((FIX / "dosing-free-text.csv").read_bytes())
    r = subprocess.run([sys.executable, "-m", "druglint", "check", "--select", "DL43", "--fix", str(p)],
                       capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode in (0, 1), r.stderr
    after = p.read_text().splitlines()
    assert after[2].endswith(",every other day,second")
    assert after[4] == "acyclovir,oral,400,mg,400 mg five times daily,treatment"
    assert after[5] == 'acyclovir,oral,400,mg,"5 times daily, 0.5 mL oral suspension daily",suspension'
    assert after[6] == 'nystatin,oral,500000,unit,"500,000 units QID",treatment'
    assert after[0] == (FIX / "dosing-free-text.csv").read_text().splitlines()[0]


def test_coded_frequency_column_keeps_fhir_codes():
    assert found("dosing-coded.csv") == [(2, 5, "DL430"), (5, 5, "DL430")]  # free text by default
    assert found("dosing-coded.csv", {"coded-columns": ["frequency"]}) == []


def test_extra_free_text_column_by_file_name(tmp_path):
    p = tmp_path / "d.csv"
    p.write_text("drug,route,Sig\nacyclovir,oral,400mg QD\n", encoding="utf-8")
    cfg = from_mapping({"free-text-columns": ["Sig"]})
    cfg.root = str(tmp_path)
    got = [(v.line, v.column, v.code) for v in lint_paths([str(p)], cfg, select=["DL43"])]
    assert got == [(2, 3, "DL430"), (2, 3, "DL433")]


def test_side_effect_text():
    assert found("side-effects-free-text.csv") == [(3, 2, "DL430")]  # "4 cc"; "MS exacerbation" has no dose


def test_bad_column_config_is_a_clear_error():
    cfg = from_mapping({"coded-columns": {"frequency": True}})
    with pytest.raises(ConfigError, match="'coded-columns' must be a list of column names"):
        lint_paths([str(FIX / "dosing-coded.csv")], cfg)


def test_lint_frame_and_many_rows():
    n = 20000
    df = pd.DataFrame({"drug": ["acyclovir"] * n, "route": ["oral"] * n,
                       "frequency": ["400 mg five times daily", "QOD", "10mg", None] * (n // 4)})
    report = lint_frame(df, kind="dosing", select=["DL43"])
    assert sorted({v.code for v in report}) == ["DL430", "DL433"]
    assert len(report) == n // 2


@pytest.mark.parametrize("name", ["dosing-free-text.csv", "side-effects-free-text.csv"])
def test_small_and_large_column_paths_agree(monkeypatch, name):
    """Few distinct values are matched with Python's re value by value; many go through
    pandas and pyarrow's RE2 prefilter. Forcing every column down the large path must give
    the same findings, fixes included."""
    from druglint.rules.free_text import _columns

    def run():
        return sorted((v.line, v.column, v.code, v.message, repr(v.fix)) for v in lint_paths([str(FIX / name)], select=["DL43"]))

    small = run()
    assert small  # the fixture has findings
    monkeypatch.setattr(_columns, "SMALL_DISTINCT", -1)
    assert run() == small


def test_many_distinct_values_take_the_vectorised_path():
    n = 6000  # more distinct cells than SMALL_DISTINCT
    from druglint.rules.free_text import _columns

    assert n > _columns.SMALL_DISTINCT
    df = pd.DataFrame({"drug": ["acyclovir"] * n, "route": ["oral"] * n,
                       "frequency": [f"{i} mg QOD then 10mg" if i % 3 == 0 else f"{i} mg daily" for i in range(n)]})
    report = lint_frame(df, kind="dosing", select=["DL430", "DL433"])
    lines = sorted({v.line for v in report})
    assert lines == [i + 1 for i in range(0, n, 3)]
    assert sorted({v.code for v in report}) == ["DL430", "DL433"]
