"""More inputs for the long fuzz run (tests/fuzz_long.py): prose documents (Markdown,
reStructuredText, plain text), spreadsheets (.xlsx written with openpyxl, .ods built as
the zip it is) and the documents ``druglint derive`` reads (SPL XML, openFDA JSON,
articles). Seeds come from the repository's own fixtures and are mutated; nothing from
../shared is read.

``exercise_derive(data, suffix, folder)`` runs ``derive_files`` on one document: a
DeriveError (one line) is a pass, any other exception a crash.
"""
from __future__ import annotations

import io
import os
import random
import zipfile
from pathlib import Path

import robust_fuzz as F

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
_SEEDS: dict[str, list[bytes]] = {}


def _seeds(kind: str) -> list[bytes]:
    if kind not in _SEEDS:
        globs = {"prose": ["prose/*.md", "prose/*.rst", "prose/*.txt", "derive/article.md"],
                 "spl": ["derive/*.xml", "presets/spl/*.xml"], "openfda": ["derive/*.json"]}[kind]
        _SEEDS[kind] = [p.read_bytes() for g in globs for p in sorted(FIXTURES.glob(g))] or [b""]
    return _SEEDS[kind]


SECTIONS = ["Indications and usage", "Dosage and administration", "Contraindications", "Warnings and precautions",
            "Adverse reactions", "Drug interactions", "Use in specific populations", "Overdosage", "Side effects",
            "How supplied", "Mechanism of action", ""]
PHRASES = ["warfarin 5 mg once daily", "aspirin 81mg", "take 1,000 mg/kg", "0.5mcg", ".5 mg", "5.0 mg", "10 U insulin",
           "q.d.", "QD", "ug", "µg", "cc", "nausea (12%)", "headache in 150% of patients", "rare (< 1/10,000)",
           "do not exceed 4 g/day", "metformin and alcohol: major", "Coumadin", "warfarn", "ibuprofen 400-800 mg",
           "contraindicated in pregnancy", "children under 2 years", "see Section 5.1", "[link](http://x)", "`DL601`",
           "**bold**", "_it_", "<br>", "&amp;", "\u200b", "é", "🙂", "\t", "  ", "---", "| a | b |", "|---|---|"]
DIRECTIVES = ["<!-- druglint: disable=DL601 -->", "<!-- druglint: enable -->", "<!-- druglint: disable-next-line -->",
              "<!-- druglint: disable-file=DL6 -->", "<!-- druglint: disable-line=DL6O4 -->", ".. druglint: disable"]


def random_prose(rng: random.Random) -> tuple[bytes, str]:
    """A Markdown/RST/plain-text document: generated from sections and phrases, or a fixture
    mutated (lines shuffled, duplicated, cut, a byte flipped)."""
    suffix = rng.choice([".md", ".md", ".markdown", ".rst", ".txt"])
    if rng.random() < 0.4:
        lines = rng.choice(_seeds("prose")).decode("utf-8", "replace").splitlines()
        for _ in range(rng.randint(0, 6)):
            op = rng.random()
            if not lines:
                break
            i = rng.randrange(len(lines))
            if op < 0.3:
                lines.insert(i, rng.choice(lines))
            elif op < 0.5:
                del lines[i]
            elif op < 0.8:
                lines[i] = lines[i] + " " + rng.choice(PHRASES + DIRECTIVES)
            else:
                lines[i] = lines[i][: rng.randint(0, len(lines[i]))]
    else:
        lines = []
        if rng.random() < 0.3:
            lines += ["---", f"drug: {rng.choice(['warfarin', 'aspirin', '', '[x', 'x' * 300])}",
                      f"type: {rng.choice(['monograph', 'article', 'nonsense'])}", "---" if rng.random() < 0.9 else ""]
        lines.append(f"# {rng.choice(['Warfarin', 'Aspirin tablets', 'Notes', F.random_cell(rng)])}")
        for _ in range(rng.randint(0, 8)):
            head = rng.choice(SECTIONS)
            lines.append(rng.choice([f"## {head}", f"{head}\n" + "-" * len(head), f"### {head}", head.upper()]))
            for _ in range(rng.randint(0, 5)):
                r = rng.random()
                if r < 0.6:
                    lines.append(" ".join(rng.choice(PHRASES + [F.random_cell(rng)]) for _ in range(rng.randint(1, 12))))
                elif r < 0.7:
                    lines.append(rng.choice(DIRECTIVES))
                elif r < 0.8:
                    lines += ["```", rng.choice(PHRASES + DIRECTIVES), "```" if rng.random() < 0.8 else ""]
                elif r < 0.9:
                    lines += ["| drug | dose |", "| --- | --- |", f"| {rng.choice(PHRASES)} | {rng.choice(PHRASES)} |"]
                elif r < 0.97:
                    lines.append(rng.choice(["- ", "* ", "1. ", "    ", "> "]) + rng.choice(PHRASES))
                else:
                    lines.append(rng.choice(["x", "warfarin", "5 mg "]) * rng.randint(1000, 50_000))  # a very long line
    eol = rng.choice(["\n", "\n", "\r\n", "\r"])
    data = eol.join(lines).encode("utf-8", "surrogatepass")
    if rng.random() < 0.05:
        data = b"\xef\xbb\xbf" + data
    if rng.random() < 0.05 and data:
        i = rng.randrange(len(data))
        data = data[:i] + bytes([rng.randrange(256)]) + data[i + 1:]
    return data, suffix


