"""Issue 19 item 1: inputs that once passed green without a word (CR-only line endings, a
table after blank lines). The reproducers are the issue's own, run through the real CLI."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def check(path: Path, *extra: str) -> tuple[int, list[tuple[int, int, str]]]:
    r = subprocess.run([sys.executable, "-m", "druglint", "check", path.name, "--format", "json", *extra],
                       cwd=path.parent, capture_output=True, text=True, timeout=120, env={**os.environ, "NO_COLOR": "1"})
    assert "Traceback" not in r.stderr, r.stderr
    return r.returncode, [(v["line"], v["column"], v["code"]) for v in json.loads(r.stdout)] if r.stdout.strip() else []


def test_cr_only_csv_is_read_as_records_with_their_lines(tmp_path):
    f = tmp_path / "side_effects.csv"
    f.write_bytes(b"drug,effect,frequency_percent\rfoo,nausea,150\r")  # the reproducer
    rc, found = check(f)
    assert rc == 1
    assert (2, 3, "DL201") in found  # 150 % on line 2, as an editor counts CR-only lines
    assert not any(code == "DL113" for _, _, code in found)


def test_cr_only_lines_count_every_cr(tmp_path):
    f = tmp_path / "side_effects.csv"
    f.write_bytes(b"drug,effect,frequency_percent\racyclovir,nausea,5\r\racyclovir,headache,170\r")
    rc, found = check(f)
    assert (3, 1, "DL117") in found and (4, 3, "DL201") in found


def test_cr_only_txt_is_a_table_not_prose(tmp_path):
    f = tmp_path / "effects.txt"
    f.write_bytes(b"drug$effect$frequency_percent\rfoo$nausea$150\r")
    assert (2, 3, "DL201") in check(f)[1]


def test_fix_keeps_cr_only_line_endings(tmp_path):
    f = tmp_path / "side_effects.csv"
    f.write_bytes(b"drug,effect,frequency_percent\racyclovir, nausea ,5\racyclovir,headache,3\r")
    rc, found = check(f, "--fix")
    assert rc == 0, found
    assert f.read_bytes() == b"drug,effect,frequency_percent\racyclovir,nausea,5\racyclovir,headache,3\r"


def test_dollar_table_after_a_blank_line_is_a_table(tmp_path):
    f = tmp_path / "interactions.txt"
    f.write_bytes(b"\ndrug_a$drug_b$severity\nx$x$major\n")  # the reproducer
    rc, found = check(f)
    assert rc == 1
    assert (1, 1, "DL117") in found  # the blank line before the header is itself a finding
    assert (3, 2, "DL301") in found  # x interacting with itself, on its real line


def test_tab_table_after_blank_lines_is_a_table(tmp_path):
    f = tmp_path / "interactions.txt"
    f.write_bytes(b"\r\n\r\ndrug_a\tdrug_b\tseverity\r\nx\tx\tmajor\r\n")
    rc, found = check(f)
    assert [(ln, code) for ln, _, code in found if code == "DL117"] == [(1, "DL117"), (2, "DL117")]
    assert (4, 2, "DL301") in found


def test_csv_after_blank_lines_reports_them(tmp_path):
    f = tmp_path / "side_effects.csv"
    f.write_bytes(b"\n\ndrug,effect,frequency_percent\nfoo,nausea,150\n")
    found = check(f)[1]
    assert (1, 1, "DL117") in found and (2, 1, "DL117") in found and (4, 3, "DL201") in found
