""""Disable for this line": the edit that writes a format's own suppression directive.

Each format reads directives from its own comments (:mod:`termlint.suppress`): an HTML
comment in Markdown, HTML and XML, ``#`` in PO, YAML and ``.properties``, ``//`` in
``.strings``, a line naming ``termlint:`` in plain text. JSON has no comments, so a JSON
finding gets no such action (``ignore-keys`` in ``.termlint.yaml`` is the way there).

Where a comment may go depends on more than the format (a line inside a YAML block scalar
or a ``.properties`` continuation is text, not a place for a comment), so each candidate
place is *tried*: the edited text is read again with the same reader, and the edit is
offered only when every text segment shows the same words as before (a comment is masked
where a format lints the file in place) and the directive silences the finding. A
candidate that fails is never offered; the next one is tried.
"""

from __future__ import annotations

from dataclasses import replace

from termlint.lint import LineIndex
from termlint.model import Edit, Finding, Segment
from termlint.sources import Document, Source, SourceError
from termlint.suppress import suppress

__all__ = ["disable_line_edit"]

_HTML = ("markdown", "html", "xml", "android", "xliff", "stringsdict")


def _line_of(text: str, offset: int) -> tuple[int, int, str]:
    """Start and content end of the line holding ``offset``, and its line break."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    end = len(text) if end < 0 else end
    content_end = end - 1 if end > start and text[end - 1] == "\r" else end
    return start, content_end, text[content_end:end + 1] if end < len(text) else ""


def _entry_start(text: str, line_start: int) -> int:
    """The start of the PO entry holding the line at ``line_start`` (after the blank line
    before it): a comment inside an entry, between ``msgid`` and ``msgstr``, is no PO."""
    start = line_start
    while start > 0:
        previous = text.rfind("\n", 0, start - 1) + 1
        if not text[previous:start].strip():
            break
        start = previous
    return start


def _candidates(doc: Document, finding: Finding) -> list[Edit]:
    text = doc.text
    start, end, newline = _line_of(text, finding.offset)
    newline = newline or ("\r\n" if "\r\n" in text else "\n")
    line = text[start:end]
    indent = line[: len(line) - len(line.lstrip())]
    rule = finding.rule

    def above(at: int, comment: str) -> Edit:
        return Edit(at, at, f"{indent}{comment}{newline}")

    fmt = doc.format
    if fmt in _HTML:
        return [Edit(end, end, f" <!-- termlint: disable-line {rule} -->"),
                above(start, f"<!-- termlint: disable-next-line {rule} -->")]
    if fmt == "po":
        at = _entry_start(text, start)
        return [Edit(at, at, f"# termlint: disable-next-line {rule}{newline}")]
    if fmt in ("yaml", "properties"):
        found = [above(start, f"# termlint: disable-next-line {rule}")]
        if fmt == "yaml":
            found.append(Edit(end, end, f" # termlint: disable-line {rule}"))
        return found
    if fmt == "strings":
        return [above(start, f"// termlint: disable-next-line {rule}")]
    if fmt == "text":
        return [above(start, f"termlint: disable-next-line {rule}")]
    return []


def _moved(finding: Finding, edit: Edit, text: str) -> Finding:
    """``finding`` where it lies once ``edit`` (an insertion) is made in ``text``."""
    shift = len(edit.replacement) if edit.start <= finding.offset else 0
    index = LineIndex(text)
    line, column = index.position(finding.offset + shift)
    end_line, end_column = index.position(finding.end_offset + shift)
    return replace(finding, offset=finding.offset + shift, end_offset=finding.end_offset + shift,
                   line=line, column=column, end_line=end_line, end_column=end_column)


def _words(segment: Segment) -> tuple[str | None, str]:
    """A segment's key and the words a reader shows of it: masked ranges (a comment in a
    Markdown file, which is one segment) cut out, white space collapsed."""
    text, kept, done = segment.text, [], 0
    for start, end in sorted(segment.masks):
        kept.append(text[done:start])
        done = max(done, end)
    kept.append(text[done:])
    return segment.key, " ".join("".join(kept).split())


def _works(doc: Document, source: Source, finding: Finding, edit: Edit) -> bool:
    new_text = doc.text[: edit.start] + edit.replacement + doc.text[edit.end :]
    try:
        again = source.read(doc.path, new_text.encode("utf-8", "surrogatepass"))
    except SourceError:
        return False
    # Plain text has no comments: there the directive line is text.
    if doc.format != "text" and \
            [_words(s) for s in again.segments] != [_words(s) for s in doc.segments]:
        return False
    kept, _ = suppress(again, [_moved(finding, edit, new_text)])
    return not kept


def disable_line_edit(doc: Document, source: Source, finding: Finding) -> Edit | None:
    """The insertion that silences ``finding`` with a directive in the file's own comment
    syntax, or None when the format has none or no candidate place reads back unchanged."""
    for edit in _candidates(doc, finding):
        if _works(doc, source, finding, edit):
            return edit
    return None
