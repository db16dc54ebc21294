"""What druglint knows about every FDA-approved drug: the knowledge pack.

    from druglint import knowledge
    knowledge.normalise(values)          # the one name normaliser (vectorised) -> ndarray of keys
    kb = knowledge.load(config)          # the shipped pack, loaded once, lazily; None when the
                                         # configuration says ``knowledge = false``
    drugs, hows = kb.resolve_many(names) # drug id (active moiety; "a; b" for a combination) or None
    kb.resolve("Lipitor")                # Resolution(name, drug, how, layer, source, matched) | None
    kb.facts("atorvastatin")             # IngredientFacts: names, products (route, form, strength,
                                         # application, status, each citing its Drugs@FDA record)
    knowledge.strength.parse("EQ 2MG BASE/ML")

The pack is built by ``python -m druglint.knowledge.build`` from Drugs@FDA (public domain)
and the MIT-licensed drug-named-entity-recognition dictionary; ``pack.json`` beside the
data files names the releases. Importing this module is cheap: pandas, pyarrow and the
data files are read on the first ``load()``; ``LOADS`` counts the loads (tests use it).
"""
from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING, Any

from druglint.knowledge.normaliser import key, normalise, spelling

if TYPE_CHECKING:  # pragma: no cover
    from druglint.knowledge.pack import Pack

__all__ = ["load", "normalise", "key", "spelling", "enabled", "data_dir", "LOADS"]

LOADS = 0
_PACK: "Pack | None" = None
_LOCK = threading.Lock()


def data_dir() -> str:
    """The folder of the shipped pack."""
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def enabled(config: Any = None) -> bool:
    """False when the configuration turns the pack off (``knowledge = false``)."""
    return bool(getattr(config, "knowledge", True)) if config is not None else True


def load(config: Any = None) -> "Pack | None":
    """The shipped pack (read once per process), or None when the configuration turns it off."""
    global _PACK, LOADS
    if not enabled(config):
        return None
    if _PACK is None:
        with _LOCK:
            if _PACK is None:
                from druglint.knowledge.pack import Pack

                _PACK = Pack.open(data_dir())
                LOADS += 1
    return _PACK


def loaded() -> bool:
    """True once the pack has been read in this process."""
    return _PACK is not None
