"""What every reader of a document returns: text blocks with their place, and derived facts.

A :class:`Block` is one paragraph, list item or table row, with the section it sits in
(LOINC code and title for labels, heading for articles) and the 1-based line where it starts.
A :class:`DFact` is one derived fact: the spec entry it becomes, the source text it was read
from, where, and how (coded element, table, text pattern).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field


class DeriveError(Exception):
    """A document that cannot be used; the message is one line for the user (line breaks in
    it, e.g. from a parser's message, are folded into spaces)."""

    def __init__(self, message: object = "") -> None:
        super().__init__(" ".join(str(message).split()))


@dataclass
class Block:
    text: str
    line: int
    section: str | None = None  # LOINC code of the innermost coded section (labels)
    title: str = ""  # the section's title (or the article's heading)
    top: str | None = None  # LOINC code of the top-level section it belongs to
    table: int | None = None  # 1-based table number within the document
    row: int | None = None  # 1-based row within the table (header rows included)
    cells: list[str] | None = None  # the row's cells (tables only)
    header: bool = False  # a table header row
    highlight: bool = False  # from the label's Highlights (excerpt)
    paragraph: int | None = None  # articles: 1-based paragraph number
    field: str | None = None  # openFDA JSON: the record's field name


@dataclass
class DFact:
    family: str  # brands, synonyms, identity, approval, routes, forms, strengths, maxima, contraindications, ...
    entry: dict  # the spec entry's own keys (term, percent, route, ...)
    source: str  # short citation ("d1 §6.1 table 2 row 4")
    method: str  # coded | table | text
    place: dict
    quote: str
    moiety: str | None = None  # the active moiety whose spec gets the fact (None: every moiety of the document)
    doc_key: str = "d1"

    @property
    def review(self) -> str:
        return "auto" if self.method == "coded" else "required"


@dataclass
class Document:
    kind: str  # spl | openfda-json | article
    path: str
    sha256: str
    title: str = ""
    set_id: str | None = None
    version: int | None = None
    effective: str | None = None  # ISO date
    labeler: str | None = None
    repackager: bool = False
    record: int | None = None  # openFDA JSON: position of the record in the file
    labeler_line: int | None = None
    moieties: list[str] = field(default_factory=list)  # lowercased active moiety names
    blocks: list[Block] = field(default_factory=list)
    facts: list[DFact] = field(default_factory=list)

    def describe(self) -> dict:
        """The document's entry in the spec's ``derived.documents``."""
        title = short_title(self.title) if self.kind == "spl" else self.title
        out = {"kind": self.kind, "set_id": self.set_id, "version": self.version, "effective": self.effective,
               "title": title[:200] or None, "labeler": self.labeler, "repackager": self.repackager or None,
               "file": self.path.replace("\\", "/").rsplit("/", 1)[-1], "sha256": self.sha256, "record": self.record}
        return {k: v for k, v in out.items() if v is not None}

    def citation(self) -> str:
        """Full citation for the spec's ``sources:`` table."""
        if self.kind == "spl":
                bits = [short_title(self.title)[:160] or "SPL label", f"SPL set id {self.set_id}", f"version {self.version}",
                    f"effective {self.effective}" if self.effective else None, self.labeler]
        elif self.kind == "openfda-json":
            bits = [self.title[:160] or "openFDA drug label record", f"set id {self.set_id}" if self.set_id else None,
                    f"version {self.version}" if self.version else None,
                    f"effective {self.effective}" if self.effective else None,
                    f"file {self.describe()['file']} record {self.record}"]
        else:
            bits = [f"'{self.title[:160]}'" if self.title else "article", f"file {self.describe()['file']}",
                    f"sha256 {self.sha256[:12]}"]
        return ", ".join(str(b) for b in bits if b)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


_BOILER = re.compile(r"^These highlights do not include all the information.*?full prescribing information for [^.]*\.\s*", re.I)


def short_title(title: str) -> str:
    """"HUMIRA (adalimumab) injection, for subcutaneous use" out of the Highlights' title."""
    t = _BOILER.sub("", title)
    return re.split(r"\s*Initial\s+U\.?\s?S\.?\s+Approval", t, maxsplit=1, flags=re.I)[0].strip()
