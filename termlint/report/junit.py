"""JUnit XML (``--format junit``): one test suite per file, one failing test case per finding.

Files that were checked without findings are not listed (termlint does not know them here);
a file that could not be read is a test case with an ``error``. A run without findings or errors
is one passing test case: Jenkins and other consumers refuse an empty report. Text from files
(names, lines) is made :func:`~termlint.report.escape.xml_text`, so the XML stays well-formed.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import TextIO

from termlint.model import FileError, Finding
from termlint.report import Report
from termlint.report.escape import xml_text


def _files(n: int) -> str:
    return f"{n} file" + ("" if n == 1 else "s")


def render(report: Report, out: TextIO) -> None:
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for f in report.findings:
        by_path[f.path].append(f)
    errors: dict[str, list[FileError]] = defaultdict(list)
    for e in report.errors:
        errors[e.path].append(e)
    root = ET.Element("testsuites", name="termlint", tests=str(len(report.findings)
                                                               + len(report.errors)),
                      failures=str(len(report.findings)), errors=str(len(report.errors)))
    for path in sorted(set(by_path) | set(errors)):
        found, broken = by_path.get(path, []), errors.get(path, [])
        suite = ET.SubElement(root, "testsuite", name=path, tests=str(len(found) + len(broken)),
                              failures=str(len(found)), errors=str(len(broken)))
        for f in found:
            case = ET.SubElement(suite, "testcase", name=f"{f.rule} {f.line}:{f.column}",
                                 classname=path, file=path, line=str(f.line))
            failure = ET.SubElement(case, "failure", type=str(f.severity), message=f.message)
            lines = [f"{path}:{f.line}:{f.column}: {f.severity}: {f.message} [{f.rule}]",
                     f"text: {f.text}"]
            if f.key:
                lines.append(f"key: {f.key}")
            if f.suggestions:
                lines.append("suggestions: " + ", ".join(f.suggestions))
            failure.text = "\n".join(lines)
        for e in broken:
            case = ET.SubElement(suite, "testcase", name="read", classname=path, file=path)
            ET.SubElement(case, "error", message=e.message).text = e.message
    if not by_path and not errors:
        root.set("tests", "1")
        suite = ET.SubElement(root, "testsuite", name="termlint", tests="1", failures="0",
                              errors="0")
        ET.SubElement(suite, "testcase", name=f"termlint check ({_files(report.files)})",
                      classname="termlint")
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(xml_text(ET.tostring(root, encoding="unicode")))
    out.write("\n")
