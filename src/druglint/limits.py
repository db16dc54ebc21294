"""Resource limits (issue 8 item 3): files and cells too large, files too slow.

Configured under ``limits`` (druglint.yaml or ``[tool.druglint.limits]``)::

    limits:
      max-file-size: 1GB      # larger files are reported (DL150), never read (but see below)
      max-cell-size: 1MB      # longer cells are reported (DL151) and not checked further
      time-per-file: 120      # seconds; rules still to run are skipped and reported (DL152)

Sizes are a number of bytes or a number with B, KB, MB, GB (powers of 1024); 0 or
``none`` switches a limit off. The default file limit guards reading a file in one piece
(pandas needs several times its size): a delimited file over it is streamed instead, in
chunks, with memory bounded by the rules' states (``perf/streaming``), so a FAERS-scale
extract is checked, not refused. A ``max-file-size`` written in the config is a deliberate
cap and refuses every file over it, streamable or not. The time limit is cooperative: it is checked after reading,
after the schema stage and after each rule, so one slow pandas call runs to its end, but a
file never holds the run for more than the limit plus one stage.
"""
from __future__ import annotations

import contextvars
import os
import re
import time
from dataclasses import dataclass, field

from druglint.config import Config, ConfigError

DEFAULT_MAX_FILE = 1024**3  # 1 GiB: pandas needs several times a file's size in memory
DEFAULT_MAX_CELL = 1024**2  # 1 MiB of text in one cell is a document, not a value
_UNITS = {"": 1, "b": 1, "k": 1024, "kb": 1024, "kib": 1024, "m": 1024**2, "mb": 1024**2, "mib": 1024**2,
          "g": 1024**3, "gb": 1024**3, "gib": 1024**3}
KEYS = {"max-file-size", "max-cell-size", "time-per-file"}


@dataclass(frozen=True)
class Limits:
    max_file_size: int | None = DEFAULT_MAX_FILE
    max_cell_size: int | None = DEFAULT_MAX_CELL
    time_per_file: float | None = None
    # True while max_file_size is the default, not a value the config wrote (see the module doc)
    file_size_default: bool = field(default=True, compare=False)


def _size(value: object, key: str, cfg: Config) -> int | None:
    line = cfg.line_of("limits") if callable(cfg.line_of) else None
    if value is None or (isinstance(value, str) and value.strip().lower() in ("none", "off")):
        return None
    if isinstance(value, bool):
        raise ConfigError(f"'limits.{key}' must be a size such as 500MB, not {value!r}", cfg.path, line)
    if isinstance(value, (int, float)):
        n = int(value)
    else:
        m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*", str(value))
        if not m or m.group(2).lower() not in _UNITS:
            raise ConfigError(f"'limits.{key}' must be a size such as 500MB or 2GB, not {value!r}", cfg.path, line)
        n = int(float(m.group(1)) * _UNITS[m.group(2).lower()])
    if n < 0:
        raise ConfigError(f"'limits.{key}' must not be negative", cfg.path, line)
    return n or None


def of(cfg: Config) -> Limits:
    """The limits configured in ``cfg`` (validated; ConfigError names the line)."""
    raw = cfg.extra.get("limits")
    if raw is None:
        return Limits(max_file_size=DEFAULT_MAX_FILE)
    line = cfg.line_of("limits") if callable(cfg.line_of) else None
    if not isinstance(raw, dict):
        raise ConfigError("'limits' must map max-file-size, max-cell-size and time-per-file to values", cfg.path, line)
    given = {str(k).replace("_", "-"): v for k, v in raw.items()}
    unknown = sorted(set(given) - KEYS)
    if unknown:
        raise ConfigError(f"'limits' has unknown key {unknown[0]!r} (expected {', '.join(sorted(KEYS))})", cfg.path, line)
    seconds = given.get("time-per-file")
    if seconds is not None and not (isinstance(seconds, str) and seconds.strip().lower() in ("none", "off")):
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or seconds < 0:
            raise ConfigError(f"'limits.time-per-file' must be a number of seconds, not {seconds!r}", cfg.path, line)
        seconds = float(seconds) or None
    else:
        seconds = None
    return Limits(
        max_file_size=_size(given["max-file-size"], "max-file-size", cfg) if "max-file-size" in given else DEFAULT_MAX_FILE,
        max_cell_size=_size(given["max-cell-size"], "max-cell-size", cfg) if "max-cell-size" in given else DEFAULT_MAX_CELL,
        time_per_file=seconds,
        file_size_default="max-file-size" not in given,
    )


def human(n: int) -> str:
    for unit, size in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if n >= size:
            return f"{n / size:.1f} {unit}".replace(".0 ", " ")
    return f"{n} bytes"


