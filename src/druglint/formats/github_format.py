"""GitHub Actions workflow commands: one annotation per violation, shown on the pull request.

``::error file=PATH,line=L,col=C,title=CODE::message`` (``warning`` and ``notice`` for the
lower severities). Values are escaped as the Actions toolkit does: ``%``, CR and LF
everywhere, and ``:`` and ``,`` inside properties. A plain summary line follows.
"""
from __future__ import annotations

from druglint.model import Report, Severity

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(v) -> str:
    props = ",".join(f"{k}={escape_property(str(val))}" for k, val in
                     (("file", v.path), ("line", v.line), ("col", v.column), ("title", v.code)))
    return f"::{COMMAND[v.severity]} {props}::{escape_data(v.message)}"


def render(report: Report, options) -> str:
    from druglint.formats.text_format import summary

    lines = [annotation(v) for v in report.sorted()]
    lines.append(summary(report))
    return "\n".join(lines) + "\n"
