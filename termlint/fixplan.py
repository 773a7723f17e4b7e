"""The fixes ``--fix`` would write, one per finding, for reports that carry fixes to a tool that
applies them itself (reviewdog's rdjson suggestions).

Such a tool splices each suggestion into the file by position, so a suggestion must be the very
change ``--fix`` makes, or a reviewer who commits every suggestion gets a different file from
one who runs ``--fix``. This module therefore goes through the same steps as ``--fix`` and
writes nothing:

* the same plan (:func:`termlint.fix.plan_edits`): only verified findings, conflicts resolved
  the same way, an edit two findings ask for taken once;
* the same escaping (:func:`termlint.fix.escaped_edits`): the suggestion holds the file text
  ``--fix`` writes, not the value a reader sees;
* the same check (:func:`termlint.fix.verify`): when ``--fix`` would refuse the file because
  the result would not read back as intended, no finding of that file gets a fix.

Each finding's edits become one fix spanning them, with the original text between them kept:
reviewdog shows each suggestion of a diagnostic as an alternative, so the edits of one phrase
(*sähköisiä ja turvallisia palveluja*, two words changed) must travel together.
"""

from __future__ import annotations

from collections.abc import Sequence

from termlint.fix import (
    FixError,
    escaped_edits,
    expected_segments,
    plan_edits,
    render,
    verify,
)
from termlint.model import Edit, Finding, WrittenFix
from termlint.sources.base import Document, Source


def written_fixes(doc: Document, source: Source,
                  findings: Sequence[Finding]) -> dict[Finding, WrittenFix]:
    """For each finding of ``doc`` that ``--fix`` would apply, the change it writes.

    A finding whose edits were all taken by findings before it (two vocabularies asking for
    the same change) gets none, so that applying every fix returned gives exactly the file
    ``--fix`` writes. Nothing is returned for a file ``--fix`` would refuse.
    """
    try:
        edits = plan_edits(doc, findings)
        if not edits:
            return {}
        written = escaped_edits(doc, source, edits)
        new_text = "".join(_spliced(doc.text, written, 0, len(doc.text)))
        verify(source, doc.path, render(doc, new_text), expected_segments(doc, edits, source))
    except FixError:
        return {}
    as_written = {(e.start, e.end): e for e in written}
    planned = set(edits)
    claimed: set[Edit] = set()
    out: dict[Finding, WrittenFix] = {}
    # The order plan_edits takes findings in, so the finding it credits with an edit is the
    # one that carries it here.
    for finding in sorted((f for f in findings if f.verified and f.edits),
                          key=lambda f: (min(e.start for e in f.edits), f.sort_key)):
        if not set(finding.edits) <= planned:
            continue
        own = sorted((e for e in set(finding.edits) if e not in claimed),
                     key=lambda e: (e.start, e.end))
        if not own:
            continue
        claimed.update(own)
        start, end = own[0].start, max(e.end for e in own)
        pieces = [as_written[(e.start, e.end)] for e in own]
        out[finding] = WrittenFix(start, end, "".join(_spliced(doc.text, pieces, start, end)))
    return out


def _spliced(text: str, edits: Sequence[Edit], start: int, end: int) -> list[str]:
    """``text[start:end]`` in pieces, with the (sorted, disjoint, already escaped) edits in."""
    pieces: list[str] = []
    done = start
    for edit in edits:
        pieces += (text[done : edit.start], edit.replacement)
        done = edit.end
    pieces.append(text[done:end])
    return pieces
