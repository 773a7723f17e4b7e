"""A position-exact XML scanner used after a safe parser has validated the file.

defusedxml (over the stdlib expat parser) validates every XML file first and refuses DTD
entity declarations, so no entity expansion or external entity is ever processed. Neither it nor
lxml reports character offsets of text inside elements, so this scanner walks the (now known to
be well-formed) text and keeps file offsets for every element, attribute value and text run.
"""

from __future__ import annotations

import codecs
import importlib
import re
from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError

from termlint.sources._segments import SegmentBuilder
from termlint.sources.base import Comment, Document, SourceError

_NAME = r"[^\s/>=\"'<]+"
_TAG = re.compile(rf"<({_NAME})((?:\s+{_NAME}\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*(/?)>")
_ATTR = re.compile(rf"({_NAME})\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_END = re.compile(rf"</({_NAME})\s*>")
_REF = re.compile(r"&(#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);")
_PREDEFINED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
_DECL = re.compile(r"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>", re.S)


@dataclass
class Text:
    start: int
    end: int


@dataclass
class CData:
    start: int  # content start (after <![CDATA[)
    end: int


@dataclass
class Other:
    """A comment or processing instruction inside an element."""

    start: int
    end: int


@dataclass
class Element:
    name: str
    start: int
    tag_end: int
    close_start: int = -1
    end: int = -1
    attrs: dict[str, tuple[int, int]] = field(default_factory=dict)
    children: list[Element | Text | CData | Other] = field(default_factory=list)

    @property
    def local(self) -> str:
        return self.name.rsplit(":", 1)[-1]

    def elements(self, local: str | None = None) -> list[Element]:
        return [
            c
            for c in self.children
            if isinstance(c, Element) and (local is None or c.local == local)
        ]

    def attr(self, doc: Document, name: str) -> str | None:
        span = self.attrs.get(name)
        if span is None:
            return None
        b = SegmentBuilder()
        decode_text(doc.text, span[0], span[1], b, attribute=True)
        return b.text()


def where(text: str, i: int) -> tuple[int, int]:
    return text.count("\n", 0, i) + 1, i - (text.rfind("\n", 0, i) + 1) + 1


#: The XML declaration's ``encoding`` pseudo-attribute (only at the very start of the text).
_DECLARED = re.compile(r"^(<\?xml[^>]*?)\s+encoding\s*=\s*(['\"])([^'\"]*)\2")


def check_declared_encoding(text: str) -> None:
    """Refuse an XML file that declares an encoding other than UTF-8, UTF-16 or UTF-32.

    termlint reads files as UTF-8 (or UTF-16/32 with a byte order mark) and writes a fix
    back the same way. A file declaring, say, ``UTF-7`` or ``ISO-8859-1`` that still decodes
    as UTF-8 (its bytes are ASCII) would be read as something other than what the declaration
    says (``+AOQ-`` is *ä* in UTF-7, and a deprecated term spelled that way would go unseen),
    and a fix that writes *ä* would break the declaration. Such a file gets one line asking
    for conversion instead.
    """
    found = _DECLARED.match(text)
    if found is None:
        return
    declared = found.group(3).strip()
    try:
        name = codecs.lookup(declared).name
    except LookupError:
        name = ""
    if not name.startswith(("utf-8", "utf-16", "utf-32")):
        column = found.start(3) + 1
        raise SourceError(f"declares encoding {declared!r}; termlint reads XML files in UTF-8 "
                          "or UTF-16 only: convert the file (and its declaration)", 1, column)


def validate(doc: Document) -> None:
    text = doc.text
    check_declared_encoding(text)
    # expat must not see an encoding declaration that no longer matches the str it gets
    body = _DECLARED.sub(r"\1", text, count=1)
    # imported by name: defusedxml ships no type stubs
    defused = importlib.import_module("defusedxml")
    element_tree = importlib.import_module("defusedxml.ElementTree")
    try:
        element_tree.fromstring(
            body, forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
    except ParseError as exc:
        line, column = exc.position
        message = str(exc).split(":")[0]
        raise SourceError(f"invalid XML: {message}", line, column + 1) from None
    except defused.DefusedXmlException as exc:
        raise SourceError(_refusal(exc)) from None


def _refusal(exc: Exception) -> str:
    """One line saying which entity (or external reference) was refused, and that nothing
    was expanded or fetched."""
    name = getattr(exc, "name", None)
    sysid, pubid = getattr(exc, "sysid", None), getattr(exc, "pubid", None)
    target = f"SYSTEM {sysid!r}" if sysid else f"PUBLIC {pubid!r}" if pubid else ""
    if name is not None:
        what = " ".join(p for p in ("entity declaration", repr(name), target) if p)
    else:
        what = " ".join(p for p in ("external reference", target) if p)
    return (f"XML entity declarations are not allowed: {what} refused "
            "(entities are never expanded or fetched)")


def parse(doc: Document) -> Element:
    """Validate, then scan; comments anywhere are recorded in ``doc.comments``."""
    validate(doc)
    text = doc.text
    i = 0
    n = len(text)
    root: Element | None = None
    stack: list[Element] = []
    while i < n:
        lt = text.find("<", i)
        if lt < 0:
            lt = n
        if stack and lt > i:
            stack[-1].children.append(Text(i, lt))
        if lt >= n:
            break
        if text.startswith("<!--", lt):
            end = text.index("-->", lt) + 3
            doc.comments.append(Comment(lt, end, text[lt:end]))
            if stack:
                stack[-1].children.append(Other(lt, end))
            i = end
        elif text.startswith("<![CDATA[", lt):
            end = text.index("]]>", lt)
            stack[-1].children.append(CData(lt + 9, end))
            i = end + 3
        elif text.startswith("<?", lt) or text.startswith("<!", lt):
            m = _DECL.match(text, lt)
            end = m.end() if m else text.index(">", lt) + 1
            if stack:
                stack[-1].children.append(Other(lt, end))
            i = end
        elif text.startswith("</", lt):
            m = _END.match(text, lt)
            if not m or not stack:
                raise SourceError("invalid XML: bad end tag", *where(text, lt))
            el = stack.pop()
            el.close_start, el.end = lt, m.end()
            i = m.end()
        else:
            m = _TAG.match(text, lt)
            if not m:
                raise SourceError("invalid XML: bad start tag", *where(text, lt))
            el = Element(m.group(1), lt, m.end())
            for a in _ATTR.finditer(text, m.start(2), m.end(2)):
                group = 2 if a.group(2) is not None else 3
                el.attrs[a.group(1)] = (a.start(group), a.end(group))
            if stack:
                stack[-1].children.append(el)
            elif root is None:
                root = el
            if m.group(3):
                el.close_start = el.end = m.end()
            else:
                stack.append(el)
            i = m.end()
    if root is None or stack:
        raise SourceError("invalid XML: no complete root element")
    return root


def decode_text(
    text: str, start: int, end: int, b: SegmentBuilder, attribute: bool = False
) -> None:
    """Append ``text[start:end]`` with references decoded and line ends normalised."""
    i = start
    while i < end:
        c = text[i]
        if c == "&":
            m = _REF.match(text, i, end)
            if not m:
                raise SourceError("invalid XML: bare '&'", *where(text, i))
            ref = m.group(1)
            if ref.startswith(("#x", "#X")):
                b.char(chr(int(ref[2:], 16)), i)
            elif ref.startswith("#"):
                b.char(chr(int(ref[1:])), i)
            elif ref in _PREDEFINED:
                b.char(_PREDEFINED[ref], i)
            else:
                raise SourceError(f"invalid XML: undefined entity &{ref};", *where(text, i))
            i = m.end()
        elif c == "\r":
            b.char(" " if attribute else "\n", i)
            i += 2 if text.startswith("\r\n", i) else 1
        elif attribute and c in "\n\t":
            b.char(" ", i)
            i += 1
        else:
            b.char(c, i)
            i += 1


class Content:
    """Mixed content flattened to characters; tags of inline elements are kept verbatim and
    flagged as masked, so positions stay exact and no match runs through them."""

    def __init__(self) -> None:
        self.b = SegmentBuilder()
        self.masked: list[bool] = []
        self.cdata = False

    def _sync(self, masked: bool) -> None:
        self.masked.extend([masked] * (len(self.b) - len(self.masked)))

    def collect(self, text: str, el: Element, opaque: frozenset[str]) -> None:
        for child in el.children:
            if isinstance(child, Text):
                decode_text(text, child.start, child.end, self.b)
                self._sync(False)
            elif isinstance(child, CData):
                self.b.verbatim(text, child.start, child.end)
                self.cdata = True
                self._sync(False)
            elif isinstance(child, Other) or child.local in opaque or child.name in opaque:
                self.b.verbatim(text, child.start, child.end)
                self._sync(True)
            else:
                self.b.verbatim(text, child.start, child.tag_end)
                self._sync(True)
                self.collect(text, child, opaque)
                self.b.verbatim(text, child.close_start, child.end)
                self._sync(True)

    def masks(self) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        for i, m in enumerate(self.masked):
            if m:
                if spans and spans[-1][1] == i:
                    spans[-1] = (spans[-1][0], i + 1)
                else:
                    spans.append((i, i + 1))
        return spans


#: Characters XML 1.0 cannot hold, not even as a character reference.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(value: str) -> None:
    """Raise ValueError when ``value`` holds a character no XML 1.0 file can contain."""
    bad = _NOT_XML.search(value)
    if bad is not None:
        raise ValueError(f"{bad.group()!r} cannot be written in XML")


def escape_text(value: str, encoding: str, quote: str = "", xml: bool = True) -> str:
    """``value`` as XML (or, with ``xml=False``, HTML) character data or attribute text.

    A carriage return is written as ``&#13;`` because a parser reads a literal one as a line
    feed; characters XML cannot hold raise ValueError (HTML: only NUL, which would make the
    file binary).
    """
    from termlint.sources._escaping import encodable

    if xml:
        xml_safe(value)
    elif "\x00" in value:
        raise ValueError("a NUL character cannot be written into a text file")
    out: list[str] = []
    for ch in value:
        if ch == "&":
            out.append("&amp;")
        elif ch == "<":
            out.append("&lt;")
        elif ch == ">":
            out.append("&gt;")
        elif quote and ch == quote:
            out.append("&quot;" if ch == '"' else "&apos;")
        elif ch == "\r" or (quote and ch in "\n\t"):
            out.append(f"&#{ord(ch)};")
        elif not encodable(ch, encoding):
            out.append(f"&#x{ord(ch):X};")
        else:
            out.append(ch)
    return "".join(out)


def root_name(text: str) -> str | None:
    i = 0
    while True:
        m = _DECL.match(text, i)
        j = m.end() if m else i
        while j < len(text) and text[j].isspace():
            j += 1
        if m is None or j == i:
            break
        i = j
    m2 = re.match(rf"\s*<({_NAME})", text[i : i + 400])
    return m2.group(1).rsplit(":", 1)[-1] if m2 else None
