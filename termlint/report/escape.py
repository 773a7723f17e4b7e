"""Making text from files and file names safe for the place a report puts it.

A report quotes what it did not write: the lines of the files it checked and their names. Those
may hold bytes that are not UTF-8 (a file name Python reads with ``surrogateescape``), terminal
escape sequences (a window title, a cleared screen, hidden text), bidirectional controls that
make a line read differently from what it holds, or characters XML 1.0 cannot carry. Each output
asks for the one treatment it needs:

- :func:`visible` for what a person reads (the text and concise reports, annotations): every
  control character becomes a visible ``\\xNN`` or ``\\uNNNN`` escape, so the terminal or CI
  log shows it rather than obeys it.
- :func:`xml_text` for XML: only the characters XML 1.0 forbids are escaped.
- :func:`visible_patch` for a ``--diff`` patch shown on a terminal: each line as
  :func:`visible` shows it. A patch redirected to a file is never escaped: it must stay the
  file's own bytes for ``git apply`` and ``patch``.
- :func:`json_safe` for JSON already encoded: bytes that are not UTF-8 become ``\\xNN`` text
  (the JSON stays valid UTF-8; its consumers read it as UTF-8).

An escape is written with a backslash, as Python and most tools show it; a name that already
holds ``\\x1b`` as four characters reads the same, which is harmless: the report is never
parsed back into file names.
"""

from __future__ import annotations

import re

#: Lone surrogates; U+DC80–U+DCFF are the bytes of a file name that are not UTF-8.
_SURROGATE = "\ud800-\udfff"
#: C0 controls but the tab, DEL and the C1 controls; bidirectional controls (embeddings,
#: overrides, isolates, the marks); the line and paragraph separators.
_CONTROLS = ("\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
             "\u2066-\u2069")
_VISIBLE = re.compile(f"[{_CONTROLS}{_SURROGATE}]")
#: What XML 1.0 does not allow: C0 controls but tab, LF and CR; lone surrogates; U+FFFE/U+FFFF.
_NOT_XML = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f{_SURROGATE}\ufffe\uffff]")
_LONE = re.compile(f"[{_SURROGATE}]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a name that is not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every control character, bidirectional control and non-UTF-8 byte shown
    as an escape (the tab is kept: the text report lines it up)."""
    if _VISIBLE.search(text) is None:
        return text
    return _VISIBLE.sub(_escape, text)


def visible_patch(patch: bytes, encoding: str) -> str:
    """A ``--diff`` patch (in the file's own bytes) as text a terminal shows but never obeys.

    Each line is shown as :func:`visible` shows it; the line breaks stay, and so does a
    carriage return that ends a line (a CRLF file's lines). A file in an encoding that does
    not write ASCII as ASCII has a binary patch, all ASCII, read here as UTF-8."""
    try:
        if "\n".encode(encoding) != b"\n":
            encoding = "utf-8"
        text = patch.decode(encoding, "surrogateescape")
    except (LookupError, UnicodeDecodeError):
        text = patch.decode("utf-8", "surrogateescape")
    lines = []
    for line in text.split("\n"):
        ending = "\r" if line.endswith("\r") else ""
        lines.append(visible(line[: len(line) - len(ending)]) + ending)
    return "\n".join(lines)


def xml_text(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot hold shown as escapes."""
    if _NOT_XML.search(text) is None:
        return text
    return _NOT_XML.sub(_escape, text)


def _json_escape(match: re.Match[str]) -> str:
    # Inside a JSON string a backslash is written twice: the string holds ``\xNN`` as text.
    return "\\" + _escape(match)


def json_safe(encoded: str) -> str:
    """Encoded JSON (``ensure_ascii=False``) with each lone surrogate, which only a string can
    hold, turned into the text ``\\xNN`` (a non-UTF-8 byte) or ``\\uNNNN``."""
    if _LONE.search(encoded) is None:
        return encoded
    return _LONE.sub(_json_escape, encoded)


def utf8(text: str) -> bytes:
    """``text`` as UTF-8, with the original bytes for a non-UTF-8 file name's surrogates."""
    return text.encode("utf-8", "surrogateescape")
