"""YAML string files (Rails-style ``fi:`` roots, nested mappings, sequences, block scalars).

PyYAML (already a dependency) validates and composes the file; each string scalar node carries
start and end marks (character indices into the decoded text, since we hand PyYAML a ``str``).
Inside a scalar, characters are mapped by a re-scan that mirrors PyYAML's own scanner rules for
plain, single-quoted, double-quoted, literal and folded scalars (line folding, ``''``,
``\\u00e4``, escaped line breaks, indentation, chomping). The re-scanned value is compared with
PyYAML's value, so a mapping can never silently drift. ruamel.yaml was not needed: it would add
a dependency for round-tripping whole documents, while write-back here splices single spans.

Only string scalars are linted (``yes``, ``12``, ``~`` resolve to other types); keys are not.
The key path joins mapping keys and sequence indices with dots (``fi.activerecord.errors.0``).
A root mapping whose keys are all language codes (Rails: ``fi:``, ``sv:``) sets each segment's
language. ``#`` comments are recorded in ``Document.comments``.
"""

from __future__ import annotations

import bisect
import re

import yaml as pyyaml

from termlint.model import Segment
from termlint.sources._escaping import encodable, u_escape
from termlint.sources._segments import SegmentBuilder
from termlint.sources.base import Comment, Document, Source, SourceError
from termlint.sources.language import apply_root_languages

_BREAKS = "\r\n\x85\u2028\u2029"
_STR = "tag:yaml.org,2002:str"
#: The next line break (a block scalar's line is found with one search, not a step a character).
_BREAK = re.compile("[" + _BREAKS + "]")
_REPLACEMENTS = {
    "0": "\0", "a": "\x07", "b": "\x08", "t": "\x09", "\t": "\x09", "n": "\x0a", "v": "\x0b",
    "f": "\x0c", "r": "\x0d", "e": "\x1b", " ": " ", '"': '"', "\\": "\\", "/": "/",
    "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029",
}  # fmt: skip
_CODES = {"x": 2, "u": 4, "U": 8}
_COMMENT = re.compile(r"(?:^|(?<=[ \t]))#[^\r\n]*", re.M)


def _line_break(text: str, i: int) -> tuple[str, int]:
    ch = text[i]
    if ch in "\r\n\x85":
        return "\n", i + (2 if text.startswith("\r\n", i) else 1)
    return ch, i + 1


