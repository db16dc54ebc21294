"""Suppression: every way a person accepts a finding, in one package.

=========================  ==========================================  ===========================
what                       where it is written                         module
=========================  ==========================================  ===========================
inline directives          ``<!-- druglint: disable=DL601 -->`` in     ``suppress.directives``
                           prose documents (Markdown, rST, text)
record comments            ``# druglint: disable=DL301`` beside a      ``suppress.records``
                           record of a YAML dataset
table waivers              the YAML file named by config ``waivers``   ``suppress.waivers``
                           (path glob, code, record identity, reason)
baselines                  ``--baseline FILE`` / config ``baseline``   ``suppress.baseline``
                           (findings recorded by ``--write-baseline``)
reviewed changes           ``.druglint-reviewed.yaml`` (config         ``suppress.reviewed``
                           ``reviewed-changes``), for ``druglint diff``
=========================  ==========================================  ===========================

Where they apply -- each at exactly one point, the same for every engine:

* **table findings**: ``table(violations, ctx, sel)``, called once per table when its
  findings are complete (``engine._check_typed``) and, for a streamed file, on each chunk's
  findings and on the whole-table rules' findings (``perf/streaming``, which the Dask engine
  also goes through). Waivers first, then YAML record comments.
* **document findings**: ``document(...)``, called by the prose handler with the directives
  parsed from the document's text outside code.
* **the run's report**: baselines, in ``suppress.baseline.apply`` (the ``check`` command,
  after every engine has produced the report); reviewed changes in ``druglint diff``.

A suppression that suppresses nothing is reported as DL699 (``rules/prose/unused_suppression``
for waivers, here for directives and record comments). Nothing here imports the engine.
"""
from __future__ import annotations

from typing import Any


def table(violations: list, ctx: Any, sel: Any) -> list:
    """The findings of ``ctx``'s table that no waiver or record comment suppresses, plus DL699
    for record comments that suppress nothing. ``ctx`` is an ``engine.TableContext`` holding
    the rows the findings point at (a whole table, a chunk, or a streamed projection)."""
    from druglint.suppress import records, waivers

    violations = waivers.finalise(violations, ctx, sel)
    return records.finalise(violations, ctx, sel)


def document(violations: list, directives: list, path: str, shown: str, sel: Any, config: Any) -> list:
    """The findings of a document that its inline ``directives`` leave, plus DL699 for each
    directive that suppresses nothing or names an unknown code (``path`` decides what is
    enabled; findings are placed at ``shown``)."""
    from druglint import registry
    from druglint.suppress.directives import apply, unknown, unused
    from druglint.violations import make

    out = apply(violations, directives)
    if sel.enabled("DL699", path):
        for d, message in unused(directives, lambda c: any(sel.enabled(x, path) for x in registry.matching(c))):
            out.append(make(shown, "DL699", d.line, d.column, message, None, config))
        for d, message in unknown(directives, lambda c: bool(registry.matching(c))):
            out.append(make(shown, "DL699", d.line, d.column, message, None, config))
    return out
