"""Stage timings for profiling: ``DRUGLINT_TIMINGS=1 druglint check ...`` prints, on stderr
at exit, the seconds spent reading, in the schema stage and in each rule, summed over files,
and by how much each stage raised the process's peak memory (max RSS).

Off by default and then free: ``stage`` returns a shared no-op context manager.
"""
from __future__ import annotations

import atexit
import contextlib
import os
import sys
import time
from collections import defaultdict

ENABLED = bool(os.environ.get("DRUGLINT_TIMINGS"))
_TOTALS: dict[str, float] = defaultdict(float)
_PEAK_RISE: dict[str, float] = defaultdict(float)  # MB
_NULL = contextlib.nullcontext()


class _Timer:
    __slots__ = ("name", "t0", "peak0")

    def __init__(self, name: str) -> None:
        self.name = name

    def __enter__(self) -> None:
        self.peak0 = _peak_mb()
        self.t0 = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        _TOTALS[self.name] += time.perf_counter() - self.t0
        _PEAK_RISE[self.name] += _peak_mb() - self.peak0


def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def stage(name: str):
    """Context manager timing ``name`` when timings are on."""
    return _Timer(name) if ENABLED else _NULL


def _report() -> None:
    if not _TOTALS:
        return
    width = max(map(len, _TOTALS))
    lines = [f"{name:<{width}}  {sec:8.3f} s  peak +{_PEAK_RISE[name]:6.0f} MB"
             for name, sec in sorted(_TOTALS.items(), key=lambda kv: -kv[1])]
    lines.append(f"{'peak RSS':<{width}}  {_peak_mb():8.0f} MB")
    print("druglint timings (process start to exit not included):", *lines, sep="\n  ", file=sys.stderr)


if ENABLED:
    atexit.register(_report)
