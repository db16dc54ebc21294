"""Project (cross-file) rules see a streamed or Dask-partitioned table as they see it in
memory (issue 17): each declares what it keeps of a table in parts (``druglint.across``), and
in-memory, streamed and Dask runs give the same findings, finding for finding."""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from druglint import config as config_mod
from druglint.config import Config
from druglint.engine import lint_paths

ROOT = Path(__file__).resolve().parents[1]
REALDATA = ROOT.parent / "shared" / "realdata"


def _key(v):
    return (v.path, v.line, v.column, v.code, v.message)


def _run(paths, chunk=None, cfg=None, **kw):
    cfg = cfg or Config()
    if chunk is not None:
        cfg.extra["chunk-size"] = chunk
    return sorted(_key(v) for v in lint_paths([str(p) for p in paths], cfg, **kw).violations)


def _cli(args, cwd):
    """The real command, in its own process: (sorted findings of its JSON report)."""
    with tempfile.TemporaryDirectory() as scratch:  # the report is never written into the checkout
        out = Path(scratch) / "report.json"
        proc = subprocess.run([sys.executable, "-m", "druglint", "check", "--no-cache", "--format", "json", "-o",
                               str(out), *args], cwd=cwd, capture_output=True, text=True, timeout=600)
        assert proc.returncode in (0, 1), proc.stderr
        assert "Traceback" not in proc.stderr
        data = json.loads(out.read_text())
    items = data if isinstance(data, list) else data.get("violations", data.get("findings"))
    return sorted((d["path"], d["line"], d["column"], d["code"], d["message"]) for d in items)


