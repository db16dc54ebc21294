"""``--engine dask``: the same schemas and rules, with the work and the rules' states on Dask workers.

A delimited file is cut into record-aligned chunks exactly as in streaming mode. Phase one,
on the workers: each chunk's reader, schema stage, row rules and the partial state of every
whole-table rule (``druglint.execute.partials``); the states are merged on the workers,
pairwise, as a tree (``execute.merge_states``). Phase two, on the workers: each chunk is read
again and judged against the merged state, which stays on the cluster (``execute.judge``);
rules whose state must be complete run once on a worker (``execute.finish``). The client
receives findings only. A folder of Parquet files is one dataset: it is read with
``dask.dataframe.read_parquet``, each partition by the worker that lints it, a row's "line"
being its 1-based position in the whole dataset, as for a single Parquet file.

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


def _in_order(submit, items, limit: int):
    """Submit ``submit(item)`` futures with at most ``limit`` in flight; results in order."""
    pending: deque = deque()
    for item in items:
        pending.append(submit(item))
        if len(pending) >= limit:
            yield pending.popleft()
    while pending:
        yield pending.popleft()


# ------------------------------------------------------------------ on the workers
def _table_of(source, plan):
    """(reader findings, Table or None) of one part: a streamed chunk or a Parquet partition."""
    from druglint.perf.streaming import Chunk, read_chunk

    if isinstance(source, Chunk):
        return read_chunk(source, plan.shown, plan.fmt, plan.delimiter, plan.header_line)
    frame, offset = source
    return [], _as_table(frame, plan.shown, offset)


def _worker_project(config: Config):
    """A project of one part on a worker: it records which waivers the part's findings used
    (``suppress.waivers.usage``), sent back to the client's project with the findings."""
    from druglint.context import ProjectContext

    return ProjectContext(config=config)


def phase_one(source, plan, config: Config, sel):
    """One part: (reader findings, schema and row-rule findings, the part's rule states,
    the waivers' usage)."""
    from druglint import execute
    from druglint.perf.streaming import chunk_context
    from druglint.suppress.waivers import usage

    findings, table = _table_of(source, plan)
    if table is None:
        return findings, [], {}, None
    project = _worker_project(config)
    ctx, schema = chunk_context(table, plan, config, sel, project)
    rules = plan.rules()
    found = schema + execute.judge([r for r in rules if r.row], ctx, None, sel)
    return findings, found, execute.partials(rules, ctx), usage(project)


def phase_two(source, plan, config: Config, sel, states):
    """One part judged by the ordered-state rules against the merged states of all parts."""
    from druglint import execute
    from druglint.perf.streaming import chunk_context

    from druglint.suppress.waivers import usage

    _, table = _table_of(source, plan)
    if table is None:
        return [], None
    project = _worker_project(config)
    ctx, _ = chunk_context(table, plan, config, sel, project)
    ordered = [r for r in plan.rules() if r.state is not None and r.state.ordered]
    return execute.judge(ordered, ctx, states, sel), usage(project)


def merge(plan, a, b):
    from druglint import execute

    return execute.merge_states(plan.rules(), a, b)


def finish(plan, config: Config, sel, states):
    """The rules whose state must be complete, on the rows their states kept (and the
    waivers' usage)."""
    from druglint import execute
    from druglint.suppress.waivers import usage

    project = _worker_project(config)
    template = plan_context(plan, config)
    template.project = project
    return execute.finish(plan.rules(), states, template, sel), usage(project)


def project_part(plan, states):
    """The merged states the project rules read: the only states the client receives."""
    from druglint import execute

    return execute.project_states(plan.rules(), states)


def plan_context(plan, config: Config):
    """A context without rows for the plan's table (what ``execute.finish`` builds on)."""
    import pandas as pd

    from druglint.context import TableContext
    from druglint.readers.table import Table

    empty = pd.DataFrame({c: pd.Series([], dtype=object) for c in plan.columns})
    table = Table(plan.shown, plan.fmt, empty, np.zeros(0, dtype=np.int64), plan.header, plan.header_line, plan.delimiter)
    return TableContext(table, plan.kind_name, empty, empty, config, plan.columns, None)


# ------------------------------------------------------------------- on the client
def _tree(client, plan, futures: list):
    """Merge the parts' states on the workers, pairwise, until one is left (a future)."""
    while len(futures) > 1:
        nxt = [client.submit(merge, plan, futures[i], futures[i + 1], pure=False) for i in range(0, len(futures) - 1, 2)]
        if len(futures) % 2:
            nxt.append(futures[-1])
        futures = nxt
    return futures[0] if futures else None


def _distributed(client, reducer, plan, config: Config, sel, sources, limit: int) -> list:
    """Both phases over ``sources()`` (called twice: parts are read again for the second).
    The client holds reader findings and findings; states stay on the workers."""
    from operator import itemgetter

    from druglint.perf.streaming import Chunk
    from druglint.suppress.waivers import absorb

    def placed(src):
        # a chunk goes to a worker first: a task's own arguments stay in the client for as long
        # as the task's dependents live (measured: +40 MB per chunk, the whole file at the end)
        return client.scatter(src, direct=True) if isinstance(src, Chunk) else src

    states = []
    for fut in _in_order(lambda src: client.submit(phase_one, placed(src), plan, config, sel, pure=False), sources(),
                         limit):
        findings, found, used = client.gather([client.submit(itemgetter(i), fut) for i in (0, 1, 3)])
        reducer.findings(findings)
        reducer.violations(found)
        absorb(reducer.project, used)
        states.append(client.submit(itemgetter(2), fut))
        # a running merge keeps the number of state futures small
        while len(states) >= 2 * limit:
            states = [_tree(client, plan, states[:limit])] + states[limit:]
    total = _tree(client, plan, states)
    if total is None:
        return []
    out: list = []
    if any(r.state is not None and r.state.ordered for r in plan.rules()):
        for fut in _in_order(lambda src: client.submit(phase_two, placed(src), plan, config, sel, total, pure=False),
                             sources(), limit):
            found, used = fut.result()
            reducer.violations(found)
            absorb(reducer.project, used)
    found, used = client.submit(finish, plan, config, sel, total, pure=False).result()
    out.extend(found)
    absorb(reducer.project, used)
    reducer.project_states = client.submit(project_part, plan, total, pure=False).result()
    return out


