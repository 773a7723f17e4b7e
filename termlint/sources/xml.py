"""XML string formats: Android ``strings.xml``, XLIFF 1.2/2.0 and Apple ``.stringsdict``.

Every file is validated by defusedxml first (entity declarations, external entities and
network access are refused), then scanned for exact offsets (see ``_xml``). Inline markup
inside a value (``<b>``, XLIFF ``<g>``/``<mrk>``/``<pc>``) stays in the segment text as masked
characters while its text is linted; placeholder elements (Android ``<xliff:g>``, XLIFF
``<x/>``, ``<ph>``, ``<bpt>``, ``<ept>``, ``<it>``, ``<sc/>``, ``<ec/>``) are masked whole.
A generic ``.xml`` file goes to the reader its root element names (``resources``, ``xliff``,
``plist``); other XML gives no segments.
"""

from __future__ import annotations

from termlint.model import Segment
from termlint.sources import _xml
from termlint.sources._escaping import encodable
from termlint.sources._segments import SegmentBuilder
from termlint.sources.base import Document, Source, SourceError
from termlint.sources.language import normalize

_ANDROID_OPAQUE = frozenset({"xliff:g", "g"})
_XLIFF_OPAQUE = frozenset({"x", "bx", "ex", "ph", "bpt", "ept", "it", "sc", "ec", "cp", "sm", "em"})
_ROOTS = {"android": "resources", "xliff": "xliff", "stringsdict": "plist"}
_PLIST_SKIP = frozenset({"NSStringFormatSpecTypeKey", "NSStringFormatValueTypeKey"})


def _content_segment(
    doc: Document, el: _xml.Element, opaque: frozenset[str], key: str, language: str | None
) -> tuple[Segment, str] | None:
    if not el.children:
        return Segment(text="", start=el.tag_end, key=key, language=language), "xml"
    content = _xml.Content()
    content.collect(doc.text, el, opaque)
    seg = content.b.build(el.close_start, key=key, language=language, extra_masks=content.masks())
    return seg, "cdata" if content.cdata else "xml"


class _XmlBase(Source):
    def escape(self, doc: Document, segment: Segment, value: str) -> str:
        style = doc.style_of(segment, "xml")
        if style.startswith("android"):
            value = _android_escape(value)
        if style.endswith("cdata"):
            _xml.xml_safe(value)
            if "]]>" in value or "\r" in value or any(not encodable(c, doc.encoding)
                                                        for c in value):
                raise ValueError(f"cannot write {value!r} inside CDATA")
            return value
        return _xml.escape_text(value, doc.encoding)


class AndroidSource(_XmlBase):
    """``res/values*/strings.xml``: ``<string>``, ``<string-array>``, ``<plurals>``.

    Keys: ``name``, ``name.0`` for array items, ``name.one`` for plural quantities.
    ``translatable="false"`` strings are skipped. Android escapes (``\\'``, ``\\"``, ``\\n``,
    ``\\t``, ``\\uXXXX``, ``\\@``), double-quote delimiting and whitespace collapsing are
    applied; each value character keeps its file offset.
    """

    name = "android"
    suffixes = (".xml",)

    def handles(self, path: str) -> bool:
        parts = path.replace("\\", "/").lower().split("/")
        return path.lower().endswith(".xml") and len(parts) > 1 and (
            parts[-2] == "values" or parts[-2].startswith("values-")
        )

    def sniff(self, path: str, raw: bytes) -> bool:
        return _sniff(raw) == "resources"

    def parse(self, doc: Document) -> None:
        root = _xml.parse(doc)
        if root.local != "resources":
            raise SourceError(f"not Android resources (root element <{root.name}>)")
        for el in root.elements():
            name = el.attr(doc, "name") or ""
            if el.attr(doc, "translatable") == "false":
                continue
            if el.local == "string":
                self._value(doc, el, name)
            elif el.local == "string-array":
                for index, item in enumerate(el.elements("item")):
                    self._value(doc, item, f"{name}.{index}")
            elif el.local == "plurals":
                for item in el.elements("item"):
                    self._value(doc, item, f"{name}.{item.attr(doc, 'quantity') or '?'}")

    def _value(self, doc: Document, el: _xml.Element, key: str) -> None:
        content = _xml.Content()
        content.collect(doc.text, el, _ANDROID_OPAQUE)
        b, masked, end = _android_unescape(content, el.close_start)
        spans: list[tuple[int, int]] = []
        for i, m in enumerate(masked):
            if m:
                if spans and spans[-1][1] == i:
                    spans[-1] = (spans[-1][0], i + 1)
                else:
                    spans.append((i, i + 1))
        if len(b):
            seg = b.build(end, key=key, extra_masks=spans)
        else:
            seg = Segment(text="", start=el.tag_end, key=key)
        doc.styles[seg.file_offset(0)] = "android-cdata" if content.cdata else "android"
        doc.segments.append(seg)


