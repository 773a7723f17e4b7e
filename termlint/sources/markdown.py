"""Markdown: the file is linted in place, with code, link targets, URLs and comments masked.

Masking instead of extracting keeps every position identical to the file's, and a mask is a
barrier, so no multi-word match runs through a code span.
"""

from __future__ import annotations

import re

from termlint.model import Segment
from termlint.sources.base import Comment, Document, Source
from termlint.sources.masking import merge, split_hidden

_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})[^\n]*\n.*?(?:^\1?\2[ \t]*$|\Z)", re.M | re.S)
_INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_LINK_TARGET = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)|^\s{0,3}\[[^\]]+\]:\s*\S+.*$", re.M)
_URL = re.compile(r"<?(?:https?://|www\.|mailto:)[^\s<>)\]]+>?|<[^\s<>@]+@[^\s<>]+>")
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
#: Emphasis markers decorate running text: hidden, so "**sähköiset** palvelut" is one phrase.
_EMPHASIS = re.compile(r"[*_~]+")
#: A list item or block quote starts a new block: a barrier, like a blank line.
_BLOCK_MARKER = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)]|>)(?=[ \t])", re.M)
_FRONT_MATTER_KEY = re.compile(r"^[ \t]*[\w.-]+:[ \t]*", re.M)


class MarkdownSource(Source):
    name = "markdown"
    suffixes = (".md", ".markdown", ".mdown", ".mkd")

    def parse(self, doc: Document) -> None:
        text = doc.text
        masks: list[tuple[int, int]] = []
        front = re.match(r"---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", text, re.S)
        if front:
            # Lint the front-matter values, not its keys or fences.
            masks.append((0, 4))
            masks.append((front.end() - 4, front.end()))
            for m in _FRONT_MATTER_KEY.finditer(text, 0, front.end()):
                masks.append(m.span())
        for m in _COMMENT.finditer(text):
            masks.append(m.span())
            doc.comments.append(Comment(m.start(), m.end(), m.group()))
        for pattern in (_FENCE, _INLINE_CODE, _LINK_TARGET, _URL, _BLOCK_MARKER):
            masks.extend(m.span() for m in pattern.finditer(text))
        barriers = merge(masks)
        hidden = [m.span() for pattern in (_EMPHASIS, _HTML_TAG) for m in pattern.finditer(text)
                  if not any(s <= m.start() < e for s, e in barriers)]
        barriers_only, inline = split_hidden(text, barriers)
        doc.segments.append(
            Segment(text=text, start=0, language=doc.language, masks=barriers_only,
                    hidden=merge([*inline, *hidden]))
        )
