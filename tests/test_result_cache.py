"""The result cache of ``druglint check`` (druglint.result_cache), through the real command."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

INTERACTIONS = "drug_a,drug_b,severity\nwarfarin,aspirin,major\nWarfarin,warfarin,major\n"
DOSING = "drug,route,concomitant\nwarfarin,oral,Aspirin\n"
PROBE = textwrap.dedent("""
    import json, sys
    from druglint.cli import main
    rc = main(sys.argv[1:])
    print(json.dumps({"rc": rc, "pandas": "pandas" in sys.modules}), file=sys.stderr)
""")


def _run(cwd: Path, *args: str, env: dict[str, str] | None = None) -> tuple[list[dict], dict]:
    """druglint check --format json in a fresh interpreter: (violations, {rc, pandas imported})."""
    full = {k: v for k, v in os.environ.items() if k not in ("DRUGLINT_CACHE_DIR", "DRUGLINT_NO_CACHE")}
    full.update(env or {})
    p = subprocess.run([sys.executable, "-c", PROBE, "check", "--format", "json", *args], cwd=cwd,
                       capture_output=True, text=True, env=full)
    probe = json.loads(p.stderr.strip().splitlines()[-1])
    return json.loads(p.stdout), probe


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "druglint.yaml").write_text("select: [ALL]\n")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "interactions.csv").write_text(INTERACTIONS)
    (tmp_path / "data" / "dosing.csv").write_text(DOSING)
    return tmp_path


def _codes(found: list[dict]) -> list[tuple[str, int, str]]:
    return sorted((v["path"], v["line"], v["code"]) for v in found)


def test_second_run_comes_from_the_cache_without_pandas(project):
    cold, probe = _run(project, "data")
    assert probe == {"rc": 1, "pandas": True}
    assert ("data/interactions.csv", 3, "DL301") in _codes(cold)
    assert ("data/dosing.csv", 2, "DL410") in _codes(cold)  # across files: dosing vs the list
    assert (project / ".druglint_cache" / "CACHEDIR.TAG").is_file()
    assert (project / ".druglint_cache" / ".gitignore").read_text().strip().endswith("*")
    warm, probe = _run(project, "data")
    assert probe == {"rc": 1, "pandas": False}  # answered from the cache: no pandas, no rules loaded
    assert warm == cold  # the same findings, fixes and messages, in the same order


def test_a_changed_file_is_linted_again_and_cross_file_rules_see_it(project):
    _run(project, "data")
    # the dosing file is unchanged, but the list it is checked against no longer rates the pair
    (project / "data" / "interactions.csv").write_text("drug_a,drug_b,severity\nwarfarin,aspirin,minor\n")
    found, probe = _run(project, "data")
    assert probe["pandas"] is True
    assert not [c for c in _codes(found) if c[2] in ("DL301", "DL410")]
    again, probe = _run(project, "data")
    assert probe["pandas"] is False and again == found


def test_configuration_specs_and_selection_are_part_of_the_key(project):
    first, _ = _run(project, "data")
    assert any(v["code"] == "DL301" for v in first)
    (project / "druglint.yaml").write_text("select: [ALL]\nignore: [DL301]\n")
    found, probe = _run(project, "data")
    assert probe["pandas"] is True and not any(v["code"] == "DL301" for v in found)
    found, probe = _run(project, "data", "--select", "DL410")
    assert probe["pandas"] is True and {v["code"] for v in found} == {"DL410"}
    # a spec folder named in the configuration: adding a spec changes the findings' basis
    (project / "specs").mkdir()
    (project / "druglint.yaml").write_text("select: [ALL]\nignore: [DL301]\nspecs: [specs]\n")
    _run(project, "data")
    _, probe = _run(project, "data")
    assert probe["pandas"] is False
    bundled = Path(__file__).resolve().parents[1] / "specs"
    spec = next(p for p in sorted(bundled.glob("*.yaml")))
    (project / "specs" / "extra.yaml").write_text(spec.read_text().replace("name:", "name:", 1))
    _, probe = _run(project, "data")
    assert probe["pandas"] is True  # the spec folder's content is in the key


def test_no_cache_option_setting_and_variable(project):
    _run(project, "data", "--no-cache")
    assert not (project / ".druglint_cache").exists()
    _run(project, "data", env={"DRUGLINT_NO_CACHE": "1"})
    assert not (project / ".druglint_cache").exists()
    (project / "druglint.yaml").write_text("select: [ALL]\ncache: false\n")
    _run(project, "data")
    assert not (project / ".druglint_cache").exists()
    (project / "druglint.yaml").write_text("select: [ALL]\ncache: maybe\n")
    env = {k: v for k, v in os.environ.items() if k != "DRUGLINT_NO_CACHE"}
    p = subprocess.run([sys.executable, "-m", "druglint", "check", "data"], cwd=project, capture_output=True, text=True,
                       env=env)
    assert p.returncode == 2 and "'cache' must be true or false" in p.stderr and "druglint.yaml:2" in p.stderr


def test_cache_dir_setting_and_environment_variable(project, tmp_path_factory):
    (project / "druglint.yaml").write_text("select: [ALL]\ncache-dir: build/lint-cache\n")
    _run(project, "data")
    assert (project / "build" / "lint-cache" / "CACHEDIR.TAG").is_file()
    elsewhere = tmp_path_factory.mktemp("envcache")
    env = {"DRUGLINT_CACHE_DIR": str(elsewhere)}
    _run(project, "data", env=env)
    _, probe = _run(project, "data", env=env)
    assert probe["pandas"] is False
    assert list(elsewhere.rglob("*.json"))


def test_two_processes_at_once_share_one_cold_cache(project):
    cmd = [sys.executable, "-m", "druglint", "check", "--format", "json", "data"]
    env = {k: v for k, v in os.environ.items() if k not in ("DRUGLINT_CACHE_DIR", "DRUGLINT_NO_CACHE")}
    procs = [subprocess.Popen(cmd, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [1, 1], [o[1] for o in outs]
    assert json.loads(outs[0][0]) == json.loads(outs[1][0])
    assert not list((project / ".druglint_cache").rglob(".tmp-*"))  # no temp file left behind
    warm, probe = _run(project, "data")
    assert probe["pandas"] is False and warm == json.loads(outs[0][0])


def test_damaged_entries_are_misses_not_errors(project):
    cold, _ = _run(project, "data")
    for entry in (project / ".druglint_cache").rglob("*.json"):
        entry.write_text("{not json")
    found, probe = _run(project, "data")
    assert probe["pandas"] is True and found == cold


def test_static_code_list_equals_the_registry():
    """registry.known_codes reads the sources so that a configuration is validated without
    loading the rules; it must name exactly the codes the rules register."""
    code = "from druglint import registry; a = registry.known_codes(); b = set(registry.load_all()); print(a == b, sorted(a ^ b))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.startswith("True"), out