def _rows(rng: random.Random) -> list[list[object]]:
    kind = rng.choice(list(F.KIND_NAMES))
    header: list[object] = rng.sample(F.KIND_NAMES[kind], rng.randint(1, len(F.KIND_NAMES[kind])))
    rows: list[list[object]] = []
    if rng.random() < 0.2:
        rows.append([rng.choice(["Interactions", "Table 1", None])])  # a title row above the header
    rows.append(header)
    for _ in range(rng.randint(0, 20)):
        n = len(header) + (rng.randint(-2, 2) if rng.random() < 0.15 else 0)
        rows.append([rng.choice([F.random_cell(rng), None, 5, 2.5, -1, 1e308, True, "=1+1"]) for _ in range(max(n, 0))])
    return rows


def _clean(value: object) -> object:
    if isinstance(value, str):  # spreadsheets hold no control characters or surrogates
        return "".join(ch for ch in value if ch >= " " and not 0xD800 <= ord(ch) <= 0xDFFF)[:32_000]
    return value


def _xlsx(rng: random.Random) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    for s in range(rng.randint(1, 3)):
        sheet = book.active if s == 0 else book.create_sheet(rng.choice(["DDI", "Lookup", "Sheet 2", "é"]) + str(s))
        for row in _rows(rng):
            sheet.append([_clean(v) for v in row])
        if rng.random() < 0.2 and sheet.max_row > 2:
            sheet.merge_cells(start_row=2, start_column=1, end_row=min(4, sheet.max_row), end_column=1)
        if s and rng.random() < 0.3:
            sheet.sheet_state = "hidden"
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _ods(rng: random.Random) -> bytes:
    from xml.sax.saxutils import escape

    def cell(v: object) -> str:
        if v is None:
            return "<table:table-cell/>"
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return f'<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>'
        return f'<table:table-cell office:value-type="string"><text:p>{escape(str(_clean(v)))}</text:p></table:table-cell>'

    rows = "".join("<table:table-row>" + "".join(cell(v) for v in r) + "</table:table-row>" for r in _rows(rng))
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               f'<office:body><office:spreadsheet><table:table table:name="Sheet1">{rows}</table:table>'
               '</office:spreadsheet></office:body></office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", manifest)
        z.writestr("content.xml", content)
    return buf.getvalue()


def random_workbook(rng: random.Random) -> tuple[bytes, str]:
    """An .xlsx or .ods workbook (several sheets, hidden ones, merged cells, a title row,
    formulas as text, ragged rows), sometimes damaged (a flipped byte, truncated)."""
    suffix = rng.choice([".xlsx", ".xlsx", ".ods"])
    data = _xlsx(rng) if suffix == ".xlsx" else _ods(rng)
    r = rng.random()
    if r < 0.1:
        i = rng.randrange(len(data))
        data = data[:i] + bytes([rng.randrange(256)]) + data[i + 1:]
    elif r < 0.15:
        data = data[: rng.randrange(len(data))]
    return data, suffix


def _mutate_text(rng: random.Random, text: str, pieces: list[str]) -> str:
    for _ in range(rng.randint(1, 6)):
        if not text:
            break
        i = rng.randrange(len(text))
        op = rng.random()
        if op < 0.3:
            text = text[:i] + rng.choice(pieces) + text[i:]
        elif op < 0.5:
            j = min(len(text), i + rng.randint(1, 200))
            text = text[:i] + text[j:]
        elif op < 0.7:
            j = min(len(text), i + rng.randint(1, 400))
            text = text[:j] + text[i:j] + text[j:]  # a duplicated span (elements, sections)
        elif op < 0.8:
            text = text[:i]
        else:
            text = text[:i] + F.random_cell(rng) + text[i:]
    return text


SPL_PIECES = ["<section>", "</section>", "<title>Warnings</title>", "<text>warfarin 5 mg</text>", "<paragraph>",
              "</paragraph>", "<table><tr><td>x</td></tr></table>", '<code code="34084-4"/>', '<setId root=""/>',
              "<![CDATA[x]]>", "&amp;", "&bogus;", "<!ENTITY x 'y'>", '<effectiveTime value="2099"/>',
              '<quantity><numerator value="1e999" unit="mg"/></quantity>', "\x00", "é"]
JSON_PIECES = ['"warnings": ["x"]', '"openfda": {}', '"generic_name": [null]', "[", "]", "{", "}", ",", '"\\ud800"',
               "1e999", '"drug_interactions": ["warfarin: major"]']


def random_derive_input(rng: random.Random) -> tuple[bytes, str]:
    """A document for ``druglint derive``: a mutated SPL label, openFDA JSON or article."""
    r = rng.random()
    if r < 0.5:
        text = rng.choice(_seeds("spl")).decode("utf-8", "replace")
        return _mutate_text(rng, text, SPL_PIECES).encode("utf-8", "surrogatepass"), ".xml"
    if r < 0.8:
        text = rng.choice(_seeds("openfda")).decode("utf-8", "replace")
        return _mutate_text(rng, text, JSON_PIECES).encode("utf-8", "surrogatepass"), ".json"
    data, _ = random_prose(rng)
    return data, ".md"


def exercise_derive(data: bytes, suffix: str, folder: str) -> object:
    """``druglint derive`` on one document: draft specs written, or the file refused with a
    one-line reason. Anything else is a crash."""
    from druglint.derive.run import derive_files

    path = os.path.join(folder, "label" + suffix)
    Path(path).write_bytes(data)
    out_dir = os.path.join(folder, "specs-out")
    outcome = derive_files([path], out_dir, force=True)
    for _, why in outcome.failed + outcome.refused:
        assert why and "\n" not in why, f"derive reason must be one line: {why!r}"
    return outcome
