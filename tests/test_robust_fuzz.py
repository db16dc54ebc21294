"""Bad input never crashes druglint (issue 8 item 1): hypothesis, bounded, in the default run.

"No crash" means: the whole check returns a Report (findings) or raises a one-line
UsageError (the CLI's exit 2), and every reader returns a ReadResult. Inputs that once
crashed are kept under fixtures/fuzz-regressions/ and replayed here.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import robust_fuzz as F
from druglint.engine import UsageError, lint_frame
from druglint.model import Report

REGRESSIONS = Path(__file__).resolve().parents[1] / "fixtures" / "fuzz-regressions"
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))


def _no_crash(result: object) -> None:
    assert isinstance(result, (Report, UsageError))
    if isinstance(result, Report):
        assert not [v for v in result.violations if v.code == "DL159"], "a rule crashed (DL159)"


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(F.SUFFIXES))
def test_arbitrary_bytes_into_every_reader(tmp_path_factory, data, suffix):
    F.exercise_readers(data, suffix, str(tmp_path_factory.mktemp("r")))


@FUZZ
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(F.SUFFIXES),
       name=st.sampled_from(["interactions", "side_effects", "dosing", "data"]))
def test_arbitrary_bytes_through_the_whole_check(data, suffix, name):
    _no_crash(F.exercise(data, suffix, name=name))


cell_text = st.one_of(
    st.sampled_from(F.CELLS),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20),
    st.text(alphabet='ab,"$\t|;\n\r\x00 ', max_size=12),
)


@FUZZ
@given(header=st.one_of(st.sampled_from(list(F.KIND_NAMES.values())),  # a known kind: reaches schema and rules
                        st.lists(st.one_of(st.sampled_from(sum(F.KIND_NAMES.values(), [])), cell_text), min_size=1, max_size=8)),
       rows=st.lists(st.lists(cell_text, max_size=9), max_size=12),
       delim=st.sampled_from([",", "\t", "$", "|", ";", ":", "\x00"]),
       suffix=st.sampled_from([".csv", ".tsv", ".txt", ".psv"]),
       eol=st.sampled_from(["\n", "\r\n", "\r"]),
       quote=st.sampled_from(["never", "needed", "always", "broken"]),
       name=st.sampled_from(["interactions", "side_effects", "dosing"]))
def test_random_delimited_shapes(header, rows, delim, suffix, eol, quote, name):
    def q(c: str) -> str:
        if quote == "always" or (quote == "needed" and any(x in c for x in (delim, '"', "\n", "\r"))):
            return '"' + c.replace('"', '""') + '"'
        if quote == "broken" and c:
            return '"' + c  # an opening quote never closed
        return c

    text = eol.join(delim.join(q(c) for c in r) for r in [header, *rows]) + eol
    _no_crash(F.exercise(text.encode("utf-8"), suffix, name=name))


@FUZZ
@given(records=st.lists(st.dictionaries(st.one_of(st.sampled_from(sum(F.KIND_NAMES.values(), [])), st.text(max_size=5)),
                                        st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(),
                                                  st.lists(st.integers(), max_size=2)), max_size=7), max_size=10),
       wrap=st.booleans(), jsonl=st.booleans(), name=st.sampled_from(["interactions", "side_effects", "dosing"]))
def test_random_json_records(records, wrap, jsonl, name):
    import json

    if jsonl:
        data, suffix = "\n".join(json.dumps(r) for r in records).encode(), ".jsonl"
    else:
        data, suffix = json.dumps({"results": records} if wrap else records).encode(), ".json"
    _no_crash(F.exercise(data, suffix, name=name))


mixed = st.one_of(st.none(), st.booleans(), st.integers(-10**30, 10**30), st.floats(allow_nan=True, allow_infinity=True),
                  st.text(max_size=10), st.sampled_from(F.CELLS), st.just(float("nan")), st.binary(max_size=4))


@FUZZ
@given(kind=st.sampled_from([None, "interactions", "side_effects", "dosing"]), n=st.integers(0, 8), data=st.data())
def test_mixed_types_in_a_column_through_lint_frame(kind, n, data):
    cols = F.KIND_NAMES[kind or "dosing"]
    frame = pd.DataFrame({c: data.draw(st.lists(mixed, min_size=n, max_size=n)) for c in cols})
    try:
        report = lint_frame(frame, kind=kind)
    except UsageError as exc:
        assert "\n" not in str(exc)
        return
    _no_crash(report)


def test_thousands_of_columns_and_a_very_long_field():
    header = ",".join(["drug", "effect"] + [f"c{i}" for i in range(3000)])
    row = ",".join(["acyclovir", "nausea"] + ["x"] * 3000)
    _no_crash(F.exercise(f"{header}\n{row}\n{row}\n".encode(), ".csv", name="side_effects"))
    long = "drug,effect\nacyclovir," + "n" * 2_000_000 + "\n"
    _no_crash(F.exercise(long.encode(), ".csv", name="side_effects"))


def test_random_generator_smoke():
    """The long run's generators (tests/fuzz_long.py) on a few hundred inputs, with a fixed seed."""
    import random

    rng = random.Random(12345)
    for _ in range(150):
        data, suffix = F.random_input(rng)
        _no_crash(F.exercise(data, suffix, name=rng.choice(["interactions", "side_effects", "dosing"])))


def test_document_workbook_and_derive_generator_smoke(tmp_path):
    """The long run's other generators (tests/robust_fuzz_docs.py): prose through the whole
    check, workbooks through their reader and the whole check, derive inputs through
    derive_files; a few dozen each, fixed seed."""
    import random

    import robust_fuzz_docs as D
    from druglint.derive.run import Outcome

    rng = random.Random(2026)
    for _ in range(30):
        data, suffix = D.random_prose(rng)
        _no_crash(F.exercise(data, suffix, name="warfarin"))
        data, suffix = D.random_workbook(rng)
        _no_crash(F.exercise(data, suffix, name="interactions"))
        data, suffix = D.random_derive_input(rng)
        assert isinstance(D.exercise_derive(data, suffix, str(tmp_path)), Outcome)


@pytest.mark.parametrize("path", sorted(p for p in REGRESSIONS.glob("*") if p.name != "README.md"), ids=lambda p: p.name)
def test_regression_fixtures(path, tmp_path):
    parts = path.name.split(".")
    name = parts[-2] if len(parts) > 2 else "data"
    _no_crash(F.exercise(path.read_bytes(), "." + parts[-1], str(tmp_path), name=name))
    F.exercise_readers(path.read_bytes(), "." + parts[-1], str(tmp_path))
