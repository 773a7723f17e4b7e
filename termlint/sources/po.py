"""gettext PO and POT catalogues.

``msgstr`` (and each ``msgstr[n]``) is linted in the catalogue's language (``Language:``
header). ``msgid``/``msgid_plural`` are linted too when the source language is Finnish
(``X-Source-Language: fi`` or ``Source-Language: fi`` in the header) and always in a ``.pot``
template, whose only text is the source. Obsolete entries (``#~``) and the header are skipped;
empty ``msgstr`` (untranslated) gives no segment. The key is ``msgid``, or ``msgctxt|msgid``
with a context; plural forms add ``[n]`` (``msgstr``) or ``[plural]`` (``msgid_plural``).

The scanner is hand-written because positions must be exact through C escapes and through the
concatenation of ``"..."`` lines; polib (the usual library) only reports line numbers. The test
suite checks the scanner against polib on the fixtures. Translator and extracted comments
(``# ``, ``#.``) are recorded as comments for suppression directives.
"""

from __future__ import annotations

import re

from termlint.model import Segment
from termlint.sources._escaping import encodable
from termlint.sources._segments import SegmentBuilder
from termlint.sources.base import Comment, Document, Source, SourceError
from termlint.sources.language import normalize

_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)[ \t]*")
_SIMPLE = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v",
           "\\": "\\", '"': '"', "'": "'", "?": "?"}  # fmt: skip
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_ESCAPE_OUT = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


class _Entry:
    def __init__(self) -> None:
        self.fields: dict[str, SegmentBuilder] = {}
        self.ends: dict[str, int] = {}
        self.order: list[str] = []
        self.line = 0


