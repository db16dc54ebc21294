"""Every rule's documentation carries one passing and one failing example, and both are
run through the real linter: the documentation cannot drift from the behaviour."""
from __future__ import annotations

import os

import pytest

from druglint import registry
from druglint.config import Config
from druglint.engine import lint_paths
from druglint.model import Severity
from examples import companion_example, config_example, examples, old_example, old_examples_count

RULES = registry.all_rules()


def test_every_rule_has_both_examples():
    missing = [r.code for r in RULES if sorted(e.passing for e in examples(r.doc)) != [False, True]]
    assert missing == []


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_examples_behave_as_documented(rule, tmp_path):
    if rule.scope == registry.DIFF:
        return _diff_examples(rule, tmp_path)
    for ex in examples(rule.doc):
        folder = tmp_path / ("pass" if ex.passing else "fail")
        folder.mkdir()
        path = folder / ex.filename
        if ex.fifo:
            os.mkfifo(path)  # reading it would block forever: the rule is that druglint never opens it
        else:
            path.write_bytes(ex.content)
        paths = [str(path)]
        companion = companion_example(rule.doc)
        if companion is not None:  # a cross-file rule: lint the companion file in the same run
            (folder / companion.filename).write_bytes(companion.content)
            paths.append(str(folder / companion.filename))
        config = Config(root=str(tmp_path))
        configured = config_example(rule.doc)
        if configured is not None:  # a rule about configured limits: check with that configuration
            from druglint.config import load as load_config

            (tmp_path / configured.filename).write_bytes(configured.content)
            config = load_config(str(tmp_path / configured.filename))
        if ex.mode in ("fix", "fix-read-only"):  # a rule about --fix: the real fixer, writing
            from druglint.fixrun import fix_and_report

            if ex.mode == "fix-read-only":
                os.chmod(path, 0o444)
            _, report = fix_and_report(lambda: lint_paths(paths, config))
        else:
            report = lint_paths(paths, config)
        codes = [v.code for v in report.violations]
        if ex.passing:
            assert rule.code not in codes, report.violations
            assert not [v for v in report.violations if v.severity >= Severity.WARNING], report.violations
        else:
            assert rule.code in codes, report.violations


def test_diff_rules_have_exactly_one_old_example():
    """A diff rule documents the version before the change once; no other rule has one."""
    wrong = [r.code for r in RULES if old_examples_count(r.doc) != (1 if r.scope == registry.DIFF else 0)]
    assert wrong == []


def _diff_examples(rule, tmp_path):
    """The old example is the baseline; the passing and failing examples are new versions,
    each compared with it through ``druglint diff`` (and the passing one is also clean for
    ``druglint check``, so the documentation never shows bad data as the good example)."""
    from druglint.diff import diff_paths

    old = old_example(rule.doc)
    assert old is not None, f"{rule.code} has no 'Old example (file.ext):' block"
    for ex in examples(rule.doc):
        folder = tmp_path / ("pass" if ex.passing else "fail")
        (folder / "old").mkdir(parents=True)
        (folder / "new").mkdir()
        (folder / "old" / old.filename).write_bytes(old.content)
        (folder / "new" / ex.filename).write_bytes(ex.content)
        report = diff_paths(str(folder / "old"), str(folder / "new"), Config(root=str(folder)))
        codes = [v.code for v in report.violations]
        if ex.passing:
            assert rule.code not in codes, report.violations
            assert not [v for v in report.violations if v.severity >= Severity.WARNING], report.violations
            checked = lint_paths([str(folder / "new" / ex.filename)], Config(root=str(folder)))
            assert not [v for v in checked.violations if v.severity >= Severity.WARNING], checked.violations
        else:
            assert rule.code in codes, report.violations
