"""`druglint server` end to end: a real LSP client (pygls) talks to the server process over stdio.

initialize, didOpen, publishDiagnostics (code, severity, message, the cell's character
range), didChange (debounced), codeAction with the safe fix, hover with the rule's docs,
cross-file refresh, a broken configuration, an unread document, shutdown and exit."""
from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls")
from lsprotocol import types as T  # noqa: E402
from pygls.lsp.client import LanguageClient  # noqa: E402
from pygls.uris import from_fs_path  # noqa: E402

TIMEOUT = 60


class Client:
    """A pygls client plus what the server sent: diagnostics per uri, window messages."""

    def __init__(self) -> None:
        self.lc = LanguageClient("druglint-test", "1")
        self.diags: dict[str, list[T.Diagnostic]] = {}
        self.updates: dict[str, asyncio.Event] = {}
        self.messages: list[str] = []
        self.message_seen = asyncio.Event()

        @self.lc.feature(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def _diags(params: T.PublishDiagnosticsParams) -> None:
            self.diags[params.uri] = params.diagnostics
            self.updates.setdefault(params.uri, asyncio.Event()).set()

        @self.lc.feature(T.WINDOW_SHOW_MESSAGE)
        def _msg(params: T.ShowMessageParams) -> None:
            self.messages.append(params.message)
            self.message_seen.set()

    async def wait(self, uri: str) -> list[T.Diagnostic]:
        ev = self.updates.setdefault(uri, asyncio.Event())
        await asyncio.wait_for(ev.wait(), TIMEOUT)
        ev.clear()
        return self.diags[uri]

    def expect(self, uri: str) -> None:
        self.updates.setdefault(uri, asyncio.Event()).clear()


async def _start(root: Path) -> Client:
    c = Client()
    env = {k: v for k, v in os.environ.items()}
    await c.lc.start_io(sys.executable, "-m", "druglint", "server", cwd=str(root), env=env)
    result = await asyncio.wait_for(c.lc.initialize_async(T.InitializeParams(
        capabilities=T.ClientCapabilities(), root_uri=from_fs_path(str(root)),
        workspace_folders=[T.WorkspaceFolder(uri=from_fs_path(str(root)), name="data")])), TIMEOUT)
    c.capabilities = result.capabilities
    c.lc.initialized(T.InitializedParams())
    return c


async def _stop(c: Client) -> int:
    await asyncio.wait_for(c.lc.shutdown_async(None), TIMEOUT)
    c.lc.exit(None)
    return await asyncio.wait_for(c.lc._server.wait(), TIMEOUT)


def _open(c: Client, path: Path, version: int = 1) -> str:
    uri = from_fs_path(str(path))
    c.expect(uri)
    c.lc.text_document_did_open(T.DidOpenTextDocumentParams(
        T.TextDocumentItem(uri=uri, language_id="csv", version=version, text=path.read_text())))
    return uri


def _edit(c: Client, uri: str, version: int, line: int, start: int, end: int, text: str) -> None:
    c.lc.text_document_did_change(T.DidChangeTextDocumentParams(
        T.VersionedTextDocumentIdentifier(uri=uri, version=version),
        [T.TextDocumentContentChangePartial(range=T.Range(T.Position(line, start), T.Position(line, end)), text=text)]))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "druglint.yaml").write_text("select: [ALL]\n")
    (tmp_path / "interactions.csv").write_text("drug_a,drug_b,severity\nwarfarin,aspirin,major\nWarfarin,warfarin,major\n")
    (tmp_path / "dosing.csv").write_text("drug,route,concomitant\nwarfarin,oral,Aspirin\n")
    (tmp_path / "side_effects.csv").write_text("drug,effect,frequency_category\nibuprofen,dyspepsia,Very Common\n")
    (tmp_path / "notes.py").write_text("print('not data')\n")
    return tmp_path


def test_server_end_to_end(project):
    asyncio.run(_session(project))