class _Mapper:
    """Re-scans one scalar's file text into a :class:`SegmentBuilder`."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.b = SegmentBuilder()
        self.after = 0  # file offset just after the source of the last emitted character

    def add(self, ch: str, offset: int, after: int) -> None:
        self.b.char(ch, offset)
        self.after = after

    def fold(self, i: int, end: int, first_break: int, quoted: bool) -> int:
        """Line folding from the line break at ``first_break``; returns the offset after it."""
        text = self.text
        lb, j = _line_break(text, first_break)
        breaks: list[tuple[str, int, int]] = []
        while True:
            while j < end and text[j] in " \t":
                j += 1
            if j < end and text[j] in _BREAKS:
                b, k = _line_break(text, j)
                breaks.append((b, j, k))
                j = k
            else:
                break
        if lb != "\n":
            self.add(lb, first_break, first_break + 1)
        elif not breaks:
            self.add(" ", first_break, j)
        elif breaks:
            # n breaks read as n-1 newlines: the first newline starts at the first break so
            # that a span over the value covers the whole fold.
            breaks = [(breaks[0][0], first_break, breaks[0][2]), *breaks[1:]]
        for b, at, after in breaks:
            self.add(b, at, after)
        return j

    def flow(self, start: int, end: int, quote: str) -> None:
        """Plain (``quote == ""``) or quoted scalar content ``text[start:end]``."""
        text = self.text
        i = start
        while i < end:
            c = text[i]
            if c in " \t" or c in _BREAKS:
                j = i
                while j < end and text[j] in " \t":
                    j += 1
                if j < end and text[j] in _BREAKS:
                    i = self.fold(i, end, j, bool(quote))
                else:
                    for k in range(i, j):
                        self.add(text[k], k, k + 1)
                    i = j
                continue
            if quote == "'" and c == "'":
                self.add("'", i, i + 2)
                i += 2
            elif quote == '"' and c == "\\":
                e = text[i + 1]
                if e in _REPLACEMENTS:
                    self.add(_REPLACEMENTS[e], i, i + 2)
                    i += 2
                elif e in _CODES:
                    n = _CODES[e]
                    self.add(chr(int(text[i + 2 : i + 2 + n], 16)), i, i + 2 + n)
                    i += 2 + n
                else:  # escaped line break: joins lines without a space
                    _, j = _line_break(text, i + 1)
                    while True:
                        while j < end and text[j] in " \t":
                            j += 1
                        if j < end and text[j] in _BREAKS:
                            b, k = _line_break(text, j)
                            self.add(b, j, k)
                            j = k
                        else:
                            break
                    i = j
            else:
                self.add(c, i, i + 1)
                i += 1

    def block(self, start: int, end: int, indent: int | None) -> None:
        """Literal or folded block scalar whose indicator is at ``text[start]``."""
        text = self.text
        folded = text[start] == ">"
        i = start + 1
        chomping: bool | None = None
        increment: int | None = None
        for _ in range(2):
            if i < end and text[i] in "+-":
                chomping = text[i] == "+"
                i += 1
            elif i < end and text[i] in "123456789":
                increment = int(text[i])
                i += 1
        while i < end and text[i] in " \t":
            i += 1
        if i < end and text[i] == "#":
            while i < end and text[i] not in _BREAKS:
                i += 1
        if i < end:
            _, i = _line_break(text, i)
        line_start = i
        # leading blank lines and the indentation
        breaks: list[tuple[str, int, int]] = []
        max_indent = 0
        j = i
        while j < end and (text[j] == " " or text[j] in _BREAKS):
            if text[j] == " ":
                j += 1
                max_indent = max(max_indent, j - line_start)
            else:
                b, k = _line_break(text, j)
                breaks.append((b, j, k))
                j = line_start = k
        if indent is None:
            indent = max_indent if increment is None else increment
        # re-scan from the first line with the chosen indentation
        i, line_start, breaks = self._block_breaks(start_line(text, i), end, indent)
        line_break: tuple[str, int, int] | None = None
        while i - line_start == indent and i < end:
            for b, at, after in breaks:
                self.add(b, at, after)
            leading_non_space = text[i] not in " \t"
            found = _BREAK.search(text, i, end)
            j = found.start() if found else end
            if j > i:  # the line's content as one piece, not a call per character
                self.b.verbatim(text, i, j)
                self.after = j
            i = j
            if i < end:
                b, k = _line_break(text, i)
                line_break = (b, i, k)
                i = k
            else:
                line_break = None
            i, line_start, breaks = self._block_breaks(i, end, indent)
            if i - line_start == indent and i < end:
                assert line_break is not None
                if (
                    folded
                    and line_break[0] == "\n"
                    and leading_non_space
                    and text[i] not in " \t"
                ):
                    if not breaks:
                        self.add(" ", line_break[1], line_break[2])
                    else:
                        # n breaks read as n-1 newlines, as in flow scalars: the first newline
                        # starts at the folded break, so a span before it leaves it alone.
                        breaks = [(breaks[0][0], line_break[1], breaks[0][2]), *breaks[1:]]
                else:
                    self.add(*line_break)
            else:
                break
        if chomping is not False and line_break is not None:
            self.add(*line_break)
        if chomping is True:
            for b, at, after in breaks:
                self.add(b, at, after)

    def _block_breaks(
        self, i: int, end: int, indent: int
    ) -> tuple[int, int, list[tuple[str, int, int]]]:
        text = self.text
        line_start = start_line(text, i)
        breaks: list[tuple[str, int, int]] = []
        while i - line_start < indent and i < end and text[i] == " ":
            i += 1
        while i < end and text[i] in _BREAKS:
            b, k = _line_break(text, i)
            breaks.append((b, i, k))
            i = line_start = k
            while i - line_start < indent and i < end and text[i] == " ":
                i += 1
        return i, line_start, breaks


def _codepoint(character: object) -> str:
    """PyYAML's ``ReaderError.character`` is a code point (an int) or a byte: ``U+0007``."""
    if isinstance(character, str) and len(character) == 1:
        character = ord(character)
    if isinstance(character, bytes) and len(character) == 1:
        character = character[0]
    return f"U+{character:04X}" if isinstance(character, int) else repr(character)


