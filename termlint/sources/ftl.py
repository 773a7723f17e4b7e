"""Project Fluent files (``.ftl``), Mozilla's localisation format.

Mozilla's own parser (``fluent.syntax``) reads the file with spans: a message, a term and each
attribute have a pattern of text elements and placeables (``{ $count }``, ``{ -brand }``,
selectors). The parser hands back the text of a multi-line pattern with its indentation
removed, so the segment is taken from the file instead: the stretch from the pattern's first
element to its last, as written, with every placeable masked. A selector's variants are text
too (``[one] yksi palvelu``): their text elements are left open inside the masked selector,
so each variant is linted on its own and no phrase runs from one into the next. Fluent text has
no escapes (an escaped character lives in a string literal inside a placeable), so every
character of a segment is its own file character.

Keys: the message id (``welcome``), the term id (``-brand``), an attribute after a dot
(``login.title``). Comments are not linted. A syntax error (the parser's "junk") makes the file
an error with the line of the first one: a half-read file must not pass as checked.
"""

from __future__ import annotations

from fluent.syntax import FluentParser, ast

from termlint.model import Segment
from termlint.sources._segments import verbatim_segment
from termlint.sources.base import Document, Source, SourceError

Span = tuple[int, int]


def _line_column(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _open_text(node: ast.BaseNode) -> list[Span]:
    """The spans of the text elements of the variants inside ``node`` (a placeable)."""
    found: list[Span] = []
    if isinstance(node, ast.TextElement) and node.span is not None:
        return [(node.span.start, node.span.end)]
    for value in vars(node).values():
        children = value if isinstance(value, list) else [value]
        for child in children:
            if isinstance(child, ast.BaseNode) and not isinstance(child, ast.Span):
                found.extend(_open_text(child))
    return found


def _masks(pattern: ast.Pattern, start: int) -> list[Span]:
    """Masks of a pattern's segment beginning at file offset ``start``: each placeable, less
    the variant text inside it."""
    masks: list[Span] = []
    for element in pattern.elements:
        if not isinstance(element, ast.Placeable) or element.span is None:
            continue
        at = element.span.start
        for text_start, text_end in sorted(_open_text(element)):
            if text_start > at:
                masks.append((at - start, text_start - start))
            at = max(at, text_end)
        if element.span.end > at:
            masks.append((at - start, element.span.end - start))
    return masks


class FluentSource(Source):
    name = "fluent"
    suffixes = (".ftl",)

    def parse(self, doc: Document) -> None:
        resource = FluentParser(with_spans=True).parse(doc.text)
        for entry in resource.body:
            if isinstance(entry, ast.Junk):
                offset = entry.span.start if entry.span is not None else 0
                message = "syntax error"
                if entry.annotations:
                    note = entry.annotations[0]
                    message = f"{note.code} {note.message}"
                    offset = note.span.start if note.span is not None else offset
                line, column = _line_column(doc.text, offset)
                raise SourceError(f"invalid Fluent: {message}", line, column)
            if not isinstance(entry, (ast.Message, ast.Term)):
                continue
            key = ("-" if isinstance(entry, ast.Term) else "") + entry.id.name
            if entry.value is not None:
                self._pattern(doc, entry.value, key)
            for attribute in entry.attributes:
                self._pattern(doc, attribute.value, f"{key}.{attribute.id.name}")

    def _pattern(self, doc: Document, pattern: ast.Pattern, key: str) -> None:
        spans = [e.span for e in pattern.elements if e.span is not None]
        if not spans:
            return
        start, end = spans[0].start, spans[-1].end
        doc.segments.append(verbatim_segment(doc.text, start, end, key=key,
                                             extra_masks=_masks(pattern, start)))

    def escape(self, doc: Document, segment: Segment, value: str) -> str:
        """Text written into a pattern as is; a brace would open a placeable and a line break
        would end or indent the pattern, so a value with one is refused."""
        if any(c in value for c in "{}\r\n"):
            raise ValueError(f"cannot write {value!r} into Fluent text")
        return super().escape(doc, segment, value)
