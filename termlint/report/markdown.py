"""A Markdown summary (``--format markdown``): what a person reads on a pull request.

Written for GitHub's job summary (``$GITHUB_STEP_SUMMARY``; the project's action appends it
there), which has no cap, where GitHub shows at most ten annotations of each kind per step.
It serves as well as a GitLab merge-request note, a Jenkins build description, or a file in a
report folder. It holds, in this order: one line of totals; the files that could not be read;
the findings per concept (with the forms found and the source) and per file; and the first
findings, most serious first, each with its fix or suggestion.

Everything that came from a file (names, matched text, keys) or from a vocabulary is escaped,
so that it reads as written and cannot turn into a link, an image, HTML or a table cell of its
own; control characters are shown as ``\\xNN`` as in the text report. The lists are cut
(:data:`FIRST_FINDINGS`, :data:`MAX_FILES`) so that a summary of a whole corpus stays far below
GitHub's 1 MiB for a step's summary; the totals always count everything.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import TextIO

from termlint.model import Finding, Severity
from termlint.report import Report
from termlint.report.escape import visible
from termlint.report.sarif import help_uri

#: Findings listed one by one, most serious first.
FIRST_FINDINGS = 50
#: Rows of the per-file table, the files with most findings first.
MAX_FILES = 100
#: Forms found, shown per concept.
MAX_FORMS = 5

_ORDER = sorted(Severity, reverse=True)
#: ASCII punctuation Markdown (or GitHub's HTML) could read as syntax in running text.
_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()<>#+!|~&])")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def text(value: str) -> str:
    """Running text, every Markdown character escaped (CommonMark allows a backslash before
    any ASCII punctuation); line breaks and controls become visible escapes."""
    return _PUNCTUATION.sub(r"\\\1", visible(value))


def code(value: str, cell: bool = False) -> str:
    """A code span holding ``value`` literally: fenced with one backtick more than the longest
    run inside, padded where it begins or ends with one. In a table ``cell`` a pipe is
    escaped, which GitHub's tables require even inside code."""
    shown = visible(value) or " "
    if cell:
        shown = shown.replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall("`+", shown)), default=0) + 1)
    if shown.startswith("`") or shown.endswith("`"):
        shown = f" {shown} "
    return f"{fence}{shown}{fence}"


def _link(label: str, source: str | None) -> str:
    url = help_uri(source) if source else None
    if url is None:
        return text(source) if source else ""
    # help_uri percent-encodes all but URL syntax; parentheses would end the link early.
    return f"[{label}]({url.replace('(', '%28').replace(')', '%29')})"


def _counts(findings: list[Finding]) -> str:
    counts = Counter(f.severity for f in findings)
    return " | ".join(str(counts[s]) for s in _ORDER)


def _totals(report: Report) -> str:
    if report.files == 0 and not report.errors:
        return "**Nothing was checked**: no file that termlint reads was found."
    counts = Counter(f.severity for f in report.findings)
    line = (f"**{_plural(len(report.findings), 'finding')}**" if report.findings
            else "**No findings**")
    detail = ", ".join(_plural(counts[s], str(s)) for s in _ORDER if counts[s])
    if detail:
        line += f" ({detail})"
    line += f" in {_plural(report.files, 'file')} checked"
    fixable = _fixable(report.findings)
    if fixable:
        line += f"; {fixable} fixable with `termlint check --fix`"
    if report.fixed:
        line += f"; {len(report.fixed)} fixed"
    if report.errors:
        line += f"; **{_plural(len(report.errors), 'file')} could not be checked**"
    return line + "."


def _errors(report: Report) -> list[str]:
    if not report.errors:
        return []
    lines = ["", "### Files that could not be checked", ""]
    lines += [f"- {code(e.path)}: {text(e.message)}" for e in report.errors]
    return lines


def _ranked(findings: list[Finding], key: Callable[[Finding], str]
            ) -> list[tuple[str, list[Finding]]]:
    """Findings grouped by ``key``, the largest group first (ties by name): both tables
    rank the same way."""
    groups: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        groups[key(f)].append(f)
    return sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))


def _fixable(found: list[Finding]) -> int:
    return sum(1 for f in found if f.verified)


def _by_concept(report: Report) -> list[str]:
    head = " | ".join(str(s) for s in _ORDER)
    lines = ["", "### Findings per concept", "",
             f"| concept | {head} | fixable | found as | source |",
             "|---|" + "--:|" * (len(_ORDER) + 1) + "---|---|"]
    for rule, found in _ranked(report.findings, lambda f: f.rule):
        forms = Counter(" ".join(f.text.split()).lower() for f in found)
        shown = ", ".join(code(form, cell=True) for form, _ in forms.most_common(MAX_FORMS))
        if len(forms) > MAX_FORMS:
            shown += f" and {len(forms) - MAX_FORMS} more"
        lines.append(f"| {code(rule, cell=True)} | {_counts(found)} | {_fixable(found)} | "
                     f"{shown} | {_link('source', found[0].source)} |")
    return lines


def _by_file(report: Report) -> list[str]:
    head = " | ".join(str(s) for s in _ORDER)
    lines = ["", "### Findings per file", "", f"| file | {head} | fixable |",
             "|---|" + "--:|" * (len(_ORDER) + 1)]
    ranked = _ranked(report.findings, lambda f: f.path)
    for path, found in ranked[:MAX_FILES]:
        lines.append(f"| {code(path, cell=True)} | {_counts(found)} | {_fixable(found)} |")
    if len(ranked) > MAX_FILES:
        rest = sum(len(found) for _, found in ranked[MAX_FILES:])
        lines += ["", f"… and {_plural(rest, 'finding')} in "
                      f"{_plural(len(ranked) - MAX_FILES, 'more file')}."]
    return lines


def _finding(f: Finding) -> list[str]:
    where = f"{f.path}:{f.line}:{f.column}"
    line = f"- **{f.severity}** {code(where)} {text(f.message)} ({code(f.rule)})"
    if f.key:
        line += f", key {code(f.key)}"
    found = " ".join(f.text.split())
    detail = f"  found {code(found)}"
    if f.suggestions:
        if f.verified:
            detail += f" → fix: {code(f.suggestions[0])}"
            others = f.suggestions[1:]
        else:
            detail += " → suggestion (not applied by `--fix`: check that it fits): " + \
                ", ".join(code(s) for s in f.suggestions[:3])
            others = ()
        if others:
            detail += "; or " + ", ".join(code(s) for s in others[:3])
    # A backslash at the end of a line is a line break within the list item.
    return [line + "\\", detail]


def _first(report: Report) -> list[str]:
    ranked = sorted(report.findings, key=lambda f: (-f.severity, f.sort_key))
    shown = ranked[:FIRST_FINDINGS]
    title = ("### Findings" if len(shown) == len(ranked) else
             f"### The first {len(shown)} of {len(ranked)} findings, most serious first")
    lines = ["", title, ""]
    for f in shown:
        lines += _finding(f)
    return lines


def render(report: Report, out: TextIO) -> None:
    lines = ["## termlint", "", _totals(report)]
    lines += _errors(report)
    if report.findings:
        lines += _by_concept(report) + _by_file(report) + _first(report)
    out.write("\n".join(lines) + "\n")
