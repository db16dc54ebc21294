"""--fix / --diff: byte-preserving, atomic, idempotent, refuses changed files (issue 5.6, issue 8.4)."""
from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from druglint.config import Config
from druglint.engine import lint_paths
from druglint.fixer import FileChanged, digest, field_spans, plan, write_atomic

CSV = (b'drug_a,drug_b,severity\r\n'
       b'warfarin,aspirin, Major \r\n'
       b'"warfarin ",aspirin,"MAJOR"\r\n'
       b'x,"y, z",minor\r\n'
       b'"multi\r\nline",b,moderate\r\n')


@pytest.fixture
def cli(capsys, monkeypatch):
    """``druglint`` in-process (cli.main): the command's code path without an interpreter
    start-up per call. The atomicity tests below use real processes."""
    from types import SimpleNamespace

    from druglint.cli import main

    def _run(*args: str, cwd: Path) -> SimpleNamespace:
        monkeypatch.chdir(cwd)
        code = main(list(args))
        out, err = capsys.readouterr()
        return SimpleNamespace(returncode=code, stdout=out, stderr=err)

    return _run


def run(*args: str, cwd: Path, env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "druglint", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=120, **kw)


def test_fix_csv_keeps_every_untouched_byte(tmp_path, cli):
    f = tmp_path / "interactions.csv"
    f.write_bytes(CSV)
    os.chmod(f, 0o640)
    r = cli("check", "--fix", "interactions.csv", cwd=tmp_path)
    assert "fixed 3 violations in 1 file" in r.stderr, r.stderr
    assert f.read_bytes() == (b'drug_a,drug_b,severity\r\n'
                              b'warfarin,aspirin,major\r\n'
                              b'"warfarin",aspirin,"major"\r\n'
                              b'x,"y, z",minor\r\n'
                              b'"multi\r\nline",b,moderate\r\n')
    assert stat.S_IMODE(f.stat().st_mode) == 0o640
    # idempotent: a second run changes nothing
    before = f.read_bytes()
    r2 = cli("check", "--fix", "interactions.csv", cwd=tmp_path)
    assert "fixed 0 violations in 0 files" in r2.stderr
    assert f.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["interactions.csv"]


def test_diff_shows_without_writing_and_exits_1(tmp_path, cli):
    f = tmp_path / "interactions.csv"
    f.write_bytes(CSV)
    r = cli("check", "--diff", "interactions.csv", cwd=tmp_path)
    assert r.returncode == 1
    assert "-warfarin,aspirin, Major \r\n" in r.stdout and "+warfarin,aspirin,major\r\n" in r.stdout  # CRLF kept in the diff too
    assert r.stdout.startswith("--- a/interactions.csv\n+++ b/interactions.csv\n")
    assert f.read_bytes() == CSV
    f.write_bytes(b"drug_a,drug_b,severity\nwarfarin,aspirin,major\n")
    r = cli("check", "--diff", "interactions.csv", cwd=tmp_path)
    assert r.returncode == 0 and r.stdout == ""


def test_fix_tsv_and_dollar_lf(tmp_path, cli):
    t = tmp_path / "interactions.tsv"
    t.write_bytes(b"drug_a\tdrug_b\tseverity\nwarfarin\taspirin\tMAJOR\nibuprofen \taspirin\tminor\n")
    cli("check", "--fix", "interactions.tsv", cwd=tmp_path)
    assert t.read_bytes() == b"drug_a\tdrug_b\tseverity\nwarfarin\taspirin\tmajor\nibuprofen\taspirin\tminor\n"


def test_fix_yaml_keeps_comments_order_and_quotes(tmp_path, cli):
    y = tmp_path / "side_effects.yaml"
    y.write_text('# curated by hand\nrecords:\n  - drug: "acyclovir "   # trailing space\n    effect: nausea\n'
                 "  - effect: 'headache '\n    drug: ibuprofen\n")
    r = cli("check", "--fix", "side_effects.yaml", cwd=tmp_path)
    assert "fixed 2 violations" in r.stderr, r.stderr + r.stdout
    assert y.read_text() == ('# curated by hand\nrecords:\n  - drug: "acyclovir"   # trailing space\n    effect: nausea\n'
                             "  - effect: 'headache'\n    drug: ibuprofen\n")


def test_fix_refuses_a_file_changed_since_read(tmp_path):
    f = tmp_path / "a.csv"
    f.write_bytes(b"old\n")
    with pytest.raises(FileChanged):
        write_atomic(str(f), b"new\n", digest(b"something else\n"))
    assert f.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.csv"]


