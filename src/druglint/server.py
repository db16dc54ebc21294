"""``druglint server``: a Language Server Protocol server over stdio (pygls, the ``server`` extra).

It publishes druglint's findings as diagnostics for the data and prose files druglint reads,
when a document is opened, changed (debounced: DEBOUNCE seconds after the last keystroke)
or saved, with the configuration found from the document's folder and its specs. What is
linted is the editor's text, unsaved changes included (``engine.BUFFERS``), never a file
written for the purpose. A diagnostic carries the rule code, the
severity, the message and the character range of the offending cell or words.

Cross-file rules: the server keeps, per file of the workspace, what a lint of that file gave
the project rules (its tables and records, ``ProjectContext``); a change re-lints only the
changed document, runs the project rules over all the kept pieces, and republishes every
file whose cross-file findings changed. Files changed outside the editor are seen by their
size and modification time.

Code actions apply a finding's safe fix (``fixer.plan``, the same code as ``--fix``) as a
minimal text edit, and ``source.fixAll.druglint`` applies all of a document's. Hovering a
diagnostic shows its rule's documentation. A broken configuration or document gives a
window message (and a diagnostic on the configuration file when it names a line); the
server goes on.
"""
from __future__ import annotations

import asyncio
import hashlib
import os
import re
import sys
from dataclasses import dataclass, field
from typing import Any

from lsprotocol import types as T
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from druglint import __version__

DEBOUNCE = 0.25  # seconds of quiet after a change before linting
MAX_WORKSPACE_FILES = 500  # beyond this, cross-file rules see the open documents only
SOURCE = "druglint"
FIX_ALL = "source.fixAll.druglint"
_SEVERITY = {"error": T.DiagnosticSeverity.Error, "warning": T.DiagnosticSeverity.Warning,
             "info": T.DiagnosticSeverity.Information}


@dataclass
class Piece:
    """What one file gave the last lint: its own findings and its part of the project."""

    stamp: object
    violations: list
    tables: list
    extras: dict


@dataclass
class Root:
    """One configuration's workspace: its files and their pieces."""

    config: Any
    stamp: object = None  # the configuration file's size and mtime when loaded
    files: list[str] = field(default_factory=list)
    pieces: dict[str, Piece] = field(default_factory=dict)
    across: dict[str, list] = field(default_factory=dict)  # abs path -> cross-file findings


class DruglintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("druglint", __version__, text_document_sync_kind=T.TextDocumentSyncKind.Incremental)
        self.roots: dict[str, Root] = {}
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.shown: dict[str, list] = {}  # uri -> violations published
        self.told: set[str] = set()

    # ------------------------------------------------------------------ helpers
    def tell(self, message: str, kind: T.MessageType = T.MessageType.Error) -> None:
        self.window_show_message(T.ShowMessageParams(type=kind, message=f"druglint: {message}"))

    def root_for(self, path: str) -> Root:
        from druglint import config as config_mod

        found = config_mod.find(os.path.dirname(path))
        key = found[0] if found else os.path.dirname(path)
        stamp = _stamp(key) if found else None
        root = self.roots.get(key)
        if root is None or root.stamp != stamp:
            cfg = config_mod.load(found[0] if found else None, start=os.path.dirname(path))
            root = self.roots[key] = Root(cfg, stamp)
        return root


def _stamp(path: str) -> object:
    from druglint.engine import BUFFERS

    data = BUFFERS.get(os.path.abspath(path))
    if data is not None:
        return ("buffer", hashlib.sha256(data).hexdigest())
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


server = DruglintServer()


def _reads(path: str) -> bool:
    from druglint.discovery import DOCUMENT_SUFFIXES
    from druglint.readers import format_of
    from druglint.readers.workbook import is_workbook

    fmt = format_of(path)
    return (fmt is not None and not is_workbook(path)) or os.path.splitext(path)[1].lower() in DOCUMENT_SUFFIXES


def _piece(path: str, root: Root, sel: Any) -> Piece:
    from druglint import engine

    project = engine.ProjectContext(config=root.config)
    report, _ = engine.lint_files([path], root.config, sel, project_rules=False, project=project)
    return Piece(_stamp(path), report.violations, list(project.tables), dict(project.extras))


def _merged(root: Root) -> Any:
    """One ProjectContext of every kept piece, in file order (list extras concatenated)."""
    from druglint import engine

    project = engine.ProjectContext(config=root.config)
    for p in root.pieces.values():
        project.tables.extend(p.tables)
        for k, v in p.extras.items():
            if isinstance(v, list):
                project.extras.setdefault(k, []).extend(v)
            elif k == "waivers" and k in project.extras:
                project.extras[k] = _waivers_together(project.extras[k], v)
            else:
                project.extras.setdefault(k, v)
    return project


