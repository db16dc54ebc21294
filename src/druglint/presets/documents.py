"""Label sections extracted by the presets, linted as prose (not a preset itself).

A label (an openFDA JSON record, a row of a label CSV, an SPL XML document) becomes one
Markdown document: the drug name as its title and one heading per section, so the prose
rules (``druglint.rules.prose``, scope DOCUMENT) see the sections as they would see a
monograph. Every section remembers where its text starts in the source file; a prose hit is
mapped back to that source line (and, for one-line JSON strings, the column). Hits inside
the synthesised headings are dropped (that text is not in the source). The document is an
*article* for the prose rules: an extract need not hold every section of a monograph.
The sections are also kept on the ProjectContext for DL132 (words split by stray spaces).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_LINE_REF = re.compile(r"\bline (\d+)\b")


@dataclass
class Section:
    title: str  # section name (openFDA key or SPL title)
    text: str
    line: int  # source line where the text starts
    column: int = 1  # source column of the first character (JSON: after the opening quote)
    single_line: bool = True  # the source keeps this text on one line (JSON strings)
    lines: list[int] | None = None  # per text line, its source line (XML paragraphs)


@dataclass
class Label:
    path: str  # as shown in findings
    drug: str
    sections: list[Section] = field(default_factory=list)


def keep(project, labels: list[Label]) -> None:
    if project is not None:
        project.extras.setdefault("preset_documents", []).extend(labels)


def _source_position(sec: Section, rel: int) -> tuple[int, int]:
    before = sec.text[:rel]
    nl = before.count("\n")
    if sec.lines is not None and nl < len(sec.lines):
        return sec.lines[nl], rel - (before.rfind("\n") + 1) + 1
    if sec.single_line or nl == 0:
        return sec.line + (nl if not sec.single_line else 0), sec.column + (rel if nl == 0 else rel - before.rfind("\n") - 1)
    return sec.line + nl, rel - (before.rfind("\n") + 1) + 1


def lint_labels(labels: list[Label], config, sel) -> list:
    """Run the prose rules over each label's sections; violations at source positions."""
    try:
        from druglint import registry
        from druglint.engine import make
        from druglint.prose import DOCUMENT, ProseContext, drugs, facts
        from druglint.prose.document import read_document
        from druglint.prose.handler import settings
    except ImportError:  # prose linting not installed in this build
        return []
    rules = [r for r in registry.all_rules() if r.scope == DOCUMENT]
    if not labels or not rules:
        return []
    specs = facts.specs(config)
    names = drugs.names_of(specs)
    prose_settings = settings(config)
    out = []
    for label in labels:
        parts: list[str] = [f"# {label.drug or 'label'}\n\n"]
        spans: list[tuple[int, int, Section]] = []
        pos = len(parts[0])
        for sec in label.sections:
            head = f"## {sec.title}\n\n"
            pos += len(head)
            body = sec.text.replace("\r\n", "\n").replace("\r", "\n")
            spans.append((pos, pos + len(body), sec))
            parts.extend([head, body, "\n\n"])
            pos += len(body) + 2
        text = "".join(parts)
        doc = read_document(label.path + ".md", text, "markdown")
        key = (label.drug or "").strip().lower()
        about = names.get(key) or drugs.dictionary().get(key) if key else None
        ctx = ProseContext(doc, config, about, facts.spec_for(about, specs), "article", prose_settings)
        ctx.names = names  # type: ignore[attr-defined]
        ctx.specs = specs  # type: ignore[attr-defined]
        if ctx.spec is None:  # a drug without a spec: its Drugs@FDA facts (knowledge pack)
            ctx.pack_drug = facts.pack_drug(config, about or label.drug)
        seen: set[tuple[int, int, str]] = set()
        for rule in rules:
            if not sel.enabled(rule.code, label.path):
                continue
            for hit in rule.check(ctx) or ():
                span = next((s for s in spans if s[0] <= hit.offset < s[1]), None)
                if span is None:
                    continue  # in a synthesised heading
                line, col = _source_position(span[2], hit.offset - span[0])
                message = hit.message
                ref = _LINE_REF.search(message)
                if ref is not None:
                    # the rule names a line of the synthesised document: map it to the source,
                    # and keep a repeat only inside one section (labels repeat text across
                    # sections by design: Highlights summarise the full prescribing information,
                    # 21 CFR 201.57(a); a boxed warning is restated in Warnings and Precautions)
                    at = doc.line_start(int(ref.group(1)))
                    other = next((s for s in spans if s[0] <= at < s[1]), None)
                    if other is None or other[2] is not span[2]:
                        continue
                    sec = span[2]
                    if sec.lines is not None and (sec.text[: at - other[0]].count("\n")
                                                  != sec.text[: hit.offset - span[0]].count("\n")):
                        continue  # XML: only within one paragraph (IFU steps and table cells repeat by design)
                    src_line, _ = _source_position(other[2], at - other[0])
                    where = str(src_line) + (", earlier in the same section," if src_line == line else "")
                    message = message[: ref.start(1)] + where + message[ref.end(1):]
                if (line, col, rule.code) in seen:
                    continue
                seen.add((line, col, rule.code))
                out.append(make(label.path, rule.code, line, col, message, None, config, hit.severity))
    return out
