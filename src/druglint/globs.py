"""Path globs as the configuration writes them (``per-file-ignores``, ``kinds``, waivers).

A module of its own, importing nothing of druglint, so that readers and the suppression
package can match paths without importing the configuration.
"""
from __future__ import annotations

import fnmatch
import re


def glob_match(rel: str, pattern: str) -> bool:
    """Match a posix relative path: ``**`` spans folders; a pattern without '/' also
    matches the file name alone."""
    if "/" not in pattern and fnmatch.fnmatch(rel.rsplit("/", 1)[-1], pattern):
        return True
    regex = re.escape(pattern).replace(r"\*\*/", "(?:.*/)?").replace(r"\*\*", ".*").replace(r"\*", "[^/]*").replace(r"\?", "[^/]")
    return re.fullmatch(regex, rel) is not None or re.fullmatch(regex, "./" + rel) is not None
