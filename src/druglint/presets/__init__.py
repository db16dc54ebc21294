"""Presets: recognise well-known public drug-data formats and map them onto canonical kinds.

A preset knows one published layout (SIDER 4.1, OFFSIDES/TWOSIDES, DDInter, FAERS
quarterly ASCII, Drugs@FDA, openFDA labels...): how to recognise it from its file name
and header, which of its columns is which canonical column, and how its own vocabulary
(DDInter "Major", FAERS route "Oral", dose unit "MG") maps onto the canonical one. The
mapping is exact and documented with its source; a value the mapping does not know is left
as written, so the schema stage still reports it. Files a preset recognises but that hold
no canonical kind (FAERS DEMO, Drugs@FDA Applications.txt, SIDER indications...) are read
as *reference tables*: they are not reported as of unknown kind, and the real-data rules
(DL130-DL149) check them and look across files (a FAERS quarter's DRUG/REAC/DEMO).

Entry point: the document handler ``druglint.presets.handler`` (registered in
``discovery.DOCUMENT_HANDLERS``) claims a file when ``match`` recognises it.
"""
from __future__ import annotations

import csv
import os
import re

from druglint.presets.base import Preset, PresetTable, docs, record, recorded  # noqa: F401  (the package's API)


def _modules():
    from druglint.presets import ddinter, drugsatfda, faers, misc, offsides, openfda_label, sider, spl_xml

    return (sider, offsides, ddinter, faers, drugsatfda, openfda_label, spl_xml, misc)


_ALL: list[Preset] | None = None


def all_presets() -> list[Preset]:
    global _ALL
    if _ALL is None:
        _ALL = [p for m in _modules() for p in m.PRESETS]
    return _ALL


def get(name: str) -> Preset:
    for p in all_presets():
        if p.name == name:
            return p
    raise KeyError(name)


# ------------------------------------------------------------------------ recognition
_TABLE_SUFFIXES = (".csv", ".tsv", ".tab", ".txt", ".psv")
_JSON_KEY = re.compile(rb'"((?:[^"\\]|\\.){1,80})"\s*:')


def header_fields(head: bytes) -> tuple[list[str], str]:
    """The first line's fields and the delimiter they were split on."""
    text = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
    first = text.split(b"\n", 1)[0].rstrip(b"\r").decode("utf-8", "replace")
    counts = {d: first.count(d) for d in ("$", "\t", ",", "|")}
    delim = max(counts, key=lambda d: counts[d])
    if counts[delim] == 0:
        return [first.strip()], ""
    if delim == "$":
        return first.split("$"), delim
    try:
        return next(csv.reader([first], delimiter=delim)), delim
    except (csv.Error, StopIteration):
        return first.split(delim), delim


def json_keys(head: bytes) -> set[str]:
    return {m.group(1).decode("utf-8", "replace") for m in _JSON_KEY.finditer(head)}


def match(path: str, head: bytes) -> Preset | None:
    """The preset whose layout this file has, or None."""
    name = os.path.basename(path)
    low = name.lower()
    if low.endswith((".json", ".jsonl", ".ndjson")):
        keys = json_keys(head)
        fields = sorted(keys)
    elif low.endswith(_TABLE_SUFFIXES):
        fields, _ = header_fields(head)
        fields = [f.strip().strip('"') for f in fields]
    elif low.endswith(".xml"):
        fields = [head[:4096].decode("utf-8", "replace")]
    else:
        return None
    for p in all_presets():
        try:
            if p.recognise(name, fields) or (p.recognise_head is not None and p.recognise_head(name, head)):
                return p
        except (IndexError, ValueError):
            continue
    return None


def group_of(path: str) -> str:
    """FAERS files of one quarter share a folder and a tag such as 17Q2 (DRUG17Q2.txt)."""
    folder = os.path.dirname(os.path.abspath(path))
    m = re.search(r"(\d\d)Q([1-4])", os.path.basename(path), re.I)
    return f"{folder}/{m.group(1)}Q{m.group(2)}" if m else folder


__all__ = ["Preset", "PresetTable", "all_presets", "get", "match", "header_fields", "json_keys", "group_of",
           "record", "recorded", "docs"]
