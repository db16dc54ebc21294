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
        _check_utf8(data)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        guess = _guess_encoding(data)
        return [Finding("DL110", line, col,
                        f"file is not UTF-8: byte 0x{data[exc.start]:02x} at line {line}, column {col} cannot be decoded"
                        + (f" (it looks like {guess}); re-save the file as UTF-8" if guess else "; re-save the file as UTF-8"))], False, bom
    return [], True, bom


def _check_utf8(data: bytes, step: int = 1 << 22) -> None:
    """Raise UnicodeDecodeError (offsets in ``data``) unless ``data`` is UTF-8, without
    holding a decoded copy of a large file: ASCII is checked in C without allocating,
    anything else is decoded 4 MiB at a time."""
    if data.isascii():
        return
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    for start in range(0, len(data), step):
        held = len(decoder.getstate()[0])  # bytes of a character begun in the previous piece
        try:
            decoder.decode(data[start: start + step], final=start + step >= len(data))
        except UnicodeDecodeError as exc:
            pos = start - held + exc.start
            raise UnicodeDecodeError("utf-8", data, pos, pos + exc.end - exc.start, exc.reason) from None


def _guess_encoding(data: bytes) -> str | None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    try:
        data.decode("cp1252")
        return "Windows-1252 or Latin-1"
    except UnicodeDecodeError:
        return None
