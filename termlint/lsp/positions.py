"""File-text offsets as Language Server Protocol positions, and back.

termlint's offsets count code points (Python string indices). The protocol counts a line's
characters in the *position encoding* the client and server agreed on: UTF-16 code units by
default (a character outside the Basic Multilingual Plane, such as an emoji, counts two),
UTF-8 bytes, or UTF-32 code points. Its lines end at ``\\n``, ``\\r\\n`` or a lone ``\\r``,
which is not how termlint's 1-based line numbers count (``\\n`` only), so positions are
worked out from the offsets again here rather than from ``Finding.line``.
"""

from __future__ import annotations

import bisect
import re
from itertools import accumulate

__all__ = ["LineMap"]

_BREAK = re.compile(r"\r\n|\r|\n")

#: Bytes per code unit of each encoding's ``str.encode`` spelling.
_CODECS = {"utf-8": ("utf-8", 1), "utf-16": ("utf-16-le", 2), "utf-32": ("utf-32-le", 4)}


class LineMap:
    """The lines of one text, to convert offsets to ``(line, character)`` in ``encoding``
    (``"utf-8"``, ``"utf-16"`` or ``"utf-32"``) and back."""

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        if encoding not in _CODECS:
            raise ValueError(f"unknown position encoding {encoding!r}")
        self.text = text
        self.codec, self.unit = _CODECS[encoding]
        if "\r" in text:
            self.starts = [0, *(m.end() for m in _BREAK.finditer(text))]
        else:  # the usual case, done in C: a regex match object per line cost ~2 ms a keystroke
            self.starts = list(accumulate((len(line) + 1 for line in text.split("\n")[:-1]),
                                          initial=0))

    def _units(self, chars: str) -> int:
        if chars.isascii():
            return len(chars)
        return len(chars.encode(self.codec, "surrogatepass")) // self.unit

    def position(self, offset: int) -> tuple[int, int]:
        """The 0-based line and character of the file-text ``offset``."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        return line, self._units(self.text[self.starts[line]:offset])

    def offset(self, line: int, character: int) -> int:
        """The file-text offset of a protocol position (past the end of a line: its end)."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start = self.starts[line]
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        body = self.text[start:end].rstrip("\r\n")
        if body.isascii():
            return start + min(character, len(body))
        counted = 0
        for index, char in enumerate(body):
            if counted >= character:
                return start + index
            counted += self._units(char)
        return start + len(body)

    def line_bounds(self, line: int) -> tuple[int, int, str]:
        """Start and end offsets of a line's content, and its line break (``""`` at the
        end of the text)."""
        start = self.starts[line]
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        body = self.text[start:end]
        stripped = body.rstrip("\r\n")
        return start, start + len(stripped), body[len(stripped):]
