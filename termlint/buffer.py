"""Lint one file's text exactly as ``check`` would, without reading or writing the file.

An editor holds the text of a file that may not be saved yet; a library caller may hold text
that never was a file. :class:`Checker` lints such a *buffer* under a path, and the path
decides everything else, as it does for ``check PATH``: the nearest configuration (or the
one given), the reader (chosen by the path's suffix), the language (from the path, the
content, the configuration), the engine (the configuration's vocabularies, severities,
disabled rules and names), then suppression (``disable``, ``ignore-keys``, inline directives)
and the baseline. A file ``check`` would pass over (termlint's own files, excluded ones, a
type no reader reads) gives no findings.

A checker remembers what it loaded (configurations, engines, baselines) until
:meth:`Checker.reload`, so the language server lints each keystroke without loading
anything again; :func:`lint_buffer` keeps one checker per set of options for the process.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from termlint.config import Config, ConfigError, Override
from termlint.engine import Engine
from termlint.lint import FileResult, Linter, SegmentMemo
from termlint.model import FileError, Finding
from termlint.sources import Document, Source

__all__ = ["BufferError", "BufferResult", "BufferState", "Checker", "changed_span", "lint_buffer",
           "reload_buffers"]


class BufferError(ValueError):
    """A buffer that cannot be checked: a bad configuration, vocabulary or baseline, or text
    its reader cannot parse. The message is one line naming the file and what is wrong."""


@dataclass
class BufferResult:
    """What linting one buffer gave (:meth:`Checker.check`)."""

    path: str
    #: The reported findings: suppressed ones and those in the baseline left out.
    findings: list[Finding] = field(default_factory=list)
    #: Why nothing was checked (termlint's own file, excluded, no reader), or None.
    skipped: str | None = None
    #: The buffer does not parse as its format (its message names line and column).
    error: FileError | None = None
    document: Document | None = None
    source: Source | None = None
    config: Config | None = None
    settings: Override | None = None
    engine: Engine | None = None
    #: Findings left out by settings, directives or the baseline.
    suppressed: int = 0


@dataclass
class BufferState:
    """What a checker keeps of one buffer between lints, so that an edit costs what it
    changed: the matches of its segments (only a changed segment is linted again) and the
    document last read (a reader that can, splices the edit into it instead of reading the
    whole text again; :meth:`termlint.sources.Source.splice`)."""

    memo: SegmentMemo = field(default_factory=dict)
    document: Document | None = None
    source: Source | None = None

    def forget(self) -> None:
        self.memo.clear()
        self.document = self.source = None


def changed_span(old: str, new: str) -> tuple[int, int, int]:
    """``(start, old_end, new_end)``: ``old[start:old_end]`` became ``new[start:new_end]``,
    the rest being equal (found by halving: slices compare in C)."""
    limit = min(len(old), len(new))
    low, high = 0, limit
    while low < high:  # the longest common prefix
        mid = (low + high + 1) // 2
        if old[:mid] == new[:mid]:
            low = mid
        else:
            high = mid - 1
    prefix = low
    low, high = 0, limit - prefix
    while low < high:  # the longest common suffix that does not overlap it
        mid = (low + high + 1) // 2
        if old[len(old) - mid:] == new[len(new) - mid:]:
            low = mid
        else:
            high = mid - 1
    return prefix, len(old) - low, len(new) - low


class Checker:
    """Lints buffers as ``check`` lints files (see the module notes).

    ``config_file``, ``isolated``, ``vocab``, ``language`` and ``baseline`` mean what
    ``check``'s ``--config``, ``--isolated``, ``--vocab``, ``--language`` and ``--baseline``
    mean. ``default_vocab`` and ``default_language`` apply only where the configuration says
    nothing (an editor's settings, which the project's ``.termlint.yaml`` overrides)."""

    def __init__(self, config_file: str | None = None, isolated: bool = False,
                 vocab: Sequence[str] = (), language: str | None = None,
                 baseline: str | None = None, *, default_vocab: Sequence[str] = (),
                 default_language: str | None = None, unused_directives: bool = False,
                 use_prefilter: bool = True) -> None:
        from termlint.validation import normalise_language

        self.config_file = config_file
        self.isolated = isolated
        self.vocab = tuple(vocab)
        self.language = normalise_language(language) if language else None
        self.baseline = baseline
        self.default_vocab = tuple(default_vocab)
        self.default_language = (normalise_language(default_language) if default_language
                                 else None)
        self.unused_directives = unused_directives
        self.use_prefilter = use_prefilter
        self._lock = threading.RLock()
        self.reload()

    def reload(self) -> None:
        """Forget every configuration, engine and baseline loaded: one of their files
        changed (the language server calls this when a watched file changes)."""
        with self._lock:
            self._resolver: Any = None
            self._args: dict[tuple[Any, ...], dict[str, Any]] = {}
            self._engines: dict[int, Engine] = {}
            self._baselines: dict[str, Any] = {}
            self._checked_ids: set[int] = set()

    def resolver(self) -> Any:
        from termlint.plan import Resolver

        if self._resolver is None:
            self._resolver = Resolver(self.config_file, self.isolated)
        return self._resolver

    def configs(self) -> list[Config]:
        """Every configuration loaded so far (taken under the lock: another thread may be
        loading one)."""
        with self._lock:
            return list(self.resolver().configs())

    def config_for(self, path: str) -> Config:
        """The configuration that governs ``path`` (raises :class:`BufferError`)."""
        try:
            cfg: Config = self.resolver().for_path(path)
        except ConfigError as exc:
            raise BufferError(str(exc)) from None
        return cfg

    def engine_for(self, cfg: Config, settings: Override) -> Engine:
        """The engine ``check`` would build for a file with these settings (one per distinct
        settings, built once)."""
        from termlint.decide import engine_args

        vocab = self.vocab
        if not vocab and not settings.vocabularies and self.default_vocab:
            vocab = self.default_vocab
        args = engine_args(settings, vocab, self.use_prefilter, self._args, cfg.names)
        engine = self._engines.get(id(args))
        if engine is None:
            engine = self._engines[id(args)] = _build(args)
        return engine

    def _check_ids(self, cfg: Config, path: str) -> None:
        """Unknown rule ids and vocabulary names in the configuration stop ``check``; they
        stop a buffer's check too."""
        if id(cfg) in self._checked_ids:
            return
        from termlint.idcheck import check_ids
        from termlint.plan import Target

        problems = check_ids([Target(path, True, cfg, cfg.for_path(path))], self.vocab)
        if problems:
            raise BufferError("; ".join(problems))
        self._checked_ids.add(id(cfg))

    def _skipped(self, path: str, text: str, cfg: Config) -> str | None:
        from termlint.ownfiles import OwnFiles
        from termlint.sources import source_for

        own = OwnFiles()
        own.add_cli(self.vocab, self.baseline, None, None)
        own.add_config(cfg)
        reason = own.reason_for_text(path, os.path.realpath(path), text)
        if reason is not None:
            return f"termlint's own file: {reason}"
        if not cfg.selected(path, True):
            where = os.path.relpath(cfg.path) if cfg.path is not None else "the defaults"
            return f"excluded by {where}"
        if source_for(path) is None:
            return "no reader for this file type"
        return None

    def check(self, path: str, text: str, state: BufferState | None = None) -> BufferResult:
        """Lint ``text`` as the file ``path`` (see the module notes).

        ``state`` keeps what the last call on this buffer read and found, so that after an
        edit only what changed is read and linted again. Raises :class:`BufferError` for a
        bad configuration, vocabulary or baseline; a buffer its reader cannot parse gives a
        result with ``error`` set."""
        with self._lock:
            return self._check(path, text, state)

    def _check(self, path: str, text: str, state: BufferState | None) -> BufferResult:
        from termlint.decide import decide

        cfg = self.config_for(path)
        result = BufferResult(path=path, config=cfg)
        result.skipped = self._skipped(path, text, cfg)
        if result.skipped is not None:
            return result
        self._check_ids(cfg, path)
        settings = result.settings = cfg.for_path(path)
        engine = result.engine = self.engine_for(cfg, settings)
        language = self.language or settings.language or self.default_language or "fi"
        if language not in engine.languages and (self.language or settings.language):
            covered = ", ".join(sorted(engine.languages))
            raise BufferError(f"{path}: no selected vocabulary covers language {language!r} "
                              f"(covered: {covered})")
        linter = Linter(engine, default_language=language)
        spliced = _spliced(path, text, state)
        if spliced is not None:
            linted = linter.lint_result(spliced, state.memo if state is not None else None)
        else:
            linted = linter.lint_path(path, text.encode("utf-8", "surrogatepass"),
                                      state.memo if state is not None else None)
        if state is not None:
            state.document, state.source = linted.document, linted.source
        if linted.error is not None:
            result.error = linted.error
            return result
        if linted.document is None:
            result.skipped = linted.skipped
            return result
        result.document, result.source = linted.document, linted.source
        findings, result.suppressed = decide(linted.findings, settings, linted.document,
                                             self.unused_directives)
        findings, known = self._apply_baseline(findings, linted.document.text, cfg)
        result.findings = findings
        result.suppressed += known
        return result

    def _apply_baseline(self, findings: list[Finding], text: str,
                        cfg: Config) -> tuple[list[Finding], int]:
        from termlint.baseline import BaselineError
        from termlint.decide import baseline_name, split_baselines

        if not findings or baseline_name(cfg, self.baseline) is None:
            return findings, 0
        path = findings[0].path
        try:
            return split_baselines(findings, {path: text}, self.baseline, {path: cfg},
                                   self._load_baseline)
        except BaselineError as exc:
            raise BufferError(str(exc)) from None

    def _load_baseline(self, name: str) -> Any:
        """A baseline read once per checker (and read again after :meth:`reload`)."""
        from termlint.baseline import Baseline

        found = self._baselines.get(name)
        if found is None:
            found = self._baselines[name] = Baseline.load(name)
        return found

    def lint(self, path: str, text: str) -> list[Finding]:
        """The findings of :meth:`check`; a buffer that does not parse raises
        :class:`BufferError` (as ``check`` reports it as an error)."""
        result = self.check(path, text)
        if result.error is not None:
            raise BufferError(f"{result.error.path}: {result.error.message}")
        return result.findings


