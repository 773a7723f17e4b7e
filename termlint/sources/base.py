"""What every file format provides: decoding, segments with exact positions, and write-back.

A source turns file bytes into a :class:`Document`: the decoded file text plus the segments a
linter may look at. Positions in findings are offsets into ``Document.text``; sources map each
segment character back to it, so no later stage ever searches the file again for a match.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from typing import ClassVar

from termlint.model import Segment, evolve

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class SourceError(Exception):
    """A file that cannot be read as its format; ``line``/``column`` are 1-based when known."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        # One line whatever a parser put in it: a line break or control character from the
        # file (an escape before a newline, say) is shown escaped.
        if not message.isprintable():
            message = "".join(c if c.isprintable() else repr(c)[1:-1] for c in message)
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column

    def where(self) -> str:
        if self.line is None:
            return ""
        return f"{self.line}:{self.column}:" if self.column is not None else f"{self.line}:"


@dataclass
class Comment:
    """A comment in the file (for inline suppression directives), in file-text offsets."""

    start: int
    end: int
    text: str


@dataclass
class Document:
    """A decoded file and the segments to lint in it."""

    path: str
    text: str
    format: str
    encoding: str = "utf-8"
    bom: bytes = b""
    segments: list[Segment] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    language: str | None = None
    #: Escaping context of each segment, keyed by the segment's first file offset
    #: (``segment.file_offset(0)``): what :meth:`Source.escape` must produce there.
    styles: dict[int, str] = field(default_factory=dict)
    #: Whole-file style facts found while parsing (e.g. ``"ascii-escapes"``).
    flags: set[str] = field(default_factory=set)
    #: What a reader keeps of its parse for :meth:`Source.splice` (Markdown: the block
    #: structure); no part of the document's value.
    reader_state: object = field(default=None, compare=False, repr=False)

    def style_of(self, segment: Segment, default: str = "") -> str:
        return self.styles.get(segment.file_offset(0), default)

    def encode(self, text: str | None = None) -> bytes:
        """Encode ``text`` (default: the document text) exactly as the file was encoded."""
        body = self.text if text is None else text
        return self.bom + body.encode(self.encoding)


def decode(raw: bytes, fallback: str | None = None) -> tuple[str, str, bytes]:
    """Decode file bytes: a BOM wins, then UTF-8, then ``fallback`` if the format allows one.

    Returns ``(text, encoding, bom)``. Undecodable input raises :class:`SourceError` naming the
    first bad byte's line and column, so the user can find it.
    """
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(encoding), encoding, bom
            except UnicodeDecodeError as exc:
                raise SourceError(
                    f"invalid {encoding} data after its byte order mark: {exc.reason}"
                ) from None
    try:
        return raw.decode("utf-8"), "utf-8", b""
    except UnicodeDecodeError as exc:
        if fallback is not None:
            return raw.decode(fallback), fallback, b""
        good = raw[: exc.start].decode("utf-8", errors="replace")
        line = good.count("\n") + 1
        column = len(good) - (good.rfind("\n") + 1) + 1
        raise SourceError(
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); convert the file to UTF-8",
            line,
            column,
        ) from None


def _bomless_utf16(raw: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` when ``raw`` reads as mostly-Latin UTF-16 text with no
    BOM (every other byte NUL), else None. Such a file is refused with that diagnosis rather
    than guessed: a wrong guess would be silently rewritten by ``--fix``."""
    sample = raw[:4096]
    if len(sample) < 4 or len(raw) % 2:
        return None
    for encoding, zeros in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if zeros.count(0) >= 0.6 * len(zeros):
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError:
                continue
            if "\x00" not in text:
                return encoding
    return None


class Source:
    """Base class of a file format. Subclasses set ``name`` and ``suffixes`` and implement
    :meth:`parse`; formats with escapes override :meth:`escape`."""

    name: ClassVar[str] = ""
    suffixes: ClassVar[tuple[str, ...]] = ()
    #: Encoding tried when the bytes are not UTF-8 (e.g. ISO-8859-1 for .properties).
    fallback_encoding: ClassVar[str | None] = None

    def handles(self, path: str) -> bool:
        return path.lower().endswith(self.suffixes)

    def sniff(self, path: str, raw: bytes) -> bool:
        """Whether ``raw`` looks like this format; called only when :meth:`handles` is true."""
        return True

    def refine(self, path: str, raw: bytes) -> Source:
        """The source that really reads ``raw`` (a generic format may hand over to a specific
        one once it has seen the content); by default this source itself."""
        return self

    def decode(self, raw: bytes) -> tuple[str, str, bytes]:
        if b"\x00" in raw and not raw.startswith(tuple(b for b, _ in BOMS[1:])):
            encoding = _bomless_utf16(raw)
            if encoding is not None:
                raise SourceError(f"looks like {encoding.upper()} without a byte order mark; "
                                  "save it as UTF-8 (or add a BOM)")
            raise SourceError("binary file (contains NUL bytes)")
        return decode(raw, self.fallback_encoding)

    def read(self, path: str, raw: bytes) -> Document:
        """Decode and parse a file; any failure is a :class:`SourceError`, never another type."""
        from termlint.sources.language import detect_language

        text, encoding, bom = self.decode(raw)
        doc = Document(path=path, text=text, format=self.name, encoding=encoding, bom=bom)
        if not text or text.isspace():  # as "not text.strip()", without a copy of the text
            # An empty (or blank) file has nothing to check in any format; strict parsers
            # (JSON, XML) would call it malformed, which fails a CI run for a placeholder file.
            doc.language = detect_language(path, doc)
            return doc
        try:
            self.parse(doc)
        except SourceError:
            raise
        except RecursionError:
            raise SourceError(f"{self.name}: nesting too deep") from None
        except Exception as exc:  # a parser bug must not crash the run
            message = " ".join(str(exc).split()) or type(exc).__name__
            raise SourceError(f"{self.name}: {message}") from None
        language = detect_language(path, doc)
        doc.language = language
        if language is not None:
            doc.segments = [
                s if s.language is not None else evolve(s, language=language)
                for s in doc.segments
            ]
        return doc

    def parse(self, doc: Document) -> None:
        """Fill ``doc.segments`` (and ``doc.comments``) from ``doc.text``."""
        raise NotImplementedError

    def splice(self, doc: Document, start: int, end: int, text: str) -> Document | None:
        """``doc`` with ``doc.text[start:end]`` replaced by ``text``, made without parsing
        the whole text again; None when this reader cannot tell what the edit does without
        that (the default).

        An editor's buffer changes a character at a time, and a strings file of thousands
        of values took longer to parse than to lint. A reader that knows an edit stays
        inside one value (and cannot change the file's structure) rebuilds that segment and
        moves the others. The result must equal what :meth:`read` gives for the new text
        (``tests/test_buffer.py`` compares them)."""
        return None

    def escape(self, doc: Document, segment: Segment, value: str) -> str:
        """File text that reads back as ``value`` inside ``segment``; plain formats need none
        (but a NUL character would make the file read as binary)."""
        if "\x00" in value:
            raise ValueError("a NUL character cannot be written into a text file")
        return value
