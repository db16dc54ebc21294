"""Spreadsheets (.xlsx, .xlsm, .xlsb, .xls, .ods): each visible sheet is a table.

Read with python-calamine (the ``excel`` extra: ``pip install 'druglint[excel]'``), a fast
Rust reader that returns each cell's stored value. A sheet's table is shown as
``book.xlsx[Sheet]`` and a row's ``line`` is its spreadsheet row number, so
``ddi.xlsx[DDI]:5:2`` is row 5, column B. As a curator expects:

* formula cells hold the value Excel (or LibreOffice) last calculated and saved;
* a merged cell's value applies to every cell of its range (a drug name merged down
  three rows names the drug of each), in rows that hold something else;
* hidden sheets (lookup lists, scratch) are skipped, unless the ``kinds`` setting names
  them (``"book.xlsx[Lookup]" = "interactions"``); empty sheets are skipped too;
* empty rows (the formatted-but-empty rows at the end of most sheets, or separators) and
  empty columns are not records; a title row above the header (one filled cell) is skipped;
* numbers read as written (5.0 stored is ``5``), dates as ISO dates, booleans as
  ``true``/``false``. A percent-formatted cell holds its fraction (5% is 0.05): calamine
  does not expose the number format.

A workbook that cannot be opened (damaged, encrypted with a password, not a workbook)
gives one DL118 finding; without python-calamine installed, one DL118 naming the extra.
"""
from __future__ import annotations

import datetime as dt
import fnmatch
from dataclasses import dataclass
from typing import Any

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
EXTRA_HINT = "reading spreadsheets needs the 'excel' extra: pip install 'druglint[excel]' (python-calamine)"


@dataclass
class Sheet:
    name: str
    display: str  # book.xlsx[Sheet]
    result: Any  # ReadResult


def is_workbook(path: str) -> bool:
    return path.lower().endswith(WORKBOOK_SUFFIXES)


def sheet_path(display: str, sheet: str) -> str:
    return f"{display}[{sheet}]"


def split_sheet(path: str) -> tuple[str, str | None]:
    """``book.xlsx[Sheet]`` -> (``book.xlsx``, ``Sheet``); any other path -> (path, None)."""
    if path.endswith("]") and "[" in path:
        base, sheet = path[:-1].rsplit("[", 1)
        if is_workbook(base) or "*" in base or "?" in base:
            return base, sheet
    return path, None


def _one_finding(display: str, message: str) -> list[Sheet]:
    from druglint.readers.table import Finding, ReadResult

    return [Sheet("", display, ReadResult(None, [Finding("DL118", 1, 1, message)]))]


def read_workbook(path: str, display: str, config: Any = None) -> list[Sheet]:
    """Every sheet to lint, each with its ReadResult; never raises for a bad workbook."""
    try:
        import python_calamine as pc
    except ImportError:
        return _one_finding(display, EXTRA_HINT)
    try:
        book = pc.CalamineWorkbook.from_path(path)
        metas = list(book.sheets_metadata)
    except Exception as exc:  # calamine raises PasswordError, ZipError, XmlError, CalamineError...
        return _one_finding(display, _why(exc, pc))
    out: list[Sheet] = []
    try:
        for meta in metas:
            if str(getattr(meta, "typ", "")).endswith(("ChartSheet", "Vba", "MacroSheet", "DialogSheet")):
                continue
            shown = sheet_path(display, meta.name)
            hidden = not str(meta.visible).endswith(".Visible")
            if hidden and not (config is not None and _named_in_kinds(config, path, meta.name)):
                continue
            try:
                sheet = book.get_sheet_by_name(meta.name)
                rows = sheet.to_python(skip_empty_area=False)
                merged = _merged(sheet)
            except Exception as exc:
                from druglint.readers.table import Finding, ReadResult

                out.append(Sheet(meta.name, shown, ReadResult(None, [Finding("DL118", 1, 1, _why(exc, pc))])))
                continue
            result = sheet_table(shown, rows, merged)
            if result is not None:
                out.append(Sheet(meta.name, shown, result))
    finally:
        try:
            book.close()
        except Exception:
            pass
    return out


def _why(exc: Exception, pc: Any) -> str:
    if isinstance(exc, getattr(pc, "PasswordError", ())) or "password" in str(exc).lower() or "encrypt" in str(exc).lower():
        return "the workbook is protected with a password; save an unprotected copy to lint it"
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return f"cannot read the workbook ({type(exc).__name__}: {first}); is it a damaged or mislabelled file?"


