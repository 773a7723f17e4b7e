"""Apply verified suggestions to files: plan the edits, splice them in, check, write atomically.

A fixer that rewrites a translation file must never leave it worse than it found it. Each step
here exists for one failure mode:

* only findings whose suggestion the inflector *verified* are applied, and a finding's edits
  are taken all or none, so a phrase is never half-replaced;
* edits are spliced into the decoded file text at the offsets the source reported, through the
  source's own escaping, so nothing outside the matched spans changes (encoding, BOM, line
  endings and every other byte stay as they were);
* the new bytes are parsed again with the same source before anything is written, so a fix
  can never turn a valid file into one that no longer parses;
* the write goes to a temporary file in the same directory that is flushed to disk and then
  renamed over the original, so a crash or kill at any moment leaves either the old or the
  new file, never a truncated one; and the original is compared with what was read, so an
  edit made by someone else in the meantime is not overwritten.

All functions are pure or touch only the one file they are given; the CLI decides what to fix.
"""

from __future__ import annotations

import bisect
import contextlib
import itertools
import os
import stat
import tempfile
from collections.abc import Iterable, Sequence

from termlint.model import Edit, Finding, Segment
from termlint.patch import file_diff, unified_diff
from termlint.sources.base import Document, Source, SourceError

#: Bytes handed to one ``os.write`` call; large files are written in pieces.
_CHUNK = 1 << 20


class FixError(Exception):
    """A fix that cannot be applied safely; the file on disk is left untouched.

    ``str()`` is the reason alone, because every caller already names the file (the CLI
    prints ``path: error: not fixed: <reason>``); the file is in :attr:`path`.
    """

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(reason)
        self.path = path
        self.reason = reason


# -- planning -----------------------------------------------------------------------------------


def _conflict(a: Edit, b: Edit) -> bool:
    """Whether two different edits cannot both be applied: they overlap, or two of them
    insert or start at the same place (their order would be arbitrary)."""
    if a.start == b.start:
        return True
    if a.start < b.end and b.start < a.end:
        return True
    # An insertion touching the inside of a replacement is ambiguous too.
    return (a.start == a.end and b.start < a.start < b.end) or (
        b.start == b.end and a.start < b.start < a.end
    )


def plan_edits(doc: Document, findings: Sequence[Finding]) -> list[Edit]:
    """The edits to apply to ``doc``, sorted by offset, without conflicts.

    Only findings marked ``verified`` (every suggested form checked by the analyser) and
    carrying edits count. Findings are taken in file order; one whose edits conflict with an
    edit already taken is dropped as a whole, so the first finding by offset wins and no
    finding is half applied. Identical edits from two findings (two vocabularies asking for the
    same change) are applied once. Offsets outside the file text mean a bug upstream:
    :class:`FixError` rather than a guess.
    """
    size = len(doc.text)
    taken = _Taken()
    candidates = sorted(
        (f for f in findings if f.verified and f.edits),
        key=lambda f: (min(e.start for e in f.edits), f.sort_key),
    )
    for finding in candidates:
        new: list[Edit] = []
        for edit in finding.edits:
            if not 0 <= edit.start <= edit.end <= size:
                raise FixError(doc.path, f"edit [{edit.start}, {edit.end}) lies outside the "
                               f"file (length {size}) for {finding.rule!r}")
            if edit in taken or edit in new:
                continue
            new.append(edit)
        if any(taken.conflicts(a) for a in new) or any(
            _conflict(a, b) for i, a in enumerate(new) for b in new[i + 1 :]
        ):
            continue
        for edit in new:
            taken.add(edit)
    return taken.edits()


class _Taken:
    """The edits taken so far, kept sorted by start, so a new edit is tested against its two
    neighbours only instead of against every edit taken.

    Edits taken never conflict with each other, so sorted by start they are disjoint: an edit
    that conflicts with any of them conflicts with the last one starting before it (which
    reaches past its start) or the first one starting at or after it (which starts at the same
    place or inside it). 8,000 findings in one file took 8.8 s tested pairwise.
    """

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._edits: list[Edit] = []
        self._seen: set[Edit] = set()

    def __contains__(self, edit: Edit) -> bool:
        return edit in self._seen

    def conflicts(self, edit: Edit) -> bool:
        index = bisect.bisect_left(self._starts, edit.start)
        if index < len(self._edits) and _conflict(edit, self._edits[index]):
            return True
        return index > 0 and _conflict(edit, self._edits[index - 1])

    def add(self, edit: Edit) -> None:
        index = bisect.bisect_left(self._starts, edit.start)
        self._starts.insert(index, edit.start)
        self._edits.insert(index, edit)
        self._seen.add(edit)

    def edits(self) -> list[Edit]:
        return sorted(self._edits, key=lambda e: (e.start, e.end))