def streams_over_limit(path: str, lim: Limits) -> bool:
    """True when ``path`` is over the *default* file limit and will be streamed instead of
    refused: a delimited file (its memory is bounded by the rules' states, not its size)."""
    from druglint.perf.streaming import STREAM_SUFFIXES

    return lim.file_size_default and os.path.splitext(path)[1].lower() in STREAM_SUFFIXES


def file_too_large(path: str, lim: Limits):
    """A DL150 Finding when the file is over the limit (checked with stat, before reading)."""
    from druglint.readers import Finding

    if lim.max_file_size is None:
        return None
    try:
        size = os.stat(path).st_size
    except OSError:
        return None  # the read reports it
    if size <= lim.max_file_size:
        return None
    return Finding("DL150", 1, 1, f"file is {human(size)}, over the {human(lim.max_file_size)} limit "
                                  "(limits.max-file-size); not read")


def oversized_cells(table, lim: Limits, most: int = 20, text_bytes: int | None = None) -> list:
    """DL151 Findings for text cells over the limit; those cells are emptied so that no rule
    spends time on them. Vectorised: one ``str.len`` per text column. ``text_bytes``, the
    size of a text file the table was read from, bounds every cell: a file within the limit
    needs no look (most files of a pre-commit run)."""
    import numpy as np

    from druglint.readers import Finding

    if lim.max_cell_size is None or len(table.frame) == 0:
        return []
    if text_bytes is not None and text_bytes <= lim.max_cell_size:
        return []
    out: list = []
    frame = table.frame
    for pos, col in enumerate(frame.columns):
        s = frame[col]
        if s.dtype != object and not str(s.dtype).startswith("str"):
            continue
        lengths = s.str.len()
        over = (lengths > lim.max_cell_size).fillna(False).to_numpy(dtype=bool)
        if not over.any():
            continue
        rows = np.flatnonzero(over)
        for r in rows[: max(most - len(out), 0)].tolist():
            out.append(Finding("DL151", int(table.lines[r]) if len(table.lines) > r else 1, pos + 1,
                               f"cell in column {str(col)!r} holds {int(lengths.iloc[r]):,} characters, over the "
                               f"{lim.max_cell_size:,} limit (limits.max-cell-size); not checked further"))
        frame.loc[over, col] = None
        # the emptied cells are not "missing" (DL103): the engine drops that finding there
        if len(table.lines):
            table.meta.setdefault("oversized_cells", set()).update(
                (line, pos + 1) for line in np.asarray(table.lines, dtype=np.int64)[rows].tolist())
    return out


def blank_long_lines(data: bytes, lim: Limits, most: int = 20) -> tuple[bytes, list]:
    """(``data`` with every line over max-cell-size emptied, DL151 Findings for them). For
    text documents, where a line plays the part of a cell: a 100 MB line would otherwise
    be tokenised word by word (minutes, and many times its size in memory). Line numbers
    are kept (the newline stays)."""
    import numpy as np

    from druglint.readers import Finding

    if lim.max_cell_size is None or len(data) <= lim.max_cell_size:
        return data, []
    nl = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 10)
    starts = np.concatenate(([0], nl + 1))
    ends = np.concatenate((nl, [len(data)]))
    long = np.flatnonzero(ends - starts > lim.max_cell_size)
    if long.size == 0:
        return data, []
    pieces, pos, out = [], 0, []
    for i in long.tolist():
        s, e = int(starts[i]), int(ends[i])
        pieces.append(data[pos:s])
        pos = e
        if len(out) < most:
            out.append(Finding("DL151", i + 1, 1, f"line holds {e - s:,} bytes, over the {lim.max_cell_size:,} limit "
                                                  "(limits.max-cell-size); not checked"))
    pieces.append(data[pos:])
    return b"".join(pieces), out


# ------------------------------------------------------------------------- time limit
_DEADLINE: contextvars.ContextVar[tuple[float, float] | None] = contextvars.ContextVar("druglint_deadline", default=None)


def start(lim: Limits) -> contextvars.Token:
    """Start the clock for one file (the engine calls this before reading it)."""
    value = (time.monotonic() + lim.time_per_file, lim.time_per_file) if lim.time_per_file else None
    return _DEADLINE.set(value)


def stop(token: contextvars.Token) -> None:
    _DEADLINE.reset(token)


def expired() -> bool:
    d = _DEADLINE.get()
    return d is not None and time.monotonic() > d[0]


def timed_out(line: int, skipped: list[str]):
    from druglint.readers import Finding

    d = _DEADLINE.get()
    limit = d[1] if d else 0
    names = ", ".join(skipped[:8]) + (f" and {len(skipped) - 8} more" if len(skipped) > 8 else "")
    return Finding("DL152", line, 1, f"checking this file took longer than {limit:g} s (limits.time-per-file); "
                                     f"skipped: {names or 'nothing'}")
