"""Plain text: the whole file is one segment, verbatim."""

from __future__ import annotations

from termlint.model import Segment
from termlint.sources.base import Document, Source

#: A :attr:`Document.flags` fact: the file names no ``termlint:`` directive in any letter case.
NO_DIRECTIVE = "no-termlint-directive"


class TextSource(Source):
    name = "text"
    suffixes = (".txt", ".text")

    def read(self, path: str, raw: bytes) -> Document:
        doc = super().read(path, raw)
        # Plain text has no comment syntax: suppression looks for lines naming "termlint:".
        # Whether there is one at all is settled here, on the bytes (lower-casing bytes is
        # ASCII-only and C-fast; the marker is ASCII), far quicker than on the decoded text.
        if doc.encoding == "utf-8" and not _names_directive(raw):
            doc.flags.add(NO_DIRECTIVE)
        return doc

    def parse(self, doc: Document) -> None:
        doc.segments.append(Segment(text=doc.text, start=0, language=doc.language))


def _names_directive(raw: bytes, chunk: int = 1 << 20) -> bool:
    """Whether ``termlint:`` occurs in ``raw`` in any letter case, lower-casing a megabyte
    at a time (chunks overlap by the marker's length), not a copy of the whole file."""
    marker = b"termlint:"
    step = max(chunk, len(marker))
    return any(marker in raw[at : at + step + len(marker) - 1].lower()
               for at in range(0, len(raw), step))
