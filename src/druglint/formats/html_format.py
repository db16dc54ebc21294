"""HTML: one self-contained page (inline CSS, no script, no network) for people, not machines.

It shows the summary, the counts by rule and by file, then each file's violations with
the offending record in context: the source lines around it, the record's line marked.
Source lines are read back from the files (only the lines needed, streaming); a binary
file such as Parquet shows its row number instead. At most ``MAX_PER_FILE`` violations
per file are shown in full; the counts always cover all of them.
"""
from __future__ import annotations

import html
import os
from collections import Counter, defaultdict

from druglint.model import Report, Severity

CONTEXT = 2  # lines shown before and after the record's line
MAX_PER_FILE = 500
MAX_LINE_CHARS = 400

_CSS = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem;color:#1d1d1f;background:#fff}
h1{font-size:1.5rem;margin:0 0 .3rem}h2{font-size:1.15rem;margin:2rem 0 .6rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
h3{font-size:1rem;margin:1.5rem 0 .4rem;font-family:ui-monospace,Menlo,Consolas,monospace}
table{border-collapse:collapse;margin:.3rem 0 1rem}th,td{border:1px solid #ddd;padding:.25rem .6rem;text-align:left;vertical-align:top}
th{background:#f5f5f7}td.n{text-align:right;font-variant-numeric:tabular-nums}
.error{color:#b00020}.warning{color:#8a5a00}.info{color:#1f5fa8}
.v{margin:.6rem 0 1rem;padding:.4rem .6rem;border-left:4px solid #ccc;background:#fafafa}
.v.error{border-color:#b00020}.v.warning{border-color:#d4a017}.v.info{border-color:#1f5fa8}
.v .head{color:#1d1d1f}.v .code{font-weight:600;font-family:ui-monospace,Menlo,Consolas,monospace}
pre.src{margin:.3rem 0 0;padding:.3rem;background:#fff;border:1px solid #eee;overflow-x:auto;
  font:12px/1.4 ui-monospace,Menlo,Consolas,monospace}
pre.src .ln{color:#999;user-select:none;display:inline-block;min-width:3.5em;text-align:right;margin-right:.8em}
pre.src .hit{background:#fff3c4;display:block}
.fix{color:#2e7d32}.muted{color:#777}
"""

_BINARY_SUFFIXES = (".parquet", ".pq")


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def source_lines(path: str, wanted: set[int]) -> dict[int, str] | None:
    """The 1-based lines ``wanted`` of a text file, reading only as far as needed; None
    for a file that cannot be read back as text (binary, missing, not UTF-8 decodable)."""
    if not wanted or path.lower().endswith(_BINARY_SUFFIXES) or not os.path.isfile(path):
        return None
    last = max(wanted)
    out: dict[int, str] = {}
    try:
        with open(path, "rb") as fh:
            for n, raw in enumerate(fh, start=1):
                if n > last:
                    break
                if n in wanted:
                    if b"\x00" in raw:
                        return None
                    text = raw.decode("utf-8", errors="replace").rstrip("\r\n")
                    out[n] = text if len(text) <= MAX_LINE_CHARS else text[:MAX_LINE_CHARS] + " …"
    except OSError:
        return None
    return out


def _context(v, lines: dict[int, str] | None) -> str:
    if lines is None:
        return f'<div class="muted">record {v.line} (no text lines to show for this file)</div>'
    rows = []
    for n in range(max(1, v.line - CONTEXT), v.line + CONTEXT + 1):
        if n not in lines:
            continue
        cls = ' class="hit"' if n == v.line else ""
        rows.append(f'<span{cls}><span class="ln">{n}</span>{_e(lines[n])}</span>')
    if not rows:
        return ""
    return '<pre class="src">' + "\n".join(rows) + "</pre>"


def render(report: Report, options) -> str:
    from druglint import __version__, registry
    from druglint.formats.text_format import summary

    violations = report.sorted()
    by_rule = Counter(v.code for v in violations)
    sev_of = {v.code: v.severity for v in violations}
    by_file: dict[str, list] = defaultdict(list)
    for v in violations:
        by_file[v.path].append(v)
    files = list(dict.fromkeys([*report.files, *by_file]))

    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width,initial-scale=1">',
           f"<title>druglint report: {len(violations)} violation{'s' if len(violations) != 1 else ''}</title>",
           f"<style>{_CSS}</style>", "</head>", "<body>",
           "<h1>druglint report</h1>",
           f'<p id="summary">{_e(summary(report))}</p>',
           f'<p class="muted">druglint {_e(__version__)}</p>']

    counts = Counter(v.severity for v in violations)
    out.append('<table id="by-severity"><thead><tr><th>severity</th><th>violations</th></tr></thead><tbody>')
    for s in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        out.append(f'<tr><td class="{s}">{s}</td><td class="n">{counts[s]}</td></tr>')
    out.append("</tbody></table>")

    out.append('<h2>By rule</h2><table id="by-rule"><thead><tr><th>code</th><th>rule</th><th>severity</th>'
               "<th>violations</th></tr></thead><tbody>")
    for code, n in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
        try:
            r = registry.get(code)
            name, summ = r.name, r.summary
        except KeyError:
            name, summ = "", ""
        sev = sev_of[code]
        out.append(f'<tr data-code="{_e(code)}"><td><a href="#rule-{_e(code)}">{_e(code)}</a></td>'
                   f'<td title="{_e(summ)}">{_e(name)}</td><td class="{sev}">{sev}</td><td class="n">{n}</td></tr>')
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

    if violations:
        out.append("<h2>Violations</h2>")
    anchored: set[str] = set()
    for i, path in enumerate(files):
        vs = by_file.get(path)
        if not vs:
            continue
        shown = vs[:MAX_PER_FILE]
        wanted = {n for v in shown for n in range(max(1, v.line - CONTEXT), v.line + CONTEXT + 1)}
        lines = source_lines(path, wanted)
        out.append(f'<section class="file" id="file-{i}" data-file="{_e(path)}"><h3>{_e(path)}</h3>')
        for v in shown:
            anchor = "" if v.code in anchored else f'<a id="rule-{_e(v.code)}"></a>'
            anchored.add(v.code)
            fix = (f'<div class="fix">fix: {_e(v.fix.message)} ({_e(v.fix.old)} → {_e(v.fix.new)})</div>'
                   if v.fix else "")
            out.append(f'<div class="v {v.severity}" data-code="{_e(v.code)}" data-line="{v.line}">'
                       f'<div class="head">{anchor}'
                       f'<span class="loc">{_e(path)}:{v.line}:{v.column}</span> '
                       f'<span class="code">{_e(v.code)}</span> <span class="{v.severity}">[{v.severity}]</span> '
                       f'{_e(v.message)} <span class="muted">({_e(v.rule)})</span></div>{fix}{_context(v, lines)}</div>')
        if len(vs) > len(shown):
            out.append(f'<p class="muted">{len(vs) - len(shown)} more violations in this file are not shown '
                       f"(see the counts above, or run the text format).</p>")
        out.append("</section>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
