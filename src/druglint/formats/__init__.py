"""Output formats, one module each: ``render(report, options) -> str``."""
from __future__ import annotations

import importlib
from dataclasses import dataclass

from druglint.model import Severity

FORMATS = ("text", "json", "sarif", "github", "gitlab", "junit", "html", "markdown", "auto")
STATISTICS_FORMATS = ("text", "json", "markdown")  # formats with a --statistics rendering


def resolve(name: str) -> str:
    """``auto`` is ``github`` under GitHub Actions (GITHUB_ACTIONS=true), else ``text``."""
    if name == "auto":
        import os

        return "github" if os.environ.get("GITHUB_ACTIONS", "").lower() == "true" else "text"
    return name


@dataclass
class Options:
    color: bool = False
    statistics: bool = False
    show_fixes: bool = True
    fail_on: Severity = Severity.WARNING  # junit: which violations make a file's test case fail
    summary: bool = True  # text: the closing summary line (off with -q/--quiet)
    show_all: bool = False  # text, html, github, markdown: list every finding instead of grouping (formats.groups)


def render(name: str, report, options: Options) -> str:
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r} (expected one of {', '.join(FORMATS)})")
    name = resolve(name)
    if options.statistics and name not in STATISTICS_FORMATS:
        raise ValueError(f"--statistics prints counts as {' or '.join(STATISTICS_FORMATS)}, not as {name}")
    return importlib.import_module(f"druglint.formats.{name}_format").render(printable(report), options)


def printable(report):
    """The report with every path and message valid Unicode, escaped the same way in every
    format: a file name byte that is not UTF-8 (held by Python as a lone surrogate) is shown
    as ``\\xff``. Violations keep their real paths for --fix; only the rendered copy changes."""
    import dataclasses
    import re

    bad = re.compile("[\ud800-\udfff]")

    def esc(text: str) -> str:
        return bad.sub(lambda m: f"\\x{ord(m.group()) - 0xDC00:02x}" if 0xDC80 <= ord(m.group()) <= 0xDCFF else "\ufffd", text)

    if not any(bad.search(v.path) or bad.search(v.message) for v in report.violations) and \
            not any(bad.search(f) for f in report.files):
        return report
    return dataclasses.replace(report, violations=[dataclasses.replace(v, path=esc(v.path), message=esc(v.message))
                                                   for v in report.violations],
                               files=[esc(f) for f in report.files])
