"""The pipeline: files → sources → segments → engine → findings placed in the file.

This module wires stages together and converts coordinates; it holds no linguistics and no
output logic. Every failure to read a file becomes a :class:`~termlint.model.FileError` and the
run goes on with the next file.
"""

from __future__ import annotations

import errno
import os
import stat
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial

from termlint.engine import Engine
from termlint.model import Edit, FileError, Finding, Match, Segment, evolve, sort_findings
from termlint.morphology import AnalyzerUnavailable
from termlint.sources import Document, Source, SourceError, source_for
from termlint.sources.langdetect import detect_segments
from termlint.walk import SKIP_DIRS, iter_files, open_unblocked

#: The walk lives in :mod:`termlint.walk`; these names stay importable from here.
__all__ = [
    "SKIP_DIRS",
    "FileResult",
    "LineIndex",
    "Linter",
    "SegmentMemo",
    "iter_files",
    "line_starts",
    "lint_paths",
    "place",
    "read_regular_file",
]


def line_starts(text: str) -> array[int]:
    """Offsets where lines start, as a compact array (8 bytes a line, not 36 as a list of
    ints: a 70 MB file has millions of lines); ``str.find`` keeps the scan in C."""
    starts = array("q", [0])
    find = text.find
    at = find("\n")
    while at >= 0:
        starts.append(at + 1)
        at = find("\n", at + 1)
    return starts


