"""DL699 unused-suppression: a suppression comment or a waiver suppresses nothing.

Like ruff's RUF100: a ``<!-- druglint: disable=CODE -->`` (or ``disable-next-line``,
``disable-line``, ``disable-file``) in a document, a ``# druglint: disable=CODE`` comment on
a record of a YAML dataset, or an entry of the table waiver file (config key ``waivers``)
that suppresses no finding is stale and hides the next real finding. Remove it. A directive
naming only codes that were not selected in this run is not reported; a directive naming a
code that no rule has (``DL6O4`` with a letter O) always is, since it can never work.

Passing example (leaflet.md):

    # Dosing

    <!-- druglint: disable-next-line=DL601 -->
    Inject 0.5 mL under the skin QOD.

Failing example (leaflet.md):

    # Dosing

    <!-- druglint: disable-next-line=DL601 -->
    Inject 0.5 mL under the skin every other day.
"""
from druglint.across import Across
from druglint.registry import PROJECT, rule


@rule("DL699", "unused-suppression", "warning", scope=PROJECT, state=Across.suppression())
def check(project):
    """Unused waivers (the prose handler reports unused inline directives itself)."""
    from druglint.suppress import waivers

    return waivers.unused(project)
