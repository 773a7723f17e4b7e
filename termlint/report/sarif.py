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
from collections.abc import Iterator
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


class _Positions:
    """1-based line and code-point column of file offsets, file by file.

    Counting the newlines from the start of the file for every fix made a SARIF log of one
    long line quadratic (a 1.3 MB line with 30,000 findings: 33 s against 8.8 s at half the
    size). Findings come sorted by offset, so a cursor per file counts only the text
    between one offset and the next (as ``termlint.lint.LineIndex`` does, which the report
    layer may not import)."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.cursors: dict[str, list[int]] = {}  # path: [offset, line, line start]

    def __call__(self, finding: Finding, offset: int) -> tuple[int, int] | None:
        """From the file text or, inside the finding's own span, from the finding."""
        text = self.report.texts.get(finding.path)
        if text is not None and 0 <= offset <= len(text):
            cursor = self.cursors.setdefault(finding.path, [0, 1, 0])
            if offset < cursor[0]:
                cursor[:] = [0, 1, 0]
            newlines = text.count("\n", cursor[0], offset)
            if newlines:
                cursor[1] += newlines
                cursor[2] = text.rfind("\n", cursor[0], offset) + 1
            cursor[0] = offset
            return cursor[1], offset - cursor[2] + 1
        if finding.offset <= offset <= finding.end_offset:
            before = finding.text[: offset - finding.offset]
            if "\n" not in before:
                return finding.line, finding.column + len(before)
            return finding.line + before.count("\n"), len(before) - before.rfind("\n")
        return None


def _region(position: _Positions, finding: Finding, edit: Edit) -> dict[str, int] | None:
    start = position(finding, edit.start)
    end = position(finding, edit.end)
    if start is None or end is None:
        return None
    return {"startLine": start[0], "startColumn": start[1], "endLine": end[0],
            "endColumn": end[1]}


def _fix(position: _Positions, finding: Finding) -> dict[str, Any] | None:
    if not finding.verified or not finding.edits or not finding.suggestions:
        return None
    replacements = []
    for edit in finding.edits:
        region = _region(position, finding, edit)
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


def _rules(report: Report) -> dict[str, dict[str, Any]]:
    rules: dict[str, dict[str, Any]] = {}
    for f in report.findings:
        rules.setdefault(f.rule, _rule(f))
    return rules


def _results(report: Report, rules: dict[str, dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """The results one at a time, so that a writer need hold only one (a log of 60,000
    results built whole peaked near 1 GiB)."""
    index = {rule_id: i for i, rule_id in enumerate(rules)}
    position = _Positions(report)
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
        fix = _fix(position, f)
        if fix is not None:
            result["fixes"] = [fix]
        yield result


def _log(report: Report, rules: dict[str, dict[str, Any]], results: Any) -> dict[str, Any]:
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


def sarif_log(report: Report) -> dict[str, Any]:
    """The whole log as one object (for tests and callers that want the data); ``render``
    writes the same log without holding it."""
    rules = _rules(report)
    return _log(report, rules, list(_results(report, rules)))


#: One encoder for every result: ``json.dumps`` with options builds a new encoder per call.
#: Without ``indent`` it is json's C encoder; with it, the pure-Python one.
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
#: Where the results go in the indented log: the placeholder ``null`` is the run's
#: ``results``; a ``null`` of the file's own data is never followed by this.
_HOLE = 'null,\n      "invocations": '


def render(report: Report, out: TextIO) -> None:
    """The log with its small parts (rules, notifications) indented as before and each
    result on a line of its own, encoded and written one at a time by the C encoder:
    memory stays that of one result, however many there are."""
    rules = _rules(report)
    # A file name that is not UTF-8 holds lone surrogates: shown as ``\\xNN`` text.
    frame = json_safe(json.dumps(_log(report, rules, None), ensure_ascii=False, indent=2))
    head, hole, tail = frame.partition(_HOLE)
    assert hole, "the results placeholder is missing from the SARIF frame"
    out.write(head)
    separator = "[\n        "
    for result in _results(report, rules):
        out.write(separator)
        out.write(json_safe(_ENCODE(result)))
        separator = ",\n        "
    out.write("[]" if separator.startswith("[") else "\n      ]")
    out.write(',\n      "invocations": ' + tail + "\n")