# -- applying -----------------------------------------------------------------------------------


class _SegmentIndex:
    """Finds the segment whose file span contains an edit (by bisection over segment starts)."""

    def __init__(self, segments: Iterable[Segment]) -> None:
        spans = [(s.file_offset(0), s.file_offset(len(s.text)), s) for s in segments]
        spans.sort(key=lambda item: (item[0], item[1]))
        self._spans = spans
        self._starts = [start for start, _, _ in spans]
        #: The furthest end of any segment up to each index: the search backwards stops where
        #: no earlier segment reaches the edit's end (at once, when segments do not nest).
        self._reach = list(itertools.accumulate((end for _, end, _ in spans), max))

    def containing(self, start: int, end: int) -> Segment | None:
        """The smallest segment that contains ``[start, end)``: it knows the escaping."""
        found = self.all_containing(start, end)
        return found[0] if found else None

    def all_containing(self, start: int, end: int) -> list[Segment]:
        """Every segment that contains ``[start, end)``, the smallest first.

        Segments do not normally overlap, but nested ones exist: an HTML ``alt`` attribute is
        a segment of its own inside the text block that holds its tag as masked raw text.
        """
        found: list[tuple[int, Segment]] = []
        index = bisect.bisect_right(self._starts, start) - 1
        while index >= 0 and self._reach[index] >= end:
            seg_start, seg_end, segment = self._spans[index]
            if seg_start <= start and end <= seg_end:
                found.append((seg_end - seg_start, segment))
            index -= 1
        found.sort(key=lambda item: item[0])
        return [segment for _, segment in found]


def apply_edits(doc: Document, source: Source, edits: Sequence[Edit]) -> str:
    """``doc.text`` with every edit spliced in, each replacement escaped for its segment.

    An edit's replacement is the value a reader should see; ``source.escape`` turns it into
    file text for the segment that contains the edit (a JSON string, a PO entry, …). The pieces
    between edits are joined once, in file order. Edits outside every
    segment or overlapping each other raise :class:`FixError`.
    """
    index = _SegmentIndex(doc.segments)
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    for before, after in itertools.pairwise(ordered):
        if _conflict(before, after):
            raise FixError(doc.path, f"overlapping edits at offset {after.start}")
    text = doc.text
    pieces: list[str] = []
    done = 0  # the file text up to here is in ``pieces``
    for edit in ordered:
        escaped = _escaped(doc, source, index, edit)
        pieces.append(text[done : edit.start])
        pieces.append(escaped)
        done = edit.end
    pieces.append(text[done:])
    # Joined once: splicing each edit into a new copy of the text was quadratic.
    return "".join(pieces)


def _escaped(doc: Document, source: Source, index: _SegmentIndex, edit: Edit) -> str:
    """An edit's replacement as file text, escaped for the segment that holds it."""
    if not 0 <= edit.start <= edit.end <= len(doc.text):
        raise FixError(doc.path, f"edit [{edit.start}, {edit.end}) lies outside the file")
    segment = index.containing(edit.start, edit.end)
    if segment is None:
        raise FixError(doc.path,
                       f"edit at offset {edit.start} lies outside every text segment")
    try:
        return source.escape(doc, segment, edit.replacement)
    except ValueError as exc:
        raise FixError(doc.path, f"cannot write the fix in place: {exc}") from None


def text_edits(doc: Document, source: Source, finding: Finding) -> list[Edit]:
    """The file-text edits that apply ``finding``'s fix, as ``--fix`` would apply it alone:
    only a verified suggestion, each replacement escaped for its segment, and the edited text
    read back by the same reader with every value as intended (:func:`verify`); an editor
    applies them as they are. Empty when the finding has no fix; :class:`FixError` when the
    fix cannot be written safely."""
    edits = plan_edits(doc, [finding])
    if not edits:
        return []
    new_text = apply_edits(doc, source, edits)
    verify(source, doc.path, new_text.encode("utf-8", "surrogatepass"),
           expected_segments(doc, edits, source))
    index = _SegmentIndex(doc.segments)
    return [Edit(e.start, e.end, _escaped(doc, source, index, e)) for e in edits]


