"""The protocol methods the server answers, each a thin call into :mod:`.server`."""

from __future__ import annotations

import logging
from typing import Any

from lsprotocol import types
from pygls.uris import to_fs_path

from termlint.lsp.server import WATCHED, Buffer, TermlintServer

__all__ = ["make_server", "register"]

log = logging.getLogger(__name__)


def _path(uri: str) -> str:
    return to_fs_path(uri) or uri


def register(server: TermlintServer) -> None:
    @server.feature(types.INITIALIZE)
    def initialize(ls: TermlintServer, params: types.InitializeParams) -> None:
        ls.init_options = params.initialization_options
        ls.apply_settings()

    @server.feature(types.INITIALIZED)
    async def initialized(ls: TermlintServer, params: types.InitializedParams) -> None:
        if _dynamic(ls, "workspace", "did_change_watched_files"):
            watchers = [types.FileSystemWatcher(glob_pattern=g) for g in WATCHED]
            try:
                await ls.client_register_capability_async(types.RegistrationParams(
                    registrations=[types.Registration(
                        id="termlint-watched-files",
                        method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                        register_options=types.DidChangeWatchedFilesRegistrationOptions(
                            watchers=watchers))]))
            except Exception as exc:  # saving such a file in the editor still reloads
                log.warning("could not register file watchers: %s", exc)
        await ls.fetch_configuration()
        await ls.relint_all()

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def changed_configuration(ls: TermlintServer,
                                    params: types.DidChangeConfigurationParams) -> None:
        settings: Any = params.settings
        if settings:
            ls.apply_settings(settings)
        await ls.fetch_configuration()
        await ls.relint_all()

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def changed_files(ls: TermlintServer,
                            params: types.DidChangeWatchedFilesParams) -> None:
        if any(ls.relevant(_path(change.uri)) for change in params.changes):
            await ls.reload()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: TermlintServer, params: types.DidOpenTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.buffers[uri] = Buffer(uri=uri, path=_path(uri))
        ls.schedule(uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: TermlintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, ls.settings.debounce / 1000)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: TermlintServer, params: types.DidSaveTextDocumentParams) -> None:
        if ls.relevant(_path(params.text_document.uri)):
            await ls.reload()  # a configuration or vocabulary saved from the editor
        else:
            ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: TermlintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        buffer = ls.buffers.pop(uri, None)
        if buffer is not None and buffer.pending is not None:
            buffer.pending.cancel()
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri,
                                                                            diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix]))
    async def code_action(ls: TermlintServer, params: types.CodeActionParams
                          ) -> list[types.CodeAction]:
        buffer = await ls.current(params.text_document.uri)
        if buffer is None:
            return []
        return ls.code_actions(buffer, params.range)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: TermlintServer, params: types.HoverParams) -> types.Hover | None:
        buffer = await ls.current(params.text_document.uri)
        if buffer is None:
            return None
        return ls.hover(buffer, params.position)


def _dynamic(ls: TermlintServer, *names: str) -> bool:
    node: Any = ls.client_capabilities
    for name in names:
        node = getattr(node, name, None)
        if node is None:
            return False
    return bool(getattr(node, "dynamic_registration", False))


def make_server() -> TermlintServer:
    """The server with its features registered (``termlint lsp`` starts it over stdio)."""
    server = TermlintServer()
    register(server)
    return server
