"""JSON5 string files (``.json5``): JSON with comments, single-quoted strings, unquoted keys,
trailing commas and more escapes.

The ``json5`` library (pure Python) validates the file, with the line and column of an error,
and gives its structure: keys, values and their order. It keeps no positions, so, as for JSON,
the file's string tokens are found by one expression and matched to the decoded tree's strings
in order. In JSON5 a quote opens a string or sits inside a comment, so comments are skipped by
the same expression. A key may be written without quotes; a quoted string is a key exactly when
a colon follows it (after blanks and comments), which is how the walk tells a quoted key from
a value that happens to spell the same text. Each value is then mapped character by character
to its file offsets, through JSON5's escapes (``\\'``, ``\\x41``, ``\\u00e4``, ``\\v``, ``\\0``,
and a backslash before a line break, which continues the string).

A fix is written in the string's own quotes: ``'`` escaped inside a single-quoted string,
``"`` inside a double-quoted one.
"""

from __future__ import annotations

import re

import json5

from termlint.model import Segment
from termlint.sources._escaping import backslash_escaped
from termlint.sources._segments import SegmentBuilder, verbatim_segment
from termlint.sources.base import Document, Source, SourceError
from termlint.sources.language import apply_root_languages

#: A comment (skipped) or a string token, escapes and all, in either quote.
_TOKEN = re.compile(r"""//[^\n\r\u2028\u2029]*|/\*.*?\*/|"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'""",
                    re.S)
#: What may stand between a quoted key and its colon.
_TO_COLON = re.compile(r"(?:\s|//[^\n\r\u2028\u2029]*|/\*.*?\*/)*:", re.S)
_SIMPLE = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "0": "\0"}
_LINE_BREAKS = ("\r\n", "\n", "\r", "\u2028", "\u2029")
_ESCAPE_OUT = {"\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t",
               "\v": "\\v"}


class _Pairs(list[tuple[str, object]]):
    """A decoded object: its key-value pairs in file order."""

    __slots__ = ()


class _Number:
    """A number kept as text: it is never linted (and a huge integer is not converted)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


class _Walker:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.text
        self.tokens = [m for m in _TOKEN.finditer(doc.text) if m.group(0)[0] in "\"'"]
        self.next = 0

    def take(self) -> re.Match[str]:
        token = self.tokens[self.next]
        self.next += 1
        return token

    def is_key(self) -> bool:
        """Whether the next string token is a quoted key (a colon follows it)."""
        if self.next >= len(self.tokens):
            return False
        return _TO_COLON.match(self.text, self.tokens[self.next].end()) is not None

    def node(self, node: object, path: list[str]) -> None:
        if isinstance(node, str):
            token = self.take()
            if path:
                self.doc.segments.append(self.segment(token, ".".join(path)))
        elif isinstance(node, _Pairs):
            for key, value in node:
                if self.is_key():
                    self.take()
                self.node(value, [*path, key])
        elif isinstance(node, list):
            for index, item in enumerate(node):
                self.node(item, [*path, str(index)])

    def segment(self, token: re.Match[str], key: str) -> Segment:
        start, end = token.start() + 1, token.end() - 1
        if "\\" not in self.text[start:end]:
            return verbatim_segment(self.text, start, end, key=key)
        b = SegmentBuilder()
        i = start
        text = self.text
        while i < end:
            c = text[i]
            if c != "\\":
                b.char(c, i)
                i += 1
                continue
            e = text[i + 1]
            brk = next((lb for lb in _LINE_BREAKS if text.startswith(lb, i + 1)), None)
            if brk is not None:
                i += 1 + len(brk)  # a line continuation: no character
            elif e == "x":
                b.char(chr(int(text[i + 2:i + 4], 16)), i)
                i += 4
            elif e == "u":
                code, width = int(text[i + 2:i + 6], 16), 6
                if 0xD800 <= code < 0xDC00 and text.startswith("\\u", i + 6):
                    low = int(text[i + 8:i + 12], 16)
                    if 0xDC00 <= low < 0xE000:
                        code, width = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00), 12
                b.char(chr(code), i)
                i += width
            else:
                b.char(_SIMPLE.get(e, e), i)
                i += 2
        return b.build(end, key=key)


class Json5Source(Source):
    name = "json5"
    suffixes = (".json5",)

    def parse(self, doc: Document) -> None:
        try:
            tree = json5.loads(doc.text, object_pairs_hook=_Pairs, parse_int=_Number,
                               parse_float=_Number, strict=False)
        except ValueError as exc:
            message = str(exc)
            found = re.match(r"<string>:(\d+) (.*?)(?: at column (\d+))?$", message)
            if found:
                column = int(found.group(3)) if found.group(3) else None
                raise SourceError(f"invalid JSON5: {found.group(2)}", int(found.group(1)),
                                  column) from None
            raise SourceError(f"invalid JSON5: {message}") from None
        walker = _Walker(doc)
        walker.node(tree, [])
        apply_root_languages(doc, 6)

    def escape(self, doc: Document, segment: Segment, value: str) -> str:
        quote = doc.text[segment.file_offset(0) - 1]
        table = {**_ESCAPE_OUT, quote: "\\" + quote}
        return "".join(backslash_escaped(value, table, doc.flags, doc.encoding))
