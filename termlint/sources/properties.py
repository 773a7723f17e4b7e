"""Java ``.properties`` resource bundles (``messages_fi.properties``, ``Bundle_fi_FI``).

Decoding: UTF-8 when the bytes are valid UTF-8 (Java 9+ reads bundles as UTF-8), otherwise
ISO-8859-1 (the classic encoding). Values are decoded with the format's rules: ``\\uXXXX``,
``\\t \\n \\r \\f``, ``\\`` before any other character, continuation lines (an odd number of
backslashes at the end of a line; the next line's leading blanks are skipped). Each value
character maps to its file offset, so ``s\\u00e4hk\\u00f6inen`` is found and fixed in place.
Keys are the decoded keys. ``#`` and ``!`` comment lines are recorded.

Write-back keeps the file's style: a file that writes non-ASCII as ``\\u00e4`` (all ASCII on
disk) gets ``\\u00e4`` escapes; otherwise characters the encoding can hold stay raw and the
rest become ``\\uXXXX``.
"""

from __future__ import annotations

import re

from termlint.model import Segment
from termlint.sources._escaping import backslash_escaped, hex_style_upper
from termlint.sources._segments import SegmentBuilder
from termlint.sources.base import Comment, Document, Source, SourceError

#: Runs of a key or a value with no escape, line end or (in a key) separator.
_KEY_RUN = re.compile(r"[^\\\r\n=: \t\f]+")
_VALUE_RUN = re.compile(r"[^\\\r\n]+")
_SIMPLE = {"t": "\t", "n": "\n", "r": "\r", "f": "\f"}
_ESCAPE_OUT = {"\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\f": "\\f"}


class PropertiesSource(Source):
    name = "properties"
    suffixes = (".properties",)
    fallback_encoding = "iso-8859-1"

    def parse(self, doc: Document) -> None:
        text = doc.text
        n = len(text)
        i = 0
        line_no = 1
        escapes = 0
        while i < n:
            # start of a natural line: skip blanks
            while i < n and text[i] in " \t\f":
                i += 1
            if i >= n:
                break
            if text[i] in "\r\n":
                i, line_no = _newline(text, i, line_no)
                continue
            if text[i] in "#!":
                j = i
                while j < n and text[j] not in "\r\n":
                    j += 1
                doc.comments.append(Comment(i, j, text[i:j]))
                i = j
                continue
            key = SegmentBuilder()
            i, line_no, escapes = self._run(text, i, line_no, key, escapes, True)
            # separator: blanks, then at most one '=' or ':', then blanks
            while i < n and text[i] in " \t\f":
                i += 1
            if i < n and text[i] in "=:":
                i += 1
                while i < n and text[i] in " \t\f":
                    i += 1
            i, line_no = _skip_continuation(text, i, line_no)
            value = SegmentBuilder()
            value_start = i
            i, line_no, escapes = self._run(text, i, line_no, value, escapes, False)
            seg = value.build(i, key=key.text()) if len(value) else Segment(
                text="", start=value_start, key=key.text()
            )
            doc.segments.append(seg)
        if escapes and text.isascii():
            doc.flags.add("ascii-escapes")
        if hex_style_upper(text):
            doc.flags.add("upper-hex")

    @staticmethod
    def _run(
        text: str, i: int, line_no: int, b: SegmentBuilder, escapes: int, key: bool
    ) -> tuple[int, int, int]:
        """Read a key (stops at an unescaped separator) or a value (stops at the line end)."""
        n = len(text)
        plain = _KEY_RUN if key else _VALUE_RUN
        while i < n:
            m = plain.match(text, i)
            if m is not None:  # a run with nothing to decode, taken whole
                b.verbatim(text, i, m.end())
                i = m.end()
                if i >= n:
                    break
            c = text[i]
            if c in "\r\n":
                break
            if key and c in "=: \t\f":
                break
            if c != "\\":
                b.char(c, i)
                i += 1
                continue
            if i + 1 >= n:
                i += 1  # a backslash at the end of the file is dropped, as Java does
                break
            e = text[i + 1]
            if e in "\r\n":
                i, line_no = _newline(text, i + 1, line_no)
                while i < n and text[i] in " \t\f":
                    i += 1
                continue
            if e == "u":
                digits = text[i + 2 : i + 6]
                if len(digits) != 4 or any(d not in "0123456789abcdefABCDEF" for d in digits):
                    column = i - (max(text.rfind("\n", 0, i), text.rfind("\r", 0, i)) + 1) + 1
                    raise SourceError("malformed \\uXXXX escape", line_no, column)
                code = int(digits, 16)
                width = 6
                low = text[i + 8 : i + 12] if text.startswith("\\u", i + 6) else ""
                if 0xD800 <= code < 0xDC00 and len(low) == 4 and _is_low(low):
                    code = 0x10000 + ((code - 0xD800) << 10) + (int(low, 16) - 0xDC00)
                    width = 12
                if code >= 0x80:
                    escapes += 1
                b.char(chr(code), i)
                i += width
                continue
            b.char(_SIMPLE.get(e, e), i)
            i += 2
        return i, line_no, escapes

    def escape(self, doc: Document, segment: Segment, value: str) -> str:
        out = backslash_escaped(value, _ESCAPE_OUT, doc.flags, doc.encoding)
        if out and out[0] == " ":
            # A space that ends up first in a value would be dropped by the reader as
            # separator padding; escaped it reads as a space anywhere.
            out[0] = "\\ "
        return "".join(out)


def _is_low(digits: str) -> bool:
    try:
        return 0xDC00 <= int(digits, 16) < 0xE000
    except ValueError:
        return False


def _newline(text: str, i: int, line_no: int) -> tuple[int, int]:
    if text.startswith("\r\n", i):
        return i + 2, line_no + 1
    return i + 1, line_no + 1


def _skip_continuation(text: str, i: int, line_no: int) -> tuple[int, int]:
    """``key = \\`` followed by the value on the next line."""
    while text.startswith("\\", i) and i + 1 < len(text) and text[i + 1] in "\r\n":
        i, line_no = _newline(text, i + 1, line_no)
        while i < len(text) and text[i] in " \t\f":
            i += 1
    return i, line_no