class LineIndex:
    """1-based line and column of a file-text offset.

    Findings come mostly in file order, so the index keeps a cursor and counts the newlines
    between the last offset asked and the next one (``str.count`` runs in C). A file of 70 MB
    with a handful of findings costs one pass, and no table of every line start is built.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._offset = 0
        self._line = 1
        self._line_start = 0

    def position(self, offset: int) -> tuple[int, int]:
        if offset < self._offset:
            self._offset, self._line, self._line_start = 0, 1, 0
        # Only the text between the last offset and this one is scanned, both ways.
        newlines = self.text.count("\n", self._offset, offset)
        if newlines:
            self._line += newlines
            self._line_start = self.text.rfind("\n", self._offset, offset) + 1
        self._offset = offset
        return self._line, offset - self._line_start + 1


@dataclass
class FileResult:
    path: str
    document: Document | None = None
    source: Source | None = None
    findings: list[Finding] = field(default_factory=list)
    error: FileError | None = None
    skipped: str | None = None
    #: The file's text, kept when a worker settles the result and drops the document.
    text: str | None = None
    #: How many findings suppression dropped, once it has run (see ``lint_paths``' finish).
    suppressed: int | None = None
    #: The languages of a file whose text is in no language the vocabularies cover (a
    #: ``pt.json`` beside ``fi.json``): read, but nothing in it was checked.
    unchecked: tuple[str, ...] = ()
    #: The languages of the file that were checked (a selected vocabulary covers them).
    languages: tuple[str, ...] = ()


def place(doc: Document, segment: Segment, match: Match, index: LineIndex) -> Finding:
    """A segment match as a finding in file coordinates (offsets, lines, columns, edits)."""
    offset, end_offset = segment.exact_span(match.start, match.end, doc.text)
    line, column = index.position(offset)
    end_line, end_column = index.position(end_offset)
    edits = tuple(
        Edit(*segment.exact_span(start, end, doc.text), replacement)
        for start, end, replacement in match.replacements
    )
    return Finding(
        path=doc.path,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        offset=offset,
        end_offset=end_offset,
        text=doc.text[offset:end_offset],
        rule=match.rule,
        severity=match.severity,
        message=match.message,
        suggestions=match.suggestions,
        concept=match.concept,
        source=match.source,
        key=segment.key,
        verified=match.verified,
        confidence=match.confidence,
        edits=edits,
    )


class Linter:
    """Lints documents with one engine.

    A segment's language is, first to last: ``forced_language`` (``--language``, or a
    configuration override's ``language`` for the file's glob); what the file declares (a PO
    header, root keys ``fi:``/``sv:``); what its path says (``sv.json``); what the value's key
    or content says (:mod:`termlint.sources.langdetect`); ``default_language``."""

    def __init__(self, engine: Engine, default_language: str = "fi",
                 forced_language: str | None = None,
                 readers: Mapping[str, str] | None = None) -> None:
        self.engine = engine
        self.default_language = default_language
        self.forced_language = forced_language
        #: Configuration's suffix → reader mapping (see :func:`termlint.sources.source_for`).
        self.readers = dict(readers or {})

    def languages(self, doc: Document) -> list[str]:
        """The language each segment of ``doc`` is linted in."""
        if self.forced_language is not None:
            return [self.forced_language] * len(doc.segments)
        if doc.language is None:
            detected = detect_segments(doc.segments)
        else:
            detected = [segment.language for segment in doc.segments]
        return [language or doc.language or self.default_language for language in detected]

    def lint_document(self, doc: Document, languages: list[str] | None = None,
                      memo: SegmentMemo | None = None) -> list[Finding]:
        """Findings in ``doc``, whose segments are in ``languages`` (default: as
        :meth:`languages` says).

        With ``memo`` (an editor's buffer, linted again after each keystroke), a segment
        whose text, language, masks and hidden ranges equal those of a segment of the last
        call is not linted again: its matches are taken from the memo and placed where the
        segment now is. A match depends on nothing else, so the findings are the same."""
        index = LineIndex(doc.text)
        findings: list[Finding] = []
        if languages is None:
            languages = self.languages(doc)
        if memo is not None:
            return self._lint_with_memo(doc, languages, memo, index)
        worth = self.engine.may_hold_matches(doc.segments, languages)
        for segment, language, wanted in zip(doc.segments, languages, worth, strict=True):
            if not wanted:
                continue
            if segment.language != language:
                # The engine reads a segment's own language first: a forced or detected
                # language goes into the segment it applies to.
                segment = evolve(segment, language=language)
            # Placed where each match is made: a long segment shared between processes has
            # its findings placed in each process, not all in this one afterwards.
            findings.extend(self.engine.lint_segment_as(
                segment, partial(place, doc, segment, index=index), language))
        return sort_findings(findings)

    def _lint_with_memo(self, doc: Document, languages: list[str], memo: SegmentMemo,
                        index: LineIndex) -> list[Finding]:
        """As :meth:`lint_document`, the matches of a segment seen in the last call taken
        from ``memo``. Segments the prefilter ruled out are remembered too (with no
        matches), so that only the segments not in the memo (after a keystroke, the one
        edited) go through :meth:`Engine.may_hold_matches`: scanning all 5,000 values of a
        strings file again was the largest cost of linting it after an edit."""
        keys = [(segment.text, language, segment.masks, segment.hidden)
                for segment, language in zip(doc.segments, languages, strict=True)]
        unknown = [i for i, key in enumerate(keys) if key not in memo]
        worth = dict(zip(unknown, self.engine.may_hold_matches(
            [doc.segments[i] for i in unknown], [languages[i] for i in unknown]),
            strict=True))
        fresh: SegmentMemo = {}
        findings: list[Finding] = []
        for i, (segment, key) in enumerate(zip(doc.segments, keys, strict=True)):
            matches = fresh.get(key)
            if matches is None:
                matches = memo.get(key)
            if matches is None:
                matches = (self.engine.lint_segment_as(segment, _same, key[1])
                           if worth.get(i, True) else [])
            fresh[key] = matches
            if matches:
                findings.extend(place(doc, segment, m, index) for m in matches)
        memo.clear()
        memo.update(fresh)
        return sort_findings(findings)

    def read(self, path: str, raw: bytes | None = None) -> FileResult:
        """Read and parse one file; problems become the result's ``error``."""
        source = source_for(path, readers=self.readers)
        if source is None:
            return FileResult(path=path, skipped="no reader for this file type")
        try:
            data = raw if raw is not None else read_regular_file(path)
        except IsADirectoryError:
            return FileResult(path=path, error=FileError(path, "is a directory, not a file"))
        except FileNotFoundError:
            message = ("broken symbolic link (its target does not exist)"
                       if os.path.islink(path) else "no such file")
            return FileResult(path=path, error=FileError(path, message))
        except NotRegularFile as exc:
            return FileResult(path=path, error=FileError(path, str(exc)))
        except OSError as exc:
            reason = exc.strerror or str(exc)
            return FileResult(path=path, error=FileError(path, f"cannot read: {reason}"))
        try:
            doc = source.read(path, data)
        except SourceError as exc:
            where = exc.where()
            message = f"{where} {exc.message}" if where else exc.message
            return FileResult(path=path, error=FileError(path, message))
        except Exception as exc:  # a bug in a reader must cost one file, not the run
            return FileResult(path=path, error=FileError(path, _internal("reading", exc)))
        return FileResult(path=path, document=doc, source=source)

    def lint_path(self, path: str, raw: bytes | None = None,
                  memo: SegmentMemo | None = None) -> FileResult:
        """Read and lint one file (``raw``: its bytes, when they are at hand).

        The findings are the engine's, before suppression: inline directives, ``disable``
        settings and baselines are applied by :mod:`termlint.decide` (``check``) or
        :func:`termlint.lint_buffer`, which a library caller wants instead."""
        return self.lint_result(self.read(path, raw), memo)

    def lint_result(self, result: FileResult, memo: SegmentMemo | None = None) -> FileResult:
        """Lint the document of a :meth:`read` result (or one a reader spliced, see
        :meth:`termlint.sources.Source.splice`) into that result."""
        path = result.path
        if result.document is not None:
            languages = self.languages(result.document)
            if languages and self.engine.languages.isdisjoint(languages):
                result.unchecked = tuple(sorted(set(languages)))
            result.languages = tuple(sorted(self.engine.languages.intersection(languages)))
            try:
                result.findings = self.lint_document(result.document, languages, memo)
            except AnalyzerUnavailable:
                raise  # no analyser at all (loaded when first needed): the run cannot go on
            except Exception as exc:  # an engine bug must cost one file, not the run
                result.error = FileError(path, _internal("linting", exc))
            if result.error is not None:
                result.document = result.source = None
        return result


#: Matches of an editor buffer's segments from its last lint, by
#: ``(text, language, masks, hidden)`` (see :meth:`Linter.lint_document`).
SegmentMemo = dict[tuple[str, str, tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]],
                   list[Match]]


