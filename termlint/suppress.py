"""Suppression: the decision step between findings and the report.

Two things keep a finding out of the report:

* **Directives** in the file's comments (``Document.comments``; for plain text, any line that
  contains ``termlint:``)::

      termlint: disable-next-line [rule …]   the next line with content (PO: the next entry)
      termlint: disable-line [rule …]        the comment's own line
      termlint: disable [rule …]             from here until ``termlint: enable``
      termlint: enable [rule …]
      termlint: disable-file [rule …]

  Rules are full ids or prefixes (``thl-digi`` covers ``thl-digi/digitaalinen-palvelu``); no
  rule means every rule.

* **Quoted mentions**: a term that is quoted right after a negation or a recommendation cue, or
  right before *sijaan*/*asemesta*, is being talked about, not used (*mieluummin kuin
  "sähköinen palvelu"*, *ei "e-palvelu"*, *termin "sähköinen asiointi" sijaan*).

:func:`suppress` returns the kept findings and the suppressed ones, each with its reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from termlint.model import Finding
from termlint.sources.base import Comment, Document

if TYPE_CHECKING:
    from termlint.lint import LineIndex

# Expressions for what most runs never meet (directives, quoted mentions) are kept as text
# and compiled by ``re`` (which caches them) when first used: compiling them all costs a
# millisecond of every start-up.
#: The directive words (the longest first, as the pattern tries them), also for "did you
#: mean" on a misspelt one.
ACTIONS = ("disable-next-line", "disable-line", "disable-file", "disable", "enable")
_DIRECTIVE = (r"termlint:\s*(" + "|".join(ACTIONS) + ")"
              r"(?![\w-])"  # "disable-nextline" is a misspelling, not "disable nextline"
              r"(?P<rules>[^\n]*)", re.IGNORECASE)
_RULE = (r"[A-Za-z0-9][\w./-]*", 0)
_COMMENT_END = (r"(-->|\*/|#>).*$", re.DOTALL)

#: Opening quote → closing quotes accepted for it.
QUOTES = {'"': '"', "“": "”“", "”": "”", "„": "“”", "'": "'", "‘": "’", "’": "’", "«": "»",
          "»": "«»", "‹": "›", "`": "`"}
_QUOTE = re.compile("[" + re.escape("".join(QUOTES)) + "]")
#: Cues before a quoted mention: a negation, a comparison, a term-note label.
_BEFORE = (
    r"(?:\b(?:ei|eikä|älä|älkää|ei\s+suositella|ei\s+suositeltava|mieluummin\s+kuin|"
    r"eikä\s+käytetä|kuin|vältä|vältettävä|korvaa|korvattu|instead\s+of|rather\s+than|not|"
    r"avoid|do\s+not\s+use|don't\s+use|deprecated|termin|termiä|termistä|sanan|sanaa|"
    r"ilmauksen|ilmausta|käsitteen)|\bvrt\.|\bns\.)[\s:,–—-]*[*_]*$",
    re.IGNORECASE)
#: Cues after a quoted mention.
_AFTER = (
    r"^[*_]*[\s,]*(?:-?(?:termin|sanan|ilmauksen)\s+)?(?:sijaan|asemesta|tilalla|"
    r"ei\s+suositella|on\s+vanhentunut|is\s+deprecated|is\s+not\s+recommended)\b",
    re.IGNORECASE)
#: A recommendation cue right before the match marks it as mentioned, quotes or not.
_RECOMMENDATION = re.compile(
    r"\b(?:mieluummin\s+kuin|hellre\s+än|rather\s+than|instead\s+of)\s*[:–—-]?\s*[*_]*$",
    re.IGNORECASE)
_WINDOW = 60


class Suppressed(NamedTuple):
    """A finding left out, and why (named tuples here: cheap to define at start-up)."""

    finding: Finding
    reason: str


class Directive(NamedTuple):
    """An inline ``termlint:`` directive and the file span of the comment holding it."""

    action: str
    rules: tuple[str, ...]
    start: int  # file offset of the comment
    end: int


def rule_matches(rule: str, patterns: Sequence[str]) -> bool:
    """True when ``patterns`` is empty (all rules) or one is ``rule`` or a prefix of it."""
    return not patterns or any(rule.startswith(p) for p in patterns)


def _parse(comment: Comment) -> Iterable[Directive]:
    comment_end, rule = re.compile(*_COMMENT_END), re.compile(*_RULE)
    for m in re.compile(*_DIRECTIVE).finditer(comment.text):
        tail = comment_end.sub("", m.group("rules"))
        tail = tail.split("--", 1)[0]  # "disable thl-digi -- a reason" (as ESLint allows)
        rules = tuple(rule.findall(tail.replace(",", " ")))
        yield Directive(m.group(1).lower(), rules, comment.start, comment.end)


_PLAIN_DIRECTIVE_LINE = (r"^[^\n]*termlint:[^\n]*\n?", re.IGNORECASE | re.MULTILINE)


def _mentions_directive(text: str) -> bool:
    """Whether ``termlint:`` occurs in any letter case. Most files name no directive, and
    substring searches (C speed) settle that: every spelling ends in ``t:`` or ``T:``, and
    only those few places are looked at closely (a case-insensitive regular expression
    takes several times longer on megabytes of text)."""
    for needle in ("t:", "T:"):
        at = text.find(needle, 7)
        while at >= 0:
            if text[at - 7 : at + 2].lower() == "termlint:":
                return True
            at = text.find(needle, at + 1)
    return False


def comments_of(doc: Document) -> list[Comment]:
    """The file's comments; for plain text (no comment syntax), lines naming ``termlint:``."""
    if doc.comments or doc.format not in ("text", ""):
        return list(doc.comments)
    from termlint.sources.text import NO_DIRECTIVE

    found: list[Comment] = []
    text = doc.text
    if NO_DIRECTIVE in doc.flags or not _mentions_directive(text):
        return found
    for m in re.compile(*_PLAIN_DIRECTIVE_LINE).finditer(text):
        line = m.group()
        found.append(Comment(m.start(), m.start() + len(line.rstrip("\r\n")), line))
    return found


