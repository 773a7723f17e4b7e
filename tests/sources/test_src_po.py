from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from srchelpers import by_key, check_positions, fixture, read, roundtrip, span_text

from termlint.sources.base import SourceError
from termlint.sources.po import PoSource

SRC = PoSource()


def test_msgstr_keys_language_positions() -> None:
    doc = read(SRC, "po/fi.po", "locale/xx/LC_MESSAGES/app.po")
    check_positions(doc)
    assert doc.language == "fi"  # the header wins over the path
    assert [s.key for s in doc.segments] == [
        "Electronic services",
        "Hello %(name)s",
        "button|Send",
        "Long text",
        "One file[0]",
        "One file[1]",
    ]
    assert {s.language for s in doc.segments} == {"fi"}
    assert by_key(doc, "Electronic services").text == "Sähköinen asiointi"
    hello = by_key(doc, "Hello %(name)s")
    assert hello.text == 'Hei %(name)s, tervetuloa "omaan" asiointiin'
    assert hello.masks == ((4, 12),)
    assert span_text(doc, hello, '"omaan"') == '\\"omaan\\"'
    long = by_key(doc, "Long text")
    assert long.text == "Ensimmäinen rivi\ntoinen rivi, jossa sosiaali- ja terveyspalvelut"
    assert span_text(doc, long, "terveyspalvelut") == "terveyspalvelut"
    assert span_text(doc, long, "Ensimmäinen rivi") == "Ensimmäinen rivi"
    # a match across the concatenation covers the quotes and the line break in between
    assert span_text(doc, long, "sosiaali- ja") == 'sosiaali- "\n"ja'
    assert [c.text for c in doc.comments][:3] == [
        "# Suomenkielinen käännös.",
        "#",
        "# Kääntäjän kommentti: termlint-disable",
    ]


def test_matches_polib() -> None:
    import polib
    catalogue = polib.pofile(fixture("po/fi.po").decode())
    doc = read(SRC, "po/fi.po")
    expected = []
    for entry in catalogue:
        if entry.obsolete:
            continue
        if entry.msgstr:
            expected.append(entry.msgstr)
        for _, value in sorted(entry.msgstr_plural.items()):
            expected.append(value)
    assert [s.text for s in doc.segments] == expected


def test_template_lints_msgid() -> None:
    doc = read(SRC, "po/app.pot")
    assert [(s.key, s.text) for s in doc.segments] == [
        ("Sähköinen asiointi", "Sähköinen asiointi"),
        ("Yksi hakemus", "Yksi hakemus"),
        ("Yksi hakemus[plural]", "%d hakemusta"),
    ]


def test_finnish_source_language_lints_msgid() -> None:
    raw = (
        'msgid ""\nmsgstr "Language: sv\\n"\n"X-Source-Language: fi\\n"\n\n'
        'msgid "Hakemus"\nmsgstr "Ansökan"\n'
    ).encode()
    doc = SRC.read("sv.po", raw)
    assert [(s.text, s.language) for s in doc.segments] == [("Hakemus", "fi"), ("Ansökan", "sv")]


def test_roundtrip() -> None:
    raw = fixture("po/fi.po")
    _, out = roundtrip(SRC, "fi.po", raw, "Long text", "terveyspalvelut", 'sote-"palvelut"')
    assert b'sote-\\"palvelut\\"' in out
    roundtrip(SRC, "fi.po", raw, "One file[1]", "liitettä", "tiedostoa")
    crlf = raw.replace(b"\n", b"\r\n")
    roundtrip(SRC, "fi.po", crlf, "Electronic services", "Sähköinen", "Digitaalinen")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('msgid "a"\nmsgstr "b\n', 2),
        ('msgid "a"\nmsgstring "b"\n', 2),
        ('msgid "a"\nmsgstr "b" x\n', 2),
        ('"orpo"\n', 1),
        ('msgid "a"\nmsgstr "\\q"\n', 2),
        ('msgstr "a"\n', 1),
    ],
)
def test_malformed(text: str, line: int) -> None:
    with pytest.raises(SourceError) as err:
        SRC.read("fi.po", text.encode())
    assert err.value.line == line


def _po_string(value: str, width: int) -> str:
    """Minimal PO serializer: escape, then wrap into ``"..."`` lines of ``width`` tokens."""
    table = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}
    tokens = [table.get(c, c) if c >= " " or c in table else f"\\{ord(c):03o}" for c in value]
    lines = ["".join(tokens[i : i + width]) for i in range(0, len(tokens), width)]
    return "\n".join(f'"{line}"' for line in lines or [""])


@settings(max_examples=150, deadline=None)
@given(
    st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=60),
    st.integers(1, 20),
)
def test_property_any_string(value: str, width: int) -> None:
    raw = f'msgid "k"\nmsgstr {_po_string(value, width)}\n'.encode()
    doc = SRC.read("fi.po", raw)
    assert by_key(doc, "k").text == value
    check_positions(doc)
    roundtrip(SRC, "fi.po", raw, "k", value[0], "ä\n\"")
