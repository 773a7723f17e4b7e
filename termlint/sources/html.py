"""HTML documents (``.html``, ``.htm``): visible text plus ``alt``, ``title``, ``aria-label``
and ``placeholder`` attribute values.

The stdlib ``html.parser`` (lenient like browsers, no dependency) reports every event with its
line and column, which map to exact offsets; character references arrive separately
(``convert_charrefs=False``) so each decoded character keeps the offset of its ``&``. Text is
gathered per block element, so a match may run through inline markup (``<b>``, ``<a>``,
``<span>``…), whose tags stay in the segment as masked characters. ``script``, ``style``,
``pre`` and ``template`` are skipped; ``code``, ``kbd``, ``samp`` and ``var`` are masked.
Comments are recorded. Segments have no key except attributes (``img@alt``).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from termlint.model import Segment
from termlint.sources._segments import SegmentBuilder
from termlint.sources._xml import escape_text
from termlint.sources.base import Comment, Document, Source, SourceError

_INLINE = """a abbr b bdi bdo br cite data dfn em i ins del label mark q s small span strong
sub sup time u wbr font"""
INLINE = frozenset(_INLINE.split())
MASKED = frozenset({"code", "kbd", "samp", "var", "math", "svg"})
SKIPPED = frozenset({"script", "style", "pre", "template", "noscript", "textarea"})
ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
_ATTR = re.compile(r"([^\s=/>\"']+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+)))?")
_REF = re.compile(r"&(?:#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);?")


class _Parser(HTMLParser):
    def __init__(self, doc: Document) -> None:
        super().__init__(convert_charrefs=False)
        self.doc = doc
        self.text = doc.text
        self.lines = [0] + [m.end() for m in re.finditer("\n", doc.text)]
        self.b = SegmentBuilder()
        self.masks: list[tuple[int, int]] = []
        self.masked = 0
        self.skipped = 0

    def _at(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def flush(self, end: int) -> None:
        visible = list(self.b.chars)
        for a, z in self.masks:
            visible[a:z] = [" "] * (z - a)
        if "".join(visible).strip():
            self.doc.segments.append(self.b.build(end, extra_masks=self.masks))
        self.b = SegmentBuilder()
        self.masks = []

    def _masked_raw(self, start: int, end: int) -> None:
        if self.skipped:
            return
        first = len(self.b)
        self.b.verbatim(self.text, start, end)
        self.masks.append((first, len(self.b)))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._at()
        raw = self.get_starttag_text() or ""
        self._attributes(tag, start, raw)
        self._open(tag, start, start + len(raw))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._at()
        raw = self.get_starttag_text() or ""
        self._attributes(tag, start, raw)
        if tag in INLINE or tag in ("img", "input"):
            self._masked_raw(start, start + len(raw))
        else:
            self.flush(start)

    def _open(self, tag: str, start: int, end: int) -> None:
        if tag in SKIPPED:
            if not self.skipped:
                self.flush(start)
            self.skipped += 1
        elif tag in MASKED:
            self.masked += 1
            self._masked_raw(start, end)
        elif tag in INLINE or tag in ("img", "input"):
            self._masked_raw(start, end)
        elif not self.skipped:
            self.flush(start)

    def handle_endtag(self, tag: str) -> None:
        start = self._at()
        gt = self.text.find(">", start)
        end = gt + 1 if gt >= 0 else len(self.text)
        if tag in SKIPPED:
            self.skipped = max(0, self.skipped - 1)
        elif tag in MASKED:
            self._masked_raw(start, end)
            self.masked = max(0, self.masked - 1)
        elif tag in INLINE:
            self._masked_raw(start, end)
        elif not self.skipped:
            self.flush(start)

    def handle_data(self, data: str) -> None:
        if self.skipped:
            return
        start = self._at()
        if self.masked:
            self._masked_raw(start, start + len(data))
        else:
            self.b.verbatim(self.text, start, start + len(data))

    def _ref(self) -> None:
        if self.skipped:
            return
        start = self._at()
        m = _REF.match(self.text, start)
        end = m.end() if m else start + 1
        value = html.unescape(self.text[start:end])
        first = len(self.b)
        if len(value) == 1:
            self.b.char(value, start)
        else:  # not a known reference: keep the raw text
            self.b.verbatim(self.text, start, end)
        if self.masked:
            self.masks.append((first, len(self.b)))

    def handle_entityref(self, name: str) -> None:
        self._ref()

    def handle_charref(self, name: str) -> None:
        self._ref()

    def handle_comment(self, data: str) -> None:
        start = self._at()
        end = self._comment_end(start, data)
        self.doc.comments.append(Comment(start, end, self.text[start:end]))
        self._masked_raw(start, end)

    def _comment_end(self, start: int, data: str) -> int:
        """Where the comment at ``start`` ends. Besides ``<!-- … -->`` the parser reports
        bogus comments (``</]b>``, ``<!x>``) and, at the end of the file, an unclosed
        ``<!-- …``; assuming seven characters of delimiters made later text overlap."""
        text = self.text
        if text.startswith("<!--", start) and text.startswith(data, start + 4):
            end = start + 4 + len(data)
            for close in ("-->", "--!>", ">"):
                if text.startswith(close, end):
                    return end + len(close)
            return end
        for opener in ("</", "<!", "<?"):
            if text.startswith(opener, start) and text.startswith(data, start + len(opener)):
                end = start + len(opener) + len(data)
                return end + 1 if text.startswith(">", end) else end
        gt = text.find(">", start)
        return gt + 1 if gt >= 0 else len(text)

    def _attributes(self, tag: str, start: int, raw: str) -> None:
        if self.skipped:
            return
        name_end = re.match(r"<[^\s/>]+", raw)
        pos = name_end.end() if name_end else 1
        for m in _ATTR.finditer(raw, pos):
            name = m.group(1).lower()
            if name not in ATTRIBUTES:
                continue
            group = next((g for g in (2, 3, 4) if m.group(g) is not None), None)
            if group is None:
                continue
            a, z = start + m.start(group), start + m.end(group)
            b = SegmentBuilder()
            i = a
            while i < z:
                if self.text[i] == "&":
                    r = _REF.match(self.text, i, z)
                    value = html.unescape(r.group()) if r else "&"
                    if r and len(value) == 1:
                        b.char(value, i)
                        i = r.end()
                        continue
                b.char(self.text[i], i)
                i += 1
            if len(b) and b.text().strip():
                seg = b.build(z, key=f"{tag}@{name}")
                self.doc.styles[seg.file_offset(0)] = "attr"
                self.doc.segments.append(seg)


_SECTION_CLOSE = re.compile(r"\]\s*>")


def _defused(text: str) -> str:
    """``text`` with every ``<`` that can open nothing replaced by a space (same length).

    The standard library's parser looks for the end of each unclosed tag, comment or marked
    section from its ``<`` to the end of the file and then reads the ``<`` as text, so 78 KB of
    ``<a`` or ``<!--`` took 5 to 17 s (quadratic). A ``<`` after the file's last ``>`` opens
    no tag, a ``<!--`` after the last ``-->`` (or ``--!>``) no comment, a ``<![`` after the last
    ``]>`` no section: the parser would read each of them as text anyway. Every handler takes
    its characters from the document text by position, so what is read stays the same.
    """
    last_gt = text.rfind(">")
    if last_gt < 0:
        return text.replace("<", " ")
    out = text[: last_gt + 1]
    closed = max(text.rfind("-->", 0, last_gt + 1) + 3, text.rfind("--!>", 0, last_gt + 1) + 4)
    if out.find("<!--", closed) >= 0:
        out = out[:closed] + out[closed:].replace("<!--", " !--")
    if "<![" in out:
        section = max((m.end() for m in _SECTION_CLOSE.finditer(out)), default=0)
        out = out[:section] + out[section:].replace("<![", " ![")
    return out + text[last_gt + 1 :].replace("<", " ")


class HtmlSource(Source):
    name = "html"
    suffixes = (".html", ".htm", ".xhtml")

    def parse(self, doc: Document) -> None:
        parser = _Parser(doc)
        try:
            parser.feed(_defused(doc.text))
            parser.close()
        except (AssertionError, ValueError) as exc:
            line, column = parser.getpos()
            raise SourceError(f"invalid HTML: {exc}", line, column + 1) from None
        parser.flush(len(doc.text))
        doc.segments.sort(key=lambda s: s.file_offset(0))
        m = re.search(r"<html[^>]*\slang\s*=\s*[\"']?([A-Za-z_-]+)", doc.text[:4096], re.I)
        if m:
            from termlint.sources.language import normalize

            doc.language = normalize(m.group(1))

    def escape(self, doc: Document, segment: Segment, value: str) -> str:
        quote = '"' if doc.style_of(segment) == "attr" else ""
        return escape_text(value, doc.encoding, quote, xml=False)
