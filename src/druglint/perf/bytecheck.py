"""Streaming's first pass: the reader's encoding findings (UTF-16, NUL bytes, invalid UTF-8)
for a whole file, read in blocks, worded as ``readers.text.decode_findings`` words them."""
from __future__ import annotations

import codecs


def byte_findings(path: str, block: int = 16 << 20):
    """The reader's encoding findings for the whole file, in one streaming pass."""
    from druglint.readers.table import Finding

    dec = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    lines_before = 0
    last_nl = -1  # absolute offset of the last newline seen
    with open(path, "rb") as fh:
        head = fh.read(4)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            return [Finding("DL110", 1, 1, "file is UTF-16, not UTF-8; re-save the file as UTF-8")]
        fh.seek(0)
        while True:
            buf = fh.read(block)
            if not buf:
                break
            nul = buf.find(b"\x00")
            if nul >= 0:
                line = lines_before + buf.count(b"\n", 0, nul) + 1
                return [Finding("DL111", line, 1, "file holds NUL bytes: it looks binary, not text (is it a spreadsheet or a compressed file?)")]
            try:
                dec.decode(buf, final=False)
            except UnicodeDecodeError as exc:
                return [_utf8_finding(path, offset + exc.start, buf, exc.start, lines_before, last_nl, offset)]
            lines_before += buf.count(b"\n")
            nl = buf.rfind(b"\n")
            if nl >= 0:
                last_nl = offset + nl
            offset += len(buf)
        try:
            dec.decode(b"", final=True)
        except UnicodeDecodeError:
            with open(path, "rb") as fh2:
                fh2.seek(max(0, offset - 4))
                tail = fh2.read()
            start = offset - len(tail) + _first_bad_utf8(tail)
            fh.seek(0)
            return [_utf8_finding(path, start, None, None, None, None, None)]
    return []


def _first_bad_utf8(tail: bytes) -> int:
    for i in range(len(tail)):
        try:
            tail[i:].decode("utf-8")
            return max(0, i - 1)
        except UnicodeDecodeError as exc:
            return i + exc.start
    return 0


def _utf8_finding(path, pos, buf, rel, lines_before, last_nl, offset):
    """DL110 worded exactly as ``readers.text.decode_findings`` words it."""
    from druglint.readers.table import Finding

    with open(path, "rb") as fh:
        # line and column: count newlines before ``pos`` (streamed), byte after it
        line, prev_nl, done = 1, -1, 0
        while done < pos:
            chunk = fh.read(min(16 << 20, pos - done))
            if not chunk:
                break
            line += chunk.count(b"\n")
            k = chunk.rfind(b"\n")
            if k >= 0:
                prev_nl = done + k
            done += len(chunk)
        bad = fh.read(1)
    col = pos - (prev_nl + 1) + 1
    guess = _guess_stream(path)
    return Finding("DL110", line, col,
                   f"file is not UTF-8: byte 0x{bad[0]:02x} at line {line}, column {col} cannot be decoded"
                   + (f" (it looks like {guess}); re-save the file as UTF-8" if guess else "; re-save the file as UTF-8"))


def _guess_stream(path: str) -> str | None:
    dec = codecs.getincrementaldecoder("cp1252")()
    try:
        with open(path, "rb") as fh:
            while True:
                buf = fh.read(16 << 20)
                if not buf:
                    break
                dec.decode(buf)
            dec.decode(b"", final=True)
        return "Windows-1252 or Latin-1"
    except UnicodeDecodeError:
        return None
