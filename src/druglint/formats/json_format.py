"""JSON: a list of objects with exactly the contract's fields (DESIGN.md); every finding.

With ``--statistics``: one object of counts per code and per file (``formats.groups.statistics``).
"""
from __future__ import annotations

import json

from druglint.model import Report


def render(report: Report, options) -> str:
    if getattr(options, "statistics", False):
        from druglint.formats.groups import statistics

        return json.dumps(statistics(report.violations, report.files), indent=2, ensure_ascii=False) + "\n"
    return json.dumps([v.as_dict() for v in report.sorted()], indent=2, ensure_ascii=False) + "\n"