def start_line(text: str, i: int) -> int:
    """Offset of the start of the line holding ``i`` (``\\r``, ``\\n`` or both end a line).

    The ``\\r`` is looked for only after the last ``\\n``: searched from the start of the
    file, a file without one was read back to its first byte for every line of a block
    scalar (200,000 lines: quadratic).
    """
    newline = text.rfind("\n", 0, i)
    return max(newline, text.rfind("\r", newline + 1, i)) + 1


def _content_start(text: str, start: int, end: int) -> int:
    """Skip node properties (``&anchor``, ``!tag``) that PyYAML's start mark includes."""
    i = start
    while i < end and text[i] in "&!":
        while i < end and not text[i].isspace():
            i += 1
        while i < end and (text[i].isspace() or text[i] == "#"):
            if text[i] == "#":
                while i < end and text[i] not in _BREAKS:
                    i += 1
            else:
                i += 1
    return i


def _map_scalar(text: str, node: pyyaml.ScalarNode) -> tuple[SegmentBuilder, int, str]:
    end = node.end_mark.index
    start = _content_start(text, node.start_mark.index, end)
    style = node.style or ""
    if style in ("|", ">"):
        candidates: list[int | None] = [None, *range(1, 81)]
        for indent in candidates:
            m = _Mapper(text)
            try:
                m.block(start, end, indent)
            except (IndexError, ValueError):
                continue
            if m.b.text() == node.value:
                first = m.b.first_offset  # not m.b.offsets[0]: a list of every offset
                lead = start_line(text, first) if first is not None else 0
                return m.b, (m.after if len(m.b) else end), f"{style}{_indent_at(text, lead)}"
    else:
        m = _Mapper(text)
        q = 1 if style in ("'", '"') else 0
        m.flow(start + q, end - q, style)
        if m.b.text() == node.value:
            return m.b, end - q, style or "plain"
    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    raise SourceError("cannot map the positions of this scalar", line, column)


def _indent_at(text: str, line_start: int) -> str:
    j = line_start
    while j < len(text) and text[j] == " ":
        j += 1
    return text[line_start:j]


