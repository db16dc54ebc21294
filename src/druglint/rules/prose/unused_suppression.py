"""DL699 unused-suppression: a suppression comment or a waiver suppresses nothing.

Like ruff's RUF100: a ``<!-- druglint: disable=CODE -->`` (or ``disable-next-line``) in a
document that suppresses no finding, or an entry of the table waiver file (config key
``waivers``) that matches no finding, is stale and hides the next real finding. Remove it.
A directive naming only codes that were not selected in this run is not reported.

Passing example (leaflet.md):

    # Dosing

    <!-- druglint: disable-next-line=DL601 -->
    Inject 0.5 mL under the skin QOD.

Failing example (leaflet.md):

    # Dosing

    <!-- druglint: disable-next-line=DL601 -->
    Inject 0.5 mL under the skin every other day.
"""
from druglint.registry import PROJECT, rule


@rule("DL699", "unused-suppression", "warning", scope=PROJECT)
def check(project):
    """Unused waivers (the prose handler reports unused inline directives itself)."""
    from druglint.prose import waivers

    return waivers.unused(project)
