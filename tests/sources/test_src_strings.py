from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from srchelpers import by_key, check_positions, fixture, read, roundtrip, span_text

from termlint.sources.base import SourceError
from termlint.sources.strings import StringsSource

SRC = StringsSource()


@pytest.mark.parametrize("name", ["strings/Localizable.strings", "strings/utf8.strings"])
def test_values(name: str) -> None:
    doc = read(SRC, name, "App/fi.lproj/Localizable.strings")
    check_positions(doc)
    assert doc.language == "fi"
    title = by_key(doc, "home.title")
    assert title.text == "Sähköinen asiointi"
    assert span_text(doc, title, "Sähköinen") == "S\\U00e4hk\\U00f6inen"
    assert by_key(doc, "button.send").text == 'Lähetä "viesti"\nnyt'
    welcome = by_key(doc, "welcome")
    assert [welcome.text[a:b] for a, b in welcome.masks] == ["%@", "%d"]
    assert by_key(doc, "soft").text == "sosiaali\u00adpalvelut"
    assert [c.text for c in doc.comments] == ["/* Etusivu */", "// Painike"]


def test_utf16_bom_crlf_roundtrip() -> None:
    raw = fixture("strings/Localizable.strings")
    doc = SRC.read("fi.lproj/Localizable.strings", raw)
    assert doc.encoding == "utf-16-le" and doc.bom == b"\xff\xfe"
    _, out = roundtrip(SRC, "fi.strings", raw, "button.send", "viesti", 'ä"\n')
    assert out.startswith(b"\xff\xfe")
    assert '\\"'.encode("utf-16-le") in out
    roundtrip(SRC, "fi.strings", raw, "home.title", "Sähköinen", "Digitaalinen")


@pytest.mark.parametrize(
    ("text", "line"),
    [('"a" = "b"\n"c" = "d";\n', 2), ('"a" = "b;\n', 1), ('"a" "b";', 1), ("/* a", 1)],
)
def test_malformed(text: str, line: int) -> None:
    with pytest.raises(SourceError) as err:
        SRC.read("fi.strings", text.encode())
    assert err.value.line == line


def _quote(value: str) -> str:
    table = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}
    return "".join(
        table.get(c) or (c if c >= " " and c.isprintable() else f"\\U{ord(c):04X}")
        if ord(c) <= 0xFFFF
        else c
        for c in value
    )


@settings(max_examples=150, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=60), st.booleans())
def test_property_any_string(value: str, utf16: bool) -> None:
    text = f'/* k */\n"k" = "{_quote(value)}";\n'
    raw = b"\xff\xfe" + text.encode("utf-16-le") if utf16 else text.encode()
    doc = SRC.read("fi.strings", raw)
    assert by_key(doc, "k").text == value
    check_positions(doc)
    roundtrip(SRC, "fi.strings", raw, "k", value[0], "ä\\\"")