def directives(doc: Document) -> list[Directive]:
    return [d for c in comments_of(doc) for d in _parse(c)]


def _line_starts(text: str) -> Sequence[int]:
    from termlint.lint import line_starts

    return line_starts(text)


def _line_of(starts: Sequence[int], offset: int) -> int:
    import bisect

    return bisect.bisect_right(starts, offset)  # 1-based


def _covered_lines(doc: Document, d: Directive, starts: Sequence[int],
                   comment_lines: set[int]) -> range:
    """Lines a ``disable-next-line``/``disable-line`` directive covers."""
    first = _line_of(starts, d.start)
    last = _line_of(starts, max(d.end - 1, d.start))
    if d.action == "disable-line":
        return range(first, last + 1)
    lines = doc.text.split("\n")
    nxt = last + 1
    while nxt <= len(lines) and (not lines[nxt - 1].strip() or nxt in comment_lines):
        nxt += 1
    if doc.format == "po":  # the whole entry: msgid, msgctxt, plural forms and msgstr lines
        end = nxt
        while end + 1 <= len(lines) and lines[end].strip():
            end += 1
        return range(nxt, end + 1)
    return range(nxt, nxt + 1)


class _Rules:
    """Which rules a directive set switches off at each file offset."""

    def __init__(self, doc: Document) -> None:
        self.file: list[tuple[str, ...]] = []
        self.lines: dict[int, list[tuple[str, ...]]] = {}
        self.regions: list[tuple[int, int, tuple[str, ...]]] = []
        #: Which directive each entry above came from (same order), for unused-directive
        #: reports: ``(kind, index into the list, directive)``.
        self.origin: dict[tuple[str, int, int], Directive] = {}
        found = directives(doc)
        self.found = found
        if not found:
            return
        starts = _line_starts(doc.text)
        comment_lines = {line for c in comments_of(doc)
                         for line in range(_line_of(starts, c.start),
                                           _line_of(starts, max(c.end - 1, c.start)) + 1)}
        open_regions: list[tuple[int, tuple[str, ...]]] = []
        for d in found:
            if d.action == "disable-file":
                self.origin[("file", 0, len(self.file))] = d
                self.file.append(d.rules)
            elif d.action in ("disable-next-line", "disable-line"):
                for line in _covered_lines(doc, d, starts, comment_lines):
                    entries = self.lines.setdefault(line, [])
                    self.origin[("line", line, len(entries))] = d
                    entries.append(d.rules)
            elif d.action == "disable":
                open_regions.append((d.end, d.rules))
                self.origin[("open", d.end, 0)] = d
            else:  # enable
                still: list[tuple[int, tuple[str, ...]]] = []
                for start, rules in open_regions:
                    closes = not d.rules or any(r in d.rules for r in rules) or not rules
                    if closes:
                        self.regions.append((start, d.start, rules))
                    else:
                        still.append((start, rules))
                open_regions = still
        self.regions.extend((start, len(doc.text) + 1, rules) for start, rules in open_regions)

    def silencers(self, finding: Finding) -> set[Directive]:
        """Every directive that would silence ``finding`` (for unused-directive reports)."""
        out: set[Directive] = set()
        for i, rules in enumerate(self.file):
            if rule_matches(finding.rule, rules):
                out.add(self.origin[("file", 0, i)])
        for line in range(finding.line, finding.end_line + 1):
            for i, rules in enumerate(self.lines.get(line, ())):
                if rule_matches(finding.rule, rules):
                    out.add(self.origin[("line", line, i)])
        for start, end, rules in self.regions:
            if start <= finding.offset < end and rule_matches(finding.rule, rules):
                out.add(self.origin[("open", start, 0)])
        return out

    def reason(self, finding: Finding) -> str | None:
        if any(rule_matches(finding.rule, rules) for rules in self.file):
            return "termlint: disable-file"
        for line in range(finding.line, finding.end_line + 1):
            if any(rule_matches(finding.rule, rules) for rules in self.lines.get(line, ())):
                return "termlint: disable-next-line"
        for start, end, rules in self.regions:
            if start <= finding.offset < end and rule_matches(finding.rule, rules):
                return "termlint: disable"
        return None