def _android_unescape(content: _xml.Content, close: int) -> tuple[SegmentBuilder, list[bool], int]:
    chars, offs, masked = content.b.chars, content.b.offsets, content.masked
    out = SegmentBuilder()
    out_masked: list[bool] = []
    collapsible: list[bool] = []
    quoted = False
    n = len(chars)
    i = 0
    simple = {"n": "\n", "t": "\t"}
    while i < n:
        c = chars[i]
        if masked[i]:
            out.char(c, offs[i])
            out_masked.append(True)
            collapsible.append(False)
            i += 1
            continue
        if c == "\\" and i + 1 < n and not masked[i + 1]:
            e = chars[i + 1]
            hexa = "".join(chars[i + 2 : i + 6])
            if e == "u" and len(hexa) == 4 and all(h in "0123456789abcdefABCDEF" for h in hexa):
                out.char(chr(int(hexa, 16)), offs[i])
                i += 6
            else:
                out.char(simple.get(e, e), offs[i])
                i += 2
            out_masked.append(False)
            collapsible.append(False)
        elif c == '"':
            quoted = not quoted
            i += 1
        elif c.isspace() and not quoted:
            j = i
            while j < n and chars[j].isspace() and not masked[j]:
                j += 1
            out.char(" ", offs[i])
            out_masked.append(False)
            collapsible.append(True)
            i = j
        else:
            out.char(c, offs[i])
            out_masked.append(False)
            collapsible.append(False)
            i += 1
    # leading and trailing unquoted whitespace is dropped
    lead = 0
    while lead < len(collapsible) and collapsible[lead]:
        lead += 1
    trail = len(collapsible)
    while trail > lead and collapsible[trail - 1]:
        trail -= 1
    end = close
    chars, offsets = out.chars, out.offsets
    if trail < len(chars):
        end = offsets[trail]
    kept = SegmentBuilder.of(chars[lead:trail], offsets[lead:trail])
    return kept, out_masked[lead:trail], end


def _android_escape(value: str) -> str:
    table = {"\\": "\\\\", "'": "\\'", '"': '\\"', "\n": "\\n", "\t": "\\t"}
    out = "".join(table.get(c, c) for c in value)
    if out.startswith(("@", "?")):
        out = "\\" + out
    return out


