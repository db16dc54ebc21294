"""The README's integration sections: the Library example runs as written, and every entry
point (formats, pre-commit hook, pytest plugin, library) has its copy-paste example."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    start = README.index(f"### {title}\n")
    nxt = re.search(r"^#{2,3} ", README[start + 4:], re.M)
    return README[start: start + 4 + nxt.start()] if nxt else README[start:]


def test_library_example_runs_as_a_script(tmp_path):
    code = "\n".join(re.findall(r"```python\n(.*?)```", _section("Library"), re.S))  # every block, in order
    script = tmp_path / "example.py"
    script.write_text(code, encoding="utf-8")
    proc = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "2 DL301 error drug 'Warfarin' is listed as interacting with itself" in proc.stdout
    assert "row 2 (index 1): DL301 [error]" in proc.stdout
    assert "no/such/folder: no such file or folder" in proc.stdout  # the DruglintError example


def test_every_entry_point_has_an_example():
    formats = _section("Output formats for CI and for people")
    for fmt in ("sarif", "github", "junit", "html", "auto"):
        assert f"--format {fmt}" in formats
    hook = _section("Pre-commit hook")
    assert "- id: druglint" in hook and "pre-commit install" in hook
    plugin = _section("pytest plugin")
    assert "pytest --druglint" in plugin and "druglint.assert_valid(df" in plugin
    assert "druglint.lint_frame(df" in _section("Library")
