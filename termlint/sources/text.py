"""Plain text: the whole file is one segment, verbatim."""

from __future__ import annotations

from termlint.model import Segment
from termlint.sources.base import Document, Source


class TextSource(Source):
    name = "text"
    suffixes = (".txt", ".text")

    def parse(self, doc: Document) -> None:
        doc.segments.append(Segment(text=doc.text, start=0, language=doc.language))
