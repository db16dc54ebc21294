"""JUnit XML: one ``testcase`` per file checked, for CI dashboards that read test reports.

A file fails when it has a violation at or above the failing severity (``fail-on``); the
``failure`` element lists every violation of the file as the text format does. Violations
below that severity are listed in the test case's ``system-out``.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from druglint.model import Report, Severity


_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    """Drop the characters XML 1.0 cannot hold (a malformed file can put them in a message)."""
    return _INVALID_XML.sub("\ufffd", text)


def _line(v) -> str:
    return clean(f"{v.path}:{v.line}:{v.column}: {v.code} [{v.severity}] {v.message}")


def render(report: Report, options) -> str:
    fail_on = getattr(options, "fail_on", Severity.WARNING)
    by_path: dict[str, list] = defaultdict(list)
    for v in report.sorted():
        by_path[v.path].append(v)
    paths = list(dict.fromkeys([*report.files, *by_path]))
    suites = ET.Element("testsuites", name="druglint")
    suite = ET.SubElement(suites, "testsuite", name="druglint")
    failures = 0
    for path in paths:
        vs = by_path.get(path, [])
        case = ET.SubElement(suite, "testcase", classname="druglint", name=clean(path), file=clean(path))
        failing = [v for v in vs if v.severity >= fail_on]
        if failing:
            failures += 1
            codes = ", ".join(dict.fromkeys(v.code for v in failing))
            msg = f"{len(failing)} violation{'s' if len(failing) != 1 else ''} ({codes})"
            fail = ET.SubElement(case, "failure", message=msg, type=failing[0].code)
            fail.text = "\n".join(_line(v) for v in failing)
        rest = [v for v in vs if v.severity < fail_on]
        if rest:
            ET.SubElement(case, "system-out").text = "\n".join(_line(v) for v in rest)
    for el in (suites, suite):
        el.set("tests", str(len(paths)))
        el.set("failures", str(failures))
        el.set("errors", "0")
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
