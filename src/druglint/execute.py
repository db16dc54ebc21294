"""One executor for table and project rules: the same rule code on a whole table, on streamed chunks and
on Dask partitions, by the shape each rule declares in the registry (``druglint.shapes``).

* ``run_whole(rule, ctx)``: a whole table in memory.
* ``Fold``: the parts of one table in file order, one at a time (streaming): row rules and
  ordered states judge each part as it comes (with the state of the parts before it); the
  others run at the end on the rows their state kept.
* ``partials`` / ``merge_states`` / ``judge`` / ``finish``: the same steps apart, for an
  engine that computes the parts' states elsewhere and merges them in a tree (Dask).

PROJECT rules that read rows (``druglint.across``) keep their states in the same fold and
merge; ``project_view`` gives each one the streamed tables as the rows its state kept.

Table finalisers (suppression of findings by waivers and record comments) are applied here,
in one place, to every set of findings of a table or part.
"""
from __future__ import annotations

import functools
import importlib
import importlib.util
from typing import Any

from druglint import registry
from druglint.context import Selection, TableContext, hits_to_violations
from druglint.model import Violation

@functools.lru_cache(maxsize=None)
def modules(names: tuple[str, ...]) -> list[object]:
    """The named modules that exist (a handler or finaliser not there yet is skipped)."""
    out = []
    for name in names:
        try:
            found = importlib.util.find_spec(name)
        except ModuleNotFoundError:
            found = None
        if found is not None:
            out.append(importlib.import_module(name))
    return out


def finalise(violations: list[Violation], ctx: TableContext, sel: Selection) -> list[Violation]:
    """The one suppression point of table findings (waivers, record comments), every engine."""
    from druglint import suppress

    return suppress.table(violations, ctx, sel)


def table_rules(kind: str, sel: Selection) -> list[registry.Rule]:
    """The selected table rules of ``kind``, in code order."""
    return [r for r in registry.all_rules() if r.scope == registry.TABLE and kind in r.kinds and sel.enabled(r.code)]


def run_whole(rule: registry.Rule, ctx: TableContext):
    """The rule's hits on a whole table."""
    if rule.row:
        return rule.check(ctx)
    if rule.state is None:
        raise TypeError(f"table rule {rule.code} declares no shape (row=True or state=)")
    return rule.state.whole(rule.check, ctx)


def project_rules(kind: str, sel: Selection, project: Any, path: str) -> list[registry.Rule]:
    """The selected PROJECT rules that keep a state of a streamed ``kind`` table at ``path``
    (``druglint.across``): they fold with the table rules, and see the rows they kept."""
    from druglint.across import needed

    return [r for r in registry.all_rules()
            if r.scope == registry.PROJECT and sel.enabled(r.code) and needed(r, kind, project, path)]


def run_project(rule: registry.Rule, project: Any) -> list[Violation]:
    """A project rule's findings: it sees each streamed table as the rows its state kept."""
    from druglint.across import Across, view

    if not isinstance(rule.state, Across):
        raise TypeError(f"project rule {rule.code} declares no shape (state=across.Across(...))")
    return rule.check(view(rule, project))


def _states(rules: list[registry.Rule], kind: str | None = None) -> dict[str, Any]:
    """State name -> state object of ``rules`` (a project rule's state for ``kind``; every
    kind's when ``kind`` is None, for merging: names are unique to their state)."""
    from druglint.across import Across

    out: dict[str, Any] = {}
    for r in rules:
        if isinstance(r.state, Across):
            for st in ([r.state.state_for(kind)] if kind is not None else r.state.states.values()):
                if st is not None:
                    out.setdefault(st.name, st)
        elif r.state is not None:
            out.setdefault(r.state.name, r.state)
    return out


def partials(rules: list[registry.Rule], ctx: TableContext) -> dict[str, Any]:
    """The state of each distinct state of ``rules`` on this part (project rules' included)."""
    return {name: st.partial(ctx) for name, st in _states([r for r in rules if ctx.has(*r.needs)], ctx.kind).items()}


def project_states(rules: list[registry.Rule], states: dict[str, Any] | None) -> dict[str, Any]:
    """The part of merged ``states`` that project rules read (handed to the streamed table)."""
    names = _states([r for r in rules if r.scope == registry.PROJECT])
    return {n: s for n, s in (states or {}).items() if n in names}