class PoSource(Source):
    name = "po"
    suffixes = (".po", ".pot")

    def parse(self, doc: Document) -> None:
        entries = self._scan(doc)
        header: dict[str, str] = {}
        for e in entries:
            if "msgid" in e.fields and e.fields["msgid"].text() == "" and "msgctxt" not in e.fields:
                for line in e.fields.get("msgstr", SegmentBuilder()).text().split("\n"):
                    name, sep, value = line.partition(":")
                    if sep:
                        header[name.strip().lower()] = value.strip()
        doc.language = normalize(header.get("language"))
        source_lang = normalize(header.get("x-source-language") or header.get("source-language"))
        template = doc.path.lower().endswith(".pot")
        lint_ids = source_lang == "fi" or template
        for e in entries:
            if "msgid" not in e.fields:
                raise SourceError("entry without msgid", e.line)
            msgid = e.fields["msgid"].text()
            if msgid == "" and "msgctxt" not in e.fields:
                continue
            key = msgid if "msgctxt" not in e.fields else f"{e.fields['msgctxt'].text()}|{msgid}"
            for name in e.order:
                b = e.fields[name]
                if name == "msgctxt" or not len(b):
                    continue
                if name.startswith("msgstr"):
                    if template:
                        continue
                    suffix = name[len("msgstr") :]
                    seg = b.build(e.ends[name], key=key + suffix)
                elif lint_ids:
                    suffix = "" if name == "msgid" else "[plural]"
                    seg = b.build(e.ends[name], key=key + suffix, language=source_lang)
                else:
                    continue
                doc.segments.append(seg)

    def _scan(self, doc: Document) -> list[_Entry]:
        text = doc.text
        entries: list[_Entry] = []
        entry: _Entry | None = None
        current: str | None = None
        pos = 0
        line_no = 0
        for line in _LINE.findall(text):
            if not line:
                continue
            line_no += 1
            start = pos
            pos += len(line)
            body = line.rstrip("\r\n")
            stripped = body.lstrip(" \t")
            indent = start + len(body) - len(stripped)
            if not stripped:
                current = None
                continue
            if stripped.startswith("#"):
                if stripped.startswith("#~"):
                    current = None
                    continue  # obsolete entry
                current = None
                if stripped.startswith(("# ", "#.")) or stripped == "#":
                    doc.comments.append(Comment(indent, start + len(body), stripped))
                continue
            if stripped.startswith('"'):
                if entry is None or current is None:
                    raise SourceError("string without a keyword before it", line_no, 1)
                end = self._string(doc, entry.fields[current], indent, line_no, start)
                entry.ends[current] = end
                self._rest(text, end + 1, start + len(body), line_no, start)
                continue
            m = _KEYWORD.match(stripped)
            if not m:
                # split() also splits at Unicode spaces (U+0085, U+2028) that lstrip kept
                word = (stripped.split() or [stripped])[0]
                raise SourceError(f"unknown keyword {word!r}", line_no, indent - start + 1)
            name = m.group(1)
            if name == "msgctxt" or (
                name == "msgid" and (entry is None or entry.order != ["msgctxt"])
            ):
                entry = _Entry()
                entry.line = line_no
                entries.append(entry)
            elif name != "msgid" and (entry is None or "msgid" not in entry.fields):
                raise SourceError(f"{name} without msgid", line_no, indent - start + 1)
            assert entry is not None
            if name in entry.fields:
                raise SourceError(f"duplicate {name} in one entry", line_no, indent - start + 1)
            q = indent + m.end()
            if q >= start + len(body) or text[q] != '"':
                raise SourceError(f"{name} needs a quoted string", line_no, q - start + 1)
            b = SegmentBuilder()
            entry.fields[name] = b
            entry.order.append(name)
            current = name
            end = self._string(doc, b, q, line_no, start)
            entry.ends[name] = end
            self._rest(text, end + 1, start + len(body), line_no, start)
        return entries

    @staticmethod
    def _rest(text: str, i: int, end: int, line_no: int, line_start: int) -> None:
        rest = text[i:end].strip(" \t")
        if rest:
            raise SourceError("unexpected text after the string", line_no, i - line_start + 1)

    @staticmethod
    def _string(doc: Document, b: SegmentBuilder, q: int, line_no: int, line_start: int) -> int:
        """Decode ``"..."`` starting at ``q`` into ``b``; return the closing quote's offset."""
        text = doc.text
        i = q + 1
        n = len(text)
        while True:
            if i >= n or text[i] in "\r\n":
                raise SourceError("unterminated string", line_no, q - line_start + 1)
            c = text[i]
            if c == '"':
                return i
            if c != "\\":
                b.char(c, i)
                i += 1
                continue
            e = text[i + 1] if i + 1 < n else ""
            if e in _SIMPLE:
                b.char(_SIMPLE[e], i)
                i += 2
            elif e in "01234567" and e:
                m = re.match(r"[0-7]{1,3}", text[i + 1 : i + 4])
                assert m
                b.char(chr(int(m.group(), 8)), i)
                i += 1 + m.end()
            elif e == "x" and re.match(r"[0-9a-fA-F]{1,2}", text[i + 2 : i + 4]):
                m = re.match(r"[0-9a-fA-F]{1,2}", text[i + 2 : i + 4])
                assert m
                b.char(chr(int(m.group(), 16)), i)
                i += 2 + m.end()
            else:
                what = "\\ at the end of a line" if e in ("", "\r", "\n") else f"\\{e}"
                raise SourceError(f"invalid escape {what}", line_no, i - line_start + 1)

    def escape(self, doc: Document, segment: Segment, value: str) -> str:
        out: list[str] = []
        for ch in value:
            if ch in _ESCAPE_OUT:
                out.append(_ESCAPE_OUT[ch])
            elif ch < " " or ch == "\x7f" or not encodable(ch, doc.encoding):
                if ord(ch) > 0xFF:
                    raise ValueError(f"{ch!r} cannot be written in {doc.encoding}")
                out.append(f"\\{ord(ch):03o}")
            else:
                out.append(ch)
        return "".join(out)