@pytest.fixture
def lists(tmp_path, monkeypatch):
    """Two interaction lists disagreeing on one pair under other names, one with a repeated
    header row, and doses with concomitant drugs."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.csv").write_text("drug_a,drug_b,severity\nwarfarin,aspirin,major\nheparin,ibuprofen,minor\n"
                                    "Imlygic,Zovirax,minor\n")
    (tmp_path / "b.json").write_text(json.dumps([{"drug_a": "talimogene laherparepvec", "drug_b": "acyclovir",
                                                  "severity": "moderate"}]))
    (tmp_path / "h.csv").write_text("drug_a,drug_b,severity\nwarfarin,aspirin,major\ndrug_a,drug_b,severity\n"
                                    "warfarin,ibuprofen,major\n")
    (tmp_path / "dosing.csv").write_text(
        "drug,route,dose,dose_unit,concomitant\nwarfarin,oral,5,mg,paracetamol\nacyclovir,oral,400,mg,\n"
        "warfarin,oral,5,mg,omeprazole; Aspirin\nheparin,subcutaneous,5000,[iU],ibuprofen\n")
    return tmp_path


def test_dl308_between_a_streamed_and_an_in_memory_file(lists):
    """a.csv is streamed one record at a time, b.json (not a delimited file) is read whole."""
    expected = [("a.csv", 4, 3, "DL308", "pair Imlygic / Zovirax (acyclovir / talimogene laherparepvec) is 'minor' here "
                 "but 'moderate' in b.json:1"),
                ("b.json", 1, 3, "DL308", "pair talimogene laherparepvec / acyclovir (acyclovir / talimogene "
                 "laherparepvec) is 'moderate' here but 'minor' in a.csv:4")]
    for chunk in (None, 1, 2):
        assert [k for k in _run([lists / "a.csv", lists / "b.json"], chunk) if k[3] == "DL308"] == \
            expected  # paths shown relative to the working folder


def test_dl410_with_a_streamed_dosing_file(lists):
    whole = _run([lists / "a.csv", lists / "b.json", lists / "dosing.csv"])
    found = [(Path(k[0]).name, k[1], k[2], k[3]) for k in whole if k[3] == "DL410"]
    # aspirin with warfarin (a.csv:2 major); ibuprofen with heparin is only 'minor'
    assert found == [("dosing.csv", 4, 5, "DL410")]
    assert "in the interaction list" in [k for k in whole if k[3] == "DL410"][0][4]
    assert [k for k in whole if k[3] == "DL410"][0][4].endswith("in the interaction list a.csv:2")
    for chunk in (1, 2, 7):
        assert _run([lists / "a.csv", lists / "b.json", lists / "dosing.csv"], chunk) == whole


def test_dl131_in_a_streamed_file(lists):
    for chunk in (None, 1, 2, 7):
        assert [(Path(k[0]).name, k[1], k[3]) for k in _run([lists / "h.csv"], chunk) if k[3] == "DL131"] == \
            [("h.csv", 3, "DL131")]


def test_the_lead_reproduction_on_the_command_line(lists):
    """The three files of the bug report, through the real CLI: DL308 twice and DL131
    whether or not the files are streamed."""
    (lists / "b.csv").write_text("drug_a,drug_b,severity\ntalimogene laherparepvec,acyclovir,moderate\n")
    whole = _cli(["a.csv", "b.csv", "h.csv"], lists)
    assert [(k[0], k[1], k[3]) for k in whole if k[3] in ("DL308", "DL131")] == \
        [("a.csv", 4, "DL308"), ("b.csv", 2, "DL308"), ("h.csv", 3, "DL131")]
    assert _cli(["--chunk-size", "1", "a.csv", "b.csv", "h.csv"], lists) == whole


def test_cross_file_states_only_when_another_file_may_be_compared(lists):
    """A run of one file cannot compare it with another: DL308/DL410 build no state (the
    10^7-row single-file streamed run does not grow); nor beside files whose headers show
    other kinds. A file whose kind only its reading tells (JSON) may be anything."""
    from druglint import execute
    from druglint.context import ProjectContext
    from druglint.engine import Selection

    sel = Selection(Config())
    (lists / "side_effects.csv").write_text("drug,effect\nacyclovir,nausea\n")
    (lists / "notes.md").write_text("# Notes\n\nNothing to compare.\n")

    def codes(kind, *others):
        project = ProjectContext(extras={"files": [str(lists / "a.csv"), *(str(lists / o) for o in others)]})
        return {r.code for r in execute.project_rules(kind, sel, project, "a.csv")}

    assert codes("interactions") == {"DL131"}
    assert codes("interactions", "side_effects.csv", "notes.md") == {"DL131"}
    assert codes("interactions", "h.csv") == {"DL131", "DL308"}  # another list; no dosing file
    assert codes("interactions", "dosing.csv") == {"DL131", "DL410"}
    assert codes("interactions", "b.json") == {"DL131", "DL308", "DL410"}
    assert codes("dosing", "h.csv") == {"DL131", "DL410"}
    assert codes("dosing", "side_effects.csv") == {"DL131"}
    # and the findings stay exact beside such files
    files = [lists / "a.csv", lists / "side_effects.csv", lists / "notes.md", lists / "dosing.csv", lists / "h.csv"]
    assert _run(files, 1) == _run(files)


def test_dl131_fixture_streamed_and_in_memory():
    """fixtures/defects/concatenated: two exports concatenated with their headers (the
    second written with other case and spaces), at lines 4 and 6."""
    fixture = ROOT / "fixtures" / "defects" / "concatenated"
    for chunk in (None, 1, 2, 3):
        found = _run([fixture], chunk, Config(root=str(fixture)), select=["DL131"])
        assert [(Path(k[0]).name, k[1], k[2], k[3]) for k in found] == [
            ("interactions.csv", 4, 1, "DL131"), ("interactions.csv", 6, 1, "DL131")]


# --------------------------------------------------------------------------- exactness
@pytest.fixture(scope="module")
def repo_findings():
    """In memory, the repository's own fixtures and demo, through the real CLI."""
    return _cli(["--chunk-size", "0", "fixtures", "demo"], ROOT)


@pytest.mark.parametrize("chunk", [1, 2, 7])
def test_streamed_fixtures_and_demo_equal_in_memory(repo_findings, chunk):
    got = _cli(["--chunk-size", str(chunk), "fixtures", "demo"], ROOT)
    codes = {k[3] for k in repo_findings}
    assert {"DL308", "DL410", "DL131"} <= codes  # the project rules really report here
    assert got == repo_findings  # DL306 too: a rating after an "unknown" listing is judged at the end


def test_dask_fixtures_and_demo_equal_in_memory(repo_findings, dask_client, monkeypatch):
    from druglint.perf.dask_engine import lint_paths_dask

    monkeypatch.chdir(ROOT)
    cfg = config_mod.load()  # the repository's configuration, as the CLI finds it
    cfg.extra["chunk-size"] = 2  # many partitions per file
    got = sorted(_key(v) for v in lint_paths_dask(["fixtures", "demo"], cfg, client=dask_client).violations)
    assert got == repo_findings


