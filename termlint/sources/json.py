"""JSON string files (i18next, FormatJS/ICU, nested or flat) and Flutter ARB.

Every string value is a segment, in arrays too. The key path joins object keys and array
indices with dots (``home.banner.title``, ``items.0``). The stdlib decoder validates the file
(its error carries line and column) and gives its structure: keys, values and their order
(duplicate keys kept). In JSON a quote opens a string and nothing else, so the file's string
tokens, found by one expression, are the decoded tree's strings in the same order; each string
value is then mapped character by character to its file offsets (only one with an escape needs
more than a slice), so positions stay exact through ``\\u00e4``, ``\\n`` and ``\\"``. No library
gives per-character offsets inside strings (json-source-map stops at the value), so the string
scanner is unavoidable; the decoder keeps it honest.

i18next plural keys (``_one``/``_other``) are ordinary keys; ``{{var}}`` and ``$t(...)``
are masked; ICU ``{n, plural, one {…} other {…}}`` leaves branch text lintable and masks syntax.
ARB: keys starting with ``@`` (metadata such as ``@appTitle``, ``@@locale``) are skipped; an
``@@locale`` value declares the file's language.

Apple String Catalogs (``.xcstrings``) are JSON too: only the translations are linted, each
``strings.<key>.localizations.<language>…stringUnit.value``, in the language it is filed
under; keys, comments and states are not.
"""

from __future__ import annotations

import bisect
import json
import re

from termlint.model import Segment, evolve
from termlint.sources._escaping import backslash_escaped, hex_style_upper
from termlint.sources._segments import SegmentBuilder, verbatim_segment
from termlint.sources.base import Document, Source, SourceError
from termlint.sources.language import apply_root_languages, normalize

_PLAIN = re.compile(r'[^"\\\x00-\x1f]+')
#: A whole string with no escape and no control character (nearly every key and value).
_PLAIN_STRING = re.compile(r'"([^"\\\x00-\x1f]*)"')
#: A string token, escapes and all (in valid JSON nothing else holds a quote).
_STRING_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
#: What may change a JSON file's structure when typed into (or deleted from) a string.
_STRUCTURAL = re.compile(r'["\\\x00-\x1f]')
_SIMPLE = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_ESCAPE_OUT = {
    '"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"
}


class _Scanner:
    def __init__(self, doc: Document, skip_meta: bool) -> None:
        self.doc = doc
        self.text = doc.text
        self.skip_meta = skip_meta
        self.non_ascii_escapes = 0

    def segment(self, i: int, key: str, value: str) -> None:
        """Add the string ``value`` (decoded) whose opening quote is at ``i`` as a segment."""
        m = _PLAIN_STRING.match(self.text, i)
        if m is not None:  # no escape: the file text is the value, offset for offset
            self.doc.segments.append(verbatim_segment(self.text, i + 1, m.end() - 1, key=key,
                                                      value=value))
            return
        b, end = self.string(i)
        self.doc.segments.append(b.build(end, key=key))

    def string(self, i: int) -> tuple[SegmentBuilder, int]:
        """Decode the string whose opening quote is at ``i``; return it and the closing quote."""
        text = self.text
        b = SegmentBuilder()
        i += 1
        while True:
            m = _PLAIN.match(text, i)
            if m:
                b.verbatim(text, i, m.end())
                i = m.end()
            c = text[i]
            if c == '"':
                return b, i
            if c != "\\":  # control character: the decoder let it through (strict=False)
                b.char(c, i)
                i += 1
                continue
            e = text[i + 1]
            if e != "u":
                b.char(_SIMPLE[e], i)
                i += 2
                continue
            code = int(text[i + 2 : i + 6], 16)
            width = 6
            if 0xD800 <= code < 0xDC00 and text.startswith("\\u", i + 6):
                low = int(text[i + 8 : i + 12], 16)
                if 0xDC00 <= low < 0xE000:
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    width = 12
            if code >= 0x80:
                self.non_ascii_escapes += 1
            b.char(chr(code), i)
            i += width

    def walk(self, tree: object) -> None:
        """Add a segment for every string value of the decoded ``tree`` (objects as
        :class:`_Pairs`), taking each string's place in the file from the file's string tokens,
        which come in the same order as the tree's strings."""
        self._tokens = _STRING_TOKEN.finditer(self.text)
        self._node(tree, [], 0)

    def _node(self, node: object, path: list[str], depth: int) -> None:
        if isinstance(node, str):
            start = next(self._tokens).start()
            if path and not (self.skip_meta and any(p.startswith("@") for p in path)):
                self.segment(start, ".".join(path), node)
            else:
                self.string(start)  # not linted, but its escapes tell the file's style
        elif isinstance(node, _Pairs):
            for key, value in node:
                token = next(self._tokens)
                if "\\" in token.group():
                    self.string(token.start())  # a key's escapes tell the file's style too
                if depth == 0 and self.skip_meta and key == "@@locale" and isinstance(value, str):
                    self.doc.language = self.doc.language or normalize(value)
                self._node(value, [*path, key], depth + 1)
        elif isinstance(node, list):
            for index, item in enumerate(node):
                self._node(item, [*path, str(index)], depth + 1)


