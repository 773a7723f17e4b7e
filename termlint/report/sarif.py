"""SARIF 2.1.0 (``--format sarif``): for GitHub code scanning and other SARIF viewers.

Columns are counted in Unicode code points, as termlint counts them, and the run says so with
``columnKind: unicodeCodePoints`` (the SARIF default would be UTF-16 code units). Rules carry
their message and source; a finding with a verified fix carries it as a SARIF ``fix``.

``helpUri`` must be an absolute URI (GitHub code scanning rejects the upload otherwise): a
source such as ``https://termipankki.fi/ (record STM-SOTE2021)`` gives its URL there, and the
whole source and the record id go to the rule's ``properties``. A file name that is not UTF-8 is
percent-encoded byte for byte in its URI, and shown with ``\\xNN`` escapes in text.
"""

from __future__ import annotations

import json
import re
from typing import Any, TextIO
from urllib.parse import quote, urlsplit

from termlint.model import Edit, Finding, Severity
from termlint.report import Report
from termlint.report.escape import json_safe, utf8
from termlint.version import __version__

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note",
         Severity.SUGGESTION: "note"}


def uri(path: str) -> str:
    """A relative URI reference for a path (forward slashes; spaces, ``%`` and every byte
    outside ASCII percent-encoded, a non-UTF-8 name's bytes as they are on disk)."""
    return quote(utf8(path.replace("\\", "/")), safe="/@!$&'()*+,;=-._~")


def _position(report: Report, finding: Finding, offset: int) -> tuple[int, int] | None:
    """1-based line and code-point column of a file offset, from the file text or, inside the
    finding's own span, from the finding."""
    text = report.texts.get(finding.path)
    if text is not None and 0 <= offset <= len(text):
        line = text.count("\n", 0, offset) + 1
        return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
    if finding.offset <= offset <= finding.end_offset:
        before = finding.text[: offset - finding.offset]
        if "\n" not in before:
            return finding.line, finding.column + len(before)
        return finding.line + before.count("\n"), len(before) - before.rfind("\n")
    return None


def _region(report: Report, finding: Finding, edit: Edit) -> dict[str, int] | None:
    start = _position(report, finding, edit.start)
    end = _position(report, finding, edit.end)
    if start is None or end is None:
        return None
    return {"startLine": start[0], "startColumn": start[1], "endLine": end[0],
            "endColumn": end[1]}


def _fix(report: Report, finding: Finding) -> dict[str, Any] | None:
    if not finding.verified or not finding.edits or not finding.suggestions:
        return None
    replacements = []
    for edit in finding.edits:
        region = _region(report, finding, edit)
        if region is None:
            return None
        replacements.append({"deletedRegion": region,
                             "insertedContent": {"text": edit.replacement}})
    return {"description": {"text": f"Replace with '{finding.suggestions[0]}'"},
            "artifactChanges": [{"artifactLocation": {"uri": uri(finding.path)},
                                 "replacements": replacements}]}


def _rule(finding: Finding) -> dict[str, Any]:
    concept = finding.concept or finding.rule
    rule: dict[str, Any] = {
        "id": finding.rule,
        "name": concept,
        "shortDescription": {"text": f"Non-recommended term for '{concept}'"},
        "fullDescription": {"text": finding.message},
        "help": {"text": finding.message + (f" (source: {finding.source})"
                                            if finding.source else "")},
        "defaultConfiguration": {"level": LEVEL[finding.severity]},
    }
    if finding.source:
        properties: dict[str, str] = {"source": finding.source}
        record = _RECORD.search(finding.source)
        if record:
            properties["record"] = record.group(1)
        rule["properties"] = properties
        link = help_uri(finding.source)
        if link is not None:
            rule["helpUri"] = link
    return rule


#: A term bank record named in a source: ``… (record STM-SOTE2021)``.
_RECORD = re.compile(r"\brecord\s+([^\s()]+)")


def help_uri(source: str) -> str | None:
    """The absolute http(s) URL a source begins with, or ``None``: only such a URL is a
    ``helpUri`` (SARIF §3.49.12; GitHub refuses anything else)."""
    first = source.split(maxsplit=1)[0] if source.strip() else ""
    try:
        parts = urlsplit(first)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return quote(first, safe=":/?#[]@!$&'()*+,;=-._~%")


def sarif_log(report: Report) -> dict[str, Any]:
    rules: dict[str, dict[str, Any]] = {}
    for f in report.findings:
        rules.setdefault(f.rule, _rule(f))
    index = {rule_id: i for i, rule_id in enumerate(rules)}
    results = []
    for f in report.findings:
        result: dict[str, Any] = {
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": LEVEL[f.severity],
            "message": {"text": f.message + (f"; suggestion: {f.suggestions[0]}"
                                              if f.suggestions else "")},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": uri(f.path)},
                "region": {"startLine": f.line, "startColumn": f.column,
                           "endLine": f.end_line, "endColumn": f.end_column,
                           "charOffset": f.offset, "charLength": f.end_offset - f.offset,
                           "snippet": {"text": f.text}},
            }}],
            "properties": {"severity": str(f.severity), "confidence": f.confidence,
                           "suggestions": list(f.suggestions)},
        }
        if f.key is not None:
            result["locations"][0]["logicalLocations"] = [
                {"fullyQualifiedName": f.key, "kind": "member"}]
        fix = _fix(report, f)
        if fix is not None:
            result["fixes"] = [fix]
        results.append(result)
    notifications = [{"level": "error", "message": {"text": e.message},
                      "locations": [{"physicalLocation": {"artifactLocation": {
                          "uri": uri(e.path)}}}]} for e in report.errors]
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "termlint", "version": __version__,
                            "rules": list(rules.values())}},
        "columnKind": "unicodeCodePoints",
        "results": results,
        "invocations": [{"executionSuccessful": not report.errors,
                         "toolExecutionNotifications": notifications}],
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render(report: Report, out: TextIO) -> None:
    out.write(json_safe(json.dumps(sarif_log(report), ensure_ascii=False, indent=2)) + "\n")
