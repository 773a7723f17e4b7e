from __future__ import annotations

import bisect

import pytest
from srchelpers import read

from termlint.sources import source_for
from termlint.sources.base import Document
from termlint.sources.language import detect_language
from termlint.sources.markdown import MarkdownSource
from termlint.sources.masking import find_masks


def _visible(text: str) -> str:
    out = list(text)
    for a, b in find_masks(text):
        out[a:b] = ["\0"] * (b - a)
    return "".join(out)


@pytest.mark.parametrize(
    ("text", "visible"),
    [
        ("Hei {name}!", "Hei \0\0\0\0\0\0!"),
        ("%1$s ja %d sekä %@", "\0\0\0\0 ja \0\0 sekä \0\0"),
        ("50 % asiakkaista", "50 % asiakkaista"),
        ("Hei %(nimi)s", "Hei \0\0\0\0\0\0\0\0"),
        ("$t(a.b) ok", "\0\0\0\0\0\0\0 ok"),
        ("Katso www.thl.fi.", "Katso \0\0\0\0\0\0\0\0\0\0."),
        ("kirjaamo@thl.fi", "\0" * 15),
        ("<b>x</b>&amp;", "\0\0\0x\0\0\0\0\0\0\0\0\0"),
        ("{n, select, a {A} other {B}}", "\0" * 15 + "A" + "\0" * 9 + "B\0\0"),
    ],
)
def test_masks(text: str, visible: str) -> None:
    assert _visible(text) == visible


@pytest.mark.parametrize(
    ("path", "language"),
    [
        ("locales/fi/common.json", "fi"),
        ("src/i18n/sv-FI.json", "sv"),
        ("app/res/values-fi/strings.xml", "fi"),
        ("app/res/values-b+sv+FI/strings.xml", "sv"),
        ("app/res/values/strings.xml", None),
        ("App/fi.lproj/Localizable.strings", "fi"),
        ("messages_fi.properties", "fi"),
        ("Bundle_sv_FI.properties", "sv"),
        ("translations/messages.fi.xlf", "fi"),
        ("locale/en_GB/LC_MESSAGES/app.po", "en"),
        ("src/user_id.json", None),
        ("tests/it/data.json", None),
        ("docs/ohje.md", None),
    ],
)
def test_language_from_path(path: str, language: str | None) -> None:
    assert detect_language(path, Document(path=path, text="", format="x")) == language


def test_declared_language_wins() -> None:
    doc = Document(path="fi.json", text="", format="json", language="sv_FI")
    assert detect_language("fi.json", doc) == "sv"


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("a/fi.json", "json"),
        ("a/app_fi.arb", "arb"),
        ("a/fi.yml", "yaml"),
        ("a/fi.po", "po"),
        ("a/x.pot", "po"),
        ("a/x_fi.properties", "properties"),
        ("a/fi.lproj/L.strings", "strings"),
        ("a/fi.lproj/L.stringsdict", "stringsdict"),
        ("res/values-fi/strings.xml", "android"),
        ("a/m.fi.xlf", "xliff"),
        ("a/other.xml", "xml"),
        ("a/i.html", "html"),
        ("a/README.md", "markdown"),
        ("a/notes.txt", "text"),
    ],
)
def test_registry(path: str, name: str) -> None:
    source = source_for(path)
    assert source is not None and source.name == name


def test_markdown() -> None:
    doc = read(MarkdownSource(), "markdown/ohje.md", "docs/fi/ohje.md")
    assert doc.language == "fi"
    seg = doc.segments[0]
    visible = list(seg.text)
    for a, b in seg.masks:
        visible[a:b] = ["\0"] * (b - a)
    shown = "".join(visible)
    assert "Sähköinen asiointi" in shown
    assert "sosiaalitoimi" not in shown
    assert "asiakas_id" not in shown
    assert "Hoida asiat [verkossa" in shown
    assert [c.text for c in doc.comments] == ["<!-- termlint-disable -->"]


def test_each_mask_expression_runs_only_where_its_characters_are() -> None:
    """The masks of a text are those of every expression run on it: skipping the expressions
    whose characters a text lacks loses nothing."""
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from termlint.sources import masking

    pieces = ["{{n}}", "$t(a)", "${x}", "%{y}", "%<n>s", "%#@v@", "%(n)s", "%1$s", "%%", "{0}",
              "{count, number}", "<b>", "</i>", "<!-- c -->", "&amp;", "&#228;", "https://a.fi",
              "www.thl.fi", "mailto:a@b.fi", "a@b.fi", "Huom:", "w", " ", "sähköinen", "{", "%",
              "<", "&", "@", ":", "$"]

    def everything(text: str) -> tuple[tuple[int, int], ...]:
        spans = [m.span() for _, pattern in masking._PATTERNS for m in pattern.finditer(text)
                 if pattern is not masking._BRACE]
        spans += [m.span() for m in masking._BRACE.finditer(text)]
        masking._comments(text, spans)  # comments are found apart, by str.find
        return masking.merge(spans)

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.sampled_from(pieces), max_size=12).map("".join))
    def check(text: str) -> None:
        if "{" in text and re.search(r",\s*(plural|select)", text):
            return  # ICU branches are masked apart
        assert find_masks(text) == everything(text)

    check()
    for needs, pattern in masking._PATTERNS:
        assert set(needs) <= set(masking._TRIGGERS), pattern.pattern