def _same(match: Match) -> Match:
    return match


def _internal(step: str, exc: BaseException) -> str:
    detail = " ".join(str(exc).split())[:200]
    return (f"internal error while {step} this file ({type(exc).__name__}"
            f"{': ' + detail if detail else ''}); please report it")


class NotRegularFile(OSError):
    """A path that is a named pipe, a device or a socket: reading it could block forever or
    never end, so it is refused."""


class FileTooLarge(NotRegularFile):
    """A file larger than :func:`max_file_bytes`: refused before a byte of it is read."""


#: Default for ``TERMLINT_MAX_FILE_MB``: far above any translation or documentation file
#: (the largest in the corpora is under 2 MB), far below what a file read whole costs in
#: memory (a 512 MB file took 1 GiB).
MAX_FILE_MB = 64


def max_file_bytes() -> int:
    """The largest file read, in bytes: ``TERMLINT_MAX_FILE_MB`` (a positive number of MiB)
    when set to one, else :data:`MAX_FILE_MB`."""
    value = os.environ.get("TERMLINT_MAX_FILE_MB", "").strip()
    try:
        megabytes = float(value) if value else MAX_FILE_MB
    except ValueError:
        megabytes = MAX_FILE_MB
    if not megabytes > 0:
        megabytes = MAX_FILE_MB
    return int(megabytes * (1 << 20))


