"""GitLab Code Quality (``--format gitlab``): a JSON array for ``artifacts:reports:codequality``.

Each issue has a ``description``, ``check_name``, a unique ``fingerprint`` (the baseline
fingerprint, plus an occurrence number where a fingerprint repeats), ``severity`` and
``location.path`` with ``location.lines.begin``.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterator
from typing import Any, TextIO

from termlint.baseline import fingerprint
from termlint.model import Severity
from termlint.report import Report
from termlint.report.escape import json_safe

SEVERITY = {Severity.ERROR: "critical", Severity.WARNING: "major", Severity.INFO: "minor",
            Severity.SUGGESTION: "info"}


def issues(report: Report) -> list[dict[str, Any]]:
    return list(each_issue(report))


def each_issue(report: Report) -> Iterator[dict[str, Any]]:
    """The issues one at a time, so that ``render`` need hold only one."""
    seen: Counter[str] = Counter()
    for f in report.findings:
        base = fingerprint(f, report.texts.get(f.path))
        seen[base] += 1
        unique = base if seen[base] == 1 else hashlib.sha256(
            f"{base}:{seen[base]}".encode()).hexdigest()
        description = f"{f.message}" + (f" (suggestion: {f.suggestions[0]})"
                                         if f.suggestions else "")
        yield {
            "type": "issue",
            "description": description,
            "check_name": f.rule,
            "categories": ["Style"],
            "fingerprint": unique,
            "severity": SEVERITY[f.severity],
            "location": {"path": f.path.replace("\\", "/"),
                         "lines": {"begin": f.line, "end": f.end_line}},
        }


#: One encoder for every issue; without ``indent`` it is json's C encoder.
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def render(report: Report, out: TextIO) -> None:
    """One issue a line, each encoded and written on its own: an indented dump of the whole
    list went through json's pure-Python encoder and held every issue at once."""
    separator = "[\n  "
    for issue in each_issue(report):
        out.write(separator)
        # A file name that is not UTF-8 holds lone surrogates: shown as ``\\xNN`` text.
        out.write(json_safe(_ENCODE(issue)))
        separator = ",\n  "
    out.write("[]\n" if separator.startswith("[") else "\n]\n")