def _spliced(path: str, text: str, state: BufferState | None) -> FileResult | None:
    """The buffer's document made from the last one by its reader's
    :meth:`~termlint.sources.Source.splice`, or None (read the whole text)."""
    if state is None or state.document is None or state.source is None \
            or state.document.path != path or text.startswith("\ufeff"):
        return None
    old = state.document
    if old.text == text:
        document: Document | None = old
    else:
        start, old_end, new_end = changed_span(old.text, text)
        document = state.source.splice(old, start, old_end, text[start:new_end])
    if document is None:
        return None
    return FileResult(path=path, document=document, source=state.source)


def _build(args: dict[str, Any]) -> Engine:
    from termlint.assembly import build_engine

    try:
        return build_engine(**args)
    except Exception as exc:
        from termlint.vocab.schema import VocabError

        if isinstance(exc, VocabError):
            raise BufferError(str(exc)) from None
        raise


_checkers: dict[tuple[Any, ...], Checker] = {}
_checkers_lock = threading.Lock()


def lint_buffer(path: str, text: str, *, config: str | None = None, isolated: bool = False,
                vocab: Sequence[str] = (), language: str | None = None,
                baseline: str | None = None) -> list[Finding]:
    """The findings ``termlint check PATH`` would report if ``path`` held ``text``.

    The path need not exist: it chooses the configuration (the nearest ``.termlint.yaml`` or
    ``pyproject.toml`` above it), the reader (by its suffix) and, with the text, the
    language. Inline directives, the configuration's ``disable`` and ``ignore-keys`` and the
    baseline (the configuration's, or ``baseline``) apply as in ``check``. A path ``check``
    would pass over (a vocabulary, a ``.termlint.yaml``, an excluded file, an unknown suffix)
    gives ``[]``. The keyword arguments mean what ``check``'s options of the same names mean.

    Configurations, engines and baselines are loaded once per process and set of options;
    :func:`reload_buffers` forgets them after their files change. Raises
    :class:`BufferError` (a ``ValueError``) for text that does not parse as its format or a
    bad configuration, vocabulary or baseline, with a one-line message naming the file."""
    key = (config, isolated, tuple(vocab), language, baseline)
    with _checkers_lock:
        checker = _checkers.get(key)
        if checker is None:
            checker = _checkers[key] = Checker(config, isolated, vocab, language, baseline)
    return checker.lint(path, text)


def reload_buffers() -> None:
    """Make :func:`lint_buffer` load configurations, vocabularies and baselines again."""
    with _checkers_lock:
        for checker in _checkers.values():
            checker.reload()
