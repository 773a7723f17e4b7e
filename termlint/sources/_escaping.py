"""Escaping helpers shared by the formats."""

from __future__ import annotations

import codecs


def encodable(ch: str, encoding: str) -> bool:
    if ch.isascii():
        return True
    try:
        codecs.encode(ch, encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def u_escape(ch: str, upper: bool = False, prefix: str = "\\u") -> str:
    """``\\uXXXX`` (a surrogate pair above the BMP), lower-case hex unless ``upper``."""
    code = ord(ch)
    fmt = "{:04X}" if upper else "{:04x}"
    if code > 0xFFFF:
        code -= 0x10000
        return prefix + fmt.format(0xD800 + (code >> 10)) + prefix + fmt.format(
            0xDC00 + (code & 0x3FF)
        )
    return prefix + fmt.format(code)


def hex_style_upper(text: str, marker: str = "\\u") -> bool:
    """Whether the file writes its ``\\uXXXX`` escapes with upper-case hex digits."""
    i = text.find(marker)
    while i >= 0:
        digits = text[i + len(marker) : i + len(marker) + 4]
        if any(c in "ABCDEF" for c in digits):
            return True
        if any(c in "abcdef" for c in digits):
            return False
        i = text.find(marker, i + 1)
    return False
