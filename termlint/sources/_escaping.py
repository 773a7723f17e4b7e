"""Escaping helpers shared by the formats."""

from __future__ import annotations

import codecs
from collections.abc import Mapping


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


def backslash_escaped(value: str, table: Mapping[str, str], flags: set[str],
                      encoding: str) -> list[str]:
    """``value`` as file text, one piece per character, for formats with backslash escapes
    (JSON, .properties): ``table`` for the format's own escapes, ``\\uXXXX`` for control
    characters and for what the file writes escaped (``ascii-escapes``) or cannot encode."""
    ascii_only = "ascii-escapes" in flags
    upper = "upper-hex" in flags
    out: list[str] = []
    for ch in value:
        if ch in table:
            out.append(table[ch])
        elif ch < " " or ch == "\x7f" or (
            not ch.isascii() and (ascii_only or not encodable(ch, encoding))
        ):
            out.append(u_escape(ch, upper))
        else:
            out.append(ch)
    return out
