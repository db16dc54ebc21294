"""Shared by the hypothesis tests (tests/test_robust_fuzz.py) and the long fuzz run
(tests/fuzz_long.py): what an input is, and what "did not crash" means.

``exercise(data, suffix)`` writes ``data`` to a file with that suffix and runs the whole
check on it in-process (discover -> reader -> kind -> schema -> rules -> project rules),
renders the report in every built-in format and plans the fixes. It passes when that
yields a Report or a UsageError (the CLI turns it into exit 2 with one line); any other
exception is a crash and is re-raised.
"""
from __future__ import annotations

import os
import random
import tempfile
from pathlib import Path

SUFFIXES = [".csv", ".tsv", ".txt", ".psv", ".json", ".jsonl", ".yaml", ".parquet", ".md"]
KIND_NAMES = {
    "interactions": ["drug_a", "drug_b", "severity", "description"],
    "side_effects": ["drug", "effect", "frequency", "percent", "frequency_category"],
    "dosing": ["drug", "dose", "unit", "route", "frequency", "age_min", "age_max"],
}
CELLS = ["warfarin", "aspirin", "Major", " major", "MAJOR ", "minor", "nausea", "common", "12.5", "1,000",
         "-3", "1e309", "nan", "NaN", "inf", "", " ", "oral", "PO", "mg", "µg", "5 mg", "q.d.", "true", "NULL",
         "\u200b", "é", "\ufeff", "🙂", "\x00", "a\x00b", "\"", "\"\"", "x\"y", "'", "$", ",", ";", "\t", "|",
         "\r", "\n", "a\nb", "a\r\nb", "\\", "{", "[", "- x", "&a", "*a", "!!python/object:os.system"]


def exercise(data: bytes, suffix: str, workdir: str | None = None, name: str | None = None) -> object:
    from druglint.config import Config
    from druglint.engine import UsageError, lint_paths
    from druglint.fixer import plan
    from druglint.formats import FORMATS, Options, render

    own = workdir is None
    folder = tempfile.mkdtemp(prefix="druglint-fuzz-") if own else workdir
    try:
        stem = name or random.choice(["interactions", "side_effects", "dosing", "data"])
        path = os.path.join(folder, stem + suffix)
        Path(path).write_bytes(data)
        try:
            report = lint_paths([path], Config(root=folder))
        except UsageError as exc:
            assert str(exc) and "\n" not in str(exc), f"usage error must be one line: {exc!r}"
            return exc
        for fmt in FORMATS:
            if fmt in ("text", "json"):
                render(fmt, report, Options())
        plan(path, data, list(report.violations))
        return report
    finally:
        if own:
            import shutil

            shutil.rmtree(folder, ignore_errors=True)


