"""Read a prose document (Markdown, reStructuredText, plain text) into text with positions.

The reader keeps the document's text exactly as written (``Document.text``) and a *masked*
copy of the same length (``Document.prose``) in which everything that is not prose is
replaced by spaces: front matter, fenced and indented code blocks, RST literal blocks and
code directives, inline code, URLs, link targets and HTML comments. Rules search the masked
text, so an offset found there is an offset into the original, and ``position(offset)``
gives the 1-based line and column. Headings become :class:`Section` objects. Paragraphs and
sentences of the masked text are ``prose/sentences.py``.

Plain text is read conservatively: a line is a heading only when it is short, starts with
a letter, has no closing sentence punctuation, is title-cased (every word of four letters
or more capitalised) or all capitals, and is followed by a blank line.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

MARKDOWN = "markdown"
RST = "rst"
TEXT = "text"

SUFFIX_FORMAT = {".md": MARKDOWN, ".markdown": MARKDOWN, ".rst": RST, ".txt": TEXT}


@dataclass(frozen=True)
class Heading:
    title: str
    level: int
    line: int  # 1-based line of the heading text
    column: int
    offset: int  # offset of the title text in Document.text


@dataclass(frozen=True)
class Section:
    heading: Heading | None  # None for the text before the first heading
    start: int  # offset range in Document.text
    end: int

    @property
    def title(self) -> str:
        return self.heading.title if self.heading else ""


@dataclass
class Document:
    path: str
    fmt: str
    text: str
    prose: str  # same length as text; non-prose spans blanked (newlines kept)
    headings: list[Heading] = field(default_factory=list)
    front_matter: dict[str, Any] = field(default_factory=dict)
    front_matter_lines: dict[str, int] = field(default_factory=dict)
    # same length as text; code (fences, indented and literal blocks, inline code) blanked but
    # comments kept: where suppression directives count (one shown inside code is an example)
    directive_text: str = ""
    _starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._starts = [0] + [m.end() for m in re.finditer("\n", self.text)]

    # -- positions ---------------------------------------------------------------
    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of ``offset``."""
        i = bisect.bisect_right(self._starts, offset) - 1
        return i + 1, offset - self._starts[i] + 1

    def line_start(self, line: int) -> int:
        return self._starts[line - 1] if 0 < line <= len(self._starts) else len(self.text)

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line_text(self, line: int) -> str:
        start = self.line_start(line)
        end = self.text.find("\n", start)
        return self.text[start: end if end >= 0 else len(self.text)]

    # -- structure ---------------------------------------------------------------
    def sections(self) -> list[Section]:
        out: list[Section] = []
        bounds = [h.offset - (h.column - 1) for h in self.headings]
        first = bounds[0] if bounds else len(self.text)
        if first > 0:
            out.append(Section(None, 0, first))
        for i, h in enumerate(self.headings):
            end = bounds[i + 1] if i + 1 < len(bounds) else len(self.text)
            out.append(Section(h, bounds[i], end))
        return out

    def title(self) -> str:
        """The first heading, else the first non-blank prose line."""
        if self.headings and self.headings[0].line <= 3 + len(self.front_matter_lines) * 2 + 2:
            return self.headings[0].title
        for line in self.prose.splitlines():
            if line.strip():
                return line.strip()
        return ""

    def first_paragraph(self) -> str:
        """Prose text of the first paragraph that is not the title or a heading."""
        from druglint.prose.sentences import paragraphs

        heading_lines = {h.line for h in self.headings}
        paras = paragraphs(self)
        for start, end in paras:
            line, _ = self.position(start)
            if line in heading_lines:
                continue
            chunk = self.prose[start:end].strip()
            if len(chunk.split()) >= 8:
                return chunk
        return ""


