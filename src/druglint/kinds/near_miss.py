"""Header near-misses (reported as DL120, ``rules/file/header_near_miss.py``).

Never green on a file that was not checked: when a header name is one edit away from a
canonical column ("drugb" for ``drug_b``, "efect" for ``effect``), druglint says so with a
did-you-mean instead of quietly reading the column as an unknown extra one (its values
then go unchecked) or, when the kind cannot be told without it, skipping the whole file at
info level. A delimited file whose header splits into canonical columns only with another
delimiter ("Drug A;Drug B;Severity" in a ``.csv``) is read with that delimiter, with a hint.

Near means: equal once ``_`` is ignored ("drugb", "doseunit"), or one insertion, deletion,
substitution or transposition away from a canonical name of at least five letters (short
names such as ``date`` and ``dose`` have too many innocent neighbours: "rate", "data"). A
name near two canonical columns ("drug_c") is not a misspelling of either and is left alone.
Work is per header name, never per row.
"""
from __future__ import annotations

from druglint.readers.table import Finding, Table

MIN_LEN = 5  # canonical names shorter than this need an exact match (or an underscore away)
_DELIMITER_NAMES = {",": "commas", "\t": "tabs", ";": "semicolons", "|": "pipes", "$": "dollar signs"}


def _one_edit(a: str, b: str) -> bool:
    """Damerau-Levenshtein distance exactly 1 (an adjacent transposition counts as one)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        if a[i + 1:] == b[i + 1:]:
            return True  # one substitution
        return i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2:] == b[i + 2:]
    return a[i:] == b[i + 1:]  # one insertion into a


def canonical_columns(kind: str | None = None) -> list[str]:
    from druglint.kinds import KINDS

    kinds = [KINDS[kind]] if kind else list(KINDS.values())
    return list(dict.fromkeys(c.name for k in kinds for c in k.columns))


def suggestion(name: str, candidates: list[str]) -> str | None:
    """The one canonical column ``name`` nearly is, or None (none, or more than one)."""
    from druglint.kinds import canonical_name

    n = canonical_name(str(name))
    if n in candidates:
        return None
    squashed = n.replace("_", "")
    near = [c for c in candidates
            if squashed == c.replace("_", "") or (len(c) >= MIN_LEN and _one_edit(n, c))]
    return near[0] if len(near) == 1 else None


def extra_columns(table: Table, kind: str, columns: dict[str, str], header_line: int) -> list[Finding]:
    """Columns of a file of a known kind that are one edit from one of its canonical
    columns the file lacks: their values would go unchecked."""
    missing = [c for c in canonical_columns(kind) if c not in columns]
    known = set(canonical_columns())
    mapped = {name for canon, name in columns.items() if canon in known}
    out = []
    for i, name in enumerate(table.header, start=1):
        if name in mapped:
            continue
        near = suggestion(name, missing)
        if near is not None:
            out.append(Finding("DL120", header_line, i,
                               f"column {name!r} is not a column of {kind}, so its values are not checked; "
                               f"did you mean {near!r}?"))
    return out


def unknown_kind(table: Table, columns: dict[str, str]) -> list[Finding]:
    """When the kind cannot be told: the near-miss names that would tell it, each with its
    did-you-mean (empty when no near-miss makes a kind clear)."""
    from druglint.kinds import detect

    names = set(columns)
    fixes: dict[int, str] = {}
    everything = canonical_columns()
    mapped = {name for canon, name in columns.items() if canon in everything}
    for i, name in enumerate(table.header, start=1):
        if name in mapped:
            continue
        near = suggestion(name, [c for c in everything if c not in names])
        if near is not None:
            fixes[i] = near
    kind = detect(names | set(fixes.values())) if fixes else None
    if kind is None:
        return []
    return [Finding("DL120", table.header_line, i,
                    f"column {table.header[i - 1]!r} nearly names {near!r}: the header does not name a dataset "
                    f"kind as written, so the file was not checked; did you mean {near!r} (kind {kind})?")
            for i, near in fixes.items()]


def kind_of_header(names, config) -> str | None:
    """The kind a header names (configured column aliases first), as the engine tells it."""
    from druglint.kinds import canonical_name, detect

    alias = {name: canonical for canonical, names_ in config.columns.items() for name in names_}
    return detect({alias.get(n) or canonical_name(n) for n in map(str, names)})


def other_delimiter(table: Table, data: bytes, shown: str, config) -> tuple[object, Finding] | None:
    """When the expected delimiter gives a header of no kind and another one splits it
    into one: (the ReadResult with that delimiter, the hint); (None, the hint) when the
    split header needs near-miss names to tell its kind; None otherwise."""
    from druglint.readers.delimited import read_delimited, sniff_delimiter

    if table.fmt not in ("csv", "tsv", "txt") or not table.delimiter or not data:
        return None
    first = data.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].decode("utf-8", "replace")
    sniffed = sniff_delimiter(first, "")
    if not sniffed or sniffed == table.delimiter or len(first.split(sniffed)) <= len(table.header):
        return None
    names = [n.strip().strip('"') for n in first.split(sniffed)]
    kind = kind_of_header(names, config)
    expected = _DELIMITER_NAMES.get(table.delimiter, repr(table.delimiter))
    used = _DELIMITER_NAMES.get(sniffed, repr(sniffed))
    if kind is None:  # only near-miss names would tell the kind: say both, check nothing
        fixes = {n: suggestion(n, canonical_columns()) for n in names}
        fixes = {n: c for n, c in fixes.items() if c is not None}
        kind = kind_of_header([fixes.get(n, n) for n in names], config) if fixes else None
        if kind is None:
            return None
        means = "; ".join(f"did you mean {c!r} for {n!r}" for n, c in fixes.items())
        return None, Finding("DL120", table.header_line, 1,
                             f"the header is separated by {used}, not {expected} as a .{table.fmt} file is read, and "
                             f"even so names no dataset kind, so the file was not checked; {means} (kind {kind})?")
    result = read_delimited(shown, data, table.fmt, sniffed)
    if result.table is None:
        return None
    hint = Finding("DL120", table.header_line, 1,
                   f"the header is separated by {used}, not {expected} as a .{table.fmt} file is read; druglint "
                   f"read it with {sniffed!r} (kind {kind}): write it with {expected}, or name it .txt so that "
                   f"its delimiter is sniffed")
    return result, hint


__all__ = ["suggestion", "extra_columns", "unknown_kind", "other_delimiter", "kind_of_header", "canonical_columns"]
