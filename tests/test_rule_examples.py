"""Every rule's documentation carries one passing and one failing example, and both are
run through the real linter: the documentation cannot drift from the behaviour."""
from __future__ import annotations

import pytest

from druglint import registry
from druglint.config import Config
from druglint.engine import lint_paths
from druglint.model import Severity
from examples import examples

RULES = registry.all_rules()


def test_every_rule_has_both_examples():
    missing = [r.code for r in RULES if sorted(e.passing for e in examples(r.doc)) != [False, True]]
    assert missing == []


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_examples_behave_as_documented(rule, tmp_path):
    for ex in examples(rule.doc):
        folder = tmp_path / ("pass" if ex.passing else "fail")
        folder.mkdir()
        path = folder / ex.filename
        path.write_bytes(ex.content)
        report = lint_paths([str(path)], Config(root=str(tmp_path)))
        codes = [v.code for v in report.violations]
        if ex.passing:
            assert rule.code not in codes, report.violations
            assert not [v for v in report.violations if v.severity >= Severity.WARNING], report.violations
        else:
            assert rule.code in codes, report.violations
