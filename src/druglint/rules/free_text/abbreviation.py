"""DL430 free-text-abbreviation: a free-text cell uses an error-prone abbreviation.

The Joint Commission "Do Not Use" list and the ISMP list (``vocab/abbreviations.yaml``)
applied to free-text columns: dosing ``frequency`` and side-effect ``effect`` by default,
plus the config's ``free-text-columns``. A column listed in ``coded-columns`` is left alone:
there HL7 FHIR timing codes such as QD, QOD and BID are legitimate codes. Ambiguous tokens
(MS, OS, HCT, "od") count only in a cell that also holds a number. The fix suggests the
replacement (mechanical when it is one unambiguous text).

Passing example (dosing.csv):

    drug,route,frequency
    talimogene laherparepvec,intralesional,every 2 weeks

Failing example (dosing.csv):

    drug,route,frequency
    talimogene laherparepvec,intralesional,QOD
"""
from __future__ import annotations

from druglint.hits import concat
from druglint.registry import rule
from druglint.rules.free_text._columns import KINDS, free_text_columns, matches, text_of, whole_cell_fix


def _fix_text(entry) -> str | None:
    if entry is None:
        return None
    if entry.replacement in ("unit", "International Unit"):
        return entry.replacement + "s"  # the token stands after a number ("10 U")
    return entry.single_replacement


@rule("DL430", "free-text-abbreviation", "warning", kinds=KINDS, fixable=True, row=True)
def check(ctx):
    import pandas as pd

    from druglint.prose import patterns

    regex = patterns.abbreviation_regex()
    parts = []
    for col in free_text_columns(ctx):
        s = text_of(ctx, col)
        if not s.notna().any():
            continue
        found = matches(s, regex, patterns.abbreviation_prefilter())  # one row per match: row, plain, num, ctx
        if found.empty:
            continue
        rows = found["row"].to_numpy()
        has_digit = s.str.contains(r"\d", regex=True).fillna(False).to_numpy(dtype=bool)[rows]
        token = found["plain"].fillna(found["num"]).fillna(found["ctx"].where(pd.Series(has_digit, index=found.index)))
        keep = token.notna().to_numpy(dtype=bool)
        if not keep.any():
            continue
        tok = token[keep].astype(str)
        entries = {t: patterns.lookup(t) for t in tok.unique()}
        msg = {t: (f"{col}: '{t}' is on the {e.list_name} ({e.problem.rstrip('.')}); write '{e.replacement}'" if e
                   else f"{col}: '{t}' is an error-prone abbreviation") for t, e in entries.items()}
        new = {t: _fix_text(e) for t, e in entries.items()}
        cell_old, cell_new = whole_cell_fix(s.to_numpy(dtype=object)[rows[keep]], tok.to_numpy(dtype=object),
                                            tok.map(new).to_numpy(dtype=object))
        parts.append(pd.DataFrame({
            "row": rows[keep].astype("int64"),
            "column": col,
            "message": tok.map(msg).to_numpy(dtype=object),
            "code": None,
            "fix_message": tok.map({t: (f"replace '{t}' with '{n}'" if n else None) for t, n in new.items()})
                              .to_numpy(dtype=object),
            "fix_old": cell_old,
            "fix_new": cell_new,
        }))
    return concat(parts)


