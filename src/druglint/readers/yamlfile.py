"""YAML datasets: a list of records, or a mapping holding one list of records."""
from __future__ import annotations

import numpy as np
import pandas as pd

from druglint import yamlio
from druglint.readers import sanitize
from druglint.readers.table import Finding, ReadResult, Table
from druglint.readers.text import decode_findings


def read_yaml(path: str, data: bytes, fmt: str) -> ReadResult:
    findings, ok, bom = decode_findings(data)
    if not ok:
        return ReadResult(None, findings)
    text = (data[3:] if bom else data).decode("utf-8")
    if not text.strip():
        return ReadResult(None, [Finding("DL112", 1, 1, "file is empty")])
    try:
        doc = yamlio.load(text)
    except yamlio.YamlError as exc:
        return ReadResult(None, [Finding("DL118", exc.line, exc.column, exc.message)])
    if sanitize.may_hold_surrogates(data):
        try:
            doc, n = sanitize.scrub(doc)
        except RecursionError:
            return ReadResult(None, [Finding("DL118", 1, 1, "YAML is nested too deeply to read")])
        if n:
            findings.append(Finding("DL153", sanitize.first_line(data[3:] if bom else data), 1, sanitize.MESSAGE))
    key = None
    if isinstance(doc, dict):
        lists = [k for k, v in doc.items() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)]
        if len(lists) != 1:
            # not a dataset (perhaps a drug spec or a config): the engine decides
            return ReadResult(None, [Finding("DL119", 1, 1, "YAML file is a mapping, not a list of records; not a dataset")])
        key = lists[0]
        records = doc[key]
    elif isinstance(doc, list):
        records = doc
    else:
        return ReadResult(None, [Finding("DL118", 1, 1, "YAML holds a single value, not a list of records")])
    if not records:
        return ReadResult(None, [Finding("DL113", 1, 1, "YAML list holds no records")])
    bad = [i for i, r in enumerate(records) if not isinstance(r, dict)]
    if bad:
        return ReadResult(None, [Finding("DL118", yamlio.line_of(records, bad[0]), 1,
                                         f"item {bad[0] + 1} of the list is not a mapping of column: value")])
    # ruamel's nodes carry their line; one Python step per record is inherent to YAML parsing
    lines = np.asarray([yamlio.line_of(records, i) for i in range(len(records))], dtype=np.int64)
    plain = [{str(k): _scalar(v) for k, v in r.items()} for r in records]
    cell_lines = _key_lines(records)
    frame = pd.DataFrame.from_records(plain)
    if len(frame) != len(plain):  # every record is {}: pandas makes 0 rows (fuzzing found it)
        frame = pd.DataFrame(index=pd.RangeIndex(len(plain)))
    frame = frame.astype("str").where(frame.notna(), None) if len(frame.columns) else frame
    frame.index = pd.RangeIndex(len(frame))
    from druglint.suppress.records import scan  # `# druglint: disable=DL301` on a record

    meta = {"records_key": key, "directives": scan(text, lines), "cell_lines": cell_lines}
    return ReadResult(Table(path, fmt, frame, lines, list(frame.columns), 1, None, bom, meta), findings)


def _key_lines(records: list) -> dict[str, np.ndarray]:
    """column -> the 1-based line of that key in each record (0 where absent or unknown):
    a finding about one cell points at its key, not at the record's first line."""
    out: dict[str, np.ndarray] = {}
    for i, r in enumerate(records):
        lc = getattr(r, "lc", None)
        if lc is None:
            continue
        for k in r:
            try:
                line = lc.key(k)[0] + 1
            except (KeyError, TypeError, AttributeError):
                continue
            col = out.get(str(k))
            if col is None:
                col = out[str(k)] = np.zeros(len(records), dtype=np.int64)
            col[i] = line
    return out


def _scalar(v: object) -> object:
    if v is None:
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (list, dict)):
        return str(v)
    return str(v)
