"""``derive_files``: read each document, extract its facts, write one draft spec per moiety.

A file that cannot be used (unknown kind, malformed, no drug named, no usable field) raises
:class:`DeriveError` with one line; nothing is written for it, the other files go on.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from druglint.derive.document import DeriveError, Document

MAX_BYTES = 50 * 1024 * 1024  # a label is < 2 MB; refuse files far beyond any document


@dataclass
class Outcome:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (spec path, why)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (input path, why)
    documents: list[Document] = field(default_factory=list)


def kind_of(path: str, head: bytes) -> str:
    ext = os.path.splitext(path)[1].lower()
    if ext == ".xml":
        return "spl"
    if ext == ".json":
        return "openfda-json"
    if ext in (".md", ".markdown", ".txt", ".text"):
        return "article"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"<"):
        return "spl"
    if stripped[:1] in (b"{", b"["):
        return "openfda-json"
    return "article"


def read_document(path: str) -> list[Document]:
    """The document(s) in ``path`` (an openFDA JSON file may hold several records), with their
    coded and text facts. DeriveError when the file cannot be used."""
    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            raise DeriveError(f"file is {size / 2**20:.0f} MiB; a label or article is far smaller (limit {MAX_BYTES >> 20} MiB)")
        data = Path(path).read_bytes()
    except OSError as exc:
        raise DeriveError(f"cannot read: {exc.strerror or exc}") from None
    if not data.strip():
        raise DeriveError("file is empty")
    kind = kind_of(path, data[:64])
    if kind == "spl":
        from druglint.derive import spl

        docs = [spl.read(path, data)]
    elif kind == "openfda-json":
        from druglint.derive import openfda_json

        docs = openfda_json.read(path, data)
    else:
        from druglint.derive import article

        docs = [article.read(path, data)]
    from druglint.derive.extract import extract

    for d in docs:
        extract(d)
    return docs


def derive_files(paths: list[str], outdir: str, force: bool = False) -> Outcome:
    from druglint.derive.writer import plan, write

    out = Outcome()
    for p in paths:
        try:
            out.documents.extend(read_document(p))
        except DeriveError as exc:
            out.failed.append((p, str(exc)))
    for spec_path, text in plan(out.documents, outdir):
        status, why = write(spec_path, text, force)
        if status == "written":
            out.written.append(spec_path)
        elif status == "unchanged":
            out.unchanged.append(spec_path)
        else:
            out.refused.append((spec_path, why))
    return out


__all__ = ["DeriveError", "Outcome", "derive_files", "read_document", "kind_of"]
