"""``--engine dask``: the same schemas and rules, with the per-chunk work on Dask workers.

A delimited file is cut into record-aligned chunks exactly as in streaming mode; each chunk's
reader, schema stage and row-local rules run on a worker (``lint_delimited_chunk``), and the
results come back in file order to the reducer here, which keeps the bounded whole-table
state (duplicates, pair conflicts) and runs the whole-table rules on the projection, so the
findings are those of the pandas engine. A folder of Parquet files is one dataset: it is
read with ``dask.dataframe.read_parquet`` and each partition is linted on a worker, a row's
"line" being its 1-based position in the whole dataset, as for a single Parquet file.

Local by default (a ``LocalCluster``); ``--scheduler tcp://host:8786`` uses a running
dask.distributed cluster. Workers need druglint installed, and for delimited files the
chunks are sent to them (a Parquet dataset is read by the workers themselves, so it must be
at a path or URL they can reach).
"""
from __future__ import annotations

import os
from collections import deque

import numpy as np
import pandas as pd

from druglint.config import Config
from druglint.model import Report

DEFAULT_CHUNK_ROWS = 250_000


def _require():
    try:
        import dask  # noqa: F401
        import dask.dataframe  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        from druglint.engine import UsageError

        raise UsageError("the dask engine needs dask and distributed: pip install 'druglint[dask]'") from None


def make_client(scheduler: str | None = None, processes: bool = True):
    """A client of ``scheduler``, or of a new local cluster (one worker per core)."""
    _require()
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            return Client(scheduler, timeout="20s"), None
        except OSError as exc:
            from druglint.engine import UsageError

            raise UsageError(f"cannot reach the dask scheduler at {scheduler}: {exc}") from None
    n = os.cpu_count() or 1
    cluster = LocalCluster(n_workers=n if processes else 1, threads_per_worker=1 if processes else n,
                           processes=processes, dashboard_address=None)
    return Client(cluster), cluster


def is_parquet_dataset(path: str) -> bool:
    """A folder whose data files (at any depth, hive partitions included) are all Parquet."""
    if not os.path.isdir(path):
        return False
    found = False
    for root, dirs, files in os.walk(path):
        dirs[:] = [d for d in dirs if not d.startswith((".", "_"))]
        for f in files:
            if f.startswith((".", "_")):
                continue
            if f.lower().endswith((".parquet", ".pq")):
                found = True
            else:
                return False
    return found


def _in_order(client, submit, items, limit: int):
    """Submit ``submit(item)`` futures with at most ``limit`` in flight; results in order."""
    pending: deque = deque()
    for item in items:
        pending.append(submit(item))
        if len(pending) >= limit:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def lint_delimited(path: str, shown: str, config: Config, sel, project, client, chunk_rows: int) -> list:
    from druglint.perf.streaming import lint_delimited_chunk, lint_streamed

    limit = 2 * max(1, len(client.scheduler_info().get("workers", {})) or 1)

    def mapper(chunks, plan):
        return _in_order(client, lambda c: client.submit(lint_delimited_chunk, c, plan, config, sel, None, pure=False),
                         chunks, limit)

    return lint_streamed(path, shown, config, sel, project, chunk_rows, mapper=mapper)


def _as_table(frame: pd.DataFrame, shown: str, offset: int):
    """A Parquet partition as the Parquet reader makes it: text as strings, line = row number."""
    from druglint.readers.table import Table

    frame = frame.reset_index(drop=True)
    for col in frame.columns:
        s = frame[col]
        if s.dtype == object or str(s.dtype).startswith(("str", "string")):
            frame[col] = s.astype("str").where(s.notna(), None)
    return Table(shown, "parquet", frame, np.arange(offset + 1, offset + len(frame) + 1, dtype=np.int64),
                 [str(c) for c in frame.columns], 0)


def lint_partition(frame: pd.DataFrame, offset: int, shown: str, plan, config: Config, sel):
    from druglint.perf.streaming import lint_chunk_table

    return lint_chunk_table(_as_table(frame, shown, offset), plan, config, sel, None)


def lint_parquet_dataset(path: str, shown: str, config: Config, sel, project, client) -> list:
    import dask
    import dask.dataframe as dd

    from druglint import engine
    from druglint.perf.streaming import Plan, Reducer, lint_chunk_table, make_plan
    from druglint.readers.table import Finding

    try:
        ddf = dd.read_parquet(path)
    except Exception as exc:  # pyarrow raises many types for a corrupt dataset
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return engine._findings(shown, [Finding("DL118", 1, 1, f"cannot read Parquet: {first}")], sel, config)
    parts = ddf.to_delayed()
    lengths = client.gather(client.compute([dask.delayed(len)(p) for p in parts]))
    if sum(lengths) == 0:
        return engine._findings(shown, [Finding("DL113", 1, 1, "Parquet file has columns but no rows")], sel, config)
    offsets = np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(int).tolist()
    order = [i for i, n in enumerate(lengths) if n]
    head = client.compute(parts[order[0]]).result()
    table = _as_table(head, shown, offsets[order[0]])
    plan = make_plan(table, path, shown, "parquet", None, config, sel)
    if not isinstance(plan, Plan):
        return engine._findings(shown, [plan], sel, config)
    reducer = Reducer(plan, config, sel, project, shown)
    reducer.feed(lint_chunk_table(table, plan, config, sel, project))
    limit = 2 * max(1, len(client.scheduler_info().get("workers", {})) or 1)
    submit = lambda i: client.compute(dask.delayed(lint_partition)(parts[i], offsets[i], shown, plan, config, sel))  # noqa: E731
    for res in _in_order(client, submit, order[1:], limit):
        reducer.feed(res)
    return reducer.finish()


def lint_paths_dask(paths, config: Config | None = None, select=None, ignore=None, extend_select=None,
                    client=None) -> Report:
    """``lint_paths`` with the Dask engine: same findings as the pandas engine."""
    from druglint import engine, readers
    from druglint.perf.streaming import STREAM_SUFFIXES

    _require()
    config = config or Config()
    sel = engine.Selection(config, select, ignore or [], extend_select or [])
    own = None
    if client is None:
        client, own = make_client(config.extra.get("scheduler"))
    forced = config.extra.get("chunk-size")
    chunk_rows = int(forced) if forced else DEFAULT_CHUNK_ROWS
    project = engine.ProjectContext(config=config)
    report = Report()
    try:
        for p in paths:
            if is_parquet_dataset(p):
                shown = engine.display_path(p)
                report.violations.extend(lint_parquet_dataset(p, shown, config, sel, project, client))
                report.files.append(shown)
                continue
            for f in engine.discover([p], config):
                shown = engine.display_path(f)
                suffix = os.path.splitext(f)[1].lower()
                claimed = False
                if suffix in STREAM_SUFFIXES and readers.format_of(f) is not None:
                    with open(f, "rb") as fh:
                        head = fh.read(4096)
                    claimed = any(h.claims(f, head) for h in engine._handlers())
                if suffix in STREAM_SUFFIXES and not claimed:
                    report.violations.extend(lint_delimited(f, shown, config, sel, project, client, chunk_rows))
                else:
                    report.violations.extend(engine.lint_file(f, config, sel, project))
                report.files.append(shown)
        report.violations.extend(engine.run_project_rules(project, sel))
    finally:
        if own is not None:
            client.close()
            own.close()
    return report
