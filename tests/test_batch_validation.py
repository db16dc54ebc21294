"""Small tables are validated by pandera in batches (engine._Batch, kinds.schema.validate_many).
A batch must give each file exactly the findings its own pandera call would give."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from druglint import engine
from druglint.engine import lint_paths as lint
from druglint.kinds import KINDS
from druglint.kinds.schema import type_frame, validate, validate_many

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _found(report) -> list[tuple]:
    return sorted((v.path, v.line, v.column, v.code, v.message) for v in report.violations)


def _copy_fixtures(tmp_path: Path) -> Path:
    """Every table fixture of the three kinds, including the ones with a missing column."""
    for kind in ("interactions", "side_effects", "dosing"):
        for src in sorted((FIXTURES / kind).glob("*.csv")):
            shutil.copy(src, tmp_path / f"{kind}-{src.name}")
    return tmp_path


def _count_pandera_calls(monkeypatch) -> list[int]:
    from druglint.kinds import schema

    calls = [0]
    real = schema._failure_cases

    def counted(typed, kind):
        calls[0] += 1
        return real(typed, kind)

    monkeypatch.setattr(schema, "_failure_cases", counted)
    return calls


def test_batched_run_equals_one_file_at_a_time(tmp_path, monkeypatch):
    folder = _copy_fixtures(tmp_path)
    calls = _count_pandera_calls(monkeypatch)
    batched = _found(lint([str(folder)]))
    files = len(list(folder.iterdir()))
    assert len({v[0] for v in batched}) >= 10
    batched_calls, calls[0] = calls[0], 0
    monkeypatch.setattr(engine, "BATCH_MAX_ROWS", -1)  # every table validated alone
    alone = _found(lint([str(folder)]))
    assert batched == alone
    assert calls[0] >= files - 2  # alone: one pandera call per table (a file may have no kind)
    assert batched_calls <= calls[0] - 5  # files of one kind and layout shared a pandera call


def _typed(csv: str, kind: str) -> pd.DataFrame:
    raw = pd.read_csv(__import__("io").StringIO(csv), dtype="str", keep_default_na=False).replace("", None)
    typed, _ = type_frame(raw, KINDS[kind])
    return typed


def test_validate_many_splits_failures_back_to_their_frames():
    kind = KINDS["interactions"]
    frames = [
        _typed("drug_a,drug_b,severity\nwarfarin,aspirin,major\n", "interactions"),
        _typed("drug_a,drug_b,severity\nwarfarin,aspirin,catastrophic\nx,y,minor\n,y,minor\n", "interactions"),
        _typed("drug_a,drug_b,severity\nx,y,severe-ish\n", "interactions"),
    ]
    batched = validate_many(frames, kind)
    for frame, got in zip(frames, batched):
        want = validate(frame, kind)
        norm = lambda parts: sorted(map(tuple, pd.concat(parts).astype(str).values.tolist())) if parts else []  # noqa: E731
        assert norm(got) == norm(want)
    assert batched[0] == []
    rows = pd.concat(batched[1])
    assert sorted(zip(rows["row"], rows["code"])) == [(0, "DL104"), (2, "DL103")]
    assert list(pd.concat(batched[2])["row"]) == [0]


def test_table_level_failure_falls_back_to_one_call_per_frame():
    kind = KINDS["interactions"]
    # no severity column: a failure with no row, which a batch cannot attribute by position
    frames = [_typed("drug_a,drug_b\nwarfarin,aspirin\n", "interactions"),
              _typed("drug_a,drug_b\nx,y\n", "interactions")]
    for got in validate_many(frames, kind):
        codes = list(pd.concat(got)["code"])
        assert codes == ["DL101"]


@pytest.mark.parametrize("budget", [1, 3])
def test_small_budget_flushes_early_with_the_same_findings(tmp_path, monkeypatch, budget):
    folder = _copy_fixtures(tmp_path)
    want = _found(lint([str(folder)]))
    monkeypatch.setattr(engine, "BATCH_BUDGET_ROWS", budget)
    assert _found(lint([str(folder)])) == want
