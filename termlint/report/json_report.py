"""The stable JSON report (``--format json``), version 1; its shape is documented in the README."""

from __future__ import annotations

import json
from typing import Any, TextIO

from termlint.model import Finding
from termlint.report import Report

VERSION = 1


def finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "path": f.path,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "offset": f.offset,
        "end_offset": f.end_offset,
        "text": f.text,
        "rule": f.rule,
        "severity": str(f.severity),
        "message": f.message,
        "suggestions": list(f.suggestions),
        "concept": f.concept,
        "source": f.source,
        "key": f.key,
        "fixable": f.verified,
        "confidence": f.confidence,
    }


def render(report: Report, out: TextIO) -> None:
    data = {
        "version": VERSION,
        "findings": [finding_dict(f) for f in report.findings],
        "errors": [{"path": e.path, "message": e.message} for e in report.errors],
        "summary": {
            "files": report.files,
            "findings": len(report.findings),
            "errors": len(report.errors),
            "fixed": len(report.fixed),
        },
    }
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")
