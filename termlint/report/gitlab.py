"""GitLab Code Quality (``--format gitlab``): a JSON array for ``artifacts:reports:codequality``.

Each issue has a ``description``, ``check_name``, a unique ``fingerprint`` (the baseline
fingerprint, plus an occurrence number where a fingerprint repeats), ``severity`` and
``location.path`` with ``location.lines.begin``.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any, TextIO

from termlint.baseline import fingerprint
from termlint.model import Severity
from termlint.report import Report
from termlint.report.escape import json_safe

SEVERITY = {Severity.ERROR: "critical", Severity.WARNING: "major", Severity.INFO: "minor",
            Severity.SUGGESTION: "info"}


def issues(report: Report) -> list[dict[str, Any]]:
    seen: Counter[str] = Counter()
    out: list[dict[str, Any]] = []
    for f in report.findings:
        base = fingerprint(f, report.texts.get(f.path))
        seen[base] += 1
        unique = base if seen[base] == 1 else hashlib.sha256(
            f"{base}:{seen[base]}".encode()).hexdigest()
        description = f"{f.message}" + (f" (suggestion: {f.suggestions[0]})"
                                         if f.suggestions else "")
        out.append({
            "type": "issue",
            "description": description,
            "check_name": f.rule,
            "categories": ["Style"],
            "fingerprint": unique,
            "severity": SEVERITY[f.severity],
            "location": {"path": f.path.replace("\\", "/"),
                         "lines": {"begin": f.line, "end": f.end_line}},
        })
    return out


def render(report: Report, out: TextIO) -> None:
    out.write(json_safe(json.dumps(issues(report), ensure_ascii=False, indent=2)) + "\n")