def _compose(text: str) -> list[pyyaml.Node]:
    """The file's document nodes, composed by libyaml when PyYAML has it.

    libyaml's marks are character indices too (checked by the tests), and it scans ten times
    faster than PyYAML's Python scanner, which took 21 s for a 200,000-line block scalar. Any
    file libyaml refuses is composed again by the Python loader, so every error message (and
    what counts as an error) stays PyYAML's own.
    """
    fast = getattr(pyyaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return list(pyyaml.compose_all(text, Loader=fast))
        except (pyyaml.YAMLError, ValueError):
            pass
    return list(pyyaml.compose_all(text, Loader=_Loader))


class _Loader(pyyaml.SafeLoader):
    """PyYAML's safe loader, letting an anchor be defined again as YAML allows (an alias
    names the latest node with that anchor). PyYAML refuses the file with a bare "second
    occurrence"; the old node is forgotten just before the new one is composed."""

    def compose_node(self, parent: pyyaml.Node | None, index: int) -> pyyaml.Node | None:
        if not self.check_event(pyyaml.AliasEvent):
            anchor = self.peek_event().anchor  # type: ignore[no-untyped-call]
            if anchor is not None:
                self.anchors.pop(anchor, None)
        node: pyyaml.Node | None = super().compose_node(parent, index)
        return node


class YamlSource(Source):
    name = "yaml"
    suffixes = (".yaml", ".yml")

    def parse(self, doc: Document) -> None:
        text = doc.text
        try:
            roots = _compose(text)
        except pyyaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            message = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
            if mark is None:
                raise SourceError(f"invalid YAML: {message}") from None
            raise SourceError(f"invalid YAML: {message}", mark.line + 1, mark.column + 1) from None
        except pyyaml.reader.ReaderError as exc:
            line = text.count("\n", 0, exc.position) + 1
            column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
            raise SourceError(
                f"invalid YAML: special character {_codepoint(exc.character)} is not allowed",
                line, column
            ) from None
        except pyyaml.YAMLError as exc:
            raise SourceError(f"invalid YAML: {' '.join(str(exc).split())}") from None
        seen: set[int] = set()
        spans: list[tuple[int, int]] = []
        for root in roots:
            if root is not None:
                self._walk(doc, root, [], seen, spans)
        self._comments(doc, spans)
        apply_root_languages(doc)
        if ("\\u" in text or "\\x" in text) and text.isascii():
            doc.flags.add("ascii-escapes")

    def _walk(
        self,
        doc: Document,
        node: pyyaml.Node,
        path: list[str],
        seen: set[int],
        spans: list[tuple[int, int]],
        in_flow: bool = False,
    ) -> None:
        if id(node) in seen:
            return  # an alias: the anchored node was already read
        seen.add(id(node))
        if isinstance(node, pyyaml.ScalarNode):
            spans.append((node.start_mark.index, node.end_mark.index))
            if node.tag != _STR or not path:
                return
            b, end, style = _map_scalar(doc.text, node)
            key = ".".join(path)
            seg = b.build(end, key=key) if len(b) else _empty(doc.text, node, style, path)
            if style == "plain" and in_flow:
                style = "plain-flow"
            doc.styles[seg.file_offset(0)] = style
            doc.segments.append(seg)
        elif isinstance(node, pyyaml.SequenceNode):
            for index, item in enumerate(node.value):
                self._walk(doc, item, [*path, str(index)], seen, spans,
                           in_flow or bool(node.flow_style))
        elif isinstance(node, pyyaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, pyyaml.ScalarNode):
                    spans.append((key.start_mark.index, key.end_mark.index))
                    if key.value == "<<" and key.tag == "tag:yaml.org,2002:merge":
                        continue
                    name = key.value
                else:
                    name = "?"
                self._walk(doc, value, [*path, name], seen, spans,
                           in_flow or bool(node.flow_style))

    def _comments(self, doc: Document, spans: list[tuple[int, int]]) -> None:
        spans.sort()
        starts = [s for s, _ in spans]
        for m in _COMMENT.finditer(doc.text):
            k = bisect.bisect_right(starts, m.start()) - 1
            if k >= 0 and spans[k][0] <= m.start() < spans[k][1]:
                continue
            doc.comments.append(Comment(m.start(), m.end(), m.group()))

    def escape(self, doc: Document, segment: Segment, value: str) -> str:
        style = doc.style_of(segment, "plain")
        if style == '"':
            out: list[str] = []
            for ch in value:
                if ch in '"\\':
                    out.append("\\" + ch)
                elif ch == "\n":
                    out.append("\\n")
                elif ch == "\t":
                    out.append("\\t")
                elif not ch.isprintable() or (
                    not ch.isascii()
                    and ("ascii-escapes" in doc.flags or not encodable(ch, doc.encoding))
                ):
                    out.append(u_escape(ch) if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
                else:
                    out.append(ch)
            return "".join(out)
        if any(not (ch.isprintable() or ch == "\n") for ch in value):
            raise ValueError(f"cannot write {value!r} into a {style} YAML scalar")
        if style == "'":
            if "\n" in value:
                raise ValueError("cannot write a line break into a single-quoted YAML scalar")
            return value.replace("'", "''")
        if style.startswith("|"):
            return value.replace("\n", "\n" + style[1:])
        if style.startswith(">"):
            if "\n" in value:
                raise ValueError("cannot write a line break into a folded YAML scalar")
            return value
        unsafe = ("\n", ": ", " #", "\t")
        if any(u in value for u in unsafe) or value.endswith(":") or value.startswith("#"):
            raise ValueError(f"cannot write {value!r} into a plain YAML scalar")
        # PyYAML ends a plain scalar inside [...] or {...} at any of these (a '?' too).
        if style == "plain-flow" and any(c in value for c in ",[]{}?:"):
            raise ValueError(f"cannot write {value!r} into a plain YAML scalar in a flow")
        return value


def _empty(text: str, node: pyyaml.ScalarNode, style: str, path: list[str]) -> Segment:
    q = 1 if style in ("'", '"') else 0
    start = _content_start(text, node.start_mark.index, node.end_mark.index)
    return Segment(text="", start=start + q, key=".".join(path))
