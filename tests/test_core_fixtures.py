"""Each core rule against its fixtures: the exact (line, column, code) found, nothing else.

Runs with only the core codes selected so that rules from other layers (specs, prose)
do not change what these fixtures assert.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from druglint.config import Config
from druglint.engine import lint_paths

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CORE = ["DL101", "DL102", "DL103", "DL104", "DL105", "DL106", "DL107", "DL108", "DL110", "DL111", "DL112",
        "DL113", "DL114", "DL115", "DL116", "DL117", "DL118", "DL119", "DL121", "DL201", "DL202",
        "DL301", "DL302", "DL303"]

EXPECTED: dict[str, list[tuple[int, int, str]]] = {
    "side_effects/valid.csv": [],
    "side_effects/DL102-invalid-type.csv": [(3, 3, "DL102"), (4, 4, "DL102")],
    "side_effects/DL103-missing-value.csv": [(3, 1, "DL103"), (4, 2, "DL103")],
    "side_effects/DL104-unknown-value.csv": [(2, 3, "DL104"), (4, 3, "DL104")],
    "side_effects/DL105-non-canonical-value.csv": [(2, 3, "DL105"), (4, 3, "DL105")],
    "side_effects/DL107-invalid-format.csv": [(3, 3, "DL107")],
    "side_effects/DL108-duplicate-row.csv": [(4, 1, "DL108")],
    "side_effects/DL121-stray-whitespace.csv": [(2, 1, "DL121")],
    "side_effects/DL201-percent-out-of-range.csv": [(2, 4, "DL201"), (4, 4, "DL201")],
    "side_effects/DL202-percent-category-mismatch.csv": [(3, 4, "DL202"), (4, 4, "DL202"), (5, 4, "DL202")],
    "interactions/valid.csv": [],
    "interactions/DL101-missing-column.csv": [(1, 1, "DL101")],
    "interactions/DL301-self-interaction.csv": [(3, 2, "DL121"), (3, 2, "DL301")],
    "interactions/DL302-severity-conflict.csv": [(4, 3, "DL302"), (6, 3, "DL302")],
    "interactions/DL303-reversed-duplicate.csv": [(4, 1, "DL303")],
    # names resolved as drugs (brands, salts, synonyms, trailing punctuation; knowledge pack)
    "interactions/resolved-names.csv": [(3, 3, "DL302"), (4, 2, "DL301"), (6, 1, "DL303"), (8, 1, "DL303"), (10, 3, "DL302")],
    "dosing/valid.csv": [],
    "dosing/DL102-invalid-type.csv": [(3, 3, "DL102"), (4, 3, "DL102")],
    "dosing/DL104-unknown-value.csv": [(3, 2, "DL104"), (4, 2, "DL104"), (5, 4, "DL104")],
    "dosing/DL106-out-of-range.csv": [(3, 3, "DL106"), (4, 5, "DL106")],
    "malformed/bom-is-fine.csv": [],
    "malformed/not-utf8.csv": [(2, 15, "DL110")],
    "malformed/utf16.csv": [(1, 1, "DL110")],
    "malformed/binary.csv": [(1, 1, "DL111")],
    "malformed/empty.csv": [(1, 1, "DL112")],
    "malformed/header-only.csv": [(1, 1, "DL113")],
    "malformed/ragged.csv": [(3, 1, "DL114"), (3, 3, "DL103"), (4, 1, "DL114")],
    "malformed/duplicate-header.csv": [(1, 3, "DL115")],
    "malformed/blank-header.csv": [(1, 1, "DL116")],
    "malformed/blank-row.csv": [(3, 1, "DL117")],
    "malformed/unterminated-quote.csv": [(2, 1, "DL118")],
    "malformed/truncated.json": [(2, 1, "DL118")],
    "malformed/bad-line.jsonl": [(2, 32, "DL118")],
    "malformed/bad.yaml": [(4, 1, "DL118")],
    "malformed/corrupt.parquet": [(1, 1, "DL118")],
    "malformed/unknown-kind.csv": [(1, 1, "DL119")],
}


def found(rel: str, config: Config | None = None) -> list[tuple[int, int, str]]:
    report = lint_paths([str(FIXTURES / rel)], config or Config(root=str(FIXTURES)), select=CORE)
    return sorted((v.line, v.column, v.code) for v in report.violations)


@pytest.mark.parametrize("rel", sorted(EXPECTED))
def test_fixture(rel):
    assert found(rel) == sorted(EXPECTED[rel])


def test_every_core_rule_has_a_failing_fixture():
    covered = {code for pairs in EXPECTED.values() for _, _, code in pairs}
    assert set(CORE) - covered == set()


def test_missing_column_when_kind_comes_from_config():
    cfg = Config(root=str(FIXTURES), kinds={"**/DL101-missing-column-by-config.csv": "side_effects"})
    assert found("side_effects/DL101-missing-column-by-config.csv", cfg) == [(1, 1, "DL101")]


def test_every_malformed_file_is_a_finding_not_a_crash():
    for path in sorted((FIXTURES / "malformed").iterdir()):
        report = lint_paths([str(path)], Config(root=str(FIXTURES)))
        assert all(v.line >= 1 for v in report.violations), path
