"""Shared checks for the source tests: the position invariant and the write-back round trip."""

from __future__ import annotations

from pathlib import Path

from termlint.model import Segment
from termlint.sources.base import Document, Source

HERE = Path(__file__).parent


def fixture(name: str) -> bytes:
    return (HERE / name).read_bytes()


def read(source: Source, name: str, path: str | None = None) -> Document:
    return source.read(path or name, fixture(name))


def by_key(doc: Document, key: str) -> Segment:
    found = [s for s in doc.segments if s.key == key]
    assert len(found) == 1, (key, [s.key for s in doc.segments])
    return found[0]


def check_positions(doc: Document, escape_starts: str = "\\&", folds: str = "") -> None:
    """Every character maps to itself in the file, unless it comes from an escape (the file
    text there starts with one of ``escape_starts``) or is whitespace folded from ``folds``
    (a YAML line break read as a space, say). Offsets must never go backwards."""
    for seg in doc.segments:
        previous = -1
        for i, ch in enumerate(seg.text):
            a, b = seg.file_span(i, i + 1)
            assert a >= previous, (seg.key, i)
            assert b > a, (seg.key, i, ch)
            previous = b
            here = doc.text[a:b]
            if doc.text[seg.file_offset(i)] == ch:
                continue
            if here[0] in escape_starts:
                continue
            assert ch in folds or (ch == " " and here[0] in "\r\n"), (seg.key, i, ch, here)
        assert seg.file_offset(len(seg.text)) >= previous
        for start, end in seg.masks:
            assert 0 <= start < end <= len(seg.text)


def span_text(doc: Document, seg: Segment, word: str, occurrence: int = 0) -> str:
    """The exact file text under the ``occurrence``-th ``word`` of ``seg``."""
    index = -1
    for _ in range(occurrence + 1):
        index = seg.text.index(word, index + 1)
    return doc.text[slice(*seg.file_span(index, index + len(word)))]


def roundtrip(
    source: Source, path: str, raw: bytes, key: str, old: str, new: str, occurrence: int = 0
) -> tuple[Document, bytes]:
    """Replace ``old`` by ``new`` in the segment ``key`` through ``escape`` and check the file:
    it parses, the segment reads the new value, bytes outside the span are unchanged."""
    doc = source.read(path, raw)
    seg = by_key(doc, key)
    index = -1
    for _ in range(occurrence + 1):
        index = seg.text.index(old, index + 1)
    start, end = seg.file_span(index, index + len(old))
    replacement = source.escape(doc, seg, new)
    text = doc.text[:start] + replacement + doc.text[end:]
    out = doc.encode(text)
    prefix = doc.encode(doc.text[:start])
    suffix = doc.text[end:].encode(doc.encoding)
    assert out.startswith(prefix) and raw.startswith(prefix)
    assert out.endswith(suffix) and raw.endswith(suffix)
    again = source.read(path, out)
    expected = seg.text[:index] + new + seg.text[index + len(old) :]
    assert by_key(again, key).text == expected
    assert len(again.segments) == len(doc.segments)
    for before, after in zip(doc.segments, again.segments, strict=True):
        if before.key != key:
            assert before.text == after.text
    return again, out
