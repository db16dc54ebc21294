"""The allocator pyarrow uses in a ``druglint check`` process.

pyarrow's default pool (mimalloc in the Linux wheels) keeps memory it has freed for reuse:
reading a 208 MB CSV left ~200 MB more resident than the table needs, for the rest of the
run, and every later stage stacked its own peak on top (1.43 GB peak for that file). jemalloc
(or, where the wheel lacks it, the system allocator) hands freed pages back: 1.21 GB, with
identical findings (docs/reliability.md, "Memory and time"). The command line sets it once,
before anything is read; ``ARROW_DEFAULT_MEMORY_POOL`` in the environment is left to win.
The library API (``lint_frame``, ``lint_paths``) does not change a caller's process-wide pool.
"""
from __future__ import annotations

import os


def use_returning_pool() -> str | None:
    """Switch pyarrow to jemalloc, else the system allocator; the backend's name, or None
    when the user chose one (environment) or pyarrow offers neither."""
    if os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):
        return None
    import pyarrow as pa

    for make in (pa.jemalloc_memory_pool, pa.system_memory_pool):
        try:
            pool = make()
        except (NotImplementedError, AttributeError, pa.ArrowException):
            continue
        pa.set_memory_pool(pool)
        return pool.backend_name
    return None
