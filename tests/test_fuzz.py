"""Property tests over every file format, the fixer and the engine (hypothesis, modest counts).

* A value written into a file with the format's own ``escape`` either is refused
  (``ValueError``) or reads back exactly; written again over itself it changes nothing.
* ``apply_to_file`` either refuses (``FixError``) or produces bytes whose segments read exactly
  as the edits intended, whatever the replacement.
* A damaged file makes ``parse`` raise ``SourceError`` and nothing else, and every segment
  character maps to a non-empty, ascending span inside the file text.
* ``lint_text`` never raises on any text (combining marks, right-to-left text, lone
  surrogates) and every finding's span cuts exactly its text from the input.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from termlint.engine import Engine
from termlint.fix import FixError, apply_edits, apply_to_file
from termlint.model import Edit, Finding, Segment, Severity
from termlint.sources import source_for
from termlint.sources.base import Document, Source, SourceError

P = "PLACEHOLDER"
#: format → (file name, file text with ``P`` in the middle of one value)
FORMATS: dict[str, tuple[str, str]] = {
    "json": ("fi.json", '{"k": "alku PLACEHOLDER loppu", "z": "x"}\n'),
    "json-ascii": ("fi.json", '{"k": "alku PLACEHOLDER loppu", "z": "\\u00e4"}\n'),
    "arb": ("app_fi.arb", '{"@@locale": "fi", "k": "alku PLACEHOLDER loppu", "@k": {}}\n'),
    "yaml-double": ("fi.yml", 'fi:\n  k: "alku PLACEHOLDER loppu"\n'),
    "yaml-single": ("fi.yml", "fi:\n  k: 'alku PLACEHOLDER loppu'\n"),
    "yaml-plain": ("fi.yml", "fi:\n  k: alku PLACEHOLDER loppu\n"),
    "yaml-flow": ("fi.yml", "k: [alku PLACEHOLDER loppu, b]\n"),
    "yaml-literal": ("fi.yml", "k: |\n  alku PLACEHOLDER loppu\nz: x\n"),
    "yaml-folded": ("fi.yml", "k: >\n  alku PLACEHOLDER loppu\nz: x\n"),
    "po": ("fi.po", 'msgid "a"\nmsgstr "alku PLACEHOLDER loppu"\n'),
    "properties": ("messages_fi.properties", "k = alku PLACEHOLDER loppu\n"),
    "properties-latin1": ("messages_fi.properties", "k = alku PLACEHOLDER loppu \xe4\n"),
    "strings": ("fi.strings", '"k" = "alku PLACEHOLDER loppu";\n'),
    "android": ("res/values-fi/strings.xml",
                '<resources><string name="k">alku PLACEHOLDER loppu</string></resources>'),
    "android-quoted": ("res/values-fi/strings.xml",
                       '<resources><string name="k">"alku PLACEHOLDER loppu"</string></resources>'),
    "android-cdata": ("res/values-fi/strings.xml",
                      '<resources><string name="k"><![CDATA[alku PLACEHOLDER loppu]]></string>'
                      "</resources>"),
    "xliff": ("messages.fi.xlf",
              "<xliff version='1.2'><file target-language='fi'><body><trans-unit id='k'>"
              "<target>alku PLACEHOLDER loppu</target></trans-unit></body></file></xliff>"),
    "stringsdict": ("fi.stringsdict",
                    '<?xml version="1.0"?><plist version="1.0"><dict><key>k</key><dict>'
                    "<key>NSStringLocalizedFormatKey</key><string>%#@n@</string><key>n</key>"
                    "<dict><key>NSStringFormatSpecTypeKey</key>"
                    "<string>NSStringPluralRuleType</string><key>one</key>"
                    "<string>alku PLACEHOLDER loppu</string></dict></dict></dict></plist>"),
    "html-text": ("page.html", "<p>alku PLACEHOLDER loppu</p>"),
    "html-attr": ("page.html", '<img alt="alku PLACEHOLDER loppu">'),
    "markdown": ("README.md", "# Otsikko\n\nalku PLACEHOLDER loppu\n"),
    "text": ("fi.txt", "alku PLACEHOLDER loppu\n"),
}
#: Formats whose reader normalises white space (Android collapses runs outside quotes, and a
#: carriage return is white space there): values without such runs are compared exactly.
COLLAPSING = {"android", "android-cdata"}

VALUES = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
FUZZ = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


def _encoding(fmt: str) -> str:
    return "latin-1" if fmt.endswith("latin1") else "utf-8"


def _read(fmt: str, raw: bytes) -> tuple[Source, Document]:
    name = FORMATS[fmt][0]
    source = source_for(name, raw)
    assert source is not None
    return source, source.read(name, raw)


def _placeholder(doc: Document) -> tuple[Segment, int]:
    found = [s for s in doc.segments if P in s.text]
    assert len(found) == 1, [s.text for s in doc.segments]
    return found[0], found[0].text.index(P)


def _texts(doc: Document) -> list[str]:
    return [s.text for s in doc.segments]


def _write(fmt: str, value: str) -> tuple[Source, Document, bytes, list[str]] | None:
    """Write ``value`` in place of the placeholder through ``escape``; None when refused."""
    source, doc = _read(fmt, FORMATS[fmt][1].encode(_encoding(fmt)))
    segment, at = _placeholder(doc)
    start, end = segment.exact_span(at, at + len(P), doc.text)
    try:
        escaped = source.escape(doc, segment, value)
        data = doc.encode(doc.text[:start] + escaped + doc.text[end:])
    except (ValueError, UnicodeEncodeError):
        return None
    expected = [s.text if s is not segment else
                s.text[:at] + value + s.text[at + len(P):] for s in doc.segments]
    return source, doc, data, expected


def check_positions(doc: Document) -> None:
    for segment in doc.segments:
        previous = -1
        for i in range(len(segment.text)):
            start, end = segment.file_span(i, i + 1)
            assert previous <= start < end <= len(doc.text), (segment.key, i)
            previous = end
            exact = segment.exact_span(i, i + 1, doc.text)
            assert start <= exact[0] < exact[1] <= end


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_templates_read_as_expected(fmt: str) -> None:
    _, doc = _read(fmt, FORMATS[fmt][1].encode(_encoding(fmt)))
    segment, at = _placeholder(doc)
    assert segment.text[at - 5 : at + len(P) + 6] == f"alku {P} loppu"


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@FUZZ
@given(value=VALUES)
def test_escaped_value_reads_back_and_rewrites_to_itself(fmt: str, value: str) -> None:
    if fmt in COLLAPSING and ("  " in f" {value} " or any(c.isspace() and c != " "
                                                          for c in value)):
        return
    written = _write(fmt, value)
    if written is None:
        return  # refused: the fixer skips such an edit
    source, _, data, expected = written
    try:
        _, again = _read(fmt, data)
    except SourceError as exc:
        raise AssertionError(f"escape({value!r}) broke the file: {exc.message}") from None
    assert _texts(again) == expected
    check_positions(again)
    # Nothing to fix: the text is unchanged, byte for byte.
    assert apply_edits(again, source, []) == again.text
    assert again.encode() == data
    # Written again over its own span, the unchanged value changes nothing it reads.
    segment = next(s for s in again.segments if s.text == expected[_index(expected, value)])
    at = segment.text.index("alku ") + 5
    # file_span, not exact_span: a value ending in an escaped '&' or '\\' would fool
    # exact_span's "is the last character verbatim?" test (matches end in letters, so the
    # fixer never meets that).
    start, end = segment.file_span(at, at + len(value))
    rewritten = again.text[:start] + source.escape(again, segment, value) + again.text[end:]
    assert _texts(_read(fmt, again.encode(rewritten))[1]) == expected


def _index(expected: list[str], value: str) -> int:
    return next(i for i, text in enumerate(expected) if f"alku {value} loppu" in text)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@FUZZ
@given(value=VALUES.filter(bool))
def test_fixer_writes_only_what_reads_back_as_intended(fmt: str, value: str) -> None:
    """Whatever the replacement, ``apply_to_file`` refuses or the file reads exactly as the
    edit says (this is what ``verify`` with ``expected_segments`` guarantees)."""
    source, doc = _read(fmt, FORMATS[fmt][1].encode(_encoding(fmt)))
    segment, at = _placeholder(doc)
    start, end = segment.exact_span(at, at + len(P), doc.text)
    line = doc.text.count("\n", 0, start) + 1
    finding = Finding(path=doc.path, line=line, column=1, end_line=line, end_column=2,
                      offset=start, end_offset=end, text=doc.text[start:end], rule="r",
                      severity=Severity.WARNING, message="m", suggestions=(value,),
                      verified=True, edits=(Edit(start, end, value),))
    try:
        applied, patch = apply_to_file(doc, source, [finding], write=False, diff=True)
    except FixError:
        return
    assert applied == [finding]
    # the patch is in the file's bytes; a UTF-16 file's is git's binary form, led by a note
    assert patch.startswith((b"--- a/", b"# termlint: "))
    new_text = apply_edits(doc, source, [Edit(start, end, value)])
    _, again = _read(fmt, doc.encode(new_text))
    assert _texts(again) == [s.text if s is not segment else
                             s.text[:at] + value + s.text[at + len(P):] for s in doc.segments]


# -- damaged files ---------------------------------------------------------------------------

DAMAGE = ['"', "'", "\\", "<", ">", "&", "{", "}", "[", "]", ":", "\n", "\r", "#", "\\u",
          "&#x", "<!--", "]]>", "<![CDATA[", "\t", " ", "-", "|", "*", "&a", "!", "%", "\x85",
          "\u2028", "\ufeff", "\\U", "\\x", "</]", "msgid ", "= ", "---\n", "```"]
RICH: dict[str, tuple[str, str]] = {
    **FORMATS,
    "yaml-rich": ("fi.yml", 'fi:\n  a: "x\\ty"\n  b: |\n    line\n    two\n  c: &x plain\n'
                  "  d: *x\n  e: [1, two]\n  f: >-\n    folded\n    text\n"),
    "po-rich": ("fi.po", 'msgid ""\nmsgstr "Language: fi\\n"\n\n#. c\nmsgctxt "k"\nmsgid "a"\n'
                'msgid_plural "b"\nmsgstr[0] "x\\n"\n"y"\nmsgstr[1] "z"\n'),
    "android-rich": ("res/values-fi/strings.xml",
                     '<resources><string name="a">"x" \\\' <b>y</b> <xliff:g id="n">%s</xliff:g>'
                     '</string><plurals name="p"><item quantity="one">z</item></plurals>'
                     '<string-array name="s"><item>q</item></string-array></resources>'),
    "html-rich": ("page.html", '<html lang="fi"><body><p>a <b>b</b> &amp; c</p><img alt="x">'
                  "<script>y</script><!-- c --></body></html>"),
    "markdown-rich": ("README.md", "---\ntitle: x\n---\n# a\n`code` [l](http://x) **b**\n"
                      "```\nz\n```\n<!-- c -->\n"),
}


@pytest.mark.parametrize("fmt", sorted(RICH))
@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_damaged_files_fail_cleanly(fmt: str, seed: int) -> None:
    name, template = RICH[fmt]
    rnd = random.Random(seed)
    chars = list(template)
    for _ in range(rnd.randint(1, 4)):
        at = rnd.randint(0, len(chars))
        roll = rnd.random()
        if roll < 0.35 and chars:
            del chars[at : at + rnd.randint(1, 5)]
        elif roll < 0.8:
            chars[at:at] = rnd.choice(DAMAGE)
        else:
            other = rnd.randint(0, len(chars))
            chars[at:at] = chars[other : other + rnd.randint(1, 8)]
    text = "".join(chars)
    source = source_for(name, text.encode()) or source_for(name)
    assert source is not None
    doc = Document(path=name, text=text, format=source.name)
    try:
        source.parse(doc)  # parse itself, not read(): read() would mask a crash as an error
    except SourceError as exc:
        assert "\n" not in exc.message
        return
    check_positions(doc)


def test_html_bogus_comment_does_not_repeat_text() -> None:
    """``</]b>`` is a bogus comment: 5 characters, not ``len(data) + 7``."""
    source = source_for("page.html")
    assert source is not None
    doc = source.read("page.html", b"<p>a </]b> &amp; c</p>")
    assert [s.text for s in doc.segments] == ["a </]b> & c"]
    check_positions(doc)


def test_po_line_of_unicode_space_is_an_error_not_a_crash() -> None:
    source = source_for("fi.po")
    assert source is not None
    with pytest.raises(SourceError, match="unknown keyword"):
        source.read("fi.po", 'msgid "a"\nmsgstr "b"\n\u2028\n'.encode())


def test_po_backslash_before_a_line_break_is_a_one_line_error() -> None:
    source = source_for("fi.po")
    assert source is not None
    with pytest.raises(SourceError) as caught:
        source.read("fi.po", b'msgid "a"\nmsgstr "b\\\n"\n')
    assert caught.value.message == "invalid escape \\ at the end of a line"
    assert SourceError("bad \x07 and\nmore").message == "bad \\x07 and\\nmore"


# -- the engine ------------------------------------------------------------------------------

TEXT = st.lists(
    st.one_of(
        st.sampled_from(["sähköisiä", "palveluja", "e-palveluun", "Sähköinen", "asiointi",
                         ".", ",", ";", ":", "-", "\n", " ", " ", " "]),
        st.characters(),  # anything, lone surrogates included
        st.sampled_from(["\u0301", "\u0308", "\u00ad", "\u200f", "\u202e", "خدمة", "😀", "İ"]),
    ),
    max_size=30,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(text=TEXT)
def test_lint_text_never_raises_and_spans_cut_their_text(text: str) -> None:
    import termlint

    for finding in termlint.lint_text(text):
        assert 0 <= finding.offset < finding.end_offset <= len(text)
        assert finding.text == text[finding.offset : finding.end_offset]
        before = text[: finding.offset]
        assert finding.line == before.count("\n") + 1
        assert finding.column == finding.offset - (before.rfind("\n") + 1) + 1


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT, cuts=st.lists(st.integers(0, 200), max_size=6))
def test_engine_segments_with_masks_never_raise(engine: Engine, text: str,
                                                cuts: list[int]) -> None:
    points = sorted({min(c, len(text)) for c in cuts})
    ranges = [(a, b) for a, b in zip(points[::2], points[1::2], strict=False) if a < b]
    masks, hidden = tuple(ranges[::2]), tuple(ranges[1::2])
    segment = Segment(text=text, masks=masks, hidden=hidden, language="fi")
    for match in engine.lint_segment(segment):
        assert 0 <= match.start < match.end <= len(text)
        for start, end, _ in match.replacements:
            assert match.start <= start <= end <= match.end
        assert not any(a < match.end and match.start < b for a, b in masks)
