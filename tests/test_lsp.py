"""``termlint lsp`` end to end: a real client (pytest-lsp) starts the server over stdio, with
the capabilities VS Code sends (UTF-16 positions) and those Neovim 0.11 sends (it offers
UTF-8, which the server takes), and edits JSON, PO and Markdown buffers."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

RULE = "thl-digi/digitaalinen-palvelu"

# 😀 lies outside the Basic Multilingual Plane: two UTF-16 units, four UTF-8 bytes.
TEXTS = {
    "ohje.md": ("# Ohje\n\n😀 Käytä sähköisiä palveluja.\n\n"
                "<!-- termlint: disable-next-line -->\nSähköiset palvelut ovat auki.\n"),
    "fi.json": '{\n  "a": "😀 Käytä sähköisiä palveluja.",\n  "b": "Hyvä päivä."\n}\n',
    "fi.po": ('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
              'msgid "Use"\nmsgstr "😀 Käytä sähköisiä palveluja."\n\n'
              '# termlint: disable-next-line\nmsgid "Other"\nmsgstr "Sähköiset palvelut"\n'),
}
TERM = "sähköisiä palveluja"
SPECS = {"visual-studio-code": "utf-16", "neovim@v0.11.0": "utf-8"}

# The module's tests share one server per client (starting it and building the engine takes
# a second or two), so they share the fixture's event loop.
pytestmark = pytest.mark.asyncio(loop_scope="module")


def _units(text: str, encoding: str) -> int:
    if encoding == "utf-16":
        return len(text.encode("utf-16-le")) // 2
    return len(text.encode("utf-8"))


def _position(text: str, offset: int, encoding: str) -> types.Position:
    line = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    return types.Position(line=line, character=_units(text[start:offset], encoding))


def _apply(text: str, edits: list[types.TextEdit], encoding: str) -> str:
    """Apply text edits as a client does (last first), positions in ``encoding``."""
    def offset(p: types.Position) -> int:
        start = 0
        for _ in range(p.line):
            start = text.index("\n", start) + 1
        counted, at = 0, start
        while counted < p.character:
            counted += _units(text[at], encoding)
            at += 1
        return at

    spans = sorted(((offset(e.range.start), offset(e.range.end), e.new_text) for e in edits),
                   reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("lsp-project")
    (root / ".termlint.yaml").write_text("language: fi\n", encoding="utf-8")
    return root


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[sys.executable, "-m", "termlint.cli", "lsp"]),
    params=list(SPECS), scope="module")
async def client(lsp_client: LanguageClient, request: pytest.FixtureRequest) -> Any:
    # Severities from workspace/configuration; from initializationOptions the debounce and
    # reportUnusedDirectives, which workspace/configuration leaves as they are.
    lsp_client.set_configuration({"severity": {"suggestion": "information"}},
                                 section="termlint")
    registered: list[types.Registration] = []

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        registered.extend(params.registrations)

    lsp_client.registered = registered  # type: ignore[attr-defined]
    # Diagnostics with the version they were made for: a server may publish for a version
    # the client has already left, and a client goes by the version.
    versions: dict[str, int | None] = {}

    def publish(params: types.PublishDiagnosticsParams) -> None:
        lsp_client.diagnostics[params.uri] = params.diagnostics
        versions[params.uri] = params.version

    lsp_client.protocol.fm.features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = publish
    lsp_client.versions = versions  # type: ignore[attr-defined]
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities(request.param),
        initialization_options={"termlint": {"debounce": 20,
                                             "reportUnusedDirectives": True}}))
    lsp_client.encoding = SPECS[request.param]  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


async def _until(check: Callable[[], Any], what: str) -> Any:
    for _ in range(600):
        found = check()
        if found:
            return found
        await asyncio.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


class Doc:
    """A buffer open in the client, with its text and version."""

    def __init__(self, client: LanguageClient, path: Path, text: str) -> None:
        self.client, self.uri, self.text, self.version = client, path.as_uri(), text, 1
        path.write_text(text, encoding="utf-8")
        client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=self.uri, language_id=path.suffix.lstrip("."),
                                   version=1, text=text)))

    async def diagnostics(self) -> list[types.Diagnostic]:
        """The diagnostics published for this buffer's current version."""
        versions = self.client.versions  # type: ignore[attr-defined]
        versions.pop(self.uri, None)

        def current() -> Any:
            if versions.get(self.uri, -1) != self.version:
                return None
            return [list(self.client.diagnostics[self.uri])]

        found: list[list[types.Diagnostic]] = await _until(
            current, f"diagnostics of version {self.version}")
        return found[0]

    def replace(self, text: str) -> None:
        self.version += 1
        self.text = text
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(version=self.version, uri=self.uri),
            [types.TextDocumentContentChangeWholeDocument(text=text)]))

    def close(self) -> None:
        self.client.text_document_did_close(types.DidCloseTextDocumentParams(
            types.TextDocumentIdentifier(uri=self.uri)))


