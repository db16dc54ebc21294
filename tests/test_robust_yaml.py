"""YAML safety (issue 8 item 2): datasets, specs and configuration all load through
druglint.yamlio; Python tags are refused, alias bombs are bounded, deep nesting is an error."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from druglint import yamlio


def billion_laughs(levels: int = 9, width: int = 9) -> str:
    out = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    prev = "a"
    for name in "bcdefghijklmnop"[: levels - 1]:
        out.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * width) + "]")
        prev = name
    return "\n".join(out) + f"\nrecords:\n  - drug: acyclovir\n    effect: *{prev}\n"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "druglint", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_billion_laughs_is_refused_fast():
    text = billion_laughs()
    assert text.count("*") < yamlio.MAX_ALIASES  # the alias count alone would let it through
    t = time.perf_counter()
    with pytest.raises(yamlio.YamlError, match="alias bomb"):
        yamlio.load(text)
    assert time.perf_counter() - t < 2.0


def test_many_aliases_are_refused():
    text = "a: &a x\nb: [" + ", ".join(["*a"] * (yamlio.MAX_ALIASES + 1)) + "]\n"
    with pytest.raises(yamlio.YamlError, match="more than 100 aliases"):
        yamlio.load(text)


def test_a_few_ordinary_aliases_are_fine():
    doc = yamlio.load("base: &b {route: oral}\nx: *b\ny: *b\n")
    assert doc["y"]["route"] == "oral"


def test_python_tags_are_refused_not_constructed(tmp_path):
    marker = tmp_path / "pwned"
    text = f"- drug: !!python/object/apply:os.system ['touch {marker}']\n  effect: nausea\n"
    with pytest.raises(yamlio.YamlError) as exc:
        yamlio.load(text)
    assert "refuses Python tags" in exc.value.message and exc.value.line == 1
    for tag in ("!!python/object:os.system", "!!python/name:os.system", "!<tag:yaml.org,2002:python/object/new:os.system>"):
        with pytest.raises(yamlio.YamlError, match="Python"):
            yamlio.load(f"x: {tag} {{}}\n")
    # the same through a %TAG shorthand
    with pytest.raises(yamlio.YamlError, match="Python"):
        yamlio.load("%TAG !p! tag:yaml.org,2002:python/\n---\nx: !p!object:os.system {}\n")
    assert not marker.exists()


def test_deep_nesting_is_a_clear_error():
    t = time.perf_counter()
    with pytest.raises(yamlio.YamlError, match="nested too deeply"):
        yamlio.load("x: " + "[" * 50_000 + "]" * 50_000 + "\n")
    assert time.perf_counter() - t < 10


def test_dataset_config_and_spec_all_refuse(tmp_path):
    # dataset: a finding (DL118), exit 1, no traceback
    (tmp_path / "side_effects.yaml").write_text(billion_laughs())
    r = run("check", "side_effects.yaml", cwd=tmp_path)
    assert r.returncode == 1 and "DL118" in r.stdout and "alias bomb" in r.stdout and "Traceback" not in r.stderr
    (tmp_path / "side_effects.yaml").write_text("- drug: !!python/object/apply:os.system ['true']\n  effect: x\n")
    r = run("check", "side_effects.yaml", cwd=tmp_path)
    assert r.returncode == 1 and "refuses Python tags" in r.stdout
    # configuration: exit 2 with one line naming the file and line
    (tmp_path / "side_effects.yaml").write_text("- drug: acyclovir\n  effect: nausea\n")
    (tmp_path / "druglint.yaml").write_text("select: [ALL]\nignore: !!python/object/apply:os.system ['true']\n")
    r = run("check", "side_effects.yaml", cwd=tmp_path)
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "druglint.yaml:2" in r.stderr and "Python" in r.stderr
    (tmp_path / "druglint.yaml").write_text(billion_laughs().replace("records:\n  - drug: acyclovir\n    effect:", "x:"))
    r = run("check", "side_effects.yaml", cwd=tmp_path)
    assert r.returncode == 2 and "alias bomb" in r.stderr and r.stderr.count("\n") == 1
    os.unlink(tmp_path / "druglint.yaml")
    # drug spec files load through yamlio as well
    from druglint.specs.loader import load_text

    spec, findings = load_text("spec: 1\ndrug: !!python/object:os.system {}\n", "x.yaml")
    assert spec is None and any("Python" in f.message for f in findings)
