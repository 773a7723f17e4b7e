"""GitHub Actions workflow commands (``--format github``): one annotation per finding.

``::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message``. Property values
escape ``%``, CR, LF, ``:`` and ``,``; the message escapes ``%``, CR and LF. Before that, what
came from files is made :func:`~termlint.report.escape.visible`: a name or line holding a line
break and ``::error`` can then never start a workflow command of its own, and no escape sequence
reaches the log.
"""

from __future__ import annotations

from typing import TextIO

from termlint.model import Severity
from termlint.report import Report
from termlint.report.escape import visible

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice",
           Severity.SUGGESTION: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, out: TextIO) -> None:
    for f in report.findings:
        props = [("file", visible(f.path.replace("\\", "/"))), ("line", str(f.line)),
                 ("col", str(f.column)), ("endLine", str(f.end_line)),
                 ("endColumn", str(f.end_column)), ("title", f"termlint {visible(f.rule)}")]
        message = visible(f.message)
        if f.key:
            message += f" (key {visible(f.key)})"
        if f.suggestions:
            message += f"\nSuggestion: {visible(f.suggestions[0])}"
        joined = ",".join(f"{name}={escape_property(value)}" for name, value in props)
        out.write(f"::{COMMAND[f.severity]} {joined}::{escape_data(message)}\n")
    for e in report.errors:
        out.write(f"::error file={escape_property(visible(e.path))},title=termlint::"
                  f"{escape_data(visible(e.message))}\n")