def quoted_mention(text: str, finding: Finding) -> bool:
    """True when the match sits inside quotes that follow or precede a negation or
    recommendation cue on the same line (the term is mentioned, not used)."""
    line_start = text.rfind("\n", 0, finding.offset) + 1
    line_end = text.find("\n", finding.end_offset)
    line_end = len(text) if line_end < 0 else line_end
    before = text[max(line_start, finding.offset - _WINDOW) : finding.offset]
    after = text[finding.end_offset : min(line_end, finding.end_offset + _WINDOW)]
    if _RECOMMENDATION.search(before):
        # "X mieluummin kuin Y" is how term recommendations are written: Y is mentioned, even
        # without quotes (THL's own guide writes it so).
        return True
    if _QUOTE.search(before) is None:
        return False  # the usual case, settled without walking back a character at a time
    # The opening quote: the nearest quote character before the match that is not closed
    # before the match starts.
    open_at = -1
    for i in range(len(before) - 1, -1, -1):
        ch = before[i]
        if ch in QUOTES and (i == 0 or not before[i - 1].isalnum() or ch not in "'’"):
            open_at = i
            break
        if ch in "\n.!?;":
            return False
    if open_at < 0:
        return False
    closers = QUOTES[before[open_at]]
    close_at = next((i for i, ch in enumerate(after) if ch in closers), -1)
    if close_at < 0 or any(ch in ".!?;" for ch in after[:close_at]):
        return False
    return bool(re.compile(*_BEFORE).search(before[:open_at].rstrip())) or bool(
        re.compile(*_AFTER).match(after[close_at + 1 :]))


