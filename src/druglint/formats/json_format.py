"""JSON: a list of objects with exactly the contract's fields (DESIGN.md)."""
from __future__ import annotations

import json

from druglint.model import Report


def render(report: Report, options) -> str:
    return json.dumps([v.as_dict() for v in report.sorted()], indent=2, ensure_ascii=False) + "\n"
