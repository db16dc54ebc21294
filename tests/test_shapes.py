"""Every table rule declares how it runs on parts of a table (issue 17), and the states
merge as their contract says: any split and any merge order give the whole table's findings."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from druglint import execute, registry
from druglint.config import Config
from druglint.engine import Selection, lint_paths
from druglint.shapes import FirstRows, Keyed, Rows


def test_every_table_rule_declares_its_shape():
    missing = [r.code for r in registry.all_rules() if r.scope == registry.TABLE and r.shape is None]
    assert missing == [], f"table rules without row=True or state=: {missing}"
    for r in registry.all_rules():
        if r.state is not None and r.scope == registry.TABLE:
            assert isinstance(r.state, (Keyed, FirstRows, Rows)), r.code
            assert r.state.name and isinstance(r.state.ordered, bool), r.code


def test_every_project_rule_declares_its_shape():
    """A PROJECT rule says how it sees a table that arrives in parts (druglint.across): the
    rows a state of its own keeps per kind, the headers only, preset tables only (never
    streamed), or the suppression record only. None may silently see a streamed table empty."""
    from druglint.across import PRESETS, ROWS, Across

    project = [r for r in registry.all_rules() if r.scope == registry.PROJECT]
    assert project, "no project rule registered"
    missing = [r.code for r in project if r.shape is None or not isinstance(r.state, Across)]
    assert missing == [], f"project rules without state=Across(...): {missing}"
    names: dict[str, str] = {}
    for r in project:
        for kind, st in r.state.states.items():
            assert isinstance(st, (FirstRows, Rows)), (r.code, kind)
            assert names.setdefault(st.name, r.code) == r.code, f"{st.name} shared by {names[st.name]} and {r.code}"
        assert (r.state.sees == ROWS) == bool(r.state.states), r.code
    # the rules the lead's report named: what each keeps of a streamed table
    by = {r.code: r.state for r in project}
    assert by["DL308"].partners == {"interactions": ("interactions",)} and set(by["DL308"].states) == {"interactions"}
    assert by["DL410"].partners == {"interactions": ("dosing",), "dosing": ("interactions",)}
    assert set(by["DL410"].states) == {"interactions", "dosing"}
    assert set(by["DL131"].states) == {"*"} and not by["DL131"].cross_file
    assert by["DL135"].sees == PRESETS


def test_a_project_rule_without_a_shape_is_refused():
    from druglint.context import ProjectContext

    rule = registry.Rule("DL997", "no-shape", registry.Severity.parse("warning"), "", registry.PROJECT, (),
                         lambda project: [])
    assert rule.shape is None
    with pytest.raises(TypeError, match="declares no shape"):
        execute.run_project(rule, ProjectContext())


def test_a_rule_without_a_shape_is_refused_by_the_executor():
    rule = registry.Rule("DL999", "no-shape", registry.Severity.parse("warning"), "", registry.TABLE, ("dosing",),
                         lambda ctx: None)
    assert rule.shape is None
    with pytest.raises(TypeError, match="declares no shape"):
        execute.run_whole(rule, object())


def test_row_and_state_exclude_each_other():
    with pytest.raises(ValueError):
        registry.rule("DL998", "both", "info", kinds=("dosing",), row=True, state=Rows("x"))


def test_perf_holds_no_rule_code_or_rule_list():
    """perf/ runs table rules through the executor only: it names no table rule and imports
    no rule module (reader codes such as DL114 are findings it merges, not rules)."""
    import re
    from pathlib import Path

    import druglint.perf as perf

    table_codes = {r.code for r in registry.all_rules() if r.scope in (registry.TABLE, registry.PROJECT)}
    for path in Path(perf.__file__).parent.glob("*.py"):
        text = path.read_text()
        assert not set(re.findall(r"DL\d{3}", text)) & table_codes, path.name
        assert "druglint.rules" not in text, path.name


CSV = ("drug_a,drug_b,severity,effect\n"
       "warfarin,aspirin,major,bleeding\n"
       "heparin,ibuprofen,minor,x\n"
       "aspirin,warfarin,minor,bleeding\n"
       "warfarin,aspirin,major,bleeding\n"
       "aspirin,warfarin,major,more bleeding\n"
       "heparin,ibuprofen,unknown,x\n"
       "ibuprofen,heparin,minor,y\n")


@pytest.mark.parametrize("split", [[1, 2, 3, 4, 5, 6], [3], [2, 5]])
def test_states_merged_in_any_order_give_the_whole_tables_findings(tmp_path, split):
    """Parts judged against the states of all parts merged as a tree (Dask's way), and in
    reverse: the same findings as the whole table."""
    from druglint.context import ProjectContext, TableContext
    from druglint.kinds import KINDS
    from druglint.kinds.schema import check_schema
    from druglint.readers import read

    path = tmp_path / "interactions.csv"
    path.write_text(CSV)
    whole = sorted((v.line, v.code, v.message) for v in lint_paths([str(path)]).violations
                   if registry.get(v.code).scope == registry.TABLE)
    config = Config()
    sel = Selection(config)
    result = read(str(path), "interactions.csv", CSV.encode())
    table = result.table
    from druglint.context import canonicalise

    columns = canonicalise(table, config)
    typed, _ = check_schema(table.frame, KINDS["interactions"])
    bounds = [0, *split, len(typed)]
    parts = []
    for lo, hi in zip(bounds[:-1], bounds[1:]):
        sub = type(table)(table.path, table.fmt, table.frame.iloc[lo:hi].reset_index(drop=True),
                          table.lines[lo:hi], table.header, table.header_line, table.delimiter)
        parts.append(TableContext(sub, "interactions", typed.iloc[lo:hi].reset_index(drop=True), sub.frame, config,
                                  columns, ProjectContext(config=config)))
    rules = execute.table_rules("interactions", sel)
    for order in (parts, parts[::-1]):
        total = None  # a merge may reuse its first argument: fresh partial states each time
        for s in [execute.partials(rules, p) for p in order]:
            total = execute.merge_states(rules, total, s)
        got = []
        for p in parts:
            got += [(v.line, v.code, v.message) for v in execute.judge(rules, p, total, sel)]
        got += [(v.line, v.code, v.message) for v in execute.finish(rules, total, parts[0], sel)]
        assert sorted(got) == whole
    assert {"DL302", "DL303", "DL108"} <= {c for _, c, _ in whole}


def test_states_over_the_memory_budget_stop_with_a_clear_message(tmp_path, monkeypatch):
    from druglint.cli import main

    path = tmp_path / "interactions.csv"
    path.write_text("drug_a,drug_b,severity\n" + "".join(f"d{i},e{i},major\n" for i in range(300)))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DRUGLINT_STATE_MEMORY", "2K")
    import io
    import contextlib

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["check", "--chunk-size", "50", "interactions.csv"])
    assert code == 2
    assert "states reached" in err.getvalue() and "DRUGLINT_STATE_MEMORY" in err.getvalue()
    assert "distinct-rows (DL108)" in err.getvalue() or "pairs (DL302" in err.getvalue()
