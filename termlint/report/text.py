"""The terminal report: ``file:line:col``, severity, message, rule, the line with the match
underlined, and suggestions; colours only when the output is a terminal."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from rich.console import Console
from rich.markup import escape
from rich.text import Text

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
    console = Console(file=out, highlight=False, soft_wrap=True, emoji=False)
    for f in report.findings:
        head = Text()
        head.append(f"{f.path}:{f.line}:{f.column}", style="bold")
        head.append(": ")
        head.append(str(f.severity), style=STYLE[f.severity])
        head.append(f" {f.message} ")
        head.append(f"[{f.rule}]", style="dim")
        console.print(head)
        if f.key:
            console.print(Text(f"  key: {f.key}", style="dim"))
        quoted = _source_line(report.texts.get(f.path, ""), f) if f.path in report.texts else None
        if quoted is not None:
            line, col, width = quoted
            gutter = f"{f.line:>5} | "
            body = Text(gutter, style="dim")
            body.append(line[:col])
            body.append(line[col : col + width], style="bold " + STYLE[f.severity])
            body.append(line[col + width :])
            console.print(body)
            console.print(Text(" " * (len(gutter) - 2) + "| " + " " * col + "^" * width,
                               style=STYLE[f.severity]))
        if f.suggestions:
            label = "fix" if f.verified else "suggestion"
            shown = ", ".join(escape(s) for s in f.suggestions[:3])
            if not f.verified:
                shown += " (not verified: check the form)"
            console.print(Text(f"      = {label}: ") + Text.from_markup(shown))
    for fixed in report.fixed:
        before, after = (" ".join(t.split()) for t in (fixed.text, fixed.suggestions[0]))
        console.print(Text(f"{fixed.path}:{fixed.line}:{fixed.column}: fixed ", style="green")
                      + Text(f"{before} → {after}"))
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
    console.print(Text(summary, style="bold"))