async def _session(root: Path) -> None:
    c = await _start(root)
    caps = c.capabilities
    assert caps.code_action_provider and caps.hover_provider
    # didOpen -> diagnostics with code, severity, message and the offending cell's range
    uri = _open(c, root / "interactions.csv")
    diags = await c.wait(uri)
    self_pair = [d for d in diags if d.code == "DL301"]
    assert len(self_pair) == 1
    d = self_pair[0]
    assert d.severity == T.DiagnosticSeverity.Error and "interacting with itself" in d.message
    assert (d.range.start.line, d.range.start.character, d.range.end.character) == (2, 9, 17)  # "warfarin", column B
    # didChange (debounced): fix the self-pair in the buffer, unsaved; the finding goes
    c.expect(uri)
    _edit(c, uri, 2, 2, 9, 17, "ibuprofen")
    diags = await c.wait(uri)
    assert not [d for d in diags if d.code == "DL301"]
    # a safe fix as a code action: a vocabulary value in its non-canonical form (DL105)
    se = _open(c, root / "side_effects.csv")
    diags = await c.wait(se)
    d105 = next(d for d in diags if d.code == "DL105")
    assert (d105.range.start.line, d105.range.start.character, d105.range.end.character) == (1, 20, 31)
    actions = await asyncio.wait_for(c.lc.text_document_code_action_async(T.CodeActionParams(
        text_document=T.TextDocumentIdentifier(uri=se), range=d105.range,
        context=T.CodeActionContext(diagnostics=[d105]))), TIMEOUT)
    quick = [a for a in actions if a.kind == T.CodeActionKind.QuickFix]
    assert quick, actions
    (edit,) = quick[0].edit.changes[se]
    line = (root / "side_effects.csv").read_text().splitlines()[edit.range.start.line]
    assert edit.range.start.line == edit.range.end.line == 1  # a minimal edit inside the cell
    fixed = line[:edit.range.start.character] + edit.new_text + line[edit.range.end.character:]
    assert fixed == "ibuprofen,dyspepsia,very common"
    # hover on the diagnostic shows the rule's documentation
    hover = await asyncio.wait_for(c.lc.text_document_hover_async(T.HoverParams(
        T.TextDocumentIdentifier(uri=se), T.Position(1, 22))), TIMEOUT)
    assert "DL105" in hover.contents.value and "Passing example" in hover.contents.value
    # cross-file: dosing.csv names a concomitant the list rates major (DL410); when the list stops
    # rating it, the dosing file is republished without it, though it was not edited
    dosing = _open(c, root / "dosing.csv")
    assert any(d.code == "DL410" for d in await c.wait(dosing))
    c.expect(dosing)
    _edit(c, uri, 3, 1, 17, 22, "minor")  # warfarin,aspirin,major -> minor
    assert not [d for d in await c.wait(dosing) if d.code == "DL410"]
    # a document druglint does not read: one message, no crash
    c.message_seen.clear()
    py = from_fs_path(str(root / "notes.py"))
    c.lc.text_document_did_open(T.DidOpenTextDocumentParams(T.TextDocumentItem(py, "python", 1, "print(1)\n")))
    await asyncio.wait_for(c.message_seen.wait(), TIMEOUT)
    assert "not a file druglint reads" in c.messages[-1]
    # a broken configuration: a message and a diagnostic on the configuration, the server lives on
    c.message_seen.clear()
    cfg = root / "druglint.yaml"
    cfg.write_text("select: [ALL]\nfail-on: sometimes\n")
    cfg_uri = from_fs_path(str(cfg))
    c.expect(cfg_uri)
    c.lc.text_document_did_save(T.DidSaveTextDocumentParams(T.TextDocumentIdentifier(uri=se)))
    await asyncio.wait_for(c.message_seen.wait(), TIMEOUT)
    assert "fail-on" in c.messages[-1]
    (cd,) = await c.wait(cfg_uri)
    assert cd.range.start.line == 1
    cfg.write_text("select: [ALL]\n")
    c.expect(se)
    c.lc.text_document_did_save(T.DidSaveTextDocumentParams(T.TextDocumentIdentifier(uri=se)))
    assert any(d.code == "DL105" for d in await c.wait(se))  # alive and linting again
    assert await _stop(c) == 0


def test_waiver_state_of_two_files_adds_up():
    """A waiver used while linting one file is not 'unused' (DL699) because another file's
    piece did not use it: the server adds the per-file waiver states up as one run would."""
    from druglint.suppress.waivers import Waiver, WaiverSet
    from druglint.server import _waivers_together

    w = Waiver("data/*.csv", "DL301", {}, "reviewed", "druglint-waivers.yaml", 3)
    used_here = WaiverSet([w.__class__(**{**w.__dict__, "matched_table": True, "used": 2})], "druglint-waivers.yaml")
    not_there = WaiverSet([w.__class__(**{**w.__dict__, "matched_table": True, "used": 0})], "druglint-waivers.yaml")
    both = _waivers_together(not_there, used_here)
    assert [(x.matched_table, x.used) for x in both.waivers] == [(True, 2)]
    assert [(x.used) for x in not_there.waivers] == [0]  # the pieces themselves are left as they were
