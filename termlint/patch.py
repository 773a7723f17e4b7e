"""Patches for ``--diff``: what a fix would change, in a form ``patch`` or ``git apply`` takes.

Pure functions of the file's old and new bytes (or text); :mod:`termlint.fix` decides what
changes.
"""

from __future__ import annotations

import difflib
import os
from typing import AnyStr

# -- text diffs ------------------------------------------------------------------------------------


def _lines(text: AnyStr, newline: AnyStr) -> list[AnyStr]:
    """Lines (of text or bytes) split at ``newline`` only, keeping it: ``splitlines`` would
    also split at form feeds and Unicode separators, which are ordinary characters in these
    files."""
    parts = text.split(newline)
    lines = [part + newline for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def _name(path: str) -> str:
    """``path`` as a diff header names it: forward slashes, relative, no leading ``./``."""
    name = path.replace(os.sep, "/").lstrip("/")
    if name.startswith("./"):
        name = name[2:]
    return name


def unified_diff(path: str, old_text: str, new_text: str, context: int = 3) -> str:
    """A ``git diff``-style unified diff of one file (``a/path`` and ``b/path`` headers).

    A last line without a newline is marked like git does, so the diff still applies with
    ``patch``/``git apply``. Returns an empty string when nothing changed.
    """
    name = _name(path)
    out: list[str] = []
    for line in difflib.unified_diff(_lines(old_text, "\n"), _lines(new_text, "\n"),
                                     fromfile=f"a/{name}", tofile=f"b/{name}", n=context):
        if line.endswith("\n"):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _ascii_compatible(encoding: str) -> bool:
    """Whether ``encoding`` writes ASCII, and so every line break, as the same single bytes
    (UTF-8, Latin-1, cp1252): a diff of its bytes is a diff that ``patch`` can apply."""
    try:
        sample = "\n\r\t -+@abcXYZ019/.\\"
        return sample.encode(encoding) == sample.encode("ascii")
    except (LookupError, UnicodeEncodeError):
        return False


def file_diff(path: str, old: bytes, new: bytes, encoding: str, context: int = 3) -> bytes:
    """A patch that turns the file bytes ``old`` into ``new`` and that the usual tools apply.

    The diff is of the file's own bytes, not of its decoded text: a Latin-1 file diffed as
    text and printed as UTF-8 was a patch that matched no line of the file. For an encoding
    that writes ASCII as ASCII that is a unified diff ``patch -p1`` and ``git apply`` accept.
    UTF-16 and UTF-32 have no line that ``patch`` could read, so the patch is git's binary
    form (both whole contents, compressed), which ``git apply`` accepts; a line before it says
    so. Returns empty bytes when nothing changed.
    """
    if old == new:
        return b""
    name = os.fsencode(_name(path))
    if _ascii_compatible(encoding):
        out: list[bytes] = []
        for line in difflib.diff_bytes(difflib.unified_diff, _lines(old, b"\n"), _lines(new, b"\n"),
                                       fromfile=b"a/" + name, tofile=b"b/" + name, n=context):
            if line.endswith(b"\n"):
                out.append(line)
            else:
                out.append(line + b"\n\\ No newline at end of file\n")
        return b"".join(out)
    return _git_binary_patch(name, old, new, encoding)


def _git_blob_id(data: bytes) -> str:
    import hashlib

    return hashlib.sha1(b"blob %d\x00" % len(data) + data, usedforsecurity=False).hexdigest()


def _base85_lines(data: bytes) -> bytes:
    """git's binary-patch encoding: zlib data in lines of up to 52 bytes, each led by its
    length (``A``-``Z`` for 1-26, ``a``-``z`` for 27-52) and written in base 85 (git's
    alphabet is RFC 1924's, Python's ``b85encode``)."""
    import base64
    import zlib

    packed = zlib.compress(data, 9)
    lines: list[bytes] = []
    for at in range(0, len(packed), 52):
        chunk = packed[at : at + 52]
        size = len(chunk)
        lead = chr(ord("A") + size - 1) if size <= 26 else chr(ord("a") + size - 27)
        lines.append(lead.encode("ascii") + base64.b85encode(chunk, pad=True) + b"\n")
    return b"".join(lines)


def _git_binary_patch(name: bytes, old: bytes, new: bytes, encoding: str) -> bytes:
    note = (f"# termlint: {os.fsdecode(name)} is {encoding.upper()}, which patch(1) cannot "
            "read line by line: apply this part with 'git apply', or run termlint check "
            "--fix\n").encode("utf-8", "backslashreplace")
    return b"".join((
        note,
        b"diff --git a/" + name + b" b/" + name + b"\n",
        f"index {_git_blob_id(old)}..{_git_blob_id(new)}\n".encode("ascii"),
        b"GIT binary patch\n",
        b"literal %d\n" % len(new), _base85_lines(new), b"\n",
        b"literal %d\n" % len(old), _base85_lines(old), b"\n",
    ))
