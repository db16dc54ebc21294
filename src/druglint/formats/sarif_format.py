"""SARIF 2.1.0: one run, the rules that fired as ``tool.driver.rules``, one result per violation.

Paths are relative URIs against the ``SRCROOT`` base (the working directory), so code
scanning services can map them onto the repository. A violation's safe fix has no byte
region, so it travels in the result's property bag instead of SARIF ``fixes``.
Regions are character regions (``columnKind: unicodeCodePoints``): ``startColumn`` is the
first character of the offending cell (``formats.positions``), not the table's field number
of the JSON and text output; a finding in a file without text lines (Parquet) has a line only.
Validated in tests against the official SARIF 2.1.0 JSON schema (tests/data/).
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from druglint.model import Report, Severity

SCHEMA_URI = "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_location(path: str) -> dict[str, str]:
    """A relative path becomes a URI reference against SRCROOT; an absolute one a file: URI."""
    p = Path(path)
    if p.is_absolute():
        return {"uri": p.as_uri()}
    return {"uri": quote(p.as_posix(), safe="/"), "uriBaseId": "SRCROOT"}


def _rule_descriptor(code: str) -> dict[str, object]:
    from druglint import registry

    try:
        r = registry.get(code)
    except KeyError:  # a code emitted by a feature whose rule is not registered: still a valid id
        return {"id": code}
    from druglint.doctext import plain  # no reStructuredText markup in a code-scanning page

    doc = plain(r.doc.strip()) or r.name
    return {
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": plain(r.summary) or r.name},
        "fullDescription": {"text": doc},
        "help": {"text": f"{doc}\n\n(druglint rule {r.code})"},
        "defaultConfiguration": {"level": LEVEL[r.severity]},
        "properties": {"fixable": r.fixable},
    }


def build(report: Report) -> dict[str, object]:
    from druglint import __version__

    violations = report.sorted()
    codes = sorted({v.code for v in violations})
    index = {c: i for i, c in enumerate(codes)}
    paths = list(dict.fromkeys([*report.files, *(v.path for v in violations)]))
    artifact_index = {p: i for i, p in enumerate(paths)}
    results = []
    locs = {p: dict(artifact_location(p), index=i) for p, i in artifact_index.items()}
    from druglint.formats.positions import Locator

    where = Locator(report)
    for v in violations:
        loc = locs[v.path]
        line, col = where.position(v)
        region: dict[str, int] = {"startLine": max(int(line), 1)}
        if col is not None:
            region["startColumn"] = max(int(col), 1)
        result: dict[str, object] = {
            "ruleId": v.code,
            "ruleIndex": index[v.code],
            "level": LEVEL[v.severity],
            "message": {"text": v.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": loc,
                "region": region,
            }}],
            "properties": {"rule": v.rule, "severity": str(v.severity)},
        }
        if v.fix is not None:
            result["properties"]["fix"] = v.fix.as_dict()  # type: ignore[index]
        results.append(result)
    root = Path(os.getcwd()).as_uri().rstrip("/") + "/"
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "druglint",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_rule_descriptor(c) for c in codes],
            }},
            "invocations": [{"executionSuccessful": True}],
            "originalUriBaseIds": {"SRCROOT": {"uri": root}},
            "artifacts": [{"location": artifact_location(p)} for p in paths],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def render(report: Report, options) -> str:
    doc = build(report)
    if len(report.violations) > 1000:  # json's indenting encoder is pure Python: 10x slower on big logs
        return json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