def _waivers_together(a: Any, b: Any) -> Any:
    """The per-run waiver state of two pieces as one run's (suppress/waivers.py): a waiver matched
    a table if it did in either, and was used as often as in both (DL699 reads these)."""
    from dataclasses import replace

    if len(a.waivers) != len(b.waivers):
        return a
    merged = [replace(x, matched_table=x.matched_table or y.matched_table, used=x.used + y.used)
              for x, y in zip(a.waivers, b.waivers)]
    return replace(a, waivers=merged)


def lint(ls: DruglintServer, uri: str) -> None:
    """Lint one document (and refresh the cross-file findings of its workspace)."""
    from druglint import engine
    from druglint.config import ConfigError
    from druglint.discovery import UsageError, discover

    path = to_fs_path(uri)
    if path is None:
        return
    if not _reads(path):
        if uri not in ls.told:
            ls.told.add(uri)
            ls.tell(f"{os.path.basename(path)} is not a file druglint reads (data tables, prose, specs); "
                    "no diagnostics", T.MessageType.Info)
        return
    doc = ls.workspace.get_text_document(uri)
    engine.BUFFERS[os.path.abspath(path)] = doc.source.encode("utf-8")
    try:
        root = ls.root_for(path)
        sel = engine.Selection(root.config)
        if not root.files:
            try:
                files = discover([root.config.root], root.config)
            except UsageError:
                files = []
            root.files = files if len(files) <= MAX_WORKSPACE_FILES else []
        paths = list(dict.fromkeys([os.path.abspath(f) for f in root.files] + [os.path.abspath(path)]))
        for f in paths:
            p = root.pieces.get(f)
            if f == os.path.abspath(path) or p is None or p.stamp != _stamp(f):
                if not os.path.exists(f) and f not in engine.BUFFERS:
                    root.pieces.pop(f, None)
                    continue
                root.pieces[f] = _piece(f, root, sel)
        across: dict[str, list] = {}
        for v in engine.run_project_rules(_merged(root), sel):
            across.setdefault(_owner(v.path), []).append(v)
    except (ConfigError, UsageError, ValueError) as exc:
        _config_problem(ls, str(exc))
        return
    except Exception as exc:  # a rule or reader failing on odd text must never kill the server
        ls.tell(f"internal error on {os.path.basename(path)}: {type(exc).__name__}: {exc}")
        return
    changed = {f for f in set(across) | set(root.across) if across.get(f, []) != root.across.get(f, [])}
    root.across = across
    for f in {os.path.abspath(path)} | changed:
        piece = root.pieces.get(f)
        publish(ls, f, (piece.violations if piece else []) + across.get(f, []))


def _owner(vpath: str) -> str:
    from druglint.readers.workbook import split_sheet

    return os.path.abspath(split_sheet(vpath)[0])


def _config_problem(ls: DruglintServer, message: str) -> None:
    ls.tell(message)
    m = re.match(r"^(.+?):(\d+): (.*)$", message)
    if m and os.path.isfile(m.group(1)):
        line = int(m.group(2)) - 1
        diag = T.Diagnostic(range=T.Range(T.Position(line, 0), T.Position(line, 10_000)), message=m.group(3),
                            severity=T.DiagnosticSeverity.Error, source=SOURCE)
        ls.text_document_publish_diagnostics(T.PublishDiagnosticsParams(uri=from_fs_path(m.group(1)), diagnostics=[diag]))


def _text_of(ls: DruglintServer, path: str) -> str:
    uri = from_fs_path(path)
    doc = ls.workspace.text_documents.get(uri)
    if doc is not None:
        return doc.source
    try:
        with open(path, "rb") as fh:
            return fh.read().decode("utf-8", "replace")
    except OSError:
        return ""


def _delimiter(path: str, text: str) -> str | None:
    from druglint.engine import _handlers
    from druglint.readers import format_of

    fmt = format_of(path)
    if fmt is None or fmt[0] not in ("csv", "tsv", "txt"):
        return None
    if any(h.claims(path, text[:4096].encode("utf-8", "replace")) for h in _handlers()):
        return None  # a prose .txt or a preset document: character columns
    if fmt[1] is not None:
        return fmt[1]
    head = text.split("\n", 1)[0]
    counts = {d: head.count(d) for d in ("$", "\t", "|", ",")}
    best = max(counts, key=counts.get)
    return best if counts[best] else None


def diagnostics(path: str, text: str, violations: list) -> list[T.Diagnostic]:
    from druglint.lsp_ranges import cell_span

    delim = _delimiter(path, text)
    out = []
    for v in violations:
        span = cell_span(text, v.line - 1, v.column, delim)
        out.append(T.Diagnostic(
            range=T.Range(T.Position(span.line, span.start), T.Position(span.line, span.end)),
            message=v.message + (f" (fix: {v.fix.message})" if v.fix else ""),
            severity=_SEVERITY[str(v.severity)], code=v.code, source=SOURCE,
            data={"line": v.line, "column": v.column, "code": v.code}))
    return out


