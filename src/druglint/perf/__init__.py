"""Performance helpers: start-up hygiene, streaming of large files, the Dask engine.

``druglint.perf.streaming`` lints files larger than memory in chunks with exact whole-table
rules; ``druglint.perf.dask_engine`` runs the same stages on Dask partitions. This package
imports nothing heavy itself.
"""
from __future__ import annotations

import sys
import types

_PANDERA_READY = False
# Set by the command line: the process is druglint's own, so pandera need not import
# hypothesis (~0.1 s), which it uses only to synthesise test data. Libraries and the pytest
# plugin leave it off: their process may use hypothesis itself.
LEAN_PROCESS = False


def import_pandera():
    """``pandera.pandas``, imported without dask (always) and without hypothesis (in a
    druglint process)."""
    if LEAN_PROCESS and "pandera" not in sys.modules and "hypothesis" not in sys.modules:
        sys.modules["hypothesis"] = None  # type: ignore[assignment]  # makes 'import hypothesis' fail
        try:
            import pandera.pandas  # noqa: F401
            import pandera.backends.pandas.builtin_checks  # noqa: F401  (loaded at the first validate)
            import pandera.strategies.pandas_strategies  # noqa: F401
        finally:
            if "hypothesis" in sys.modules and sys.modules["hypothesis"] is None:
                del sys.modules["hypothesis"]
    pandera_without_dask_typing()
    import pandera.pandas as pa

    return pa


def pandera_without_dask_typing() -> None:
    """Keep ``import dask.dataframe`` (0.5-2 s) off the start-up path.

    When dask is installed (the ``druglint[dask]`` extra), pandera imports
    ``dask.dataframe`` the first time it builds any DataFrameModel, only to learn dask's
    Series/Index/DataFrame annotation types. druglint's models annotate pandas types only,
    so the three cached type sets are computed once with a stand-in that says dask is
    absent; the stand-in is removed at once, so a later real ``pandera.typing.dask``
    import is unaffected. Does nothing if dask or pandera's dask typing is already loaded.
    """
    global _PANDERA_READY
    if _PANDERA_READY:
        return
    _PANDERA_READY = True
    name = "pandera.typing.dask"
    if name in sys.modules or "dask.dataframe" in sys.modules:
        return
    stub = types.ModuleType(name)
    stub.DASK_INSTALLED = False  # type: ignore[attr-defined]
    sys.modules[name] = stub
    try:
        import pandera.typing as pt

        for fn in ("get_dataframe_types", "get_series_types", "get_index_types"):
            getter = getattr(pt, fn, None)
            if getter is not None:
                getter()
    except Exception:  # a pandera without these helpers: nothing to prepare
        pass
    finally:
        if sys.modules.get(name) is stub:
            del sys.modules[name]
        pkg = sys.modules.get("pandera.typing")
        if pkg is not None and getattr(pkg, "dask", None) is stub:
            delattr(pkg, "dask")