def render(doc: Document, new_text: str) -> bytes:
    """The file bytes for ``new_text`` in the document's own encoding, with its BOM.

    Line endings need no care: only the edited spans changed. A replacement that the encoding
    cannot represent (and that the source did not escape) is an error, not a lossy write.
    """
    try:
        return doc.encode(new_text)
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start : exc.end]
        raise FixError(doc.path,
                       f"the fix contains {bad!r}, which {doc.encoding} cannot represent") from None


def expected_segments(
    doc: Document, edits: Sequence[Edit], source: Source | None = None
) -> list[tuple[str | None, str]]:
    """``(key, text)`` of every segment of ``doc`` as a reader must see it once ``edits``
    are applied: each edit's replacement put in place of the characters its span covers.

    With ``source``, a segment that encloses the one an edit is in (the text block around an
    HTML ``alt`` attribute, which holds the tag as raw text) must read the replacement as
    written into the file, escaped; without it only the innermost segment is expected to
    change.
    """
    index = _SegmentIndex(doc.segments)
    changes: dict[int, list[tuple[int, int, str]]] = {}
    for edit in edits:
        found = index.all_containing(edit.start, edit.end)
        if not found:
            continue  # apply_edits refuses such an edit before this matters
        replacement = edit.replacement
        for depth, segment in enumerate(found if source is not None else found[:1]):
            if depth == 1:
                assert source is not None
                try:
                    replacement = source.escape(doc, found[0], edit.replacement)
                except ValueError:
                    break  # apply_edits refuses such an edit before this matters
            first = _char_at(segment, edit.start)
            last = first if edit.end <= edit.start else max(first, _char_at(segment, edit.end))
            changes.setdefault(id(segment), []).append((first, last, replacement))
    out: list[tuple[str | None, str]] = []
    for segment in doc.segments:
        text = segment.text
        pieces: list[str] = []
        done = 0
        for first, last, replacement in sorted(changes.get(id(segment), ())):
            pieces += (text[done:first], replacement)
            done = last
        pieces.append(text[done:])
        out.append((segment.key, "".join(pieces)))
    return out


def _char_at(segment: Segment, offset: int) -> int:
    """The first segment position whose file offset is at or after ``offset``."""
    if segment.offsets is None:
        return min(max(0, offset - segment.start), len(segment.text))
    return bisect.bisect_left(segment.offsets, offset)


def verify(source: Source, path: str, data: bytes,
           expected: Sequence[tuple[str | None, str]] | None = None) -> None:
    """Parse the new bytes with the same source; a file that no longer parses, or (given
    ``expected``, see :func:`expected_segments`) whose values do not read back exactly as
    intended, is never written (:class:`FixError` says why).

    The second check catches what parsing alone cannot: a replacement that an unquoted YAML
    scalar would read as another type, Android whitespace that collapses, a ``.properties``
    value whose leading blank the reader drops.
    """
    try:
        again = source.read(path, data)
    except SourceError as exc:
        where = exc.where()
        raise FixError(path, f"the fixed file would not parse as {source.name}"
                       f"{' at ' + where.rstrip(':') if where else ''}: {exc.message}") from None
    if expected is None:
        return
    found = [(segment.key, segment.text) for segment in again.segments]
    if found == list(expected):
        return
    for (key, want), (_, got) in zip(expected, found, strict=False):
        if want != got:
            where = f" ({key})" if key else ""
            raise FixError(path, f"the fixed file would read {got[:60]!r} instead of "
                                 f"{want[:60]!r}{where}; not writing it")
    raise FixError(path, f"the fixed file would have {len(found)} text segments instead of "
                         f"{len(expected)}; not writing it")


# -- writing ------------------------------------------------------------------------------------


def _read(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view[:_CHUNK])
        view = view[written:]


