"""Drugs@FDA tables of one folder as seen by the cross-file rules (DL140-DL141); not a rule itself."""
from __future__ import annotations

from collections import defaultdict

from druglint.rules.realdata._tables import Seen, tables


def folders(project) -> dict[str, dict[str, Seen]]:
    """folder -> table (Products, Applications, MarketingStatus, MarketingStatus_Lookup, TE)."""
    out: dict[str, dict[str, Seen]] = defaultdict(dict)
    for seen in tables(project):
        role = seen.preset.role if seen.preset is not None else ""
        if role.startswith("drugsatfda:"):
            out[seen.group][role.split(":", 1)[1]] = seen
    return out
