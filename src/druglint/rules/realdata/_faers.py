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
