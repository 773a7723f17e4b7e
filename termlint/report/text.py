"""The terminal report: ``file:line:col``, severity, message, rule, the line with the match
underlined, and suggestions; colours only when the output is a terminal."""

from __future__ import annotations

import os
from collections import Counter
from typing import TextIO

from termlint.model import Finding, Severity
from termlint.report import Report
from termlint.report.escape import visible

STYLE = {
    Severity.ERROR: "bold red",
    Severity.WARNING: "yellow",
    Severity.INFO: "cyan",
    Severity.SUGGESTION: "blue",
}


#: Width of a report line when the output is no terminal and ``COLUMNS`` does not say: a CI log
#: or a file. A minified bundle is one line of megabytes; quoting it whole for each finding
#: made a 1.3 MB file with 200 findings a 367 MB report.
PLAIN_WIDTH = 120
#: Narrowest room the quoted line gets, however narrow the terminal.
MIN_ROOM = 40
#: Marks where a quoted line was cut.
CUT = "…"


def _source_line(text: str, finding: Finding, room: int) -> tuple[str, int, int] | None:
    """The part of the finding's first line that fits in ``room`` characters, with the match
    in it, control characters escaped; and the underline's start and width on that part."""
    start = finding.offset - (finding.column - 1)
    if not 0 <= start <= finding.offset <= len(text):
        return None
    end = text.find("\n", start)
    end = end if end >= 0 else len(text)
    if end > start and text[end - 1] == "\r":
        end -= 1
    col = finding.column - 1
    if finding.end_line == finding.line:
        width = finding.end_column - finding.column
    else:
        width = end - start - col
    width = max(min(width, end - start - col), 1) if end - start > col else 1
    # Cut the raw line first (a window a little wider than the room: escapes only widen it),
    # then escape what is left and cut that to the room.
    low, high = _window(end - start, col, width, room)
    before = visible(text[start + low : start + col])
    match = visible(text[start + col : start + col + width])
    after = visible(text[start + col + width : start + high])
    line = before + match + after
    low2, high2 = _window(len(line), len(before), len(match), room)
    head = CUT if low > 0 or low2 > 0 else ""
    tail = CUT if high < end - start or high2 < len(line) else ""
    shown_match = match[: max(high2 - len(before), 1)]
    return (head + line[low2:high2] + tail, len(head) + len(before) - low2,
            max(len(shown_match), 1))


