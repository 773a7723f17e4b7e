"""Checkstyle XML (``--format checkstyle``): ``<file name>`` elements with ``<error>`` entries,
as read by Jenkins warnings-ng, reviewdog and many editors."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import TextIO

from termlint.model import Finding, Severity
from termlint.report import Report
from termlint.report.escape import xml_text

SEVERITY = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info",
            Severity.SUGGESTION: "info"}


def render(report: Report, out: TextIO) -> None:
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for f in report.findings:
        by_path[f.path].append(f)
    for e in report.errors:
        by_path.setdefault(e.path, [])
    root = ET.Element("checkstyle", version="8.0")
    for path in sorted(by_path):
        node = ET.SubElement(root, "file", name=path)
        for f in by_path[path]:
            message = f.message + (f" (suggestion: {f.suggestions[0]})" if f.suggestions else "")
            ET.SubElement(node, "error", line=str(f.line), column=str(f.column),
                          severity=SEVERITY[f.severity], message=message,
                          source=f"termlint.{f.rule}")
        for e in report.errors:
            if e.path == path:
                ET.SubElement(node, "error", line="1", severity="error", message=e.message,
                              source="termlint.read")
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    # Names and lines from files may hold what XML 1.0 cannot: shown as escapes.
    out.write(xml_text(ET.tostring(root, encoding="unicode")))
    out.write("\n")