def read_regular_file(path: str) -> bytes:
    """The bytes of the regular file at ``path`` (a symlink is followed).

    The file is opened without blocking and checked with ``fstat`` on the open descriptor
    before anything is read, so a named pipe (which would wait for a writer) or a device such
    as ``/dev/zero`` (which never ends) is refused instead of hanging the run. A file larger
    than :func:`max_file_bytes` is refused unread (:class:`FileTooLarge`); the read itself is
    bounded too, so a file that grows after the check cannot exhaust memory.
    """
    fd, info = open_unblocked(path)
    try:
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a directory", path)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(f"not a regular file ({_kind(info.st_mode)}); not read")
        limit = max_file_bytes()
        if info.st_size > limit:
            raise FileTooLarge(_too_large(info.st_size, limit))
        with open(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
        if len(data) > limit:
            raise FileTooLarge(_too_large(len(data), limit))
        return data
    finally:
        os.close(fd)


def _too_large(size: int, limit: int) -> str:
    def mib(n: int) -> str:
        return f"{n / (1 << 20):.0f} MiB" if n >= 1 << 20 else f"{n} bytes"

    return (f"too large to check ({mib(size)}; the limit is {mib(limit)}, set "
            "TERMLINT_MAX_FILE_MB to change it); not read")


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


# -- parallel runs ----------------------------------------------------------------------------

def _can_fork() -> bool:
    return hasattr(os, "fork")


def _forked(linter: Linter, paths: Sequence[str], sizes: Sequence[int], jobs: int,
            one: Callable[[str], FileResult]) -> Iterator[FileResult]:
    """``one(path)`` for each path, the paths cut into runs of similar total size, one run
    per forked process (``termlint.parallel.fork_imap``).

    Forked children inherit the built engine and its warm caches: no second start-up, and
    no task queues or feeder threads (a process pool's start-up costs more than linting a
    few hundred small files). Each child returns its settled results in one message.
    """
    from termlint.parallel import fork_imap

    engine = linter.engine
    engine.warm()  # every child starts with the languages' tables and analysers
    jobs_before, engine.jobs = engine.jobs, 1  # the files are shared out already
    try:
        yield from fork_imap(one, paths, jobs, sizes, report=engine.take_fresh,
                             absorb=engine.absorb)
    finally:
        linter.engine.jobs = jobs_before


#: Files smaller than this in all are linted in this process, however many: a forked child
#: costs about 6 ms (the fork, and its first writes to every page of the parent's objects it
#: touches), as much as linting a quarter of a megabyte of text (a pre-commit hook's handful
#: of changed files pays nothing for ``--jobs``).
PARALLEL_MIN_BYTES = 256 * 1024


def _sizes(paths: Sequence[str]) -> list[int]:
    sizes = []
    for path in paths:
        try:
            sizes.append(os.stat(path).st_size)
        except OSError:
            sizes.append(0)
    return sizes


def lint_paths(
    linter: Linter, paths: Sequence[str], jobs: int = 1,
    finish: Callable[[FileResult], FileResult] | None = None,
) -> Iterator[FileResult]:
    """Results for ``paths`` in order; with ``jobs > 1`` files are spread over forked
    processes, each a copy of this one with ``linter`` built and warm.

    ``finish`` settles each result where it was made: a worker that has applied suppression
    and dropped the parsed document sends back the findings and the text, not the whole
    document for the parent to unpickle.

    Forking is the one way work is shared. The standard library's process pool (with the
    fork start method, so that its workers inherit the engine too) was measured against it on
    402 files with ``--jobs 2``: 20 ms slower at best (249 against 229 ms) for its queues
    and feeder threads, and where there is no fork (Windows) its spawned workers would each
    start termlint again. Without fork, the files are linted in this process.
    """
    def one(path: str) -> FileResult:
        result = linter.lint_path(path)
        return finish(result) if finish is not None else result

    sizes = _sizes(paths) if jobs > 1 and len(paths) >= 2 * jobs else []
    if sum(sizes) < PARALLEL_MIN_BYTES:  # (no sizes: too few files, or one job)
        yield from map(one, paths)
        return
    if _can_fork():
        yield from _forked(linter, paths, sizes, jobs, one)
        return
    yield from map(one, paths)
