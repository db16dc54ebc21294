"""GitHub Actions workflow commands: one annotation per violation, shown on the pull request.

``::error file=PATH,line=L,col=C,title=CODE::message`` (``warning`` and ``notice`` for the
lower severities). ``col`` is a character column (1-based, the first character of the
offending cell; ``formats.positions``), left out where the file has no text lines (Parquet).
Findings are grouped as in the text format (``formats.groups``): the rest of a group is one
``notice`` saying how many more there are (``--show-all`` lists them). Values are escaped
as the Actions toolkit does: ``%``, CR and LF everywhere, and ``:`` and ``,`` inside
properties. A plain summary line follows.
"""
from __future__ import annotations

from druglint.formats.groups import Collapsed, group
from druglint.model import Report, Severity

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _props(pairs) -> str:
    return ",".join(f"{k}={escape_property(str(val))}" for k, val in pairs if val is not None)


def annotation(v, position: tuple[int, int | None] | None = None) -> str:
    line, col = position if position is not None else (v.line, v.column)
    return f"::{COMMAND[v.severity]} {_props((('file', v.path), ('line', line), ('col', col), ('title', v.code)))}::{escape_data(v.message)}"


def render(report: Report, options) -> str:
    from druglint.formats.positions import Locator
    from druglint.formats.text_format import summary

    where = Locator(report)
    lines = []
    for item in group(report.sorted(), getattr(options, "show_all", False)):
        if isinstance(item, Collapsed):
            lines.append(f"::notice {_props((('file', item.path), ('title', item.code)))}::{escape_data(item.message())}")
        else:
            lines.append(annotation(item, where.position(item)))
    lines.append(summary(report))
    return "\n".join(lines) + "\n"
