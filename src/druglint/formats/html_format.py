"""HTML: one self-contained page for triage (inline style and script, nothing fetched).

At the top, sticky controls filter the findings by severity, rule, file and root cause,
with a free-text search; a counter says how many findings are shown. Then the counts by
severity, the root causes (findings of one code whose messages differ only in quoted
values and numbers, ``formats.groups.shape``) with how many findings and files each
covers, the counts by rule and by file, and every finding: identical ones (same file,
code and message) collapsed into one entry listing their lines, each with a snippet of
the offending record under its header row, the offending cell marked
(``html_snippets``). Last, each rule of the report: its summary, why it matters, and how
to fix a row (its failing example beside its passing one), from the rule's docstring.
Without script the page still shows everything (the filters need it).
"""
from __future__ import annotations

import html
import re
from collections import Counter, defaultdict

from druglint.formats import html_assets, html_snippets
from druglint.formats.html_snippets import Cells, Lines, source_lines  # noqa: F401  (source_lines: kept public)
from druglint.model import Report, Severity

MAX_SNIPPETS = 3000  # entries beyond this show no snippet (a 10^5-finding page stays a few MB)
MAX_LINES_LISTED = 40


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


try:
    from druglint.formats.groups import shape as _shape
except ImportError:  # until the shared grouping module lands: the same masking of values and numbers
    _VALUES = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|`[^`\n]*`|\d+(?:[.,:/]\d+)*")

    def _shape(message: str) -> str:
        return _VALUES.sub("…", message)


def _rule(code: str):
    from druglint import registry

    try:
        return registry.get(code)
    except KeyError:
        return None


def _doc_parts(doc: str) -> tuple[str, list[tuple[str, str]]]:
    """(the prose after the first line, [(example title, example text)]) of a rule docstring."""
    lines = doc.strip().splitlines()[1:]
    prose: list[str] = []
    examples: list[tuple[str, list[str]]] = []
    for ln in lines:
        head = re.match(r"^((?:Passing|Failing|Companion) example.*?):\s*$", ln.strip())
        if head and not ln.startswith("    "):
            examples.append((head.group(1), []))
        elif examples and (ln.startswith("    ") or not ln.strip()):
            examples[-1][1].append(ln[4:])
        elif examples:
            prose.append(ln)
        else:
            prose.append(ln)
    return "\n".join(prose).strip(), [(t, "\n".join(b).strip("\n")) for t, b in examples]


def _rule_section(code: str, count: int) -> str:
    r = _rule(code)
    if r is None:
        return f'<details class="rule" id="rule-{_e(code)}"><summary><b>{_e(code)}</b> ({count})</summary></details>'
    prose, examples = _doc_parts(r.doc)
    ex = "".join(f"<div><b>{_e(t)}</b><pre>{_e(b)}</pre></div>" for t, b in examples
                 if t.startswith(("Failing", "Passing", "Companion")))
    fix = ('<p class="fix">A safe fix is available: <code>druglint check --fix</code> applies it.</p>'
           if r.fixable else "")
    how = (f'<p><b>How to fix:</b> make the record look like the passing example, not the failing one.</p>'
           f'<div class="examples">{ex}</div>' if ex else "")
    return (f'<details class="rule" id="rule-{_e(code)}" data-code="{_e(code)}"><summary><b>{_e(code)}</b> '
            f'{_e(r.name)} <span class="{r.severity}">[{r.severity}]</span>: {_e(r.summary)} '
            f'<span class="muted">({count} finding{"s" if count != 1 else ""})</span></summary>'
            f'<p>{_e(prose).replace(chr(10) + chr(10), "</p><p>")}</p>{how}{fix}</details>')


def _snippet(snip, v) -> str:
    if isinstance(snip, Cells):
        hit = snip.hit if 0 <= snip.hit < max(len(snip.header), len(snip.record)) else -1
        width = max(len(snip.header), len(snip.record))

        def row(cells: list[str], n: int, tag: str, mark: bool) -> str:
            tds = "".join(f'<{tag}{" class=hit" if mark and i == hit else ""}>{_e(cells[i]) if i < len(cells) else ""}</{tag}>'
                          for i in range(width))
            return f'<tr><{tag} class="ln">{n}</{tag}>{tds}</tr>'
        return (f'<table class="cells">{row(snip.header, snip.header_line, "th", False)}'
                f'{row(snip.record, snip.line, "td", True)}</table>')
    if isinstance(snip, Lines):
        rows = []
        for n in sorted(snip.lines):
            text = snip.lines[n]
            if n == snip.line:
                c = max(0, min(snip.column - 1, len(text)))
                m = re.match(r"\S*", text[c:])
                end = c + max(1, len(m.group(0)) if m else 1)
                body = f"{_e(text[:c])}<mark>{_e(text[c:end])}</mark>{_e(text[end:])}"
                rows.append(f'<span class="hit"><span class="ln">{n}</span>{body}</span>')
            else:
                rows.append(f'<span><span class="ln">{n}</span>{_e(text)}</span>')
        return '<pre class="src">' + "\n".join(rows) + "</pre>" if rows else ""
    return f'<div class="muted">record {v.line} (no text lines to show for this file)</div>'


def _options(pairs: list[tuple[str, str]], everything: str) -> str:
    return f'<option value="">{_e(everything)}</option>' + "".join(
        f'<option value="{_e(v)}">{_e(label)}</option>' for v, label in pairs)


def render(report: Report, options) -> str:
    from druglint import __version__
    from druglint.formats.text_format import summary

    violations = report.sorted()
    by_file: dict[str, list] = defaultdict(list)
    for v in violations:
        by_file[v.path].append(v)
    files = list(dict.fromkeys([*report.files, *by_file]))
    sheets = {f.rsplit("[", 1)[0] for f in files if f.endswith("]") and "[" in f}
    files = [f for f in files if f not in sheets or by_file.get(f)]  # a workbook is listed by its sheets
    by_rule = Counter(v.code for v in violations)
    sev_of = {v.code: v.severity for v in violations}
    counts = Counter(v.severity for v in violations)

    shapes = {m: _shape(m) for m in {v.message for v in violations}}  # once per distinct message
    cause_of = {k: f"g{i}" for i, k in enumerate(dict.fromkeys((v.code, shapes[v.message]) for v in violations))}
    causes: dict[str, list] = defaultdict(list)
    for v in violations:
        causes[cause_of[(v.code, shapes[v.message])]].append(v)

    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width,initial-scale=1">',
           f"<title>druglint report: {len(violations)} violation{'s' if len(violations) != 1 else ''}</title>",
           f"<style>{html_assets.CSS}</style>", "</head>", "<body>"]
    # ---- controls
    rule_opts = [(c, f"{c} {getattr(_rule(c), 'name', '')} ({n})") for c, n in sorted(by_rule.items())]
    file_opts = [(f, f"{f} ({len(by_file[f])})") for f in files if by_file.get(f)]
    cause_opts = [(g, f"{vs[0].code}: {shapes[vs[0].message][:90]} ({len(vs)})") for g, vs in causes.items()]
    sev_boxes = "".join(f'<label class="{s}"><input type="checkbox" id="f-{s}" checked> {s} ({counts[s]})</label>'
                        for s in (Severity.ERROR, Severity.WARNING, Severity.INFO))
    out.append(f'<div id="controls" role="search">{sev_boxes}'
               f'<label>rule <select id="f-rule">{_options(rule_opts, "all rules")}</select></label>'
               f'<label>file <select id="f-file">{_options(file_opts, "all files")}</select></label>'
               f'<label>cause <select id="f-group">{_options(cause_opts, "all root causes")}</select></label>'
               f'<label>search <input type="search" id="f-search" placeholder="drug, message, code, path"></label>'
               f'<button type="button" id="f-reset">reset</button>'
               f'<span>showing <span id="shown">{len(violations):,}</span> findings '
               f'(<span id="entries">-</span> entries)</span></div>')
    out += ["<main>", "<h1>druglint report</h1>", f'<p id="summary">{_e(summary(report))}</p>',
            f'<p class="muted">druglint {_e(__version__)}</p>']
    out.append('<table id="by-severity"><thead><tr><th>severity</th><th>violations</th></tr></thead><tbody>')
    for s in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        out.append(f'<tr><td class="{s}">{s}</td><td class="n">{counts[s]}</td></tr>')
    out.append("</tbody></table>")
    # ---- root causes
    if causes:
        out.append('<h2>Root causes</h2><table id="causes"><thead><tr><th>code</th><th>cause</th><th>findings</th>'
                   "<th>files</th><th></th></tr></thead><tbody>")
        for g, vs in sorted(causes.items(), key=lambda kv: (-len(kv[1]), kv[1][0].code)):
            nfiles = len({v.path for v in vs})
            out.append(f'<tr data-group="{g}"><td class="{vs[0].severity}">{_e(vs[0].code)}</td>'
                       f'<td>{_e(shapes[vs[0].message])}</td><td class="n">{len(vs)}</td><td class="n">{nfiles}</td>'
                       f'<td><button class="link" data-set="f-group" data-value="{g}">show</button></td></tr>')
        out.append("</tbody></table>")
    # ---- by rule, by file
    out.append('<h2>By rule</h2><table id="by-rule"><thead><tr><th>code</th><th>rule</th><th>severity</th>'
               "<th>violations</th></tr></thead><tbody>")
    for code, n in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
        r = _rule(code)
        out.append(f'<tr data-code="{_e(code)}"><td><a href="#rule-{_e(code)}">{_e(code)}</a></td>'
                   f'<td title="{_e(r.summary if r else "")}">{_e(r.name if r else "")}</td>'
                   f'<td class="{sev_of[code]}">{sev_of[code]}</td><td class="n">{n}</td></tr>')
    out.append("</tbody></table>")
    out.append('<h2>By file</h2><table id="by-file"><thead><tr><th>file</th><th>errors</th><th>warnings</th>'
               "<th>info</th><th>violations</th></tr></thead><tbody>")
    for i, path in enumerate(files):
        vs = by_file.get(path, [])
        c = Counter(v.severity for v in vs)
        link = f'<a href="#file-{i}">{_e(path)}</a>' if vs else _e(path)
        out.append(f'<tr data-file="{_e(path)}"><td>{link}</td><td class="n">{c[Severity.ERROR]}</td>'
                   f'<td class="n">{c[Severity.WARNING]}</td><td class="n">{c[Severity.INFO]}</td>'
                   f'<td class="n">{len(vs)}</td></tr>')
    out.append("</tbody></table>")
    # ---- findings
    out.append('<h2>Findings</h2><div id="findings"><p id="none" hidden>No finding matches the filters.</p>')
    budget = MAX_SNIPPETS
    for i, path in enumerate(files):
        vs = by_file.get(path)
        if not vs:
            continue
        same: dict[tuple, list] = {}
        for v in vs:  # identical findings (same code and message) collapse into one entry
            same.setdefault((v.code, v.message, v.fix), []).append(v)
        entries = list(same.values())
        firsts = [e[0] for e in entries[:max(budget, 0)]]
        budget -= len(firsts)
        try:
            snips = html_snippets.for_file(path, firsts) if firsts else {}
        except Exception:  # a report never fails over a snippet
            snips = {}
        out.append(f'<section class="file" id="file-{i}" data-file="{_e(path)}"><h3>{_e(path)}</h3>')
        for k, group in enumerate(entries):
            v = group[0]
            g = cause_of[(v.code, shapes[v.message])]
            times = (f'<span class="times">×{len(group)}</span>' if len(group) > 1 else "")
            lines = ""
            if len(group) > 1:
                listed = ", ".join(str(x.line) for x in group[:MAX_LINES_LISTED])
                more = f" and {len(group) - MAX_LINES_LISTED} more" if len(group) > MAX_LINES_LISTED else ""
                lines = f'<div class="lines">lines {listed}{more}</div>'
            fix = (f'<div class="fix">fix: {_e(v.fix.message)} ({_e(v.fix.old)} → {_e(v.fix.new)})</div>' if v.fix else "")
            snip = _snippet(snips.get((v.line, v.column)), v) if k < len(firsts) else \
                '<div class="muted">snippet not shown (too many entries in this report)</div>'
            out.append(f'<div class="v {v.severity}" data-sev="{v.severity}" data-code="{_e(v.code)}" '
                       f'data-file="{_e(path)}" data-group="{g}" data-line="{v.line}" data-n="{len(group)}">'
                       f'<div class="head"><span class="loc">{_e(path)}:{v.line}:{v.column}</span> '
                       f'<a class="code" href="#rule-{_e(v.code)}">{_e(v.code)}</a> <span class="{v.severity}">[{v.severity}]</span> '
                       f'<span class="msg">{_e(v.message)}</span> <span class="muted">({_e(v.rule)})</span>{times}</div>'
                       f'{lines}{fix}{snip}</div>')
        out.append("</section>")
    out.append("</div>")
    # ---- rules
    if by_rule:
        out.append('<h2>Rules in this report</h2><div id="rules">')
        out.extend(_rule_section(code, n) for code, n in sorted(by_rule.items()))
        out.append("</div>")
    out.append("</main>")
    out.append(f"<script>{html_assets.JS}</script>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
