"""Masks shared by every format: placeholders, ICU MessageFormat syntax, tags, entities, URLs.

A mask is a half-open range of segment text that the engine must never match and that no
multi-word match may run through. Only syntax is masked: in an ICU ``plural``/``select`` the
text of each branch stays lintable (``{n, plural, one {# hakemus} other {# hakemusta}}`` leaves
`` hakemus`` and `` hakemusta`` open), while the argument name, keywords, selectors, braces and
``#`` are masked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

Span = tuple[int, int]

#: Each mask expression with the characters one of which any match holds: a segment is
#: searched only with the expressions whose characters it holds (most hold none, and a colon
#: or a "w" needs only the URL search).
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # i18next interpolation and nesting: {{name}}, {{- html}}, $t(key), $t(key, {"a": 1})
    ("{", re.compile(r"\{\{[^{}]*\}\}")),
    ("$", re.compile(r"\$t\((?:[^()]|\([^()]*\))*\)")),
    # ${var}, Ruby/Rails %{name} and %<name>s
    ("$%", re.compile(r"[$%]\{[^{}\s]*\}")),
    ("%", re.compile(r"%<\w+>[-+#0]*\d*(?:\.\d+)?[a-zA-Z]")),
    # iOS stringsdict variables %#@name@
    ("%", re.compile(r"%#@\w+@")),
    # Python %(name)s
    ("%", re.compile(r"%\([^()\s]+\)[-+ #0]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")),
    # printf / Android / iOS: %s %d %1$s %.2f %lld %@ %1$@ %% (no space flag: "50 % asiakkaista")
    ("%", re.compile(r"%(?:\d+\$)?[-+#0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?"
                     r"[diouxXeEfFgGaAcspn@%]")),
    # simple brace arguments: {0}, {name}, {count, number}, {d, date, short}
    ("{", _BRACE := re.compile(r"\{\s*[\w.\-]*\s*(?:,[^{}]*)?\}")),
    # HTML/XML tags and character references
    ("<", re.compile(r"</?[A-Za-z][\w:.\-]*(?:\s[^<>]*)?/?>")),
    ("&", re.compile(r"&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);")),
    # URLs and e-mail addresses
    (":w", re.compile(r"(?:\b(?:https?|ftp)://|\bwww\.|\bmailto:)[^\s<>\"'`]*[^\s<>\"'`.,;:!?)\]}]")),
    ("@", re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")),
)
_TRIGGERS = "".join(sorted({c for needs, _ in _PATTERNS for c in needs}))

_ICU_START = re.compile(r"\{\s*[\w.\-]+\s*,\s*(?:plural|select|selectordinal)\s*,")
_IDENT = re.compile(r"\s*([\w.\-]+)\s*")
_SELECTOR = re.compile(r"\s*(=\s*-?\d+|[\w.\-]+)\s*")
_OFFSET = re.compile(r"\s*offset\s*:\s*\d+\s*")


def find_masks(text: str, extra: Iterable[Span] = ()) -> tuple[Span, ...]:
    """All masks of ``text``, sorted and merged, plus ``extra`` spans from the format."""
    spans: list[Span] = list(extra)
    branches: set[int] = set()
    if "{" in text:
        for m in _ICU_START.finditer(text):
            _icu_argument(text, m.start(), spans, branches)
    present = {c for c in _TRIGGERS if c in text}
    if "<" in present:
        _comments(text, spans)
    for needs, pattern in _PATTERNS if present else ():
        if not present.isdisjoint(needs):
            spans.extend(
                m.span()
                for m in pattern.finditer(text)
                if not (pattern is _BRACE and m.start() in branches)
            )
    return merge(spans) if spans else ()


def _comments(text: str, spans: list[Span]) -> None:
    """Mask every closed ``<!-- … -->``. Found with ``str.find`` rather than a lazy regex,
    which looked for ``-->`` to the end of the text from every ``<!--`` that has none
    (quadratic: 10,000 ``<!--`` took 2 s); once one is unclosed, no later one closes."""
    i = text.find("<!--")
    while i >= 0:
        close = text.find("-->", i + 4)
        if close < 0:
            return
        spans.append((i, close + 3))
        i = text.find("<!--", close + 3)


#: Inline markup a phrase may run through: inline tags and character references only.
_INLINE_MARKUP = re.compile(
    r"(?:\s|</?(?:a|abbr|b|bdi|bdo|cite|data|dfn|em|font|i|ins|del|mark|q|s|small|span|"
    r"strong|sub|sup|time|u)(?:\s[^<>]*)?>|&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);)+"
)


def split_hidden(text: str, masks: Iterable[Span]) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    """Split masks into barriers and hidden inline markup (``<b>``, ``</em>``, ``&nbsp;``).

    Placeholders, code and URLs stay barriers: a term never runs through ``{count}``. Inline
    tags and entities only decorate running text, so *sähköisiä</b> palveluja* is one phrase.
    """
    barriers: list[Span] = []
    hidden: list[Span] = []
    for start, end in masks:
        if _INLINE_MARKUP.fullmatch(text, start, end):
            hidden.append((start, end))
        else:
            barriers.append((start, end))
    return tuple(barriers), tuple(hidden)


def merge(spans: Iterable[Span]) -> tuple[Span, ...]:
    merged: list[Span] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return tuple(merged)


def _icu_argument(text: str, start: int, spans: list[Span], branches: set[int]) -> int:
    """Mask the ICU argument at ``text[start] == "{"``; return the index after it (or -1).

    Masks are only kept when the whole argument parses, so broken syntax falls back to the
    plain placeholder patterns.
    """
    local: list[Span] = []
    opened: set[int] = set()
    end = _parse_argument(text, start, local, opened)
    if end > 0:
        spans.extend(local)
        branches.update(opened)
    return end


def _parse_argument(text: str, i: int, spans: list[Span], opened: set[int]) -> int:
    n = len(text)
    m = _IDENT.match(text, i + 1)
    if not m:
        return -1
    j = m.end()
    if j < n and text[j] == "}":
        spans.append((i, j + 1))
        return j + 1
    if j >= n or text[j] != ",":
        return -1
    t = _IDENT.match(text, j + 1)
    if not t:
        return -1
    kind = t.group(1)
    j = t.end()
    if kind not in ("plural", "select", "selectordinal"):
        depth = 1  # {d, date, ::skeleton} or {n, number, {style}}: opaque up to the close
        while j < n and depth:
            depth += {"{": 1, "}": -1}.get(text[j], 0)
            j += 1
        if depth:
            return -1
        spans.append((i, j))
        return j
    if j >= n or text[j] != ",":
        return -1
    j += 1
    off = _OFFSET.match(text, j)
    if off:
        j = off.end()
    syntax_start = i
    options = 0
    while True:
        sel = _SELECTOR.match(text, j)
        if sel is None:
            while j < n and text[j].isspace():
                j += 1
            if j < n and text[j] == "}" and options:
                spans.append((syntax_start, j + 1))
                return j + 1
            return -1
        j = sel.end()
        if j >= n or text[j] != "{":
            return -1
        spans.append((syntax_start, j + 1))
        opened.add(j)
        j = _parse_message(text, j + 1, kind != "select", spans, opened)
        if j < 0:
            return -1
        syntax_start = j  # the closing brace of the branch
        j += 1
        options += 1


def _parse_message(
    text: str, i: int, plural: bool, spans: list[Span], opened: set[int]
) -> int:
    """Parse branch text up to its closing ``}``; return that brace's index (or -1)."""
    n = len(text)
    while i < n:
        c = text[i]
        if c == "}":
            return i
        if c == "{":
            end = _parse_argument(text, i, spans, opened)
            if end < 0:
                return -1
            i = end
            continue
        if c == "#" and plural:
            spans.append((i, i + 1))
        elif c == "'" and i + 1 < n and text[i + 1] in "{}#'":
            # ICU quoting: '{' is a literal brace; '' an apostrophe. Mask the quote marks.
            close = text.find("'", i + 1) if text[i + 1] != "'" else i + 1
            if close < 0:
                return -1
            spans.append((i, i + 1))
            spans.append((close, close + 1))
            i = close + 1
            continue
        i += 1
    return -1
