"""The language server (pygls 2 over stdio).

Each open buffer is linted by :class:`termlint.buffer.Checker`, as ``check`` would lint the
file, in one worker thread (the engine is used from one thread only), a short while after
the last change (``debounce``), at once on open and save. A buffer keeps its document and
the matches of its segments between lints (:class:`termlint.buffer.BufferState`), so an
edit re-reads (where the reader can splice it) and re-lints only the segments it changed.
Diagnostics carry the rule id as ``code`` and the source as ``codeDescription``; code
actions are the verified fix of a finding (the edit ``--fix`` would make) and a directive
that disables the rule on that line; hover shows what ``termlint explain`` says about the
rule.
"""

from __future__ import annotations

import asyncio
import bisect
import logging
import os
import re
from collections.abc import Generator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, lsp_method

from termlint.buffer import BufferError, BufferResult, BufferState, Checker
from termlint.lsp.positions import LineMap
from termlint.lsp.settings import Settings, parse_settings
from termlint.model import Edit, Finding
from termlint.version import __version__

log = logging.getLogger(__name__)

#: Files whose change may change findings: configurations, vocabularies, baselines.
WATCHED = ("**/.termlint.yaml", "**/.termlint.yml", "**/pyproject.toml", "**/*.yaml",
           "**/*.yml", "**/*.json", "**/*.tbx", "**/*.csv", "**/*.ttl")
_ENCODINGS: dict[str, str] = {"utf-8": "utf-8", "utf-16": "utf-16", "utf-32": "utf-32"}
_WHERE = re.compile(r"^(\d+):(?:(\d+):)?\s*")


class TermlintProtocol(LanguageServerProtocol):
    """pygls' protocol, preferring UTF-8 positions whenever the client offers them: they
    cost termlint nothing (pygls would take the client's first choice)."""

    @lsp_method(types.INITIALIZE)
    def lsp_initialize(self, params: types.InitializeParams
                       ) -> Generator[Any, Any, types.InitializeResult]:
        general = params.capabilities.general
        offered = list(general.position_encodings or ()) if general is not None else []
        if general is not None and types.PositionEncodingKind.Utf8 in offered:
            general.position_encodings = [types.PositionEncodingKind.Utf8]
        result: types.InitializeResult = yield from super().lsp_initialize(params)
        return result


@dataclass(frozen=True)
class Linted:
    """One lint of a buffer: its result (None when the configuration failed) and the text
    and version it was made on."""

    result: BufferResult | None
    text: str
    version: int | None


@dataclass
class Buffer:
    """What the server keeps for one open document."""

    uri: str
    path: str
    state: BufferState = field(default_factory=BufferState)
    #: The last lint, replaced whole (requests read it on the event loop's thread while
    #: the worker thread lints).
    last: Linted | None = None
    pending: asyncio.Task[None] | None = None
    #: The diagnostics last published, for the next lint to reuse (worker thread only).
    published: Published | None = None


@dataclass
class Published:
    """A buffer's last diagnostics by what each says and where (``_diagnostic_key``), with
    the text, encoding and settings they were made for: after a keystroke most findings
    have not moved, and making 250 diagnostics again cost as much as linting the edit."""

    text: str
    encoding: str
    settings: Settings
    diagnostics: dict[tuple[Any, ...], types.Diagnostic]


class TermlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("termlint", __version__, protocol_cls=TermlintProtocol)
        self.settings = Settings()
        self._configured = False
        self.init_options: Any = None
        self.checker = Checker()
        self.buffers: dict[str, Buffer] = {}
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="termlint-lint")

    # -- settings --------------------------------------------------------------------------

    def apply_settings(self, *layers: Any) -> None:
        settings, problems = parse_settings(self.init_options, *layers)
        log.info("settings: %s", settings)
        for problem in problems:
            self.window_show_message(types.ShowMessageParams(types.MessageType.Warning,
                                                             problem))
        if settings == self.settings and self._configured:
            return  # the same again (each didChangeConfiguration): keep the engines built
        self.settings = settings
        self._configured = True
        self.checker = Checker(settings.config_file, settings.isolated,
                               default_vocab=settings.vocabularies,
                               default_language=settings.language,
                               unused_directives=settings.report_unused_directives)
        for buffer in self.buffers.values():
            buffer.state.forget()

    async def fetch_configuration(self) -> None:
        """``workspace/configuration`` for section ``termlint``, when the client has it."""
        if not _capable(self, "workspace", "configuration"):
            return
        try:
            answer = await self.workspace_configuration_async(types.ConfigurationParams(
                items=[types.ConfigurationItem(section="termlint")]))
        except Exception as exc:  # a client may refuse: initializationOptions then decide
            log.warning("workspace/configuration failed: %s", exc)
            return
        self.apply_settings(*(answer or []))

    # -- linting ---------------------------------------------------------------------------

    def schedule(self, uri: str, delay: float) -> None:
        buffer = self.buffers.get(uri)
        if buffer is None:
            return
        if buffer.pending is not None and not buffer.pending.done():
            buffer.pending.cancel()
        buffer.pending = asyncio.get_running_loop().create_task(self._lint_later(uri, delay))

    async def _lint_later(self, uri: str, delay: float) -> None:
        if delay > 0:
            await asyncio.sleep(delay)
        await self.lint(uri)

    async def lint(self, uri: str) -> None:
        buffer = self.buffers.get(uri)
        if buffer is None:
            return
        document = self.workspace.get_text_document(uri)
        text, version = document.source, document.version
        encoding = self.encoding()
        loop = asyncio.get_running_loop()
        diagnostics = await loop.run_in_executor(
            self.worker, self._lint_now, buffer, text, version, encoding)
        if self.buffers.get(uri) is not buffer or document.version != version:
            return  # closed, or changed meanwhile: a newer lint is on its way
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, diagnostics=diagnostics, version=version))

    def _lint_now(self, buffer: Buffer, text: str, version: int | None,
                  encoding: str) -> list[types.Diagnostic]:
        """Lint in the worker thread; the diagnostics of the buffer's findings."""
        lines = LineMap(text, encoding)
        try:
            result = self.checker.check(buffer.path, text, buffer.state)
        except BufferError as exc:
            buffer.last = Linted(None, text, version)
            return [_problem(lines, str(exc), "termlint/configuration")]
        except Exception as exc:  # an engine bug must cost a diagnostic, not the server
            log.exception("linting %s failed", buffer.path)
            buffer.last = Linted(None, text, version)
            return [_problem(lines, f"internal error ({type(exc).__name__}: {exc}); "
                                    "please report it", "termlint/internal-error")]
        buffer.last = Linted(result, text, version)
        if result.error is not None:
            return [_parse_error(lines, result.error.message)]
        return self._diagnostics(buffer, lines, result.findings, _shift(text, result),
                                 encoding)

    def _diagnostics(self, buffer: Buffer, lines: LineMap, findings: list[Finding],
                     shift: int, encoding: str) -> list[types.Diagnostic]:
        """The findings' diagnostics, those of findings an edit did not move (the same
        message, range and severity as last time) reused rather than made again."""
        last = buffer.published
        moved = None
        if last is not None and last.encoding == encoding and last.settings is self.settings:
            moved = _unmoved(last.text, lines)
        made: dict[tuple[Any, ...], types.Diagnostic] = {}
        diagnostics = []
        for f in findings:
            start, end = f.offset + shift, f.end_offset + shift
            key = _diagnostic_key(f, start, end)
            diagnostic = None
            if last is not None and moved is not None:
                prefix, after, delta = moved
                if end < prefix:  # all text up to the finding's end is as it was
                    diagnostic = last.diagnostics.get(key)
                elif after >= 0 and start > after and \
                        lines.starts[bisect.bisect_right(lines.starts, start) - 1] > after:
                    # On a line after the edit's line (one the edit did not touch: a line
                    # starting just where a deletion ended lost its first characters), and
                    # the edit moved no line: the same positions, offsets moved by delta.
                    diagnostic = last.diagnostics.get(
                        _diagnostic_key(f, start - delta, end - delta))
            if diagnostic is None:
                diagnostic = self._diagnostic(lines, f, shift)
            made[key] = diagnostic
            diagnostics.append(diagnostic)
        buffer.published = Published(lines.text, encoding, self.settings, made)
        return diagnostics

    def _diagnostic(self, lines: LineMap, f: Finding, shift: int) -> types.Diagnostic:
        href = f.source if f.source and re.match(r"https?://", f.source) else None
        message = f.message
        if f.suggestions and not any(s in message for s in f.suggestions):
            message += f" (suggestion: {', '.join(f.suggestions)})"
        return types.Diagnostic(
            range=_range(lines, f.offset + shift, f.end_offset + shift),
            message=message,
            severity=types.DiagnosticSeverity(self.settings.lsp_severity(f.severity)),
            code=f.rule,
            code_description=types.CodeDescription(href=href) if href else None,
            source="termlint",
        )

    async def relint_all(self) -> None:
        for uri in list(self.buffers):
            await self.lint(uri)

    # -- what a finding offers ---------------------------------------------------------------

    async def current(self, uri: str) -> Buffer | None:
        """The buffer, linted on its current text (a request may come before the debounce)."""
        buffer = self.buffers.get(uri)
        if buffer is None:
            return None
        document = self.workspace.get_text_document(uri)
        last = buffer.last
        if last is None or last.version != document.version or last.text != document.source:
            await self.lint(uri)
        return buffer

    def encoding(self) -> str:
        kind = self.workspace.position_encoding
        return _ENCODINGS.get(str(getattr(kind, "value", kind) or ""), "utf-16")

    def code_actions(self, buffer: Buffer, where: types.Range) -> list[types.CodeAction]:
        """The quick fix and the directive of each finding ``where`` touches."""
        from termlint.fix import FixError, text_edits
        from termlint.lsp.directives import disable_line_edit

        last = buffer.last
        result = last.result if last is not None else None
        if last is None or result is None or result.document is None or result.source is None:
            return []
        lines = LineMap(last.text, self.encoding())
        shift = _shift(last.text, result)
        start = lines.offset(where.start.line, where.start.character)
        end = lines.offset(where.end.line, where.end.character)
        actions: list[types.CodeAction] = []
        touched = [f for f in result.findings
                   if f.offset + shift <= end and start <= f.end_offset + shift]
        for f in touched:
            diagnostic = self._diagnostic(lines, f, shift)
            if f.verified and f.edits and f.suggestions:
                try:
                    edits = text_edits(result.document, result.source, f)
                except FixError as exc:
                    log.info("no quick fix for %s: %s", f.rule, exc)
                    edits = []
                if edits:
                    actions.append(types.CodeAction(
                        title=f"Replace with '{f.suggestions[0]}'",
                        kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                        is_preferred=True,
                        edit=_workspace_edit(buffer.uri, lines, edits, shift)))
            disable = disable_line_edit(result.document, result.source, f)
            if disable is not None:
                actions.append(types.CodeAction(
                    title=f"Disable {f.rule} for this line",
                    kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                    edit=_workspace_edit(buffer.uri, lines, [disable], shift)))
        return actions

    def hover(self, buffer: Buffer, where: types.Position) -> types.Hover | None:
        """What ``explain`` says about the rule of each finding at ``where``."""
        from termlint.services.explain import lookup_id, to_text

        last = buffer.last
        result = last.result if last is not None else None
        if last is None or result is None or result.engine is None:
            return None
        shift = _shift(last.text, result)
        lines = LineMap(last.text, self.encoding())
        offset = lines.offset(where.line, where.character)
        found = [f for f in result.findings
                 if f.offset + shift <= offset < max(f.end_offset + shift, f.offset + shift + 1)]
        if not found:
            return None
        parts = []
        for f in found:
            explained = lookup_id(f.rule, result.engine.vocabularies)
            body = "\n\n".join(to_text(e) for e in explained) or f.message
            parts.append(f"{f.message}\n\n{body}")
        f = found[0]
        return types.Hover(contents=types.MarkupContent(
            kind=types.MarkupKind.PlainText, value="\n\n---\n\n".join(parts)),
            range=_range(lines, f.offset + shift, f.end_offset + shift))

    # -- watched files -------------------------------------------------------------------------

    def relevant(self, path: str) -> bool:
        """Whether a changed file can change findings: a configuration, or a vocabulary,
        rule file or baseline a loaded configuration names."""
        from termlint.config import CONFIG_NAMES

        name = os.path.basename(path)
        if name in CONFIG_NAMES or name == "pyproject.toml":
            return True
        real = os.path.realpath(path)
        wanted: set[str] = set()
        folders: set[str] = set()
        for cfg in self.checker.configs():
            for vocab in cfg.vocabulary_names():
                wanted.add(os.path.realpath(vocab.lstrip("+-")))
            baseline = cfg.baseline_path()
            if baseline is not None:
                wanted.add(os.path.realpath(baseline))
            folders.update(os.path.realpath(cfg.root / f) for f in cfg.rule_folders)
        for vocab in (*self.checker.vocab, *self.settings.vocabularies):
            wanted.add(os.path.realpath(vocab.lstrip("+-")))
        if self.settings.config_file:
            wanted.add(os.path.realpath(self.settings.config_file))
        return real in wanted or os.path.dirname(real) in folders

    async def reload(self) -> None:
        self.checker.reload()
        for buffer in self.buffers.values():
            buffer.state.forget()
        await self.relint_all()


