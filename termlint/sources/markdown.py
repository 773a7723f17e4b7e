"""Markdown: the file is linted in place, with code, link targets, URLs and comments masked.

Masking instead of extracting keeps every position identical to the file's, and a mask is a
barrier, so no multi-word match runs through a code span.

Block structure comes from markdown-it-py, a CommonMark parser: indented and fenced code
blocks, raw HTML blocks (``<pre>``, ``<script>``, comments, declarations) and where each
paragraph or heading lies. Hand-written expressions got these wrong where CommonMark is
subtle (an indented code block read as prose; a line indented under a list item read as
code is not), and markdown-it-py gives each block's line range (``Token.map``), which maps
back to exact file offsets. Its inline pass is switched off: it gives no character offsets,
and the inline syntax that matters here (code spans, emphasis markers, link targets, URLs)
is found below, in time linear in the file.
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import Any

from termlint.model import Segment
from termlint.sources.base import Comment, Document, Source
from termlint.sources.masking import Span, merge, split_hidden

_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_LINK_TARGET = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)|^\s{0,3}\[[^\]]+\]:\s*\S+.*$", re.M)
_URL = re.compile(r"<?(?:https?://|www\.|mailto:)[^\s<>)\]]+>?|<[^\s<>@]+@[^\s<>]+>")
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
#: Emphasis markers decorate running text: hidden, so "**sähköiset** palvelut" is one phrase.
_EMPHASIS = re.compile(r"[*_~]+")
#: A list item or block quote starts a new block: a barrier, like a blank line.
_BLOCK_MARKER = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)]|>)(?=[ \t])", re.M)
_FRONT_MATTER = re.compile(r"---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FRONT_MATTER_KEY = re.compile(r"^[ \t]*[\w.-]+:[ \t]*", re.M)
#: Line breaks as markdown-it-py counts lines (it normalises ``\r\n`` and ``\r`` to ``\n``).
_LINE_BREAK = re.compile(r"\r\n?|\n")
_BACKTICKS = re.compile(r"`+")
#: HTML blocks that are not prose (CommonMark's kinds 1 to 5): ``<pre>``, ``<script>``,
#: ``<style>``, ``<textarea>``, processing instructions, declarations, CDATA. A comment block
#: is not one: text after its ``-->`` on the same line is shown, so only the comment is masked.
_RAW_HTML_BLOCK = re.compile(
    r"[ \t]*<(?:(?:pre|script|style|textarea)(?:[\s>]|$)|!(?!--)|\?)", re.I)


@functools.lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt

    # Block rules only: the inline pass would cost time and give no offsets.
    return MarkdownIt("commonmark").disable("inline")


class _Lines:
    """Line starts and ends of the text, counted as markdown-it-py counts lines."""

    def __init__(self, text: str) -> None:
        breaks = [m.span() for m in _LINE_BREAK.finditer(text)]
        self.starts = [0, *(end for _, end in breaks)]
        self.ends = [*(start for start, _ in breaks), len(text)]

    def span(self, first: int, last: int) -> Span:
        """File span of lines ``first`` up to (not including) ``last``, without the last
        line break."""
        last = min(last, len(self.starts))
        return self.starts[first], self.ends[last - 1]


def code_spans(text: str, start: int, end: int) -> list[Span]:
    """CommonMark code spans in ``text[start:end]``: a backtick run opens one that the next
    run of the same length closes; a run that none closes is literal backticks.

    One pass over the runs, with a cursor per run length that only moves forward: a lazy
    regex looked for a closer to the end of the text from every run that has none
    (quadratic: 20 KB of unclosed backticks took 2.5 s).
    """
    runs = [m.span() for m in _BACKTICKS.finditer(text, start, end)]
    by_length: dict[int, list[int]] = {}
    for index, (a, b) in enumerate(runs):
        by_length.setdefault(b - a, []).append(index)
    cursor = dict.fromkeys(by_length, 0)
    spans: list[Span] = []
    i = 0
    while i < len(runs):
        a, b = runs[i]
        same = by_length[b - a]
        c = cursor[b - a]
        while c < len(same) and same[c] <= i:
            c += 1
        cursor[b - a] = c
        if c < len(same):
            close = same[c]
            spans.append((a, runs[close][1]))
            i = close + 1
        else:
            i += 1
    return spans


class _Spans:
    """Sorted, merged spans that answer "is this offset inside one?" by bisection."""

    def __init__(self, spans: tuple[Span, ...]) -> None:
        self.spans = spans
        self.starts = [s for s, _ in spans]

    def holds(self, offset: int) -> bool:
        index = bisect.bisect_right(self.starts, offset) - 1
        return index >= 0 and offset < self.spans[index][1]


class _Blocks:
    """What the block parse (markdown-it-py) tells of a text: front matter masks, raw HTML
    blocks, code blocks and the spans of paragraph and heading text."""

    def __init__(self, front_masks: list[Span], raw: list[Span], code: list[Span],
                 inline: list[Span]) -> None:
        self.front_masks, self.raw, self.code, self.inline = front_masks, raw, code, inline

    @classmethod
    def of(cls, text: str) -> _Blocks:
        lines = _Lines(text)
        front_masks: list[Span] = []
        body = text
        front = _FRONT_MATTER.match(text)
        if front:
            # Lint the front-matter values, not its keys or fences. CommonMark has no front
            # matter: the parser gets its lines blank, so its line numbers stay the file's.
            front_masks.append((0, 4))
            front_masks.append((front.end() - 4, front.end()))
            for m in _FRONT_MATTER_KEY.finditer(text, 0, front.end()):
                front_masks.append(m.span())
            body = "\n" * text.count("\n", 0, front.end()) + text[front.end():]
        raw: list[Span] = []
        code: list[Span] = []
        inline: list[Span] = []
        for token in _parser().parse(body):
            if token.map is None:
                continue
            span = lines.span(*token.map)
            if token.type in ("code_block", "fence"):
                code.append(span)
            elif token.type == "html_block" and _RAW_HTML_BLOCK.match(text, span[0]):
                raw.append(span)
            elif token.type == "inline":
                inline.append(span)
        return cls(front_masks, raw, code, inline)

    def moved(self, at: int, delta: int) -> _Blocks:
        """The structure once ``delta`` characters are put in (or taken out) at ``at``,
        inside one inline span: spans after it move, the one holding it grows."""
        def move(spans: list[Span]) -> list[Span]:
            return [(a + delta if a > at else a, b + delta if b >= at else b)
                    for a, b in spans]

        return _Blocks(self.front_masks, move(self.raw), move(self.code), move(self.inline))


class MarkdownSource(Source):
    name = "markdown"
    suffixes = (".md", ".markdown", ".mdown", ".mkd")

    def parse(self, doc: Document) -> None:
        blocks = _Blocks.of(doc.text)
        doc.reader_state = blocks
        self._build(doc, blocks)

    def splice(self, doc: Document, start: int, end: int, text: str) -> Document | None:
        """Letters typed or deleted inside a paragraph or heading line that starts with a
        letter, before that letter neither: no block rule of CommonMark looks at such a
        change (a block starts with a marker, a digit, an indent or ``<``, and letters put
        in or taken out leave white space as it was), so the block structure of the last
        parse is kept, moved by the change in length, and only the expressions that find
        the inline syntax run again over the text. The markdown-it parse is most of the
        time a Markdown file takes to read."""
        blocks = doc.reader_state
        changed = doc.text[start:end] + text
        if not isinstance(blocks, _Blocks) or not changed.isalpha():
            return None
        old = doc.text
        line_start = max(old.rfind("\n", 0, start), old.rfind("\r", 0, start)) + 1
        first = line_start
        while first < len(old) and old[first] in " \t":
            first += 1
        if start <= first or not old[first].isalpha():
            return None
        if not any(a <= start and end <= b for a, b in blocks.inline):
            return None
        new_text = old[:start] + text + old[end:]
        new = Document(path=doc.path, text=new_text, format=doc.format, encoding=doc.encoding,
                       bom=doc.bom, language=doc.language, flags=set(doc.flags))
        new.reader_state = moved = blocks.moved(start, len(text) - (end - start))
        self._build(new, moved)
        return new

    def _build(self, doc: Document, blocks: _Blocks) -> None:
        """The segment and comments of ``doc`` from its block structure: every inline
        syntax is found here, by expressions over the text."""
        text = doc.text
        masks: list[Span] = list(blocks.front_masks)
        masks.extend(blocks.raw)
        code, inline = blocks.code, blocks.inline
        masks.extend(code)
        in_code = _Spans(merge(code))
        for m in _COMMENT.finditer(text):
            if in_code.holds(m.start()):
                continue  # a comment shown in a code block is code, not a directive
            masks.append(m.span())
            doc.comments.append(Comment(m.start(), m.end(), m.group()))
        for start, end in inline:
            masks.extend(code_spans(text, start, end))
        for pattern in (_LINK_TARGET, _URL, _BLOCK_MARKER):
            masks.extend(m.span() for m in pattern.finditer(text))
        barriers = merge(masks)
        blocked = _Spans(barriers)
        # Each marker is looked up by bisection: testing it against every masked span was
        # quadratic (300 KB of prose with code and bold in every sentence: 3.3 s).
        hidden = [m.span() for pattern in (_EMPHASIS, _HTML_TAG) for m in pattern.finditer(text)
                  if not blocked.holds(m.start())]
        barriers_only, inline_markup = split_hidden(text, barriers)
        doc.segments.append(
            Segment(text=text, start=0, language=doc.language, masks=barriers_only,
                    hidden=merge([*inline_markup, *hidden]))
        )