def lint_delimited(path: str, shown: str, config: Config, sel, project, client, chunk_rows: int) -> list:
    from druglint.perf.streaming import iter_chunks, open_streamed

    done, started = open_streamed(path, shown, config, sel, project, chunk_rows)
    if started is None:
        return done
    reducer, _chunks, _fmt, delimiter, findings, table, plan = started
    reducer.findings([f for f in findings if f.code == "DL120"])  # the header's, found here (the rest come again)
    quoting = delimiter != "$"
    limit = 2 * max(1, len(client.scheduler_info().get("workers", {})) or 1)
    late = _distributed(client, reducer, plan, config, sel, lambda: iter_chunks(path, chunk_rows, delimiter, quoting), limit)
    reducer.template = _streamed_template(plan, config, project, table.meta)
    return reducer.finish(late)


def _streamed_template(plan, config: Config, project, meta=None):
    """The table as the project sees it: its header (and what the reader noted of it, e.g. a
    header it replaced) and no rows; ``reducer.finish`` gives it the project rules' states."""
    ctx = plan_context(plan, config)
    ctx.project = project
    ctx.table.meta.update({k: v for k, v in (meta or {}).items() if k != "cell_lines"})
    ctx.table.meta["streamed"] = True
    return ctx


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


def _head(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.head(1)


def lint_parquet_dataset(path: str, shown: str, config: Config, sel, project, client) -> list:
    import dask
    import dask.dataframe as dd

    from druglint.context import findings_to_violations
    from druglint.perf.streaming import Reducer, make_plan
    from druglint.readers.table import Finding

    try:
        ddf = dd.read_parquet(path)
    except Exception as exc:  # pyarrow raises many types for a corrupt dataset
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return findings_to_violations(shown, [Finding("DL118", 1, 1, f"cannot read Parquet: {first}")], sel, config)
    parts = ddf.to_delayed()
    lengths = client.gather(client.compute([dask.delayed(len)(p) for p in parts]))
    if sum(lengths) == 0:
        return findings_to_violations(shown, [Finding("DL113", 1, 1, "Parquet file has columns but no rows")], sel, config)
    offsets = np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(int).tolist()
    order = [i for i, n in enumerate(lengths) if n]
    head = client.compute(dask.delayed(_head)(parts[order[0]])).result()
    head_table = _as_table(head, shown, offsets[order[0]])
    plan, header = make_plan(head_table, path, shown, "parquet", None, config, sel)
    if plan is None:
        return findings_to_violations(shown, header, sel, config)
    reducer = Reducer(plan, config, sel, project, shown)
    reducer.findings(header)
    limit = 2 * max(1, len(client.scheduler_info().get("workers", {})) or 1)

    def sources():  # each partition is read on a worker, once per phase
        for i in order:
            yield client.compute(dask.delayed(lambda f, o: (f, o))(parts[i], offsets[i]))

    late = _distributed(client, reducer, plan, config, sel, sources, limit)
    reducer.template = _streamed_template(plan, config, project, head_table.meta)
    return reducer.finish(late)


def lint_paths_dask(paths, config: Config | None = None, select=None, ignore=None, extend_select=None,
                    client=None) -> Report:
    """``lint_paths`` with the Dask engine: same findings as the pandas engine."""
    from druglint import engine, limits, readers
    from druglint.perf.streaming import STREAM_SUFFIXES

    _require()
    config = config or Config()
    sel = engine.Selection(config, select, ignore or [], extend_select or [])
    own = None
    if client is None:
        client, own = make_client(config.extra.get("scheduler"))
    forced = config.extra.get("chunk-size")
    chunk_rows = int(forced) if forced else DEFAULT_CHUNK_ROWS
    # the run's files first: a cross-file project rule keeps no state when there is no other file
    runs = [(p, None) if is_parquet_dataset(p) else (p, engine.discover([p], config)) for p in paths]
    project = engine.ProjectContext(config=config, extras={"files": [f for p, fs in runs for f in ([p] if fs is None else fs)]})
    report = Report()
    lim = limits.of(config)
    try:
        for p, found in runs:
            if found is None:
                shown = engine.display_path(p)
                report.violations.extend(lint_parquet_dataset(p, shown, config, sel, project, client))
                report.files.append(shown)
                continue
            for f in found:
                shown = engine.display_path(f)
                suffix = os.path.splitext(f)[1].lower()
                claimed = False
                if suffix in STREAM_SUFFIXES and readers.format_of(f) is not None:
                    with open(f, "rb") as fh:
                        head = fh.read(4096)
                    claimed = any(h.claims(f, head) for h in engine._handlers())
                too_big = limits.file_too_large(f, lim) if suffix in STREAM_SUFFIXES and not claimed else None
                if too_big is not None and not limits.streams_over_limit(f, lim):  # a cap the config wrote
                    report.violations.extend(engine._findings(shown, [too_big], sel, config))
                elif suffix in STREAM_SUFFIXES and not claimed:
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
