"""Byte-level checks shared by the text readers: binary content, encoding, BOM."""
from __future__ import annotations

from druglint.readers.table import Finding

BOM = b"\xef\xbb\xbf"


def decode_findings(data: bytes) -> tuple[list[Finding], bool, bool]:
    """Return (findings, readable, has_bom). Unreadable text stops the reader."""
    bom = data.startswith(BOM)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return [Finding("DL110", 1, 1, "file is UTF-16, not UTF-8; re-save the file as UTF-8")], False, False
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        return [Finding("DL111", line, 1, "file holds NUL bytes: it looks binary, not text (is it a spreadsheet or a compressed file?)")], False, bom
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        guess = _guess_encoding(data)
        return [Finding("DL110", line, col,
                        f"file is not UTF-8: byte 0x{data[exc.start]:02x} at line {line}, column {col} cannot be decoded"
                        + (f" (it looks like {guess}); re-save the file as UTF-8" if guess else "; re-save the file as UTF-8"))], False, bom
    return [], True, bom


def _guess_encoding(data: bytes) -> str | None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    try:
        data.decode("cp1252")
        return "Windows-1252 or Latin-1"
    except UnicodeDecodeError:
        return None