def _window(length: int, col: int, width: int, room: int) -> tuple[int, int]:
    """Start and end of the part of a line of ``length`` characters to show in ``room``,
    the match (``col``, ``width``) in it, centred where the line allows."""
    if length <= room:
        return 0, length
    inner = room - 2  # room for a cut mark at each end
    width = min(width, inner)
    start = max(0, col - (inner - width) // 2)
    end = min(length, start + inner)
    start = max(0, min(start, end - inner))
    return start, end


def _room(out: TextIO) -> int:
    """Characters a quoted line may take: the terminal's width (``COLUMNS`` wins, as for
    most tools), else :data:`PLAIN_WIDTH`; less the gutter."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        width = int(columns)
    elif _terminal(out):
        try:
            width = os.get_terminal_size(out.fileno()).columns
        except (AttributeError, OSError, ValueError):
            width = PLAIN_WIDTH
    else:
        width = PLAIN_WIDTH
    return max(width - GUTTER, MIN_ROOM)


#: Width of the gutter before a quoted line: ``" 1234 | "``.
GUTTER = 8


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def render(report: Report, out: TextIO) -> None:
    """The report, in colour on a terminal (through rich), else as plain text.

    Plain text is written directly: importing rich costs a fifth of a run's start-up, and
    pre-commit and CI logs are no terminal. The plain writer produces exactly what rich
    prints to a non-terminal (``tests/test_report_formats.py`` checks that on random
    reports): control characters rich drops are dropped; a report with a tab, which rich
    expands by display width, still goes through rich.
    """
    if _terminal(out):
        _render_rich(report, out)
    else:
        _render_plain(report, out)


def _terminal(out: TextIO) -> bool:
    """Whether rich could treat ``out`` as a terminal (its own test, with its overrides)."""
    if os.environ.get("TTY_COMPATIBLE", "") == "1" or os.environ.get("FORCE_COLOR") is not None:
        return True
    try:
        return bool(out.isatty())
    except (AttributeError, ValueError):
        return False


#: What rich's Text drops: BEL, BS, VT, FF, CR.
_DROPPED = str.maketrans({c: None for c in (7, 8, 11, 12, 13)})


#: One line of the report: its base style (for the whole line) and its parts with their own
#: styles (``""`` for none). Both writers print these same lines, with or without styles.
Line = tuple[str, list[tuple[str, str]]]


def _lines(report: Report, room: int = PLAIN_WIDTH - GUTTER) -> list[Line]:
    """The report's lines; what came from files (names, lines, keys) and the vocabularies is
    escaped by :func:`visible`, so no escape sequence reaches a terminal or CI log."""
    lines: list[Line] = []
    for f in report.findings:
        path = visible(f.path)
        lines.append(("", [(f"{path}:{f.line}:{f.column}", "bold"), (": ", ""),
                           (str(f.severity), STYLE[f.severity]), (f" {visible(f.message)} ", ""),
                           (f"[{visible(f.rule)}]", "dim")]))
        if f.key:
            lines.append(("dim", [(f"  key: {visible(f.key)}", "")]))
        text = report.texts.get(f.path)
        quoted = _source_line(text, f, room) if text is not None else None
        if quoted is not None:
            line, col, width = quoted
            gutter = f"{f.line:>5} | "
            lines.append(("dim", [(gutter, ""), (line[:col], ""),
                                  (line[col : col + width], "bold " + STYLE[f.severity]),
                                  (line[col + width :], "")]))
            lines.append((STYLE[f.severity],
                          [(" " * (len(gutter) - 2) + "| " + " " * col + "^" * width, "")]))
        if f.suggestions:
            label = "fix" if f.verified else "suggestion"
            shown = visible(", ".join(f.suggestions[:3]))
            if not f.verified:
                # Advice, for one of several reasons the finding does not carry: a term for a
                # narrower concept (not a synonym), a possible misspelling, or a form that
                # could not be verified. "Not verified" would be wrong for the first.
                shown += " (not applied by --fix: check that it fits)"
            lines.append(("", [(f"      = {label}: ", ""), (shown, "")]))
    for fixed in report.fixed:
        before, after = (visible(" ".join(t.split())) for t in (fixed.text, fixed.suggestions[0]))
        lines.append(("green", [(f"{visible(fixed.path)}:{fixed.line}:{fixed.column}: fixed ",
                                 ""), (f"{before} → {after}", "")]))
    if report.summary:
        lines.append(("bold", [(_summary(report), "")]))
    return lines


def _render_plain(report: Report, out: TextIO) -> None:
    """What :func:`render` writes to a non-terminal (tabs included, through rich)."""
    lines = ["".join(text for text, _ in parts) for _, parts in _lines(report, _room(out))]
    if any("\t" in line for line in lines):
        # rich expands tabs by display width (wide and zero-width characters): leave that
        # to rich rather than imitate its character tables.
        _render_rich(report, out)
    else:
        out.write("".join(line.translate(_DROPPED) + "\n" for line in lines))


def _summary(report: Report) -> str:
    counts = Counter(f.severity for f in report.findings)
    detail = ", ".join(_plural(counts[s], str(s)) for s in sorted(counts, reverse=True))
    fixable = sum(1 for f in report.findings if f.verified)
    summary = f"{_plural(len(report.findings), 'finding')}"
    if detail:
        summary += f" ({detail})"
    summary += f" in {_plural(report.files, 'file')}"
    if report.fixed:
        summary += f"; fixed {len(report.fixed)}"
    if fixable:
        summary += f"; {fixable} fixable with --fix"
    if report.errors:
        summary += f"; {_plural(len(report.errors), 'file error')}"
    if report.languages:
        summary += "; checked per language: " + ", ".join(
            f"{lang} {n}" for lang, n in report.languages.items())
    return summary


def _render_rich(report: Report, out: TextIO) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out, highlight=False, soft_wrap=True, emoji=False)
    for base, parts in _lines(report, _room(out)):
        line = Text(style=base)
        for text, style in parts:
            line.append(text, style=style or None)
        console.print(line)
