"""Apple ``.strings`` files (``fi.lproj/Localizable.strings``), UTF-8 or UTF-16 with a BOM.

``"key" = "value";`` pairs (unquoted identifier keys are accepted, as the old-style plist
parser does). Values are decoded with the format's escapes (``\\"``, ``\\\\``, ``\\n``, ``\\t``,
``\\r``, ``\\U00AD``/``\\u00e4`` with four hex digits, octal ``\\NNN``) and every character is
mapped to its file offset. ``/* */`` and ``//`` comments are recorded. There is no maintained
Python parser for the format that gives positions, so this is a small scanner.
"""

from __future__ import annotations

import re

from termlint.model import Segment
from termlint.sources._escaping import encodable, u_escape
from termlint.sources._segments import SegmentBuilder
from termlint.sources.base import Comment, Document, Source, SourceError

_SIMPLE = {'"': '"', "\\": "\\", "n": "\n", "t": "\t", "r": "\r", "'": "'", "a": "\a",
           "b": "\b", "f": "\f", "v": "\v"}  # fmt: skip
_ESCAPE_OUT = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}
_IDENT = re.compile(r"[\w.$:/-]+")


def _where(text: str, i: int) -> tuple[int, int]:
    return text.count("\n", 0, i) + 1, i - (text.rfind("\n", 0, i) + 1) + 1


class StringsSource(Source):
    name = "strings"
    suffixes = (".strings",)

    def parse(self, doc: Document) -> None:
        text = doc.text
        n = len(text)
        i = self._skip(doc, 0)
        while i < n:
            key, i = self._token(doc, i)
            i = self._skip(doc, i)
            if i >= n or text[i] != "=":
                if i < n and text[i] == ";":  # "key"; means key = key
                    i = self._skip(doc, i + 1)
                    continue
                raise SourceError("expected '='", *_where(text, i))
            i = self._skip(doc, i + 1)
            if i >= n or text[i] != '"':
                raise SourceError("expected a quoted value", *_where(text, i))
            b, end = self._string(text, i)
            value = b.build(end, key=key.text()) if len(b) else Segment(
                text="", start=i + 1, key=key.text()
            )
            doc.segments.append(value)
            i = self._skip(doc, end + 1)
            if i >= n or text[i] != ";":
                raise SourceError("expected ';'", *_where(text, i))
            i = self._skip(doc, i + 1)

    def _token(self, doc: Document, i: int) -> tuple[SegmentBuilder, int]:
        text = doc.text
        if text[i] == '"':
            b, end = self._string(text, i)
            return b, end + 1
        m = _IDENT.match(text, i)
        if not m:
            raise SourceError(f"unexpected {text[i]!r}", *_where(text, i))
        b = SegmentBuilder()
        b.verbatim(text, i, m.end())
        return b, m.end()

    @staticmethod
    def _string(text: str, q: int) -> tuple[SegmentBuilder, int]:
        b = SegmentBuilder()
        i = q + 1
        n = len(text)
        while True:
            if i >= n:
                raise SourceError("unterminated string", *_where(text, q))
            c = text[i]
            if c == '"':
                return b, i
            if c != "\\":
                b.char(c, i)
                i += 1
                continue
            e = text[i + 1] if i + 1 < n else ""
            if e in "uU" and e and re.fullmatch(r"[0-9a-fA-F]{4}", text[i + 2 : i + 6]):
                code = int(text[i + 2 : i + 6], 16)
                width = 6
                low = text[i + 8 : i + 12]
                if (
                    0xD800 <= code < 0xDC00
                    and text[i + 6 : i + 8] in ("\\U", "\\u")
                    and re.fullmatch(r"[dD][c-fC-F][0-9a-fA-F]{2}", low)
                ):
                    code = 0x10000 + ((code - 0xD800) << 10) + (int(low, 16) - 0xDC00)
                    width = 12
                b.char(chr(code), i)
                i += width
            elif e and e in "01234567":
                m = re.match(r"[0-7]{1,3}", text[i + 1 : i + 4])
                assert m
                b.char(chr(int(m.group(), 8)), i)
                i += 1 + m.end()
            elif e in _SIMPLE and e:
                b.char(_SIMPLE[e], i)
                i += 2
            elif e:
                b.char(e, i)  # an unknown escape stands for the character itself
                i += 2
            else:
                raise SourceError("unterminated string", *_where(text, q))

    @staticmethod
    def _skip(doc: Document, i: int) -> int:
        """Skip blanks and comments (recording the comments)."""
        text = doc.text
        n = len(text)
        while i < n:
            if text[i].isspace():
                i += 1
            elif text.startswith("/*", i):
                end = text.find("*/", i + 2)
                if end < 0:
                    raise SourceError("unterminated comment", *_where(text, i))
                doc.comments.append(Comment(i, end + 2, text[i : end + 2]))
                i = end + 2
            elif text.startswith("//", i):
                end = i
                while end < n and text[end] not in "\r\n":
                    end += 1
                doc.comments.append(Comment(i, end, text[i:end]))
                i = end
            else:
                break
        return i

    def escape(self, doc: Document, segment: Segment, value: str) -> str:
        out: list[str] = []
        for ch in value:
            if ch in _ESCAPE_OUT:
                out.append(_ESCAPE_OUT[ch])
            elif ch < " " or not encodable(ch, doc.encoding):
                out.append(u_escape(ch, upper=True, prefix="\\U"))
            else:
                out.append(ch)
        return "".join(out)