def test_segment_builder_keeps_offsets_only_for_escaped_values() -> None:
    from termlint.sources._segments import SegmentBuilder

    text = 'x"Käytä \\"sähköisiä\\" palveluja"'
    plain = SegmentBuilder()
    plain.verbatim(text, 2, 8)
    plain.verbatim(text, 8, 9)
    assert len(plain) == 7 and plain.build(9).offsets is None
    assert plain.build(9).start == 2
    escaped = SegmentBuilder()
    escaped.verbatim(text, 2, 8)
    escaped.char('"', 8)
    escaped.verbatim(text, 10, 19)
    segment = escaped.build(19)
    assert segment.text == 'Käytä "sähköisiä'
    assert segment.offsets == (2, 3, 4, 5, 6, 7, 8, *range(10, 19), 19)
    assert escaped.chars == list(segment.text) and escaped.offsets == list(segment.offsets[:-1])
    empty = SegmentBuilder().build(5)
    assert (empty.text, empty.start, empty.offsets) == ("", 5, None)
    # A value whose text ends before the value does (a dropped trailing escape) has offsets.
    cut = SegmentBuilder()
    cut.verbatim(text, 2, 8)
    assert cut.build(10).offsets == (2, 3, 4, 5, 6, 7, 10)


def test_offsets_are_runs_with_the_table_semantics() -> None:
    """:class:`Offsets` keeps one run per stretch of consecutive file offsets, whatever the
    pieces were, and behaves as the tuple of every offset (equality, hashing, pickling)."""
    import pickle

    from termlint.model import Offsets

    lines = Offsets([2, 8, 12, 13], [6, 1, 1, 4], 17)  # 2..7 8 | 12 13..16 17
    assert lines.runs == 2 and len(lines) == 13
    assert tuple(lines) == (2, 3, 4, 5, 6, 7, 8, 12, 13, 14, 15, 16, 17)
    assert lines == Offsets.of(tuple(lines)) and hash(lines) == hash(Offsets.of(list(lines)))
    assert lines != Offsets.of([*lines[:-1], 18]) and lines != (2, 3)
    assert pickle.loads(pickle.dumps(lines)) == lines
    assert tuple(Offsets.of([5])) == (5,) and Offsets([], [], 5)[0] == 5
    with pytest.raises(IndexError):
        lines[13]
    with pytest.raises(ValueError):
        Offsets.of([])


def test_segment_builder_equals_a_character_by_character_reference() -> None:
    """Whatever mix of verbatim runs and decoded characters a reader adds, the segment is the
    one a character-by-character builder makes (the per-character table, or none when every
    character sits where the one before it ended)."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from termlint.sources._segments import SegmentBuilder

    source = "sähköinen\\npalvelu {n} <b>x</b>" * 2
    step = st.one_of(
        st.tuples(st.just("verbatim"), st.integers(0, len(source)), st.integers(0, 6)),
        st.tuples(st.just("char"), st.integers(0, len(source) - 1), st.integers(1, 6)))

    @settings(max_examples=300, deadline=None)
    @given(st.lists(step, max_size=8), st.integers(0, 3))
    def check(steps: list[tuple[str, int, int]], gap: int) -> None:
        built, chars, offsets = SegmentBuilder(), [], []
        for kind, at, size in steps:
            if kind == "verbatim":
                end = min(len(source), at + size)
                built.verbatim(source, at, end)
                chars.extend(source[at:end])
                offsets.extend(range(at, end))
            else:  # an escape of ``size`` file characters decoded to one character
                built.char("ä", at)
                chars.append("ä")
                offsets.append(at)
        end = (offsets[-1] + 1 if offsets else 0) + gap
        text = "".join(chars)
        every = [*offsets, end]
        verbatim = all(o == every[0] + i for i, o in enumerate(every))
        segment = built.build(end)
        assert segment.text == text and len(built) == len(text)
        assert segment.start == every[0]
        assert segment.offsets == (None if verbatim else tuple(every))
        assert built.chars == chars and built.offsets == offsets
        if segment.offsets is not None:  # the runs read back entry by entry, as the table did
            table = segment.offsets
            assert [table[i] for i in range(len(every))] == every == list(table)
            assert [table[-i] for i in range(1, len(every) + 1)] == every[::-1]
            assert table[1:-1] == tuple(every[1:-1])
            for offset in range(-1, len(source) + gap + 2):
                assert bisect.bisect_left(table, offset) == bisect.bisect_left(every, offset)

    check()