# ------------------------------------------------------- random inputs without hypothesis
def random_cell(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.6:
        return rng.choice(CELLS)
    if r < 0.8:
        return "".join(rng.choice(CELLS) for _ in range(rng.randint(1, 4)))
    if r < 0.95:
        return "".join(chr(rng.choice([rng.randint(0, 0x7f), rng.randint(0x80, 0x2fff), rng.randint(0xe000, 0x10ffff)]))
                       for _ in range(rng.randint(0, 12))).replace("\ud800", "")
    return "x" * rng.randint(1000, 200_000)  # very long field


def random_delimited(rng: random.Random) -> tuple[bytes, str]:
    suffix = rng.choice([".csv", ".tsv", ".txt", ".psv", ".csv"])
    delim = {".csv": ",", ".tsv": "\t", ".psv": "|"}.get(suffix) or rng.choice(["$", ",", "\t", ";", "|"])
    if rng.random() < 0.1:
        delim = rng.choice([";", "$", "|", ":", "\x00", " "])  # the wrong delimiter for the suffix
    kind = rng.choice(list(KIND_NAMES))
    if rng.random() < 0.05:
        header = [f"c{i}" for i in range(rng.randint(1000, 3000))]  # thousands of columns
    else:
        header = rng.sample(KIND_NAMES[kind], rng.randint(1, len(KIND_NAMES[kind])))
        if rng.random() < 0.2:
            header.append(random_cell(rng))
    eol = rng.choice(["\n", "\r\n", "\r", "\n"])
    quote_p = rng.random()
    rows = [header]
    for _ in range(rng.randint(0, 30 if len(header) < 100 else 3)):
        n = len(header) + (rng.randint(-2, 2) if rng.random() < 0.15 else 0)
        rows.append([random_cell(rng) for _ in range(max(n, 0))])

    def q(c: str) -> str:
        if rng.random() < quote_p or any(ch in c for ch in (delim, '"', "\n", "\r")):
            if rng.random() < 0.97:
                return '"' + c.replace('"', '""') + '"'
        return c

    text = eol.join(delim.join(q(c) for c in r) for r in rows)
    if rng.random() < 0.7:
        text += eol
    data = text.encode("utf-8", "surrogatepass") if rng.random() < 0.98 else text.encode("latin-1", "replace")
    if rng.random() < 0.05:
        data = b"\xef\xbb\xbf" + data
    if rng.random() < 0.05 and data:
        i = rng.randrange(len(data))
        data = data[:i] + bytes([rng.randrange(256)]) + data[i + 1:]  # one flipped byte
    return data, suffix


def random_json(rng: random.Random) -> tuple[bytes, str]:
    import json

    kind = rng.choice(list(KIND_NAMES))
    cols = KIND_NAMES[kind]

    def value():
        return rng.choice([random_cell(rng), rng.randint(-10**20, 10**20), rng.random() * 1e6, None, True, [1, "a"],
                           {"x": 1}, float("nan") if rng.random() < 0.1 else 0.5])

    recs = [{rng.choice(cols + [random_cell(rng)]): value() for _ in range(rng.randint(0, 6))} for _ in range(rng.randint(0, 20))]
    doc: object = recs if rng.random() < 0.6 else {"results": recs, "meta": {"n": len(recs)}}
    if rng.random() < 0.5:
        text = json.dumps(doc, allow_nan=True, ensure_ascii=rng.random() < 0.5)
        suffix = ".json"
    else:
        text = "\n".join(json.dumps(r, allow_nan=True) for r in recs)
        suffix = ".jsonl"
    data = text.encode()
    if rng.random() < 0.2 and data:
        cut = rng.randrange(len(data))
        data = data[:cut]  # truncated
    return data, suffix


def random_yaml(rng: random.Random) -> tuple[bytes, str]:
    kind = rng.choice(list(KIND_NAMES))
    cols = KIND_NAMES[kind]
    lines = ["# fuzz"] + (["records:"] if rng.random() < 0.5 else [])
    ind = "  " if lines[-1] == "records:" else ""
    for _ in range(rng.randint(0, 15)):
        first = True
        for c in rng.sample(cols, rng.randint(1, len(cols))):
            v = random_cell(rng)
            style = rng.random()
            vs = repr(v) if style < 0.3 else (f'"{v}"' if style < 0.5 else v)
            lines.append(f"{ind}{'- ' if first else '  '}{c}: {vs}")
            first = False
    if rng.random() < 0.05:
        lines.append("a: &a [" + ",".join(["x"] * 10) + "]\nb: &b [" + ",".join(["*a"] * 10) + "]")
    if rng.random() < 0.05:
        lines.append("x: !!python/object/apply:os.system ['true']")
    return "\n".join(lines).encode("utf-8", "replace"), ".yaml"


def random_bytes(rng: random.Random) -> tuple[bytes, str]:
    n = rng.choice([0, 1, 2, 10, 100, 1000, 5000])
    data = bytes(rng.randrange(256) for _ in range(n)) if rng.random() < 0.5 else \
        bytes(rng.choice(b'a,"\n\r\t$;|{}[]:-#&*! \x00\xff\xc3\xa9') for _ in range(n))
    return data, rng.choice(SUFFIXES)


def random_parquet(rng: random.Random) -> tuple[bytes, str]:
    import io

    import pandas as pd

    kind = rng.choice(list(KIND_NAMES))
    cols = rng.sample(KIND_NAMES[kind], rng.randint(1, len(KIND_NAMES[kind])))
    n = rng.randint(0, 12)
    frame = pd.DataFrame({c: [rng.choice([random_cell(rng), None]) for _ in range(n)] if rng.random() < 0.7
                          else [rng.random() * 100 for _ in range(n)] for c in cols})
    buf = io.BytesIO()
    try:
        frame.to_parquet(buf)
    except Exception:  # a value pyarrow cannot store (lone surrogate): just plain bytes then
        return random_bytes(rng)
    data = buf.getvalue()
    if rng.random() < 0.3 and data:
        i = rng.randrange(len(data))
        data = data[:i] + bytes([rng.randrange(256)]) + data[i + 1:]
    return data, ".parquet"


GENERATORS = [random_delimited, random_delimited, random_delimited, random_json, random_yaml, random_bytes, random_parquet]


def random_input(rng: random.Random) -> tuple[bytes, str]:
    return rng.choice(GENERATORS)(rng)


def exercise_readers(data: bytes, suffix: str, folder: str, others: int | None = None,
                     rng: random.Random | None = None) -> None:
    """The reader stage alone: ``data`` is read as its own format and then as every other
    table format (or ``others`` of them, picked by ``rng``). A reader must return a
    ReadResult (table and/or findings) and never raise."""
    from druglint import readers

    rest = [s for s in (".csv", ".tsv", ".txt", ".json", ".jsonl", ".yaml") if s != suffix]
    if others is not None:
        rest = (rng or random).sample(rest, min(others, len(rest)))
    for suf in (suffix, *rest):
        path = os.path.join(folder, "input" + suf)
        if suf == ".parquet":
            Path(path).write_bytes(data)
            res = readers.read(path, "input" + suf)
        else:
            res = readers.read(path, "input" + suf, data)
        assert isinstance(res, readers.ReadResult)
        if res.table is not None:
            t = res.table
            assert len(t.lines) == len(t.frame), f"{suf}: {len(t.lines)} lines for {len(t.frame)} rows"


# ------------------------------------------------------- the library API: odd DataFrames
FRAME_LABELS: list[object] = sum(KIND_NAMES.values(), []) + [0, 1, 2.5, None, True, "", " ", "drug", "drug",
                                                             "\ud800", "x\udfff", b"drug", b"\xff", ("drug", "a")]
FRAME_VALUES: list[object] = CELLS + [None, float("nan"), float("inf"), -0.0, 0, 10**30, True, b"aspirin",
                                      b"\xff\xfe", "war\ud800farin", "\udfff", ("a", 1), ["x"], {"k": 1}]


def random_frame(rng: random.Random):
    """A DataFrame as callers build them: duplicate, non-string and MultiIndex labels,
    categoricals, all-NaN columns, bytes, lone surrogates, mixed types and huge strings."""
    import numpy as np
    import pandas as pd

    rows = rng.choice([0, 1, 2, 3, 5, 8, 30])
    if rng.random() < 0.5:  # a known kind's columns (reaches the schema stage and the rules)
        labels: list[object] = list(rng.choice(list(KIND_NAMES.values())))
        if rng.random() < 0.3:
            labels.append(rng.choice(labels))  # a duplicate, as after a merge
    else:
        labels = [rng.choice(FRAME_LABELS) for _ in range(rng.randint(0, 6))]

    def value() -> object:
        r = rng.random()
        if r < 0.02:
            return "x" * rng.choice([10_000, 200_000, 1_100_000])  # a huge cell (over max-cell-size too)
        if r < 0.5:
            return rng.choice(CELLS)
        return rng.choice(FRAME_VALUES)

    columns = []
    for _ in labels:
        style = rng.random()
        if style < 0.1:
            col = pd.Series([np.nan] * rows, dtype=rng.choice(["float64", "object"]))
        elif style < 0.2:
            col = pd.Series(rng.choices([1.5, 2.0, -1.0, float("nan")], k=rows))
        elif style < 0.3:
            cats = pd.Index(["major", "minor", "warfarin", "\ud800", 7], dtype=object)  # codes: pandas would not infer these
            col = pd.Series(pd.Categorical.from_codes([rng.randint(-1, len(cats) - 1) for _ in range(rows)], categories=cats))
        else:
            col = pd.Series([value() for _ in range(rows)], dtype=object)
        columns.append(col)
    frame = pd.concat(columns, axis=1) if columns else pd.DataFrame(index=range(rows))
    if columns:
        frame.columns = pd.Index(labels, dtype=object, tupleize_cols=False)
    if labels and rng.random() < 0.1:
        frame.columns = pd.MultiIndex.from_tuples([(str(c), "x") for c in range(len(labels))])
    if rng.random() < 0.2:
        frame.index = pd.Index([rng.choice(["a", 1, None]) for _ in range(rows)], dtype=object)  # duplicate labels
    return frame


def exercise_frame(frame, rng: random.Random) -> object:
    """lint_frame through the public API; a Report, or one of the documented errors."""
    import druglint
    from druglint.engine import UsageError

    kind = rng.choice([None, None, "interactions", "side_effects", "dosing"])
    try:
        report = druglint.lint_frame(frame, kind=kind)
    except UsageError as exc:
        assert str(exc) and "\n" not in str(exc)
        return exc
    assert isinstance(report, druglint.Report)
    for v in report.violations:
        str(v.message).encode("utf-8")  # every message is encodable (no lone surrogate leaks out)
    return report
