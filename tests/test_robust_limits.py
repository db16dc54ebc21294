"""Resource limits (DL150-DL152) and clear errors (issue 8 items 3 and 6), via the real CLI."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from druglint.config import ConfigError, from_mapping
from druglint.limits import Limits, of


def run(*args: str, cwd: Path, unprivileged: bool = False) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "druglint", *args]
    if unprivileged and os.geteuid() == 0:
        # root reads anything; without these two capabilities chmod 000 binds it too
        cmd = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *cmd]
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "NO_COLOR": "1"})


def one_line_error(r: subprocess.CompletedProcess, *needles: str) -> None:
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("druglint: "), r.stderr
    assert "Traceback" not in r.stderr
    for n in needles:
        assert n in r.stderr, r.stderr


def test_limits_parse_and_validate():
    assert of(from_mapping({})) == Limits()
    lim = of(from_mapping({"limits": {"max-file-size": "2GB", "max-cell-size": "64KB", "time-per-file": 30}}))
    assert lim == Limits(2 * 1024**3, 64 * 1024, 30.0)
    assert of(from_mapping({"limits": {"max_file_size": "none", "max-cell-size": 0}})) == Limits(None, None, None)
    for bad in ({"max-file-size": "lots"}, {"max-cell-size": -1}, {"time-per-file": "soon"}, {"speed": 1}, [1]):
        with pytest.raises(ConfigError):
            of(from_mapping({"limits": bad}))


def test_file_over_the_limit_is_reported_not_read(tmp_path):
    (tmp_path / "druglint.yaml").write_text("limits:\n  max-file-size: 1KB\n")
    (tmp_path / "side_effects.csv").write_bytes(b"drug,effect\n" + b"acyclovir,naus\xe9e\n" * 200)  # not UTF-8 either
    r = run("check", "side_effects.csv", cwd=tmp_path)
    assert r.returncode == 1
    assert "side_effects.csv:1:1: DL150 [error] file is 3.3 KB, over the 1 KB limit" in r.stdout
    assert "DL110" not in r.stdout  # never read, so its encoding was never looked at


def test_cell_over_the_limit_is_reported_and_skipped(tmp_path):
    (tmp_path / "druglint.yaml").write_text("limits:\n  max-cell-size: 1KB\n")
    (tmp_path / "interactions.csv").write_text("drug_a,drug_b,severity\nwarfarin,aspirin,major\n"
                                               f"warfarin,{'x' * 5000},major\n")
    r = run("check", "interactions.csv", "--format", "json", cwd=tmp_path)
    import json

    found = [(v["line"], v["column"], v["code"]) for v in json.loads(r.stdout)]
    assert (3, 2, "DL151") in found
    assert not [f for f in found if f[0] == 3 and f[2] not in ("DL151", "DL103")]  # the huge cell is not checked


def test_time_limit_names_what_was_skipped(tmp_path):
    (tmp_path / "druglint.yaml").write_text("limits:\n  time-per-file: 0.000001\n")
    (tmp_path / "interactions.csv").write_text("drug_a,drug_b,severity\nwarfarin,warfarin,Major\n")
    r = run("check", "interactions.csv", cwd=tmp_path)
    # the clock is checked right after reading (issue 19): the schema stage and the rules are skipped
    assert "DL152 [error] checking this file took longer than 1e-06 s (limits.time-per-file); skipped: schema, every rule" in r.stdout
    assert "DL105" not in r.stdout  # a schema finding: the stage did not run
    (tmp_path / "druglint.yaml").write_text("limits:\n  time-per-file: 60\n")
    r = run("check", "interactions.csv", cwd=tmp_path)
    assert "DL152" not in r.stdout


def test_bad_limits_config_is_one_line(tmp_path):
    (tmp_path / "druglint.yaml").write_text("select: [ALL]\nlimits:\n  max-file-size: huge\n")
    (tmp_path / "a.csv").write_text("drug,effect\nacyclovir,nausea\n")
    one_line_error(run("check", "a.csv", cwd=tmp_path), "druglint.yaml:2", "max-file-size")


def test_missing_path(tmp_path):
    one_line_error(run("check", "nothere.csv", cwd=tmp_path), "nothere.csv: no such file or folder")


def test_symlink_loops(tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    one_line_error(run("check", "a", cwd=tmp_path), "a: symbolic link loop")
    d = tmp_path / "data"
    d.mkdir()
    (d / "loop.csv").symlink_to(d / "loop.csv")
    one_line_error(run("check", "data", cwd=tmp_path), "loop.csv: symbolic link loop")
    (d / "loop.csv").unlink()
    (d / "up").symlink_to(d, target_is_directory=True)  # a folder loop is not followed
    (d / "side_effects.csv").write_text("drug,effect\nacyclovir,nausea\n")
    assert run("check", "data", cwd=tmp_path).returncode == 0


def test_dangling_symlink(tmp_path):
    (tmp_path / "gone.csv").symlink_to(tmp_path / "deleted.csv")
    one_line_error(run("check", "gone.csv", cwd=tmp_path), "symbolic link to a missing file")


def test_unknown_rule_in_config(tmp_path):
    (tmp_path / "druglint.yaml").write_text("select: [ALL]\nignore: [DL999]\n")
    (tmp_path / "a.csv").write_text("drug,effect\nacyclovir,nausea\n")
    one_line_error(run("check", "a.csv", cwd=tmp_path), "druglint.yaml:2", "unknown rule 'DL999'")
    (tmp_path / "druglint.yaml").write_text("select: [ALL]\nper-file-ignores:\n  '*.csv': [NOPE]\n")
    one_line_error(run("check", "a.csv", cwd=tmp_path), "unknown rule 'NOPE'")
    os.unlink(tmp_path / "druglint.yaml")
    one_line_error(run("check", "a.csv", "--select", "DL9", cwd=tmp_path), "unknown rule selector 'DL9'")


@pytest.mark.skipif(os.geteuid() == 0 and shutil.which("setpriv") is None, reason="root without setpriv reads anything")
def test_unreadable_folder_and_file(tmp_path):
    data = tmp_path / "data"
    (data / "locked").mkdir(parents=True)
    (data / "side_effects.csv").write_text("drug,effect\nacyclovir,nausea\n")
    (data / "locked" / "x.csv").write_text("drug,effect\nacyclovir,nausea\n")
    os.chmod(data / "locked", 0o000)
    try:
        one_line_error(run("check", "data", cwd=tmp_path, unprivileged=True), "locked: cannot read folder (permission denied)")
        one_line_error(run("check", "data/locked", cwd=tmp_path, unprivileged=True),
                       "data/locked: cannot read folder (permission denied)")
        os.chmod(data / "locked", 0o755)
        os.chmod(data / "locked" / "x.csv", 0o000)
        # one unreadable file is one finding (DL154); the other files are still checked (issue 19)
        r = run("check", "data", "--select", "DL1", cwd=tmp_path, unprivileged=True)
        assert r.returncode == 1 and r.stderr == "", (r.stdout, r.stderr)
        assert "data/locked/x.csv:1:1: DL154 [error] cannot read the file (permission denied); not checked" in r.stdout
        assert "2 files checked" in r.stdout
    finally:
        os.chmod(data / "locked", 0o755)
        os.chmod(data / "locked" / "x.csv", 0o644)


def test_delimited_file_over_the_default_limit_is_streamed_not_refused(tmp_path, monkeypatch):
    """The default max-file-size guards reading in one piece: a delimited file over it is
    streamed (the same findings, memory bounded by the rules' states); a limit the config
    writes, or chunk-size 0 (never stream), still refuses it, and so does a document."""
    from druglint import engine, limits
    from druglint.config import from_mapping
    from druglint.perf import streaming

    body = "drug_a,drug_b,severity\n" + "".join(f"drug{i},aspirin,major\n" for i in range(100)) + \
        "drug5,aspirin,minor\nwarfarin,warfarin,major\n"
    f = tmp_path / "interactions.csv"
    f.write_text(body)

    def found(report):
        return sorted((v.line, v.code, v.message) for v in report.violations)

    whole = engine.lint_paths([str(f)], from_mapping({"limits": {"max-file-size": "none"}}))
    assert {(102, "DL302"), (103, "DL301")} <= {(line, code) for line, code, _ in found(whole)}

    calls = []
    real = streaming.lint_streamed
    monkeypatch.setattr(streaming, "lint_streamed", lambda *a, **k: calls.append(a[0]) or real(*a, **k))
    monkeypatch.setattr(limits, "DEFAULT_MAX_FILE", 1024)  # the file is 2.1 KB
    streamed = engine.lint_paths([str(f)], from_mapping({}))
    assert calls == [str(f)]  # read in chunks, not whole
    assert found(streamed) == found(whole)

    def only_dl150(report):
        assert [(v.line, v.code) for v in report.violations] == [(1, "DL150")], report.violations

    only_dl150(engine.lint_paths([str(f)], from_mapping({"limits": {"max-file-size": "1KB"}})))  # a cap the config wrote
    only_dl150(engine.lint_paths([str(f)], from_mapping({"chunk-size": 0})))  # never streamed: never read whole
    doc = tmp_path / "monograph.md"
    doc.write_text("# Imlygic\n\n" + "Talimogene laherparepvec is given by intralesional injection.\n" * 40)
    only_dl150(engine.lint_paths([str(doc)], from_mapping({})))
    assert len(calls) == 1


def test_dask_engine_keeps_a_configured_file_limit(tmp_path):
    """--engine dask streams every delimited file; a max-file-size the config writes still
    refuses one over it (DL150), as the pandas engine does. A real in-process LocalCluster."""
    distributed = pytest.importorskip("distributed")
    from druglint.config import from_mapping
    from druglint.perf.dask_engine import lint_paths_dask

    f = tmp_path / "interactions.csv"
    f.write_text("drug_a,drug_b,severity\n" + "warfarin,aspirin,major\n" * 100)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        capped = lint_paths_dask([str(f)], from_mapping({"limits": {"max-file-size": "1KB"}}), client=client)
        assert [(v.line, v.code) for v in capped.violations] == [(1, "DL150")]
        default = lint_paths_dask([str(f)], from_mapping({}), client=client)
        assert "DL150" not in {v.code for v in default.violations}
        assert (3, "DL108") in {(v.line, v.code) for v in default.violations}