def merge_states(rules: list[registry.Rule], a: dict[str, Any] | None, b: dict[str, Any] | None) -> dict[str, Any]:
    """Two parts' states merged, state by state (associative: any tree of parts)."""
    if a is None or b is None:
        return (a if b is None else b) or {}
    out = dict(a)
    for name, st in _states(rules).items():
        if name in b:
            out[name] = st.merge(a.get(name), b[name])
    return out


def judge(rules: list[registry.Rule], ctx: TableContext, states: dict[str, Any] | None, sel: Selection,
          ordered_only: bool = True) -> list[Violation]:
    """Findings of the row rules and the ordered-state rules on one part, given the states of
    (at least) every part before it; finalised."""
    out: list[Violation] = []
    for rule in rules:
        if rule.scope != registry.TABLE or not ctx.has(*rule.needs):
            continue
        if rule.row:
            hits = rule.check(ctx)
        elif rule.state.ordered:
            hits = rule.state.run(rule.check, ctx, (states or {}).get(rule.state.name))
        else:
            continue
        out.extend(hits_to_violations(hits, ctx, rule.code, sel))
    return finalise(out, ctx, sel)


def finish(rules: list[registry.Rule], states: dict[str, Any], template: TableContext, sel: Selection) -> list[Violation]:
    """Findings of the rules whose state must be complete: each runs on the rows it kept."""
    out: list[Violation] = []
    contexts: dict[str, Any] = {}
    for rule in rules:
        st = rule.state
        if rule.scope != registry.TABLE or st is None or st.ordered or st.name not in states:
            continue
        if st.name not in contexts:
            contexts[st.name] = st.context(states[st.name], template)
        ctx = contexts[st.name]
        if ctx is None or not ctx.has(*rule.needs):
            continue
        out.extend(finalise(hits_to_violations(st.run(rule.check, ctx, states[st.name]), ctx, rule.code, sel), ctx, sel))
    return out


class StateTooLarge(Exception):
    """The rules' states alone outgrow the memory budget of a streamed file."""


def state_budget() -> int:
    """Bytes the states of one streamed file may hold: ``DRUGLINT_STATE_MEMORY`` (bytes, or
    with a K/M/G suffix), else half the memory available when the file starts."""
    import os

    raw = os.environ.get("DRUGLINT_STATE_MEMORY", "").strip().upper()
    if raw:
        scale = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}.get(raw[-1], 1)
        try:
            return int(float(raw.rstrip("KMG")) * scale)
        except ValueError:
            pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // 2
    except (ValueError, OSError, AttributeError):
        return 4 << 30


class Fold:
    """The parts of one table, fed in file order; memory holds the states, not the rows.
    States that outgrow ``budget`` bytes stop the file with :class:`StateTooLarge` (a clear
    message naming the rules and their distinct keys), never by running out of memory."""

    def __init__(self, rules: list[registry.Rule], sel: Selection, budget: int | None = None) -> None:
        self.rules, self.sel = rules, sel
        self.states: dict[str, Any] = {}
        self.template: TableContext | None = None
        self.budget = state_budget() if budget is None else budget

    def feed(self, ctx: TableContext) -> list[Violation]:
        out = judge(self.rules, ctx, self.states, self.sel)
        self.states = merge_states(self.rules, self.states, partials(self.rules, ctx))
        self._check_size()
        if self.template is None:
            from druglint.shapes import empty_like

            self.template = empty_like(ctx)
        return out

    def _check_size(self) -> None:
        from druglint.shapes import size_of

        sizes = {name: size_of(s) for name, s in self.states.items()}
        total = sum(sizes.values())
        if total > self.budget:
            names: dict[str, list[str]] = {}
            for r in self.rules:
                for n in _states([r]):
                    names.setdefault(n, []).append(r.code)
            big = sorted(sizes, key=sizes.get, reverse=True)[:3]
            what = "; ".join(f"{n} ({', '.join(names.get(n, []))}): {sizes[n] / 2**20:,.0f} MB" for n in big)
            raise StateTooLarge(f"the whole-table rules' states reached {total / 2**20:,.0f} MB, over the "
                                f"{self.budget / 2**20:,.0f} MB budget ({what}); they grow with distinct keys "
                                "(rows, pairs, names): check this file with --engine dask on more memory, deselect "
                                "those rules, or raise DRUGLINT_STATE_MEMORY")

    def finish(self) -> list[Violation]:
        if self.template is None:
            return []
        return finish(self.rules, self.states, self.template, self.sel)

    def project_states(self) -> dict[str, Any]:
        """The states the project rules read, to hand to the streamed table (``across.attach``)."""
        return project_states(self.rules, self.states)
