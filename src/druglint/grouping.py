"""Grouping helpers shared by rules: integer keys, first occurrences (not a rule)."""
from __future__ import annotations

import numpy as np


def first_positions(codes: np.ndarray) -> np.ndarray:
    """For codes from ``pandas.factorize`` (numbered in order of first appearance): the
    position where each code first occurs, code k at index k."""
    seen = np.maximum.accumulate(np.concatenate([[-1], codes]))
    return np.flatnonzero(seen[1:] > seen[:-1])
