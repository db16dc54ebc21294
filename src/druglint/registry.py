"""The rule registry: every rule's code, name, severity, documentation and check.

A rule lives in its own module under ``druglint.rules`` (yamllint's layout). The module
docstring is the rule's documentation, with one passing and one failing example, and
``druglint rule CODE`` prints it. A module registers its rule with :func:`rule` (a table
check run by the engine) or :func:`declare` (a code emitted by a reader or another stage).
"""
from __future__ import annotations

import importlib
import pkgutil
import re
import sys
from dataclasses import dataclass
from typing import Any, Callable

from druglint.model import Severity

CODE_RE = re.compile(r"^DL\d{3}$")

# scope names: where the engine runs a rule
TABLE = "table"  # check(ctx: TableContext) -> Hits, once per table of a listed kind
PROJECT = "project"  # check(ctx: ProjectContext) -> list[Violation], once per run
EMITTED = "emitted"  # emitted by a reader, the schema stage, the spec loader or prose
DIFF = "diff"  # check(pair: druglint.diff.DiffPair) -> DiffHits, run by `druglint diff` only

# shapes of a TABLE rule (see druglint.shapes and docs/architecture.md)
ROW = "row"  # check(ctx) decides each row from that row alone: any split of the rows gives the same hits
STATE = "state"  # whole-table: a mergeable per-part state; check runs through ``state.run``


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    doc: str
    scope: str = EMITTED
    kinds: tuple[str, ...] = ()
    check: Callable[..., Any] | None = None
    fixable: bool = False
    needs: tuple[str, ...] = ()  # canonical columns the check reads; skipped when one is absent
    # how a TABLE rule runs on part of a table (druglint.shapes): ``row`` decides each row
    # alone; ``state`` is the whole-table rule's mergeable state (partial, merge, run). A
    # PROJECT rule's ``state`` is a ``druglint.across.Across``: how it sees a streamed table
    row: bool = False
    state: Any = None

    @property
    def shape(self) -> str | None:
        """ROW, STATE, PROJECT, or None (a table rule that declared nothing: a test fails)."""
        if self.scope == PROJECT:  # declares how it sees a streamed table: state=druglint.across.Across
            return PROJECT if self.state is not None else None
        if self.scope != TABLE:
            return self.scope
        return ROW if self.row else STATE if self.state is not None else None

    @property
    def summary(self) -> str:
        """The docstring's first line without its leading code and name."""
        first = self.doc.strip().splitlines()[0] if self.doc.strip() else self.name
        return re.sub(r"^DL\d{3}\s+\S+\s*[:—-]+\s*", "", first).strip()


_RULES: dict[str, Rule] = {}
_LOADED = False


def _register(rule_: Rule) -> Rule:
    if not CODE_RE.match(rule_.code):
        raise ValueError(f"bad rule code {rule_.code!r}")
    old = _RULES.get(rule_.code)
    if old is not None and old.name != rule_.name:
        raise ValueError(f"rule code {rule_.code} registered twice ({old.name}, {rule_.name})")
    _RULES[rule_.code] = rule_
    return rule_


def _module_doc(module_name: str) -> str:
    module = sys.modules.get(module_name)
    return (module.__doc__ or "") if module else ""


def declare(code: str, name: str, severity: str, *, module: str, fixable: bool = False) -> Rule:
    """Register a code that some stage emits; ``module`` is the caller's ``__name__``."""
    return _register(Rule(code, name, Severity.parse(severity), _module_doc(module), EMITTED, (), None, fixable))


def rule(
    code: str,
    name: str,
    severity: str,
    *,
    kinds: tuple[str, ...] = (),
    scope: str = TABLE,
    fixable: bool = False,
    needs: tuple[str, ...] = (),
    row: bool = False,
    state: Any = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator registering a check function as a rule of ``scope``. A TABLE rule declares
    its shape: ``row=True`` (each row decided alone) or ``state=`` a ``druglint.shapes`` state;
    a PROJECT rule ``state=`` a ``druglint.across.Across`` (what it reads of a streamed table)."""
    if row and state is not None:
        raise ValueError(f"rule {code}: row=True and state= exclude each other")

    def wrap(fn: Callable[..., Any]) -> Callable[..., Any]:
        _register(Rule(code, name, Severity.parse(severity), _module_doc(fn.__module__), scope, kinds, fn, fixable, needs,
                       row, state))
        return fn

    return wrap


def load_all() -> dict[str, Rule]:
    """Import every module below ``druglint.rules`` once, so that all rules register."""
    global _LOADED
    if not _LOADED:
        import druglint.rules as pkg

        for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
            importlib.import_module(info.name)
        _LOADED = True
    return _RULES


def all_rules() -> list[Rule]:
    return sorted(load_all().values(), key=lambda r: r.code)


def get(code: str) -> Rule:
    rules = load_all()
    try:
        return rules[code.upper()]
    except KeyError:
        raise KeyError(code) from None


_REGISTERED = re.compile(r'(?:@rule|declare)\(\s*"(DL\d{3})"')


def known_codes() -> frozenset[str]:
    """Every registered code, without importing the rules (they load pandas): found by
    reading the ``@rule("DLnnn"`` / ``declare("DLnnn"`` calls in druglint's sources. A test
    holds this equal to the loaded registry. Used to validate a configuration cheaply."""
    global _KNOWN
    if _LOADED:
        return frozenset(_RULES)
    if _KNOWN is None:
        import os

        root = os.path.dirname(os.path.abspath(__file__))
        found: set[str] = set()
        for folder, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if not d.startswith((".", "__"))]
            for name in files:
                if name.endswith(".py"):
                    with open(os.path.join(folder, name), encoding="utf-8") as fh:
                        found.update(_REGISTERED.findall(fh.read()))
        _KNOWN = frozenset(found)
    return _KNOWN | frozenset(_RULES)  # plus any registered so far (plugins, tests)


_KNOWN: frozenset[str] | None = None


def matching(prefix: str) -> list[str]:
    """Codes selected by ``prefix``: ``ALL``, a family such as ``DL3``, or one code."""
    prefix = prefix.strip().upper()
    codes = known_codes()
    if prefix == "ALL":
        return sorted(codes)
    return sorted(c for c in codes if c.startswith(prefix))