def suppress(doc: Document | None, findings: Sequence[Finding],
             text: str | None = None) -> tuple[list[Finding], list[Suppressed]]:
    """Split ``findings`` of one file into kept and suppressed (with reasons)."""
    body = doc.text if doc is not None else (text or "")
    rules = _Rules(doc) if doc is not None else None
    kept: list[Finding] = []
    dropped: list[Suppressed] = []
    for f in findings:
        reason = rules.reason(f) if rules is not None else None
        if reason is None and body and quoted_mention(body, f):
            reason = "quoted mention"
        if reason is None:
            kept.append(f)
        else:
            dropped.append(Suppressed(f, reason))
    return kept, dropped


_ANY_DIRECTIVE = (r"termlint:\s*(?P<word>[A-Za-z][\w-]*)", re.IGNORECASE)


def _line_index(doc: Document) -> LineIndex:
    """One index for all the findings of a pass over ``doc``: it counts lines from the last
    offset asked, so a fresh one per finding counted from the file's start each time."""
    from termlint.lint import LineIndex

    return LineIndex(doc.text)


def _directive_finding(doc: Document, index: LineIndex, start: int, end: int, rule: str,
                       message: str, severity: str = "warning") -> Finding:
    from termlint.model import Severity

    line, column = index.position(start)
    end_line, end_column = index.position(end)
    return Finding(path=doc.path, line=line, column=column, end_line=end_line,
                   end_column=end_column, offset=start, end_offset=end,
                   text=doc.text[start:end], rule=rule, severity=Severity.parse(severity),
                   message=message)


def unknown_directives(doc: Document) -> list[Finding]:
    """A finding for each ``termlint:`` word that looks meant as a directive but is none
    (``termlint: disable-nextline``): it would silence nothing, and silently.

    Only words that start like a directive or are close to one count: ``termlint: it checks``
    in a README's prose is no directive."""
    from termlint.validation import closest

    found: list[Finding] = []
    index = _line_index(doc)
    pattern = re.compile(*_ANY_DIRECTIVE)
    for comment in comments_of(doc):
        for m in pattern.finditer(comment.text):
            word = m.group("word").lower()
            if word in ACTIONS:
                continue
            near = closest(word, ACTIONS, cutoff=0.75)
            if near is None and not word.startswith(("disable", "enable")):
                continue
            hint = f" (did you mean 'termlint: {near}'?)" if near is not None else ""
            start = _offset_in_file(doc, comment, m.start("word"))
            found.append(_directive_finding(
                doc, index, start, start + len(m.group("word")), "termlint/unknown-directive",
                f"unknown directive 'termlint: {m.group('word')}'{hint}; it silences nothing"))
    return found


def _offset_in_file(doc: Document, comment: Comment, at: int) -> int:
    """A comment-text offset as a file offset (exact when the comment text is the file's
    slice, else the comment's start)."""
    if doc.text[comment.start:comment.start + len(comment.text)] == comment.text:
        return comment.start + at
    return comment.start


def unused_directives(doc: Document, findings: Sequence[Finding]) -> list[Finding]:
    """A finding for each disabling directive that silences none of ``findings`` (the
    findings before suppression), as ``--report-unused-directives`` asks."""
    rules = _Rules(doc)
    used: set[Directive] = set()
    for f in findings:
        used |= rules.silencers(f)
    out = []
    index = _line_index(doc)
    for d in rules.found:
        if d.action == "enable" or d in used:
            continue
        named = f" {' '.join(d.rules)}" if d.rules else ""
        out.append(_directive_finding(
            doc, index, d.start, d.end, "termlint/unused-directive",
            f"'termlint: {d.action}{named}' silences no finding; remove it"))
    return out