def _capable(server: LanguageServer, *names: str) -> bool:
    node: Any = server.client_capabilities
    for name in names:
        node = getattr(node, name, None)
        if node is None or node is False:
            return False
    return True


def _shift(text: str, result: BufferResult) -> int:
    """Characters the buffer has before the document's text: a byte order mark an editor
    kept as a character is dropped by the reader."""
    if result.document is not None and text.startswith("\ufeff") and \
            not result.document.text.startswith("\ufeff"):
        return 1
    return 0


def _diagnostic_key(f: Finding, start: int, end: int) -> tuple[Any, ...]:
    """What a finding's diagnostic is made of, at the protocol-text offsets given."""
    return (start, end, f.rule, f.message, f.severity, f.source, f.suggestions)


def _unmoved(old: str, lines: LineMap) -> tuple[int, int, int]:
    """How an edit from ``old`` to ``lines.text`` moved positions: ``(prefix, after,
    delta)``. Offsets below ``prefix`` have the text before them unchanged. When the edit
    neither made nor removed a line break (none in what it removed or wrote, and no ``\\r``
    just before it that a ``\\n`` after it could now join), a line starting after ``after``
    is an old line moved by ``delta`` characters, so its positions are as they were;
    ``after`` is -1 when the edit changed the lines."""
    from termlint.buffer import changed_span

    new = lines.text
    if old == new:
        return len(new), 0, 0
    start, old_end, new_end = changed_span(old, new)
    removed, written = old[start:old_end], new[start:new_end]
    breaks = ("\r" in removed or "\n" in removed or "\r" in written or "\n" in written
              or (start > 0 and new[start - 1] == "\r"))
    return start, -1 if breaks else new_end, new_end - old_end


