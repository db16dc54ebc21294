"""Performance helpers: start-up hygiene, streaming of large files, the Dask engine.

``druglint.perf.streaming`` lints files larger than memory in chunks with exact whole-table
rules; ``druglint.perf.dask_engine`` runs the same stages on Dask partitions. This package
imports nothing heavy itself.
"""
from __future__ import annotations

import sys
import types

_PANDERA_READY = False


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