def _encoding(client: LanguageClient) -> str:
    return client.encoding  # type: ignore[attr-defined,no-any-return]


@pytest.mark.parametrize("name", list(TEXTS))
async def test_diagnostics_on_open_change_and_save(client: LanguageClient, project: Path,
                                                   name: str) -> None:
    encoding = _encoding(client)
    text = TEXTS[name]
    doc = Doc(client, project / f"open-{encoding}-{name}", text)
    client.diagnostics.pop(doc.uri, None)
    found = await _until(lambda: client.diagnostics.get(doc.uri), "diagnostics on open")
    # One finding: the suppressed line (or PO entry) is not reported.
    assert len(found) == 1
    (d,) = found
    at = text.index(TERM)
    assert d.range == types.Range(start=_position(text, at, encoding),
                                  end=_position(text, at + len(TERM), encoding))
    assert d.range.start.character == (_units("😀 Käytä ", encoding)
                                       + (len('  "a": "') if name == "fi.json" else 0)
                                       + (len('msgstr "') if name == "fi.po" else 0))
    assert d.code == RULE
    assert d.code_description is not None and d.code_description.href.startswith("https://")
    assert d.source == "termlint"
    assert d.severity == types.DiagnosticSeverity.Warning  # a warning is no error
    # A one-character change that breaks the term: the finding goes.
    doc.replace(text.replace("sähköisiä", "sähköisiX"))
    assert await doc.diagnostics() == []
    # And comes back when the change is undone, then again on save.
    doc.replace(text)
    assert len(await doc.diagnostics()) == 1
    client.diagnostics.pop(doc.uri, None)
    client.text_document_did_save(types.DidSaveTextDocumentParams(
        types.TextDocumentIdentifier(uri=doc.uri)))
    assert len(await _until(lambda: client.diagnostics.get(doc.uri), "diagnostics on save")) == 1
    doc.close()


async def _actions(client: LanguageClient, doc: Doc, d: types.Diagnostic
                   ) -> list[types.CodeAction]:
    found = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri=doc.uri), d.range,
        types.CodeActionContext(diagnostics=[d])))
    return [a for a in found or [] if isinstance(a, types.CodeAction)]


@pytest.mark.parametrize("name", list(TEXTS))
async def test_a_quick_fix_applied_silences_the_buffer(client: LanguageClient, project: Path,
                                                       name: str) -> None:
    encoding = _encoding(client)
    doc = Doc(client, project / f"fix-{encoding}-{name}", TEXTS[name])
    (d,) = await _until(lambda: client.diagnostics.get(doc.uri), "diagnostics")
    actions = await _actions(client, doc, d)
    fix = next(a for a in actions if a.title.startswith("Replace with"))
    assert fix.kind == types.CodeActionKind.QuickFix and fix.edit is not None
    assert fix.edit.changes is not None and fix.command is None  # a plain WorkspaceEdit
    fixed = _apply(doc.text, list(fix.edit.changes[doc.uri]), encoding)
    assert "😀 Käytä digitaalisia palveluja." in fixed
    doc.replace(fixed)
    assert await doc.diagnostics() == []
    doc.close()


@pytest.mark.parametrize("name", ["ohje.md", "fi.po"])
async def test_disable_for_this_line_writes_the_formats_directive(
        client: LanguageClient, project: Path, name: str) -> None:
    encoding = _encoding(client)
    doc = Doc(client, project / f"disable-{encoding}-{name}", TEXTS[name])
    (d,) = await _until(lambda: client.diagnostics.get(doc.uri), "diagnostics")
    action = next(a for a in await _actions(client, doc, d) if a.title.startswith("Disable"))
    assert action.edit is not None and action.edit.changes is not None
    edited = _apply(doc.text, list(action.edit.changes[doc.uri]), encoding)
    directive = {"ohje.md": f"<!-- termlint: disable-line {RULE} -->",
                 "fi.po": f"# termlint: disable-next-line {RULE}\nmsgid \"Use\""}[name]
    assert directive in edited
    doc.replace(edited)
    assert await doc.diagnostics() == []
    doc.close()


async def test_json_has_no_comment_so_no_directive_is_offered(client: LanguageClient,
                                                              project: Path) -> None:
    doc = Doc(client, project / f"nodirective-{_encoding(client)}.json", TEXTS["fi.json"])
    (d,) = await _until(lambda: client.diagnostics.get(doc.uri), "diagnostics")
    titles = [a.title for a in await _actions(client, doc, d)]
    assert titles and not any(t.startswith("Disable") for t in titles)
    doc.close()


