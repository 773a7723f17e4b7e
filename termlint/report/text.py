"""The terminal report: ``file:line:col``, severity, message, rule, the line with the match
underlined, and suggestions; colours only when the output is a terminal."""

from __future__ import annotations

import os
from collections import Counter
from typing import TextIO

from termlint.model import Finding, Severity
from termlint.report import Report

STYLE = {
    Severity.ERROR: "bold red",
    Severity.WARNING: "yellow",
    Severity.INFO: "cyan",
    Severity.SUGGESTION: "blue",
}


def _source_line(text: str, finding: Finding) -> tuple[str, int, int] | None:
    """The finding's first line, and the underline's start and width on it."""
    start = finding.offset - (finding.column - 1)
    end = text.find("\n", start)
    line = text[start : end if end >= 0 else len(text)].rstrip("\r")
    if finding.end_line == finding.line:
        width = finding.end_column - finding.column
    else:
        width = len(line) - (finding.column - 1)
    return line, finding.column - 1, max(width, 1)


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


def _lines(report: Report) -> list[Line]:
    lines: list[Line] = []
    for f in report.findings:
        lines.append(("", [(f"{f.path}:{f.line}:{f.column}", "bold"), (": ", ""),
                           (str(f.severity), STYLE[f.severity]), (f" {f.message} ", ""),
                           (f"[{f.rule}]", "dim")]))
        if f.key:
            lines.append(("dim", [(f"  key: {f.key}", "")]))
        quoted = _source_line(report.texts.get(f.path, ""), f) if f.path in report.texts else None
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
            shown = ", ".join(f.suggestions[:3])
            if not f.verified:
                shown += " (not verified: check the form)"
            lines.append(("", [(f"      = {label}: ", ""), (shown, "")]))
    for fixed in report.fixed:
        before, after = (" ".join(t.split()) for t in (fixed.text, fixed.suggestions[0]))
        lines.append(("green", [(f"{fixed.path}:{fixed.line}:{fixed.column}: fixed ", ""),
                                (f"{before} → {after}", "")]))
    lines.append(("bold", [(_summary(report), "")]))
    return lines


def _render_plain(report: Report, out: TextIO) -> None:
    """What :func:`render` writes to a non-terminal (tabs included, through rich)."""
    lines = ["".join(text for text, _ in parts) for _, parts in _lines(report)]
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
    for base, parts in _lines(report):
        line = Text(style=base)
        for text, style in parts:
            line.append(text, style=style or None)
        console.print(line)