def test_real_process_refuses_when_file_changes_under_it(tmp_path):
    f = tmp_path / "interactions.csv"
    f.write_bytes(CSV)
    p = subprocess.Popen([sys.executable, "-m", "druglint", "check", "--fix", "interactions.csv"], cwd=tmp_path,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         env={**os.environ, "DRUGLINT_TEST_PAUSE_BEFORE_RENAME": "3"})
    assert "pausing before rename" in p.stdout.readline()
    edited = CSV + b"a,b,minor\r\n"  # an editor saves the file meanwhile
    f.write_bytes(edited)
    out, err = p.communicate(timeout=60)
    assert "changed since it was read" in err
    assert f.read_bytes() == edited


def test_killing_a_real_process_mid_write_leaves_the_original(tmp_path):
    f = tmp_path / "interactions.csv"
    f.write_bytes(CSV)
    p = subprocess.Popen([sys.executable, "-m", "druglint", "check", "--fix", "interactions.csv"], cwd=tmp_path,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         env={**os.environ, "DRUGLINT_TEST_PAUSE_BEFORE_RENAME": "60"})
    line = p.stdout.readline()
    assert "pausing before rename" in line
    os.kill(p.pid, signal.SIGKILL)
    p.wait(timeout=30)
    assert p.returncode == -signal.SIGKILL
    assert f.read_bytes() == CSV  # original intact
    stale = [x for x in tmp_path.iterdir() if x.name != "interactions.csv"]
    assert len(stale) == 1 and stale[0].name.startswith(".interactions.csv.")  # the complete temp file
    # a stale temp file is harmless: it is a dot-file the linter never reads, and --fix still works
    r = run("check", ".", cwd=tmp_path)
    assert ".interactions.csv." not in r.stdout
    r = run("check", "--fix", "interactions.csv", cwd=tmp_path)
    assert "fixed 3 violations" in r.stderr
    assert b"major" in f.read_bytes()


def test_fix_through_symlink_writes_target(tmp_path, cli):
    real = tmp_path / "real.csv"
    real.write_bytes(b"drug_a,drug_b,severity\nwarfarin,aspirin,MAJOR\n")
    (tmp_path / "link.csv").symlink_to(real)
    cli("check", "--fix", "link.csv", cwd=tmp_path)
    assert (tmp_path / "link.csv").is_symlink()
    assert real.read_bytes().endswith(b"major\n")


def test_fix_that_does_not_match_the_file_is_not_applied(tmp_path):
    from druglint.model import Fix, Severity, Violation

    v = Violation("x.csv", 2, 3, "DL105", Severity.INFO, "m", "r", Fix("canon", "MAJOR", "major"))
    ff = plan("x.csv", b"a,b,c\nw,x,minor\n", [v])
    assert not ff.changed and ff.skipped == [v]


def test_field_spans():
    assert field_spans('a,"b,""c",d', ",", True) == [(0, 1, False), (2, 9, True), (10, 11, False)]
    assert field_spans('a,"b"x,d', ",", True)[1][2] is None  # malformed: never touched


# ---- property: rows without a fix stay byte-identical, fixing is idempotent -------------
cell = st.text(alphabet=st.sampled_from(list("abz ,\"\n")), min_size=0, max_size=6)
severity = st.sampled_from(["major", "MAJOR", " Major", "minor ", "moderate", "Minor", "bogus"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(cell, cell, severity), min_size=1, max_size=8),
       eol=st.sampled_from(["\n", "\r\n"]), quote_all=st.booleans())
def test_property_unfixed_rows_are_byte_identical(tmp_path, rows, eol, quote_all):
    def q(v: str) -> str:
        return '"' + v.replace('"', '""') + '"' if quote_all or any(c in v for c in ',"\n') or v == "" else v

    recs = ["drug_a,drug_b,severity"] + [",".join(q(c) for c in r) for r in rows]
    data = (eol.join(recs) + eol).encode()
    f = tmp_path / "interactions.csv"
    f.write_bytes(data)
    cfg = Config(root=str(tmp_path))
    report = lint_paths([str(f)], cfg)
    ff = plan(str(f), data, report.violations)
    fixed_lines = {v.line for v in ff.applied}
    from druglint.readers.structure import scan

    a, b = scan(data, ","), scan(ff.after, ",")
    assert a.starts.size == b.starts.size  # no record appears or disappears
    for i in range(a.starts.size):
        if int(a.lines[i]) not in fixed_lines:
            assert data[a.starts[i]:a.ends[i]] == ff.after[b.starts[i]:b.ends[i]]
    f.write_bytes(ff.after)
    again = plan(str(f), ff.after, lint_paths([str(f)], cfg).violations)
    assert not again.changed  # idempotent


def test_fix_prose_abbreviations_in_place(tmp_path, cli):
    doc = tmp_path / "label.md"
    doc.write_bytes(b"# Dosage\r\n\r\nTake 5 mg q.d. with food. Give 10 U daily.\r\n")
    r = cli("check", "--fix", "label.md", cwd=tmp_path)
    assert "fixed 2 violations" in r.stderr, r.stderr + r.stdout
    assert doc.read_bytes() == b"# Dosage\r\n\r\nTake 5 mg daily with food. Give 10 units daily.\r\n"
