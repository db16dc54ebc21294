"""JSON (an array of records, or an object holding one) and JSON Lines.

Record lines come from a vectorised scan of the raw bytes: string contents are masked out
(escaped quotes respected), bracket depth is counted, and each object that opens at the
depth of the record array is a record whose line is the newline count before it.
"""
from __future__ import annotations

import json

import numpy as np
import pandas as pd

from druglint.readers import sanitize
from druglint.readers.table import Finding, ReadResult, Table
from druglint.readers.text import decode_findings

_OPEN = (ord("{"), ord("["))
_CLOSE = (ord("}"), ord("]"))


def _record_offsets(body: bytes, depth_of_records: int) -> np.ndarray:
    """Byte offsets of the objects that open at ``depth_of_records``. Sparse: arrays the
    size of the quotes, backslashes and brackets, not of the file (a per-byte int64 scan
    took 39x the size of a file holding one 100 MB string)."""
    arr = np.frombuffer(body, dtype=np.uint8)
    bs = np.flatnonzero(arr == 92)
    qpos = np.flatnonzero(arr == 34)
    if bs.size and qpos.size:  # a quote after an odd run of backslashes is escaped
        new_run = np.ones(bs.size, dtype=bool)
        new_run[1:] = bs[1:] != bs[:-1] + 1
        run_start = np.maximum.accumulate(np.where(new_run, bs, 0))
        k = np.searchsorted(bs, qpos) - 1
        kk = np.maximum(k, 0)
        touching = (k >= 0) & (bs[kk] == qpos - 1)
        run = np.where(touching, qpos - run_start[kk], 0)
        real_q = qpos[run % 2 == 0]
    else:
        real_q = qpos
    structural = np.zeros(256, dtype=bool)  # a lookup table: np.isin would cast every byte to int64
    structural[list(_OPEN + _CLOSE)] = True
    brackets = np.flatnonzero(structural[arr])
    outside = np.searchsorted(real_q, brackets) % 2 == 0  # an even number of quotes before: not in a string
    brackets = brackets[outside]
    kind = arr[brackets]
    step = np.where(np.isin(kind, _OPEN), 1, -1).astype(np.int64)
    depth_after = np.cumsum(step)
    depth_before = depth_after - step
    return brackets[(kind == ord("{")) & (depth_before == depth_of_records)]


def _lines_of(body: bytes, offsets: np.ndarray) -> np.ndarray:
    nl = np.flatnonzero(np.frombuffer(body, dtype=np.uint8) == 10)
    return np.searchsorted(nl, offsets).astype(np.int64) + 1


def read_json(path: str, data: bytes, fmt: str) -> ReadResult:
    findings, ok, bom = decode_findings(data)
    if not ok:
        return ReadResult(None, findings)
    body = data[3:] if bom else data
    if not body.strip():
        return ReadResult(None, [Finding("DL112", 1, 1, "file is empty")])
    if fmt == "jsonl":
        return _read_jsonl(path, body, bom)
    try:
        doc = json.loads(body)
    except json.JSONDecodeError as exc:
        return ReadResult(None, [Finding("DL118", exc.lineno, exc.colno, f"invalid JSON: {exc.msg}")])
    except RecursionError:
        return ReadResult(None, [Finding("DL118", 1, 1, "invalid JSON: nested too deeply to read")])
    if sanitize.may_hold_surrogates(body):
        try:
            doc, n = sanitize.scrub(doc)
        except RecursionError:
            return ReadResult(None, [Finding("DL118", 1, 1, "invalid JSON: nested too deeply to read")])
        if n:
            findings.append(Finding("DL153", sanitize.first_line(body), 1, sanitize.MESSAGE))
    key = None
    if isinstance(doc, dict):
        # an object holding one list of records, e.g. {"results": [...]} (openFDA)
        lists = [k for k, v in doc.items() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)]
        if len(lists) != 1:
            return ReadResult(None, [Finding("DL119", 1, 1, "JSON is an object, not an array of records (nor an object holding one array of records); not a dataset, skipped")])
        key = lists[0]
        records = doc[key]
        depth = 2
    elif isinstance(doc, list):
        records = doc
        depth = 1
    else:
        return ReadResult(None, [Finding("DL119", 1, 1, "JSON holds a single value, not an array of records; not a dataset, skipped")])
    if not records:
        return ReadResult(None, [Finding("DL113", 1, 1, "JSON array holds no records")])
    not_obj = [i for i, r in enumerate(records) if not isinstance(r, dict)]
    if not_obj:
        return ReadResult(None, [Finding("DL118", 1, 1, f"record {not_obj[0] + 1} of the JSON array is not an object")])
    offsets = _record_offsets(body, depth)
    if key is not None and offsets.size != len(records):
        # other objects at the same depth (sibling keys): keep those inside the array
        start = body.find(json.dumps(key).encode())
        offsets = offsets[offsets > start][: len(records)]
    lines = _lines_of(body, offsets) if offsets.size == len(records) else np.arange(1, len(records) + 1)
    frame = _frame(records)
    return ReadResult(Table(path, fmt, frame, lines, list(frame.columns), 1, None, bom, {"records_key": key}), findings)


def _read_jsonl(path: str, body: bytes, bom: bool) -> ReadResult:
    findings: list[Finding] = []
    records: list[dict] = []
    lines: list[int] = []
    for i, raw in enumerate(body.split(b"\n"), start=1):  # one record per line by definition
        if not raw.strip():
            continue
        try:
            rec = json.loads(raw)
        except (json.JSONDecodeError, RecursionError) as exc:
            findings.append(Finding("DL118", i, getattr(exc, "colno", 1), f"invalid JSON on this line: {getattr(exc, 'msg', 'too deeply nested')}"))
            continue
        if not isinstance(rec, dict):
            findings.append(Finding("DL118", i, 1, "JSON Lines record is not an object"))
            continue
        if sanitize.may_hold_surrogates(raw):
            try:
                rec, n = sanitize.scrub(rec)
            except RecursionError:
                findings.append(Finding("DL118", i, 1, "invalid JSON on this line: too deeply nested"))
                continue
            if n:
                findings.append(Finding("DL153", i, 1, sanitize.MESSAGE))
        records.append(rec)
        lines.append(i)
    if not records:
        findings.append(Finding("DL113", 1, 1, "JSON Lines file holds no records"))
        return ReadResult(None, findings)
    frame = _frame(records)
    return ReadResult(Table(path, "jsonl", frame, np.asarray(lines, np.int64), list(frame.columns), 1, None, bom), findings)


def _frame(records: list[dict]) -> pd.DataFrame:
    """Scalars become strings, as in the text formats; lists and objects stay as they are."""
    frame = pd.DataFrame.from_records(records)
    if len(frame) != len(records):  # every record is {}: pandas makes 0 rows (fuzzing found it)
        frame = pd.DataFrame(index=pd.RangeIndex(len(records)))
    for col in frame.columns:
        s = frame[col]
        if s.map(lambda v: isinstance(v, (list, dict))).any():
            continue
        frame[col] = s.map(_scalar_text, na_action="ignore").astype("str")
    frame.index = pd.RangeIndex(len(frame))
    return frame


def _scalar_text(v: object) -> str | None:
    if v is None:
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v)) if abs(v) < 1e15 else repr(v)
    return str(v)