# ------------------------------------------------------------------------- reading
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_RST_ADORN = re.compile(r"^([=\-~^\"'`#*+:._])\1{2,}[ \t]*$")
_URL = re.compile(r"\b(?:https?|ftp)://[^\s<>()\[\]\"']+|\bwww\.[^\s<>()\[\]\"']+\.[a-z]{2,}[^\s<>()\[\]\"']*", re.I)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
_MD_INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_MD_LINK_TARGET = re.compile(r"\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_MD_REF_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+.*$", re.M)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_RST_INLINE = re.compile(r"``.+?``")
_RST_LINK = re.compile(r"<[^<>\s]+>`_{1,2}")
_RST_DIRECTIVE = re.compile(r"^(\s*)\.\.\s+([\w:-]+)::(.*)$")
_RST_COMMENT = re.compile(r"^\s*\.\.(?:\s|$)")
_CODE_DIRECTIVES = {"code", "code-block", "sourcecode", "literalinclude", "math", "raw", "highlight", "csv-table", "list-table", "image", "figure"}
_FRONT = re.compile(r"\A(?:\ufeff)?---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = " "


def read_document(path: str, text: str, fmt: str | None = None) -> Document:
    """Build a :class:`Document` from decoded text; ``fmt`` from the suffix when None."""
    if fmt is None:
        import os

        fmt = SUFFIX_FORMAT.get(os.path.splitext(path)[1].lower(), TEXT)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    chars = list(text)
    front, front_lines = {}, {}
    m = _FRONT.match(text)
    if m:
        front, front_lines = _parse_front(m.group(1))
        _blank(chars, 0, m.end())
    lines = text.split("\n")
    starts = [0]
    for ln in lines[:-1]:
        starts.append(starts[-1] + len(ln) + 1)
    first_body_line = text.count("\n", 0, m.end()) if m else 0
    if fmt == RST:
        front2, lines2 = _rst_fields(lines, first_body_line)
        for k, v in front2.items():
            front.setdefault(k, v)
            front_lines.setdefault(k, lines2[k])
    headings: list[Heading] = []
    rst_directives: list[tuple[int, int]] = []
    if fmt == MARKDOWN:
        _markdown(text, lines, starts, chars, headings, first_body_line)
    elif fmt == RST:
        _rst(text, lines, starts, chars, headings, first_body_line, rst_directives)
    else:
        _plain(lines, starts, headings, first_body_line)
    prose = "".join(chars)
    directive_text = prose
    if rst_directives:  # `.. druglint:` comments outside code, blanked with the other comments
        kept = list(prose)
        for a, b in rst_directives:
            kept[a:b] = text[a:b]
        directive_text = "".join(kept)
    # spans blanked in every format: comments, URLs, e-mail addresses
    prose = _blank_comments(prose)
    prose = _sub_blank(_URL, prose)
    prose = _sub_blank(_EMAIL, prose)
    return Document(path, fmt, text, prose, headings, front, front_lines, directive_text)


def _blank_comments(text: str) -> str:
    """Blank ``<!-- ... -->`` comments (an unterminated one runs to the end), in linear time."""
    out: list[str] = []
    pos = 0
    while True:
        a = text.find("<!--", pos)
        if a < 0:
            break
        b = text.find("-->", a + 4)
        end = len(text) if b < 0 else b + 3
        out.append(text[pos:a])
        out.append(re.sub(r"[^\n]", " ", text[a:end]))
        pos = end
        if b < 0:
            break
    out.append(text[pos:])
    return "".join(out)


def _sub_blank(pattern: re.Pattern[str], text: str) -> str:
    return pattern.sub(lambda mm: re.sub(r"[^\n]", " ", mm.group(0)), text)


def _parse_front(block: str) -> tuple[dict[str, Any], dict[str, int]]:
    try:
        from ruamel.yaml import YAML

        doc = YAML(typ="rt").load(block)
    except Exception:  # a broken front matter block is prose the linter cannot use
        return {}, {}
    if not isinstance(doc, dict):
        return {}, {}
    lines: dict[str, int] = {}
    for key in doc:
        try:
            lines[str(key)] = doc.lc.key(key)[0] + 2  # +1 for 1-based, +1 for the '---' line
        except Exception:
            lines[str(key)] = 1
    return {str(k): v for k, v in doc.items()}, lines


def _rst_fields(lines: list[str], first: int) -> tuple[dict[str, str], dict[str, int]]:
    """Docinfo-style ``:drug: name`` fields in the first lines of an RST document."""
    out, where = {}, {}
    for i in range(first, min(len(lines), first + 30)):
        mm = re.match(r"^:([\w-]+):\s*(.*)$", lines[i])
        if mm:
            out[mm.group(1).lower()] = mm.group(2).strip()
            where[mm.group(1).lower()] = i + 1
    return out, where


def _inline_markdown(chars: list[str], text: str, start: int, end: int) -> None:
    seg = text[start:end]
    for pat in (_MD_INLINE_CODE, _MD_LINK_TARGET, _HTML_TAG):
        for mm in pat.finditer(seg):
            a, b = start + mm.start(), start + mm.end()
            if pat is _MD_LINK_TARGET:
                a += 1  # keep the ']'
            _blank(chars, a, b)


def _markdown(text: str, lines: list[str], starts: list[int], chars: list[str], headings: list[Heading], first: int) -> None:
    i = first
    n = len(lines)
    in_fence: str | None = None
    prev_blank = True
    para_start: int | None = None
    while i < n:
        line = lines[i]
        s = starts[i]
        e = s + len(line)
        if in_fence is not None:
            _blank(chars, s, e)
            fm = _FENCE.match(line)
            if fm and fm.group(1)[0] == in_fence[0] and len(fm.group(1)) >= len(in_fence) and not line.strip()[len(fm.group(1)):].strip():
                in_fence = None
            i += 1
            prev_blank = False
            continue
        fm = _FENCE.match(line)
        if fm:
            in_fence = fm.group(1)
            _blank(chars, s, e)
            i += 1
            para_start = None
            continue
        if not line.strip():
            prev_blank = True
            para_start = None
            i += 1
            continue
        if prev_blank and para_start is None and (line.startswith("    ") or line.startswith("\t")):
            # indented code block (only after a blank line, never inside a paragraph or list)
            if not re.match(r"^\s*([-*+]|\d+[.)])\s", line):
                _blank(chars, s, e)
                i += 1
                continue
        am = _ATX.match(line)
        if am:
            title = am.group(2).strip()
            col = line.find(title) + 1 if title else len(line)
            headings.append(Heading(_strip_md(title), len(am.group(1)), i + 1, col, s + col - 1))
            _inline_markdown(chars, text, s, e)
            prev_blank = False
            para_start = None
            i += 1
            continue
        if para_start is not None and para_start == i - 1 and _SETEXT.match(line) and lines[i - 1].strip():
            title = lines[i - 1].strip()
            col = lines[i - 1].find(title) + 1
            level = 1 if line.strip().startswith("=") else 2
            headings.append(Heading(_strip_md(title), level, i, col, starts[i - 1] + col - 1))
            _blank(chars, s, e)
            para_start = None
            prev_blank = False
            i += 1
            continue
        if _MD_REF_DEF.match(line):
            _blank(chars, s, e)
        else:
            _inline_markdown(chars, text, s, e)
        if para_start is None:
            para_start = i
        else:
            para_start = i  # a setext underline must follow a single text line
        prev_blank = False
        i += 1


def _strip_md(title: str) -> str:
    return re.sub(r"[*_`]+", "", title).strip()


_RST_DRUGLINT = re.compile(r"^\s*\.\.\s*druglint:", re.I)


def _rst(text: str, lines: list[str], starts: list[int], chars: list[str], headings: list[Heading], first: int,
         directives: list[tuple[int, int]] | None = None) -> None:
    styles: list[tuple[str, bool]] = []
    i = first
    n = len(lines)
    while i < n:
        line = lines[i]
        s = starts[i]
        e = s + len(line)
        dm = _RST_DIRECTIVE.match(line)
        if dm:
            _blank(chars, s, e)
            name = dm.group(2).lower()
            if name in _CODE_DIRECTIVES:
                i = _blank_indented_block(lines, starts, chars, i + 1, len(dm.group(1)))
                continue
            i += 1
            continue
        if _RST_COMMENT.match(line) and not dm:
            # comment: the marker line and its indented continuation are not prose
            _blank(chars, s, e)
            if directives is not None and _RST_DRUGLINT.match(line):
                directives.append((s, e))
            i = _blank_indented_block(lines, starts, chars, i + 1, len(line) - len(line.lstrip()))
            continue
        # section title: [overline] title underline
        if i + 1 < n and line.strip() and not _RST_ADORN.match(line) and _RST_ADORN.match(lines[i + 1]) \
                and len(lines[i + 1].rstrip()) >= len(line.rstrip()) and not line.startswith((" ", "\t")):
            over = i > 0 and _RST_ADORN.match(lines[i - 1]) and lines[i - 1].strip()[0] == lines[i + 1].strip()[0]
            style = (lines[i + 1].strip()[0], bool(over))
            if style not in styles:
                styles.append(style)
            title = line.strip()
            col = line.find(title) + 1
            headings.append(Heading(title, styles.index(style) + 1, i + 1, col, s + col - 1))
            _blank(chars, starts[i + 1], starts[i + 1] + len(lines[i + 1]))
            if over:
                _blank(chars, starts[i - 1], starts[i - 1] + len(lines[i - 1]))
            i += 2
            continue
        if _RST_ADORN.match(line) and i + 1 < n and lines[i + 1].strip():
            i += 1  # an overline: handled with its title
            continue
        for pat in (_RST_INLINE, _RST_LINK):
            for mm in pat.finditer(line):
                _blank(chars, s + mm.start(), s + mm.end())
        if line.rstrip().endswith("::"):
            # literal block follows: blank the '::' and the indented block after a blank line
            k = line.rstrip()
            _blank(chars, s + len(k) - (2 if k[:-2].rstrip() and not k.endswith(" ::") else 2), s + len(k))
            indent = len(line) - len(line.lstrip())
            j = i + 1
            while j < n and not lines[j].strip():
                j += 1
            i = _blank_indented_block(lines, starts, chars, j, indent) if j > i + 1 else i + 1
            continue
        i += 1


def _blank_indented_block(lines: list[str], starts: list[int], chars: list[str], i: int, indent: int) -> int:
    n = len(lines)
    while i < n:
        line = lines[i]
        if line.strip() and len(line) - len(line.lstrip()) <= indent:
            break
        _blank(chars, starts[i], starts[i] + len(line))
        i += 1
    return i


_MINOR = {"a", "an", "and", "as", "at", "but", "by", "for", "in", "of", "on", "or", "the", "to", "with", "vs", "via", "per", "from", "into", "is"}


def is_plain_heading(line: str) -> bool:
    """A conservative guess that a plain-text line is a heading (see the module doc)."""
    t = line.strip()
    if not t or len(t) > 60 or not t[0].isalpha() or t[-1] in ".,;:!?":
        return False
    words = re.findall(r"[^\W\d_][\w'’-]*", t)
    if not words or len(words) > 8 or len(t.split()) > 8:
        return False
    if t.isupper() and any(c.isalpha() for c in t):
        return True
    significant = [w for w in words if w.lower() not in _MINOR and len(w) >= 4]
    return bool(significant) and all(w[0].isupper() for w in significant) and words[0][0].isupper()


def _plain(lines: list[str], starts: list[int], headings: list[Heading], first: int) -> None:
    n = len(lines)
    for i in range(first, n):
        line = lines[i]
        prev_blank = i == first or not lines[i - 1].strip()
        next_blank = i + 1 >= n or not lines[i + 1].strip()
        if prev_blank and next_blank and i + 1 < n and is_plain_heading(line):
            title = line.strip()
            col = line.find(title) + 1
            headings.append(Heading(title, 1, i + 1, col, starts[i] + col - 1))