def _range(lines: LineMap, start: int, end: int) -> types.Range:
    (l1, c1), (l2, c2) = lines.position(start), lines.position(end)
    return types.Range(start=types.Position(l1, c1), end=types.Position(l2, c2))


def _workspace_edit(uri: str, lines: LineMap, edits: list[Edit], shift: int
                    ) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(changes={uri: [
        types.TextEdit(range=_range(lines, e.start + shift, e.end + shift),
                       new_text=e.replacement) for e in edits]})


def _problem(lines: LineMap, message: str, code: str) -> types.Diagnostic:
    return types.Diagnostic(range=_range(lines, 0, 0), message=message,
                            severity=types.DiagnosticSeverity.Error, code=code,
                            source="termlint")


def _parse_error(lines: LineMap, message: str) -> types.Diagnostic:
    """A reader's error (``3:7: invalid JSON …``) at its line and column."""
    where = _WHERE.match(message)
    line = column = 0
    if where is not None:
        line = int(where.group(1)) - 1
        column = int(where.group(2)) - 1 if where.group(2) else 0
        message = message[where.end():]
    offset = lines.starts[min(max(line, 0), len(lines.starts) - 1)] + max(column, 0)
    return types.Diagnostic(range=_range(lines, offset, offset), message=message,
                            severity=types.DiagnosticSeverity.Error,
                            code="termlint/parse-error", source="termlint")
