"""Readers give every record the line it starts on, whatever the format's quirks."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from druglint import readers


def read(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return readers.read(str(path), name)


def test_csv_lines_with_quoted_newlines_and_crlf(tmp_path):
    data = b'drug,effect\r\n"a","x\r\ny\r\nz"\r\nb,"p,q"\r\n\r\nc,r\r\n'
    res = read(tmp_path, "t.csv", data)
    assert res.table.lines.tolist() == [2, 5, 7]
    assert res.table.frame["effect"].tolist() == ["x\r\ny\r\nz", "p,q", "r"]
    assert [(f.line, f.code) for f in res.findings] == [(6, "DL117")]


def test_csv_without_final_newline_and_with_bom(tmp_path):
    res = read(tmp_path, "t.csv", b"\xef\xbb\xbfdrug,effect\na,b\nc,d")
    assert res.table.header == ["drug", "effect"]
    assert res.table.lines.tolist() == [2, 3]
    assert res.findings == []


def test_escaped_quotes_keep_state(tmp_path):
    res = read(tmp_path, "t.csv", b'drug,effect\n"say ""hi"", then\nmore",x\nb,y\n')
    assert res.table.lines.tolist() == [2, 4]
    assert res.table.frame["drug"].tolist() == ['say "hi", then\nmore', "b"]


def test_quote_inside_unquoted_field_falls_back_to_exact_lines(tmp_path):
    res = read(tmp_path, "t.csv", b'drug,strength\nvial 5" long,1\nb,2\n')
    assert res.table.lines.tolist() == [2, 3]
    assert res.table.frame["drug"].tolist() == ['vial 5" long', "b"]


def test_faers_dollar_file_with_trailing_delimiter(tmp_path):
    data = b"primaryid$drugname$route$\n1$ASPIRIN \"EC\"$Oral$\n2$WARFARIN$$\n"
    res = read(tmp_path, "DRUG17Q2.txt", data)
    assert res.table.header == ["primaryid", "drugname", "route"]
    assert res.table.frame["drugname"].tolist() == ['ASPIRIN "EC"', "WARFARIN"]
    assert res.table.frame["route"].isna().tolist() == [False, True]
    assert res.findings == []


def test_tab_text_file_is_sniffed(tmp_path):
    res = read(tmp_path, "Products.txt", b"ApplNo\tForm\n000004\tTABLET;ORAL\n")
    assert res.table.delimiter == "\t"
    assert res.table.frame["ApplNo"].tolist() == ["000004"]  # text kept as written


def test_json_array_lines(tmp_path):
    data = b'[\n  {"drug": "a", "effect": "x"},\n  {"drug": "b",\n   "effect": "y \\" { ["}\n,{"drug":"c","effect":"z"}]'
    res = read(tmp_path, "t.json", data)
    assert res.table.lines.tolist() == [2, 3, 5]
    assert res.table.frame["effect"].tolist() == ["x", 'y " { [', "z"]


def test_json_object_holding_records(tmp_path):
    data = b'{"meta": {"n": 2},\n "results": [\n {"drug": "a"},\n {"drug": "b"}]}'
    res = read(tmp_path, "t.json", data)
    assert res.table.lines.tolist() == [3, 4]


def test_jsonl_lines_skip_blank(tmp_path):
    res = read(tmp_path, "t.jsonl", b'{"drug": "a"}\n\n{"drug": "b"}\n')
    assert res.table.lines.tolist() == [1, 3]


def test_yaml_list_lines(tmp_path):
    res = read(tmp_path, "t.yaml", b"# comment\n- drug: a\n  effect: x\n\n- drug: b\n  effect: y\n")
    assert res.table.lines.tolist() == [2, 5]
    assert res.table.frame["drug"].tolist() == ["a", "b"]


def test_parquet_row_numbers(tmp_path):
    path = tmp_path / "t.parquet"
    pd.DataFrame({"drug": ["a", "b"], "dose": [1.5, 2.0]}).to_parquet(path)
    res = readers.read(str(path), "t.parquet")
    assert res.table.lines.tolist() == [1, 2]
    assert res.table.frame["dose"].dtype == np.float64


@pytest.mark.parametrize("data", [b"", b"\n\n", b"   "])
def test_empty_is_a_finding(tmp_path, data):
    res = read(tmp_path, "t.csv", data)
    assert res.table is None and [f.code for f in res.findings] == ["DL112"]


def test_utf8_check_in_pieces_reports_the_offset_a_whole_decode_would():
    """readers.text checks UTF-8 without holding a decoded copy of the file: ASCII in C,
    anything else 4 MiB at a time. The offset of the first bad byte (DL110's line and
    column) must be the one ``bytes.decode`` reports, wherever a piece boundary falls."""
    import random

    from druglint.readers.text import _check_utf8

    rng = random.Random(3)
    for _ in range(2000):
        b = bytearray("".join(rng.choice(["a", "é", "€", "𝄞", "\n"]) for _ in range(rng.randint(0, 40))).encode())
        if b and rng.random() < 0.7:
            b[rng.randrange(len(b))] = rng.choice([0x80, 0xFF, 0xC3, 0xE2, 0xF0])
        if b and rng.random() < 0.2:
            b = b[: rng.randrange(len(b))]
        try:
            bytes(b).decode("utf-8")
            want = None
        except UnicodeDecodeError as exc:
            want = exc.start
        try:
            _check_utf8(bytes(b), step=rng.randint(1, 7))
            got = None
        except UnicodeDecodeError as exc:
            got = exc.start
        assert got == want, bytes(b)


def test_plain_text_fast_path_agrees_with_the_structural_scan(monkeypatch):
    """Quote-free text skips the byte scan (readers.delimited._read_plain): whenever it
    accepts a file, the table, its lines and the findings must be the scan path's."""
    import random

    from druglint.readers import delimited

    rng = random.Random(11)
    cells = ["ab", "x", "", " ", "é", "1", " 2 ", "a b"]
    accepted = 0
    for _ in range(1500):
        end = rng.choice(["\n", "\r\n"])
        rows = [",".join(rng.choice(cells) for _ in range(rng.choice([3, 3, 3, 3, 2, 4]))) for _ in range(rng.randint(1, 6))]
        if rng.random() < 0.2:
            rows.insert(rng.randrange(len(rows) + 1), "")  # a blank line
        text = end.join(["h1,h2,h3", *rows]) + rng.choice([end, "", end + end])
        data = text.encode()
        plain = delimited._read_plain("t.csv", "csv", data, ",", False)
        if plain is None:
            continue
        accepted += 1
        with monkeypatch.context() as m:
            m.setattr(delimited, "_read_plain", lambda *a: None)
            full = delimited.read_delimited("t.csv", data, "csv")
        assert full.table is not None, data
        assert plain.table.frame.equals(full.table.frame), data
        assert list(plain.table.lines) == list(full.table.lines), data
        assert [(f.code, f.line) for f in plain.findings] == [(f.code, f.line) for f in full.findings], data
    assert accepted > 100
