"""Excel workbooks (readers/workbook.py): one table per sheet, spreadsheet rows as lines.

The workbooks are built here with openpyxl; a formula's cached value is written into the
sheet XML as Excel does on save (openpyxl itself never calculates)."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("python_calamine")
openpyxl = pytest.importorskip("openpyxl")

from druglint.config import Config  # noqa: E402
from druglint.engine import lint_paths  # noqa: E402

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "workbooks"


def _book(path: Path, sheets: dict[str, list[list[object]]], hidden: tuple[str, ...] = (),
          merges: dict[str, list[str]] | None = None) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        if name in hidden:
            ws.sheet_state = "hidden"
        for rng in (merges or {}).get(name, []):
            ws.merge_cells(rng)
    wb.save(path)
    return path


def _cache_formula_values(path: Path, values: dict[str, str]) -> None:
    """Write ``<v>`` into formula cells (cell ref -> value), as a spreadsheet program saves them."""
    with zipfile.ZipFile(path) as z:
        items = {n: z.read(n) for n in z.namelist()}
    patched = 0
    for name in [n for n in items if n.startswith("xl/worksheets/sheet")]:
        xml = items[name].decode()
        for ref, value in values.items():
            # an empty value element, however the XML writer spells it (<v/>, <v />, <v></v>)
            xml = re.sub(rf'(<c r="{ref}"[^>]*>)<f>([^<]*)</f>(?:<v\s*/>|<v>\s*</v>)', rf"\1<f>\2</f><v>{value}</v>", xml)
        patched += sum(f"<v>{v}</v>" in xml for v in values.values())
        items[name] = xml.encode()
    assert patched == len(values), "the formula cells were not found in the sheet XML"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in items.items():
            z.writestr(n, data)


def _found(report) -> list[tuple[str, int, int, str]]:
    return sorted((Path(v.path).name, v.line, v.column, v.code) for v in report.violations if v.code != "DL520")


def _cfg(tmp_path: Path, **kw) -> Config:
    return Config(root=str(tmp_path), **kw)


def test_each_sheet_is_a_table_with_spreadsheet_rows_as_lines(tmp_path):
    book = _book(tmp_path / "ddi.xlsx", {
        "DDI": [["drug_a", "drug_b", "severity"], ["warfarin", "aspirin", "major"], ["Warfarin", "warfarin", "major"],
                ["ibuprofen", "naproxen", "severe-ish"]],
        "Effects": [["drug", "effect", "frequency_percent"], ["aspirin", "nausea", 150]],
    })
    report = lint_paths([str(book)], _cfg(tmp_path))
    assert _found(report) == [("ddi.xlsx[DDI]", 3, 2, "DL301"), ("ddi.xlsx[DDI]", 4, 3, "DL104"),
                              ("ddi.xlsx[Effects]", 2, 3, "DL201")]


def test_command_line_shows_the_sheet_in_the_path(tmp_path):
    _book(tmp_path / "ddi.xlsx", {"DDI": [["drug_a", "drug_b", "severity"], ["a", "b", "major"], ["c", "d", "major"],
                                          ["e", "f", "major"], ["Warfarin", "warfarin", "major"]]})
    p = subprocess.run([sys.executable, "-m", "druglint", "check", "--no-cache", "ddi.xlsx"], cwd=tmp_path,
                       capture_output=True, text=True)
    assert p.returncode == 1, p.stderr
    line = next(ln for ln in p.stdout.splitlines() if ln.startswith("ddi.xlsx[DDI]:5:2: DL301 "))
    assert line.endswith("drug 'Warfarin' is listed as interacting with itself")


def test_formula_cells_are_read_as_their_cached_values(tmp_path):
    book = _book(tmp_path / "se.xlsx", {"SE": [["drug", "effect", "frequency_percent"],
                                               ["aspirin", "nausea", "=2*5"], ["aspirin", "rash", "=100*2"]]})
    _cache_formula_values(book, {"C2": "10", "C3": "200"})
    assert _found(lint_paths([str(book)], _cfg(tmp_path))) == [("se.xlsx[SE]", 3, 3, "DL201")]  # 200 %, not 10


def test_merged_cells_fill_their_range_and_a_title_row_is_skipped(tmp_path):
    rows = [["Interactions reviewed 2024"], ["drug_a", "drug_b", "severity"],
            ["warfarin", "aspirin", "major"], [None, "warfarin", "major"], [None, "ibuprofen", "minor"]]
    book = _book(tmp_path / "m.xlsx", {"DDI": rows}, merges={"DDI": ["A1:C1", "A3:A5"]})
    # warfarin merged down rows 3-5: row 4 is warfarin with itself; no row lacks drug_a
    assert _found(lint_paths([str(book)], _cfg(tmp_path))) == [("m.xlsx[DDI]", 4, 2, "DL301")]


def test_hidden_and_empty_sheets_are_skipped_unless_named_in_kinds(tmp_path):
    bad = [["drug_a", "drug_b", "severity"], ["Warfarin", "warfarin", "major"]]
    book = _book(tmp_path / "h.xlsx", {"Visible": [["drug_a", "drug_b", "severity"], ["a", "b", "major"]],
                                       "Scratch": bad, "Empty": []}, hidden=("Scratch",))
    assert _found(lint_paths([str(book)], _cfg(tmp_path))) == []
    cfg = _cfg(tmp_path, kinds={"h.xlsx[Scr*]": "interactions"})
    assert _found(lint_paths([str(book)], cfg)) == [("h.xlsx[Scratch]", 2, 2, "DL301")]


def test_kinds_globs_name_a_sheet(tmp_path):
    rows = [["a", "b", "level"], ["warfarin", "warfarin", "major"]]  # columns that tell no kind
    book = _book(tmp_path / "k.xlsx", {"Pairs": rows, "Other": [["a", "note"], ["warfarin", "checked"]]})
    plain = _found(lint_paths([str(book)], _cfg(tmp_path)))
    assert plain == [("k.xlsx[Other]", 1, 1, "DL119"), ("k.xlsx[Pairs]", 1, 1, "DL119")]
    cfg = _cfg(tmp_path, kinds={"k.xlsx[Pairs]": "interactions"}, columns={"drug_a": ["a"], "drug_b": ["b"],
                                                                             "severity": ["level"]})
    assert _found(lint_paths([str(book)], cfg)) == [("k.xlsx[Other]", 1, 1, "DL119"), ("k.xlsx[Pairs]", 2, 2, "DL301")]
    # a per-file ignore for the workbook applies to its sheets
    cfg.per_file_ignores = {"k.xlsx": ["DL119"]}
    assert _found(lint_paths([str(book)], cfg)) == [("k.xlsx[Pairs]", 2, 2, "DL301")]


def test_empty_trailing_rows_and_columns_are_not_records(tmp_path):
    book = _book(tmp_path / "t.xlsx", {"DDI": [["drug_a", "drug_b", "severity"], ["a", "b", "major"]]})
    wb = openpyxl.load_workbook(book)
    ws = wb["DDI"]
    for r in range(3, 40):  # formatted but empty rows and a column, as spreadsheet programs leave them
        ws.cell(row=r, column=1).number_format = "0.00"
        ws.cell(row=r, column=6).value = None
    ws.cell(row=45, column=5).value = ""
    wb.save(book)
    report = lint_paths([str(book)], _cfg(tmp_path))
    assert _found(report) == []


def test_numbers_dates_and_booleans_read_as_written(tmp_path):
    import datetime as dt

    from druglint.readers.workbook import read_workbook

    book = _book(tmp_path / "v.xlsx", {"Dosing": [["drug", "route", "dose", "date", "pregnant"],
                                                   ["aspirin", "oral", 5.0, dt.date(2024, 1, 31), True],
                                                   ["aspirin", "oral", 0.25, dt.datetime(2024, 2, 1, 8, 30), False]]})
    (sheet,) = read_workbook(str(book), "v.xlsx")
    frame = sheet.result.table.frame
    assert frame.to_dict("records") == [
        {"drug": "aspirin", "route": "oral", "dose": "5", "date": "2024-01-31", "pregnant": "true"},
        {"drug": "aspirin", "route": "oral", "dose": "0.25", "date": "2024-02-01 08:30:00", "pregnant": "false"}]
    assert sheet.result.table.lines.tolist() == [2, 3]


def test_corrupt_and_password_protected_workbooks_give_one_clear_finding(tmp_path):
    corrupt = tmp_path / "broken.xlsx"
    corrupt.write_bytes(b"PK\x03\x04 this is not really a zip archive")
    report = lint_paths([str(corrupt), str(FIXTURES / "protected.xlsx")], _cfg(tmp_path))
    got = sorted((Path(v.path).name, v.code, v.message) for v in report.violations)
    assert [g[:2] for g in got] == [("broken.xlsx", "DL118"), ("protected.xlsx", "DL118")]
    assert "damaged" in got[0][2]
    assert "protected with a password" in got[1][2]


def test_without_the_extra_one_line_names_it(tmp_path):
    _book(tmp_path / "ddi.xlsx", {"DDI": [["drug_a", "drug_b", "severity"], ["a", "b", "major"]]})
    # python-calamine made unimportable in this interpreter only (as when it is not installed)
    code = ("import sys; sys.modules['python_calamine'] = None; from druglint.cli import main; "
            "sys.exit(main(['check', '--no-cache', '--format', 'json', 'ddi.xlsx']))")
    p = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    found = json.loads(p.stdout)
    assert [(v["path"], v["code"]) for v in found] == [("ddi.xlsx", "DL118")]
    assert "pip install 'druglint[excel]'" in found[0]["message"]
    assert "Traceback" not in p.stderr


def test_workbook_findings_are_cached_per_workbook(tmp_path):
    _book(tmp_path / "ddi.xlsx", {"DDI": [["drug_a", "drug_b", "severity"], ["Warfarin", "warfarin", "major"]]})
    (tmp_path / "druglint.yaml").write_text("select: [ALL]\n")
    probe = ("import sys, json; from druglint.cli import main; rc = main(['check', '--format', 'json', '.']); "
             "print(json.dumps('pandas' in sys.modules), file=sys.stderr)")
    env = {k: v for k, v in os.environ.items() if k != "DRUGLINT_NO_CACHE"}
    runs = [subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, env=env)
            for _ in range(2)]
    assert [json.loads(r.stderr.strip().splitlines()[-1]) for r in runs] == [True, False]
    assert json.loads(runs[0].stdout) == json.loads(runs[1].stdout)
    assert any(v["path"] == "ddi.xlsx[DDI]" and v["code"] == "DL301" for v in json.loads(runs[1].stdout))


def _ods(path: Path, name: str, rows: list[list[str]]) -> Path:
    """A minimal OpenDocument spreadsheet, written by hand (the format is a zip of XML)."""
    from xml.sax.saxutils import escape

    cells = "".join("<table:table-row>" + "".join(
        f'<table:table-cell office:value-type="string"><text:p>{escape(c)}</text:p></table:table-cell>' for c in row)
        + "</table:table-row>" for row in rows)
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               f'<office:body><office:spreadsheet><table:table table:name="{name}">{cells}</table:table>'
               "</office:spreadsheet></office:body></office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                "</manifest:manifest>")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


def test_opendocument_spreadsheets_are_read_too(tmp_path):
    book = _ods(tmp_path / "ddi.ods", "DDI", [["drug_a", "drug_b", "severity"], ["warfarin", "aspirin", "major"],
                                              ["Warfarin", "warfarin", "major"]])
    assert _found(lint_paths([str(book)], _cfg(tmp_path))) == [("ddi.ods[DDI]", 3, 2, "DL301")]


def test_office_lock_files_are_not_workbooks(tmp_path):
    _book(tmp_path / "ddi.xlsx", {"DDI": [["drug_a", "drug_b", "severity"], ["a", "b", "major"]]})
    (tmp_path / "~$ddi.xlsx").write_bytes(b"\x05curator" + b"\x00" * 100)  # Excel's owner file while ddi.xlsx is open
    report = lint_paths([str(tmp_path)], _cfg(tmp_path))
    assert [Path(f).name for f in report.files] == ["ddi.xlsx"]
    assert _found(report) == []
