"""One line per finding (``--format concise``): ``path:line:col: severity rule message``.

The form compilers use, which editors (Vim's quickfix, Emacs' compilation mode), ``grep``-style
tools and problem matchers of CI systems read without a plug-in. The first suggestion follows
the message; a file that could not be read is a line with the rule ``read``. Names and messages
are escaped as in the text report: one finding is always one line.
"""

from __future__ import annotations

from typing import TextIO

from termlint.report import Report
from termlint.report.escape import visible


def render(report: Report, out: TextIO) -> None:
    for f in report.findings:
        message = f.message
        if f.suggestions:
            message += f" (suggestion: {f.suggestions[0]})"
        out.write(f"{visible(f.path)}:{f.line}:{f.column}: {f.severity} {visible(f.rule)} "
                  f"{visible(message)}\n")
    for e in report.errors:
        out.write(f"{visible(e.path)}:1:1: error read {visible(e.message)}\n")