@pytest.mark.parametrize("name", list(TEXTS))
async def test_hover_explains_the_rule(client: LanguageClient, project: Path,
                                       name: str) -> None:
    doc = Doc(client, project / f"hover-{_encoding(client)}-{name}", TEXTS[name])
    (d,) = await _until(lambda: client.diagnostics.get(doc.uri), "diagnostics")
    hover = await client.text_document_hover_async(types.HoverParams(
        types.TextDocumentIdentifier(uri=doc.uri), d.range.start))
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert "digitaalinen palvelu" in hover.contents.value
    assert hover.range == d.range
    nothing = await client.text_document_hover_async(types.HoverParams(
        types.TextDocumentIdentifier(uri=doc.uri), types.Position(line=0, character=0)))
    assert nothing is None
    doc.close()


async def test_configuration_changes_are_watched(client: LanguageClient,
                                                 project: Path) -> None:
    registered = client.registered  # type: ignore[attr-defined]
    if _encoding(client) == "utf-16":  # VS Code registers watchers dynamically
        assert [r.method for r in registered] == [types.WORKSPACE_DID_CHANGE_WATCHED_FILES]
    doc = Doc(client, project / f"watch-{_encoding(client)}.md", TEXTS["ohje.md"])
    assert len(await _until(lambda: client.diagnostics.get(doc.uri), "diagnostics")) == 1
    config = project / ".termlint.yaml"
    config.write_text("language: fi\ndisable: [thl-digi]\n", encoding="utf-8")
    try:
        client.diagnostics.pop(doc.uri, None)
        client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
            [types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]))
        assert await _until(lambda: client.diagnostics.get(doc.uri) is not None
                            and [list(client.diagnostics[doc.uri])], "diagnostics") == [[]]
    finally:
        config.write_text("language: fi\n", encoding="utf-8")
        client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
            [types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]))
    assert len(await doc.diagnostics()) == 1
    doc.close()


async def test_severity_mapping_from_workspace_configuration(client: LanguageClient,
                                                             project: Path) -> None:
    # A project severity makes the rule a suggestion; the client maps suggestions to
    # Information (set in workspace/configuration by the fixture).
    folder = project / f"severity-{_encoding(client)}"
    folder.mkdir()
    (folder / ".termlint.yaml").write_text(f"severity:\n  {RULE}: suggestion\n",
                                           encoding="utf-8")
    doc = Doc(client, folder / "ohje.md", TEXTS["ohje.md"])
    (d,) = await _until(lambda: client.diagnostics.get(doc.uri), "diagnostics")
    assert d.severity == types.DiagnosticSeverity.Information
    doc.close()


async def test_a_buffer_that_does_not_parse_gets_one_error_where_the_reader_says(
        client: LanguageClient, project: Path) -> None:
    doc = Doc(client, project / f"broken-{_encoding(client)}.json",
              '{\n  "a": "Hyvä",\n  "b": oops\n}\n')
    (d,) = await _until(lambda: client.diagnostics.get(doc.uri), "diagnostics")
    assert d.code == "termlint/parse-error"
    assert d.severity == types.DiagnosticSeverity.Error
    assert d.range.start.line == 2 and "invalid JSON" in d.message
    # Mended, it is linted again.
    doc.replace(TEXTS["fi.json"])
    (d,) = await doc.diagnostics()
    assert d.code == RULE
    doc.close()


def _vocabulary(concept: str) -> str:
    return ("id: mine\nconcepts:\n  - id: " + concept + "\n    terms:\n      fi:\n"
            "        - {term: digitaalinen palvelu, status: preferred}\n"
            "        - {term: sähköinen palvelu, status: deprecated}\n")


async def test_a_vocabulary_the_configuration_names_is_watched(client: LanguageClient,
                                                               project: Path) -> None:
    folder = project / f"vocab-{_encoding(client)}"
    folder.mkdir()
    (folder / ".termlint.yaml").write_text("vocabularies: [own.yaml]\n", encoding="utf-8")
    vocabulary = folder / "own.yaml"
    vocabulary.write_text(_vocabulary("first"), encoding="utf-8")
    doc = Doc(client, folder / "ohje.md", TEXTS["ohje.md"])
    (d,) = await _until(lambda: client.diagnostics.get(doc.uri), "diagnostics")
    assert d.code == "mine/first"
    vocabulary.write_text(_vocabulary("second"), encoding="utf-8")
    client.diagnostics.pop(doc.uri, None)
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        [types.FileEvent(uri=vocabulary.as_uri(), type=types.FileChangeType.Changed)]))
    (d,) = await _until(lambda: client.diagnostics.get(doc.uri), "diagnostics after the change")
    assert d.code == "mine/second"
    doc.close()


async def test_initialization_options_reach_the_checker(client: LanguageClient,
                                                        project: Path) -> None:
    # reportUnusedDirectives (from initializationOptions) reports a directive that
    # silences nothing.
    text = "# Ohje\n\n<!-- termlint: disable-next-line -->\nHyvä päivä.\n"
    doc = Doc(client, project / f"unused-{_encoding(client)}.md", text)
    (d,) = await _until(lambda: client.diagnostics.get(doc.uri), "diagnostics")
    assert d.code == "termlint/unused-directive"
    assert d.range.start.line == 2
    doc.close()
