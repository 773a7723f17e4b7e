"""reviewdog's Diagnostic Format as one JSON document (``--format rdjson``).

reviewdog turns it into pull-request review comments (GitHub) or merge-request discussions
(GitLab), and a diagnostic's ``suggestions`` into suggested changes a reviewer commits with one
click. reviewdog splices a suggestion into the line by **bytes**: it takes the line as the diff
holds it and cuts at ``column - 1`` (a Go string index). So, unlike SARIF's code-point columns,
every column here counts UTF-8 bytes from the start of the line, 1-based, the end exclusive; on
the first line of a file with a UTF-8 byte order mark the mark's three bytes count too, as they
are in the line reviewdog reads. In ``Käytä sähköisiä palveluja`` the match starts at byte
column 9, where SARIF says character column 7.

A suggestion is attached only where ``--fix`` would write the same change (see
:mod:`termlint.fixplan`): verified, not refused, and with the text ``--fix`` writes, escapes and
all, so committing every suggestion gives the file ``--fix`` gives. Advice (a term for a
narrower concept, a near-miss spelling) stays in the message. A file that is not UTF-8 (an
ISO-8859-1 ``.properties``, a UTF-16 ``.strings``) gets no suggestion: its bytes are not UTF-8,
and a UTF-8 splice would corrupt it; its columns still count the line's characters as UTF-8.

A file that could not be read is a diagnostic without a range (code ``read-error``), so a
reviewdog run never looks clean when a file was not checked.
"""

from __future__ import annotations

import bisect
import json
from typing import Any, TextIO

from termlint.model import Finding, Severity, WrittenFix
from termlint.report import Report
from termlint.report.escape import json_safe
from termlint.report.sarif import help_uri

SEVERITY = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO",
            Severity.SUGGESTION: "INFO"}

#: The encodings whose bytes are UTF-8: only there can a byte-range suggestion be spliced.
_UTF8 = frozenset({"utf-8", "utf_8", "utf8"})


class _Lines:
    """Byte positions in one file's text, for rdjson's UTF-8 columns."""

    def __init__(self, text: str, bom: bytes) -> None:
        self.text = text
        self.bom = len(bom)
        self.starts = [0]
        at = text.find("\n")
        while at >= 0:
            self.starts.append(at + 1)
            at = text.find("\n", at + 1)

    def position(self, offset: int) -> dict[str, int]:
        """1-based line and 1-based UTF-8 byte column of a file-text offset."""
        line = bisect.bisect_right(self.starts, offset)
        line_start = self.starts[line - 1]
        column = len(self.text[line_start:offset].encode("utf-8", "surrogatepass")) + 1
        if line_start == 0:
            column += self.bom
        return {"line": line, "column": column}

    def range(self, start: int, end: int) -> dict[str, dict[str, int]]:
        return {"start": self.position(start), "end": self.position(end)}


def _message(finding: Finding, fix: WrittenFix | None) -> str:
    message = finding.message
    if finding.key:
        message += f" (key {finding.key})"
    if finding.suggestions and fix is None:
        label = "fix" if finding.verified else "suggestion"
        message += f"; {label}: {', '.join(finding.suggestions)}"
    return message


def diagnostic(report: Report, finding: Finding, lines: _Lines | None,
               utf8: bool) -> dict[str, Any]:
    fix = report.fixes.get(finding) if utf8 and lines is not None else None
    location: dict[str, Any] = {"path": finding.path.replace("\\", "/")}
    if lines is not None:
        location["range"] = lines.range(finding.offset, finding.end_offset)
    else:  # no file text (a report built by hand): the line alone is still right
        location["range"] = {"start": {"line": finding.line}, "end": {"line": finding.end_line}}
    code: dict[str, str] = {"value": finding.rule}
    link = help_uri(finding.source) if finding.source else None
    if link is not None:
        code["url"] = link
    out: dict[str, Any] = {"message": _message(finding, fix), "location": location,
                           "severity": SEVERITY[finding.severity], "code": code}
    if fix is not None and lines is not None:
        out["suggestions"] = [{"range": lines.range(fix.start, fix.end), "text": fix.text}]
    return out


def result(report: Report) -> dict[str, Any]:
    """The ``DiagnosticResult`` document."""
    indexes: dict[str, tuple[_Lines | None, bool]] = {}
    diagnostics = []
    for finding in report.findings:
        if finding.path not in indexes:
            text = report.texts.get(finding.path)
            encoding, bom = report.encodings.get(finding.path, ("utf-8", b""))
            utf8 = encoding.lower() in _UTF8
            indexes[finding.path] = (
                _Lines(text, bom if utf8 else b"") if text is not None else None, utf8)
        lines, utf8 = indexes[finding.path]
        diagnostics.append(diagnostic(report, finding, lines, utf8))
    for error in report.errors:
        diagnostics.append({"message": error.message,
                            "location": {"path": error.path.replace("\\", "/")},
                            "severity": "ERROR", "code": {"value": "read-error"}})
    return {"source": {"name": "termlint"}, "diagnostics": diagnostics}


def render(report: Report, out: TextIO) -> None:
    out.write(json_safe(json.dumps(result(report), ensure_ascii=False, indent=2)) + "\n")
