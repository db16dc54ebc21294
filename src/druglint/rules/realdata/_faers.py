"""FAERS quarters as seen by the cross-file rules (DL135-DL137); not a rule itself."""
from __future__ import annotations

from collections import defaultdict

from druglint.rules.realdata._tables import Seen, tables


def quarters(project) -> dict[str, dict[str, Seen]]:
    """group (folder + quarter tag) -> role (DEMO, DRUG, REAC...) -> table."""
    out: dict[str, dict[str, Seen]] = defaultdict(dict)
    for seen in tables(project):
        role = seen.preset.role if seen.preset is not None else ""
        if role.startswith("faers:"):
            out[seen.group][role.split(":", 1)[1]] = seen
    return out


def key_column(seen: Seen) -> str | None:
    for k in ("primaryid", "isr"):
        if k in seen.frame.columns:
            return k
    return None


def date_bounds(cells) -> tuple["np.ndarray", "np.ndarray"]:
    """FAERS dates are partial: YYYY, YYYYMM or YYYYMMDD (ASCII_README). Per cell, the
    earliest and latest day it can mean as YYYYMMDD integers (-1 when empty or not a date);
    decided once per distinct value."""
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(cells)
    lo = np.full(len(uniques) + 1, -1, dtype=np.int64)
    hi = np.full(len(uniques) + 1, -1, dtype=np.int64)
    for i, u in enumerate(uniques):  # distinct dates only
        s = str(u).strip()
        if not s.isdigit() or len(s) not in (4, 6, 8):
            continue
        if len(s) == 4:
            lo[i], hi[i] = int(s + "0101"), int(s + "1231")
        elif len(s) == 6:
            lo[i], hi[i] = int(s + "01"), int(s + "31")
        else:
            lo[i] = hi[i] = int(s)
    return lo[codes], hi[codes]


def column_number(seen: Seen, name: str) -> int:
    header = [str(h).lower() for h in seen.table.header]
    return header.index(name) + 1 if name in header else 1