def publish(ls: DruglintServer, path: str, violations: list) -> None:
    uri = from_fs_path(path)
    ls.shown[uri] = violations
    ls.text_document_publish_diagnostics(T.PublishDiagnosticsParams(
        uri=uri, diagnostics=diagnostics(path, _text_of(ls, path), violations)))


def schedule(ls: DruglintServer, uri: str, delay: float) -> None:
    old = ls.pending.pop(uri, None)
    if old is not None:
        old.cancel()
    loop = asyncio.get_running_loop()
    ls.pending[uri] = loop.call_later(delay, lambda: (ls.pending.pop(uri, None), lint(ls, uri)))


# ---------------------------------------------------------------------- features
@server.feature(T.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: DruglintServer, params: T.DidOpenTextDocumentParams) -> None:
    lint(ls, params.text_document.uri)


@server.feature(T.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: DruglintServer, params: T.DidChangeTextDocumentParams) -> None:
    schedule(ls, params.text_document.uri, DEBOUNCE)


@server.feature(T.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: DruglintServer, params: T.DidSaveTextDocumentParams) -> None:
    path = to_fs_path(params.text_document.uri) or ""
    if os.path.basename(path) in ("druglint.yaml", ".druglint.yaml", "druglint.yml", "pyproject.toml"):
        ls.roots.clear()  # a new configuration: every file is linted again
        for uri in list(ls.shown):
            schedule(ls, uri, 0)
        return
    schedule(ls, params.text_document.uri, 0)


@server.feature(T.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: DruglintServer, params: T.DidCloseTextDocumentParams) -> None:
    from druglint.engine import BUFFERS

    path = to_fs_path(params.text_document.uri)
    if path:
        BUFFERS.pop(os.path.abspath(path), None)


def _fix_edit(ls: DruglintServer, uri: str, chosen: list) -> T.WorkspaceEdit | None:
    from druglint.fixer import plan
    from druglint.lsp_ranges import minimal_edit, offset_position

    path = to_fs_path(uri) or ""
    text = ls.workspace.get_text_document(uri).source
    result = plan(path, text.encode("utf-8"), chosen)
    if not result.changed:
        return None
    after = result.after.decode("utf-8")
    start, end, new = minimal_edit(text, after)
    rng = T.Range(T.Position(*offset_position(text, start)), T.Position(*offset_position(text, end)))
    return T.WorkspaceEdit(changes={uri: [T.TextEdit(range=rng, new_text=new)]})


@server.feature(T.TEXT_DOCUMENT_CODE_ACTION,
                T.CodeActionOptions(code_action_kinds=[T.CodeActionKind.QuickFix, FIX_ALL], resolve_provider=False))
def code_action(ls: DruglintServer, params: T.CodeActionParams) -> list[T.CodeAction]:
    uri = params.text_document.uri
    shown = [v for v in ls.shown.get(uri, []) if v.fix is not None]
    out: list[T.CodeAction] = []
    try:
        for d in params.context.diagnostics:
            data = d.data if isinstance(d.data, dict) else {}
            for v in shown:
                if (v.code, v.line, v.column) == (data.get("code"), data.get("line"), data.get("column")):
                    edit = _fix_edit(ls, uri, [v])
                    if edit is not None:
                        out.append(T.CodeAction(title=f"{v.code}: {v.fix.message}", kind=T.CodeActionKind.QuickFix,
                                                diagnostics=[d], edit=edit, is_preferred=True))
        if shown:
            edit = _fix_edit(ls, uri, shown)
            if edit is not None:
                out.append(T.CodeAction(title="druglint: apply every safe fix", kind=FIX_ALL, edit=edit))
    except Exception as exc:
        ls.tell(f"cannot compute fixes: {type(exc).__name__}: {exc}")
    return out


@server.feature(T.TEXT_DOCUMENT_HOVER)
def hover(ls: DruglintServer, params: T.HoverParams) -> T.Hover | None:
    from druglint import registry

    uri, pos = params.text_document.uri, params.position
    path = to_fs_path(uri) or ""
    text = ls.workspace.get_text_document(uri).source
    docs = []
    for d in diagnostics(path, text, ls.shown.get(uri, [])):
        if d.range.start.line == pos.line and d.range.start.character <= pos.character <= max(d.range.end.character,
                                                                                              d.range.start.character + 1):
            try:
                r = registry.get(str(d.code))
            except KeyError:
                continue
            docs.append(f"**{r.code} {r.name}** ({r.severity})\n\n{r.doc.strip()}")
    if not docs:
        return None
    return T.Hover(contents=T.MarkupContent(kind=T.MarkupKind.Markdown, value="\n\n---\n\n".join(dict.fromkeys(docs))))


def main() -> int:
    """Serve over stdio. Anything printed by druglint's code goes to stderr, never into the protocol."""
    import logging

    logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="druglint server: %(levelname)s %(message)s")
    out = sys.stdout.buffer
    sys.stdout = sys.stderr
    server.start_io(sys.stdin.buffer, out)
    return 0


__all__ = ["server", "main", "DruglintServer", "diagnostics"]
