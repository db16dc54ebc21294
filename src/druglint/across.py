"""How a PROJECT rule sees a table that arrives in parts (issue 17: "... or project-level across files").

A project rule's ``check(project)`` reads every table of the run. In memory each table is
whole; a streamed table (a delimited file over the chunk threshold, ``--chunk-size N``) or a
Dask-partitioned one never is. So a PROJECT rule declares in the registry what it reads of a
table, with :class:`Across` as its ``state=``:

* ``Across(states={kind: S, ...})``: per kind, a table state of ``druglint.shapes``
  (``FirstRows``, ``Rows``; ``"*"``: any kind) that keeps the rows the rule reads. Streaming
  folds it over the chunks and Dask computes and merges it on the workers, like the table
  rules' states; the rule then sees the streamed table as ``S.context(state)``, the rows *its*
  state kept (each rule its own view: never a union another rule could misread), and
  ``rule.check(project)`` is the same code for every engine.
  ``partners={kind: (kinds, ...)}``: the rule compares a table of ``kind`` with tables of
  those kinds in *other* files (DL308: a list with other lists; DL410: a list with dosing
  files and back), so no state is built when no other file of the run may hold one of them
  (``druglint.peek``: the run's files are known before linting, their kinds from their
  headers): a single streamed file stays as small as its table rules' states.
* ``Across.headers()``: the rule reads the tables' headers only (the columns, the header
  line); a streamed table joins the project with its header and no rows.
* ``Across.presets()``: the rule reads only tables a preset reads (FAERS, Drugs@FDA, SIDER,
  openFDA: claimed by a document handler, so never streamed) or labels; nothing to keep.
* ``Across.suppression()``: the rule reads no table, only the run's suppression record
  (which waivers matched a table and which were used); every engine feeds it back
  (``suppress.waivers.usage``/``absorb`` for Dask workers).
"""
from __future__ import annotations

from typing import Any

ROWS, HEADERS, PRESETS, SUPPRESSION = "rows", "headers", "presets", "suppression"


class Across:
    """The shape of a PROJECT rule (see the module docstring)."""

    def __init__(self, states: dict[str, Any] | None = None, *, partners: dict[str, tuple[str, ...]] | None = None,
                 sees: str = ROWS) -> None:
        if sees not in (ROWS, HEADERS, PRESETS, SUPPRESSION):
            raise ValueError(f"unknown project shape {sees!r}")
        if (sees == ROWS) != bool(states):
            raise ValueError("a project rule that reads rows declares a state per kind; the others declare none")
        self.states, self.partners, self.sees = dict(states or {}), dict(partners or {}), sees
        if set(self.partners) - set(self.states):
            raise ValueError("partners name a kind the rule keeps no state of")
        # each kind state's ``name`` is the rule's own (tests/test_shapes.py): never shared
        self.ordered = False  # never judged per part (the engines ask every rule's state this)

    @classmethod
    def headers(cls) -> "Across":
        return cls(sees=HEADERS)

    @classmethod
    def presets(cls) -> "Across":
        return cls(sees=PRESETS)

    @classmethod
    def suppression(cls) -> "Across":
        return cls(sees=SUPPRESSION)

    @property
    def cross_file(self) -> bool:
        """The rule compares files with each other (a lone file needs no state)."""
        return bool(self.partners)

    def state_for(self, kind: str) -> Any:
        """The table state this rule keeps on a table of ``kind`` (None: it keeps nothing)."""
        return self.states.get(kind, self.states.get("*"))

    def __repr__(self) -> str:
        return f"Across({self.sees}, {sorted(self.states)}, partners={self.partners})"


def state_of(rule: Any, kind: str) -> Any:
    """The state ``rule`` keeps on a part of a ``kind`` table: a table rule's own state, a
    project rule's state for that kind, or None."""
    st = rule.state
    if isinstance(st, Across):
        return st.state_for(kind)
    return st


def needed(rule: Any, kind: str, project: Any, shown: str) -> bool:
    """True when the project rule ``rule`` must keep a state of the ``kind`` table shown as
    ``shown``: it reads rows of that kind, and, for a cross-file rule, another file of the run
    may hold a table it is compared with (``peek.others_may_hold``; unknown files: yes)."""
    st = rule.state
    if not isinstance(st, Across) or st.state_for(kind) is None:
        return False
    partners = st.partners.get(kind)
    if partners is None:
        return True
    from druglint.peek import others_may_hold

    return others_may_hold(project, shown, partners)


STATES_KEY = "project_states"  # in a streamed table's TableContext.cache: {state name: state}


def attach(template: Any, states: dict[str, Any]) -> None:
    """Give a streamed table (its header-only context) the project rules' states of its parts."""
    template.cache[STATES_KEY] = dict(states)
    template.table.meta["streamed"] = True


def view(rule: Any, project: Any) -> Any:
    """The project as ``rule`` sees it: each streamed table replaced by the rows its state
    kept (``state.context``); in-memory tables as they are. The project itself when no table
    was streamed or the rule keeps no rows."""
    st = rule.state
    if not isinstance(st, Across) or st.sees != ROWS:
        return project
    tables, changed = [], False
    for t in project.tables:
        kept = t.cache.get(STATES_KEY) if t.table.meta.get("streamed") else None
        part = st.state_for(t.kind) if kept is not None else None
        if part is None:
            tables.append(t)
            continue
        ctx = part.context(kept.get(part.name), t)
        tables.append(t if ctx is None else ctx)  # None: the state kept no row (t holds none)
        changed = True
    if not changed:
        return project
    return type(project)(tables=tables, config=project.config, extras=project.extras)