class XliffSource(_XmlBase):
    """XLIFF 1.2 (``<trans-unit>``) and 2.0 (``<unit>``/``<segment>``).

    ``<target>`` is linted in the target language (1.2 ``target-language``, 2.0 ``trgLang``);
    ``<source>`` too when the source language is Finnish. Keys: the unit ``id`` (1.2
    ``resname`` when present), plus ``.segment-id`` when a 2.0 unit has several segments.
    """

    name = "xliff"
    suffixes = (".xlf", ".xliff")

    def sniff(self, path: str, raw: bytes) -> bool:
        return _sniff(raw) == "xliff"

    def parse(self, doc: Document) -> None:
        root = _xml.parse(doc)
        if root.local != "xliff":
            raise SourceError(f"not XLIFF (root element <{root.name}>)")
        version2 = (root.attr(doc, "version") or "").startswith("2")
        src = normalize(root.attr(doc, "srcLang"))
        trg = normalize(root.attr(doc, "trgLang"))
        for file in root.elements("file"):
            file_src = normalize(file.attr(doc, "source-language")) or src
            file_trg = normalize(file.attr(doc, "target-language")) or trg
            if file_trg and doc.language is None:
                doc.language = file_trg
            self._walk(doc, file, file_src, file_trg, version2)

    def _walk(
        self, doc: Document, el: _xml.Element, src: str | None, trg: str | None, v2: bool
    ) -> None:
        for child in el.elements():
            if child.local == "trans-unit" and not v2:
                key = child.attr(doc, "resname") or child.attr(doc, "id") or "?"
                self._pair(doc, child, key, src, trg)
            elif child.local == "unit" and v2:
                unit_id = child.attr(doc, "id") or "?"
                segments = child.elements("segment")
                for index, segment in enumerate(segments):
                    sid = segment.attr(doc, "id") or str(index)
                    key = unit_id if len(segments) == 1 else f"{unit_id}.{sid}"
                    self._pair(doc, segment, key, src, trg)
            elif child.local in ("group", "body"):
                self._walk(doc, child, src, trg, v2)

    def _pair(
        self, doc: Document, unit: _xml.Element, key: str, src: str | None, trg: str | None
    ) -> None:
        for part in unit.elements():
            if part.local == "target" or (part.local == "source" and src == "fi"):
                language = trg if part.local == "target" else src
                made = _content_segment(doc, part, _XLIFF_OPAQUE, key, language)
                if made is None:
                    continue
                seg, style = made
                if part.local == "source":
                    seg = Segment(
                        seg.text, seg.start, seg.offsets, seg.language, f"{key}[source]", seg.masks
                    )
                doc.styles[seg.file_offset(0)] = style
                doc.segments.append(seg)


class StringsdictSource(_XmlBase):
    """Apple ``.stringsdict`` plists: every ``<string>`` value except the format-spec and
    value-type entries. Keys join the ``<key>`` path: ``files.count.one``."""

    name = "stringsdict"
    suffixes = (".stringsdict",)

    def sniff(self, path: str, raw: bytes) -> bool:
        return path.lower().endswith(".stringsdict") or _sniff(raw) == "plist"

    def parse(self, doc: Document) -> None:
        root = _xml.parse(doc)
        if root.local != "plist":
            raise SourceError(f"not a plist (root element <{root.name}>)")
        for el in root.elements("dict"):
            self._dict(doc, el, [])

    def _dict(self, doc: Document, el: _xml.Element, path: list[str]) -> None:
        key: str | None = None
        for child in el.elements():
            if child.local == "key":
                b = SegmentBuilder()
                for t in child.children:
                    if isinstance(t, _xml.Text):
                        _xml.decode_text(doc.text, t.start, t.end, b)
                key = b.text()
                continue
            here = [*path, key or "?"]
            if child.local == "dict":
                self._dict(doc, child, here)
            elif child.local == "string" and key not in _PLIST_SKIP:
                made = _content_segment(doc, child, frozenset(), ".".join(here), None)
                if made:
                    seg, style = made
                    doc.styles[seg.file_offset(0)] = style
                    doc.segments.append(seg)
            key = None


class XmlSource(_XmlBase):
    """Any other ``.xml``: read by the source its root element names, or nothing to lint."""

    name = "xml"
    suffixes = (".xml",)

    def refine(self, path: str, raw: bytes) -> Source:
        root = _sniff(raw)
        for source in (AndroidSource(), XliffSource(), StringsdictSource()):
            if root == _ROOTS[source.name]:
                return source
        return self

    def parse(self, doc: Document) -> None:
        root = _xml.root_name(doc.text)
        for source in (AndroidSource(), XliffSource(), StringsdictSource()):
            if root == _ROOTS[source.name]:
                doc.format = source.name
                source.parse(doc)
                return
        _xml.validate(doc)  # still refuse malformed or entity-laden XML

def _sniff(raw: bytes) -> str | None:
    from termlint.sources.base import decode

    try:
        text, _, _ = decode(raw[:4096].rsplit(b">", 1)[0] + b">" if b">" in raw[:4096] else raw)
    except SourceError:
        return None
    return _xml.root_name(text)