class _Digits:
    """A JSON integer kept as its text: numbers are never linted, and converting one of more
    than 4,300 digits to ``int`` is refused by Python (CVE-2020-10735) although the file is
    valid JSON."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


class _Pairs(list[tuple[str, object]]):
    """A decoded JSON object: its key-value pairs in file order, duplicate keys kept."""

    __slots__ = ()


class JsonSource(Source):
    name = "json"
    suffixes = (".json",)
    skip_meta = False

    def parse(self, doc: Document) -> None:
        try:
            tree = json.loads(doc.text, strict=False, object_pairs_hook=_Pairs,
                              parse_int=_Digits)
        except json.JSONDecodeError as exc:
            raise SourceError(f"invalid JSON: {exc.msg}", exc.lineno, exc.colno) from None
        except ValueError as exc:
            raise SourceError(f"invalid JSON: {exc}") from None
        scanner = _Scanner(doc, self.skip_meta)
        scanner.walk(tree)
        if scanner.non_ascii_escapes and doc.text.isascii():
            doc.flags.add("ascii-escapes")
        if hex_style_upper(doc.text):
            doc.flags.add("upper-hex")
        apply_root_languages(doc, 6)

    def escape(self, doc: Document, segment: Segment, value: str) -> str:
        return "".join(backslash_escaped(value, _ESCAPE_OUT, doc.flags, doc.encoding))

    def splice(self, doc: Document, start: int, end: int, text: str) -> Document | None:
        """An edit inside one string value written without escapes, which neither removes
        nor adds a quote, a backslash or a control character: the file's structure, keys
        and every other value stay as they were, so only that value's segment is made
        again and the segments after it move by the change in length."""
        if _STRUCTURAL.search(text) or _STRUCTURAL.search(doc.text, start, end):
            return None
        segments = doc.segments
        at = bisect.bisect_right(segments, start, key=lambda s: s.start) - 1
        if at < 0:
            return None
        edited = segments[at]
        if edited.offsets is not None or not end <= edited.start + len(edited.text):
            return None
        new_text = doc.text[:start] + text + doc.text[end:]
        if (text + doc.text[start:end]).isascii():
            flags = set(doc.flags)
        elif "ascii-escapes" not in doc.flags and not new_text.isascii():
            flags = set(doc.flags)  # the text was and stays beyond ASCII
        else:
            return None  # whether the file is ASCII (its escaping style) may change
        delta = len(text) - (end - start)
        value_end = edited.start + len(edited.text) + delta
        moved = [*segments[:at], verbatim_segment(new_text, edited.start, value_end,
                                                  key=edited.key, language=edited.language)]
        for segment in segments[at + 1:]:
            if segment.offsets is None:
                # evolve()'s work without its checks: thousands of values move per keystroke.
                shifted = object.__new__(type(segment))
                shifted.__dict__.update(segment.__dict__)
                shifted.__dict__["start"] = segment.start + delta
                moved.append(shifted)
            else:
                moved.append(evolve(segment, start=segment.start + delta,
                                    offsets=tuple(o + delta for o in segment.offsets)))
        return Document(path=doc.path, text=new_text, format=doc.format,
                        encoding=doc.encoding, bom=doc.bom, segments=moved,
                        language=doc.language, flags=flags,
                        styles={k + delta if k > start else k: v
                                for k, v in doc.styles.items()})


class ArbSource(JsonSource):
    name = "arb"
    suffixes = (".arb",)
    skip_meta = True


_LOCALIZATIONS = ".localizations."
_UNIT_VALUE = ".stringUnit.value"


class XcstringsSource(JsonSource):
    """Apple String Catalog: the ``stringUnit`` values under ``localizations``, each in its
    language. A value's key is the string's key, its language in brackets and the variation
    path (``Welcome[sv]``, ``%lld files[fi].plural.one``)."""

    name = "xcstrings"
    suffixes = (".xcstrings",)

    def parse(self, doc: Document) -> None:
        super().parse(doc)
        kept: list[Segment] = []
        for segment in doc.segments:
            key = segment.key or ""
            if not key.startswith("strings.") or not key.endswith(_UNIT_VALUE) \
                    or _LOCALIZATIONS not in key:
                continue
            name, _, rest = key[len("strings."):-len(_UNIT_VALUE)].rpartition(_LOCALIZATIONS)
            tag, _, variation = rest.partition(".")
            variation = variation.replace("variations.", "").replace("substitutions.", "")
            kept.append(evolve(segment, language=normalize(tag),
                               key=f"{name}[{tag}]" + (f".{variation}" if variation else "")))
        doc.segments = kept