# ------------------------------------------------------------------- DL699 under Dask
WAIVERS = ("waivers:\n"
           "  - {path: 'w*', code: DL301, row: {drug_a: heparin}, reason: listed on purpose in the export}\n"
           "  - {path: 'w.csv', code: DL302, reason: never used}\n")


def test_dl699_judges_waivers_used_on_dask_workers(tmp_path, dask_client, monkeypatch):
    """The heparin self-interaction is in the last partition of the streamed w.csv only:
    its waiver is used there (on a worker) and is not stale, although w2.json (in memory,
    also matched by 'w*') uses it nowhere. The DL302 waiver matched only w.csv, on the
    workers, and waived nothing: stale, reported as in memory."""
    from druglint.perf.dask_engine import lint_paths_dask

    monkeypatch.chdir(tmp_path)
    (tmp_path / "druglint.yaml").write_text("waivers: waivers.yaml\n")
    (tmp_path / "waivers.yaml").write_text(WAIVERS)
    (tmp_path / "w.csv").write_text("drug_a,drug_b,severity\nwarfarin,aspirin,major\nacyclovir,probenecid,minor\n"
                                    "digoxin,amiodarone,major\nheparin,heparin,major\n")
    (tmp_path / "w2.json").write_text(json.dumps([{"drug_a": "digoxin", "drug_b": "verapamil", "severity": "major"}]))
    files = [str(tmp_path / "w.csv"), str(tmp_path / "w2.json")]

    def load():
        return config_mod.load(str(tmp_path / "druglint.yaml"))

    whole = sorted(_key(v) for v in lint_paths(files, load()).violations)
    stale = [(Path(k[0]).name, k[1], k[3]) for k in whole if k[3] == "DL699"]
    assert stale == [("waivers.yaml", 3, "DL699")]
    assert not [k for k in whole if k[3] == "DL301"]
    cfg = load()
    cfg.extra["chunk-size"] = 1
    got = sorted(_key(v) for v in lint_paths_dask(files, cfg, client=dask_client).violations)
    assert got == whole


# -------------------------------------------------------------------------- real data
def _ddinter_as_interactions(src: Path, dst: Path, regrade: int = 0) -> None:
    """A DDInter download under canonical column names (so no preset claims it and it is
    streamed like any interaction list); ``regrade``: an "update" holding the first rows
    with Moderate read as Major (real names, a planted cross-file disagreement)."""
    lines = src.read_text(encoding="utf-8").splitlines(keepends=True)
    head = "ddinter_a,drug_a,ddinter_b,drug_b,severity\n"
    body = lines[1:]
    if regrade:
        body = [ln.replace(",Moderate", ",Major") for ln in body[:regrade]]
    dst.write_text(head + "".join(body), encoding="utf-8")


@pytest.mark.skipif(not REALDATA.is_dir(), reason="../shared/realdata is absent")
@pytest.mark.slow
def test_realdata_streamed_equals_in_memory(tmp_path):
    """ddinter, Drugs@FDA and the FAERS sample as they are (read through their presets, which
    are never streamed), and two DDInter downloads as plain interaction lists with an update
    that regrades some pairs (streamed): in memory vs --chunk-size 100, every finding."""
    targets = [p for p in (REALDATA / "ddinter", REALDATA / "drugsatfda", REALDATA / "faers_sample") if p.exists()]
    plain = []
    for code in ("H", "V"):
        src = REALDATA / "ddinter" / f"ddinter_downloads_code_{code}.csv"
        if src.exists():
            _ddinter_as_interactions(src, tmp_path / f"ddi_{code}.csv")
            plain.append(f"ddi_{code}.csv")
    if plain:
        _ddinter_as_interactions(REALDATA / "ddinter" / f"ddinter_downloads_code_{plain[0][4]}.csv",
                                 tmp_path / "ddi_update.csv", regrade=60)
        plain.append("ddi_update.csv")
    if not targets and not plain:
        pytest.skip("no ddinter, drugsatfda or faers_sample in ../shared/realdata")
    args = [*map(str, targets), *plain]
    whole = _cli(["--chunk-size", "0", *args], tmp_path)
    assert whole
    if plain:
        assert [k for k in whole if k[3] == "DL308" and k[0] == "ddi_update.csv"]  # the regraded pairs
    assert _cli(["--chunk-size", "100", *args], tmp_path) == whole
