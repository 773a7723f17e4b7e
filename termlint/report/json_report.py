"""The stable JSON report (``--format json``), version 1; its shape is documented in the README."""

from __future__ import annotations

import json
from collections.abc import Iterable
from itertools import islice
from typing import Any, TextIO

from termlint.model import Finding
from termlint.report import Report
from termlint.report.escape import json_safe

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
        # Added within version 1: one flag per suggestion, true for the one --fix applies
        # (only the first, and only when the finding is fixable; see engine/fixability.py).
        "suggestion_is_fix": [f.verified and i == 0 for i in range(len(f.suggestions))],
    }


#: One encoder for every line: ``json.dumps`` with options builds a new encoder per call.
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


#: Findings encoded per call of the C encoder: big enough that the calls cost nothing,
#: small enough that memory is that of one batch, not of the whole report.
BATCH = 1000


def _write_lines(items: Iterable[dict[str, Any]], out: TextIO) -> None:
    """A JSON array of ``items``, one a line, written a batch at a time."""
    separator = "[\n  "
    it = iter(items)
    while batch := list(islice(it, BATCH)):
        for line in _encoded(batch):
            out.write(separator)
            # A file name that is not UTF-8 holds lone surrogates: shown as ``\\xNN`` text.
            out.write(json_safe(line))
            separator = ",\n  "
    out.write("[]" if separator.startswith("[") else "\n ]")


def _encoded(items: list[dict[str, Any]]) -> list[str]:
    """Each item as JSON, from one call of the C encoder for the whole list.

    The items are dicts whose first key is the same, so each but the first begins with
    ``, {"KEY":`` in the list's encoding; that cannot occur inside a string, where a quote is
    escaped. Should the pieces not come out one per item, each is encoded on its own."""
    first = next(iter(items[0]), None)
    if first is None or any(next(iter(i), None) != first for i in items):
        return [_ENCODE(i) for i in items]
    marker = "}, {" + _ENCODE(first) + ": "
    pieces = _ENCODE(items)[2:-2].split(marker)
    if len(pieces) != len(items):
        return [_ENCODE(i) for i in items]
    head = _ENCODE(first) + ": "
    return ["{" + (piece if index == 0 else head + piece) + "}"
            for index, piece in enumerate(pieces)]


def render(report: Report, out: TextIO) -> None:
    """One finding per line: readable in a diff, and written by json's C encoder (an indented
    dump goes through the pure-Python one, several times slower on large reports)."""
    summary = {
        "files": report.files,
        "findings": len(report.findings),
        "errors": len(report.errors),
        "fixed": len(report.fixed),
    }
    out.write(f'{{"version": {VERSION},\n "findings": ')
    _write_lines((finding_dict(f) for f in report.findings), out)
    out.write(',\n "errors": ')
    _write_lines(({"path": e.path, "message": e.message} for e in report.errors), out)
    out.write(f',\n "summary": {json.dumps(summary)}}}\n')