def _merged(sheet: Any) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    try:
        return list(sheet.merged_cell_ranges or [])
    except Exception:  # formats without merge information
        return []


def _named_in_kinds(config: Any, path: str, sheet: str) -> bool:
    rel = config.rel(path)
    from druglint.globs import glob_match

    for pattern in getattr(config, "kinds", {}):
        base, want = split_sheet(pattern)
        if want is not None and glob_match(rel, base) and fnmatch.fnmatchcase(sheet, want):
            return True
    return False


# ------------------------------------------------------------------------ cells
def _text(value: Any) -> str | None:
    """A cell as the curator reads it; None when empty."""
    if value is None:
        return None
    if isinstance(value, str):
        return value if value != "" else None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value != value:
            return None
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return str(value)


def sheet_table(display: str, rows: list[list[Any]], merged: list) -> Any | None:
    """The ReadResult of one sheet's cells (rows from A1), or None for an empty sheet."""
    import numpy as np
    import pandas as pd

    from druglint.readers.table import Finding, ReadResult, Table

    if not rows:
        return None
    width = max(len(r) for r in rows)
    grid = pd.DataFrame([list(r) + [""] * (width - len(r)) for r in rows], dtype=object)
    # each distinct cell value converted once (a column repeats its drugs and vocabulary)
    codes, uniques = pd.factorize(grid.to_numpy().ravel(), use_na_sentinel=False)
    texts = np.array([_text(u) for u in uniques] + [None], dtype=object)
    cells = texts[codes].reshape(grid.shape)
    filled = pd.notna(pd.DataFrame(cells)).to_numpy()
    occupied_rows = filled.any(axis=1)  # before merged values are spread: an empty row stays empty
    for (r0, c0), (r1, c1) in merged:
        if r0 < cells.shape[0] and c0 < cells.shape[1]:
            value = cells[r0, c0]
            r1, c1 = min(r1, cells.shape[0] - 1), min(c1, cells.shape[1] - 1)
            cells[r0:r1 + 1, c0:c1 + 1] = value
    if not occupied_rows.any():
        return None
    counts = filled.sum(axis=1)
    row_idx = np.flatnonzero(occupied_rows)
    header_row = row_idx[0]
    if counts.max() >= 2:  # a title or note above the header fills one cell: skip it
        header_row = row_idx[counts[row_idx] >= 2][0]
    data_rows = row_idx[row_idx > header_row]
    used_cols = np.flatnonzero(filled[header_row:].any(axis=0))
    first_col, last_col = int(used_cols[0]), int(used_cols[-1])
    cols = list(range(first_col, last_col + 1))
    header_cells = [cells[header_row, c] for c in cols]
    findings: list[Finding] = []
    names: list[str] = []
    seen: dict[str, int] = {}
    for c, name in zip(cols, header_cells):
        name = "" if name is None else str(name).strip()
        if name == "":
            if filled[data_rows, c].any() if len(data_rows) else False:
                findings.append(Finding("DL116", int(header_row) + 1, c + 1, f"column {_letter(c)} has values but no name"))
        elif name in seen:
            findings.append(Finding("DL115", int(header_row) + 1, c + 1,
                                    f"column {_letter(c)} repeats the name {name!r} of column {_letter(seen[name])}"))
        else:
            seen[name] = c
        names.append(name)
    unique = _unique(names)
    frame = pd.DataFrame(cells[np.ix_(data_rows, cols)] if len(data_rows) else np.empty((0, len(cols)), dtype=object),
                         columns=unique, dtype=object)
    if len(frame) == 0:
        findings.append(Finding("DL113", int(header_row) + 1, 1, "the sheet has a header row but no records"))
        return ReadResult(None, findings)
    header = [""] * first_col + names  # positions in the sheet: column B is 2
    table = Table(display, "xlsx", frame.reset_index(drop=True), (data_rows + 1).astype(np.int64), header,
                  int(header_row) + 1, meta={"sheet_columns": first_col})
    return ReadResult(table, findings)


def _unique(names: list[str]) -> list[str]:
    out: list[str] = []
    taken: set[str] = set()
    for n in names:
        new, k = n, 2
        while new in taken:
            new, k = f"{n} ({k})", k + 1
        taken.add(new)
        out.append(new)
    return out


def _letter(col: int) -> str:
    s = ""
    col += 1
    while col:
        col, r = divmod(col - 1, 26)
        s = chr(65 + r) + s
    return s


__all__ = ["WORKBOOK_SUFFIXES", "EXTRA_HINT", "Sheet", "is_workbook", "read_workbook", "sheet_table", "sheet_path",
           "split_sheet"]