def _fsync_directory(directory: str) -> None:
    """Make the rename itself durable; best effort, as not every platform can open a
    directory (Windows) or fsync one."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _check_writable(path: str, target: str, info: os.stat_result) -> None:
    """Refuse a file its user could not save: no write permission for this user, or no
    write bit at all. Root may write anything, but a file marked read-only for everyone
    (``chmod a-w``) says that it is not to be edited, and replacing it by a rename would
    otherwise go through without a question."""
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise FixError(path, "the file is read-only; not replacing it")
    if not os.access(target, os.W_OK):
        raise FixError(path, "no permission to write the file; not replacing it")


def _keep_owner(path: str, temp: str, info: os.stat_result) -> None:
    """Give the temporary file the original's owner and group, before it replaces the
    original. The temporary file is the running user's (root's, when run as root), and a
    fix must not hand another user's file to whoever ran it. When that is not allowed (only
    root may give a file away), the fix is refused rather than change who owns the file."""
    mine = os.stat(temp)
    if (mine.st_uid, mine.st_gid) == (info.st_uid, info.st_gid):
        return
    try:
        os.chown(temp, info.st_uid, info.st_gid)
    except OSError:
        raise FixError(path, f"cannot keep the file's owner ({info.st_uid}:{info.st_gid}) "
                       "in a rewritten copy; not replacing it") from None


def write_atomic(path: str, data: bytes, expected_original: bytes) -> None:
    """Replace the file at ``path`` by ``data`` so that no reader ever sees a partial file.

    Refuses (:class:`FixError`) when the file no longer holds ``expected_original``: someone
    changed it after it was read, and their edit must not be lost. The data goes to a hidden
    temporary file in the same directory (a rename is atomic only within one file system),
    is fsynced, gets the original's owner, group and permission bits, and is renamed over
    the original; on any failure the temporary file is removed and the original is untouched.
    A file without write permission is refused. A symlink is followed, so the link stays a
    link. A hard link is split: the fixed file is a new file under this name, and the
    file's other names keep the original text (see docs/hardening.md). A process killed
    mid-write leaves the original intact and, at worst, a ``.<name>.*.termlint-tmp`` file
    behind.
    """
    target = os.path.realpath(path)
    try:
        current = _read(target)
        info = os.stat(target)
    except OSError as exc:
        raise FixError(path, f"cannot read the file to fix ({exc.strerror})") from None
    if current != expected_original:
        raise FixError(path, "the file changed since it was read; not overwriting it")
    _check_writable(path, target, info)
    directory = os.path.dirname(target) or "."
    try:
        fd, temp = tempfile.mkstemp(
            prefix=f".{os.path.basename(target)}.", suffix=".termlint-tmp", dir=directory
        )
    except OSError as exc:
        raise FixError(path, f"cannot create a temporary file in {directory} "
                       f"({exc.strerror})") from None
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        _keep_owner(path, temp, info)
        # mkstemp creates the file as 0600; the fixed file keeps the original's permissions
        # (after chown, which may clear set-id bits).
        os.chmod(temp, stat.S_IMODE(info.st_mode))
        # Narrow the window for a concurrent edit: check again just before the rename.
        if _read(target) != expected_original:
            raise FixError(path, "the file changed while the fix was written; not "
                           "overwriting it")
        os.replace(temp, target)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise FixError(path, f"writing the fixed file failed ({exc.strerror or exc}); "
                           "the original is unchanged") from exc
        raise
    _fsync_directory(directory)


__all__ = [
    "FixError",
    "apply_edits",
    "expected_segments",
    "file_diff",
    "plan_edits",
    "render",
    "unified_diff",
    "verify",
    "write_atomic",
]


# -- one file, end to end -------------------------------------------------------------------------


def apply_to_file(
    doc: Document, source: Source, findings: Sequence[Finding], *, write: bool, diff: bool
) -> tuple[list[Finding], bytes]:
    """Fix ``doc`` from its findings: returns the findings fixed and the patch
    (:func:`file_diff`, in the file's own bytes).

    With ``write`` the file is replaced atomically, and only if it still holds exactly what was
    read; with ``diff`` only the diff is produced. Any step that cannot be done safely raises
    :class:`FixError` and leaves the file as it was.
    """
    edits = plan_edits(doc, findings)
    if not edits:
        return [], b""
    planned = set(edits)
    applied = [f for f in findings if f.verified and f.edits and set(f.edits) <= planned]
    new_text = apply_edits(doc, source, edits)
    data = render(doc, new_text)
    verify(source, doc.path, data, expected_segments(doc, edits, source))
    original = doc.encode()
    patch = file_diff(doc.path, original, data, doc.encoding) if diff else b""
    if write:
        write_atomic(doc.path, data, original)
    return applied, patch
