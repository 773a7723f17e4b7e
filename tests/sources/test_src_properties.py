from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from srchelpers import by_key, check_positions, fixture, read, roundtrip, span_text

from termlint.sources.base import SourceError
from termlint.sources.properties import PropertiesSource

SRC = PropertiesSource()


def test_escapes_continuations_keys() -> None:
    path = "src/main/resources/messages_fi.properties"
    doc = read(SRC, "properties/messages_fi.properties", path)
    check_positions(doc)
    assert doc.language == "fi"
    assert doc.encoding == "utf-8"
    title = by_key(doc, "home.title")
    assert title.text == "Sähköinen asiointi"
    assert span_text(doc, title, "Sähköinen") == "S\\u00e4hk\\u00f6inen"
    long = by_key(doc, "home.long")
    assert long.text == "Ensimmäinen osa toinen osa"
    assert span_text(doc, long, "osa toinen") == "osa \\\r\n    toinen"
    spaced = by_key(doc, "key with spaces")
    assert spaced.text == "Tervetuloa {0}!"
    assert spaced.masks == ((11, 14),)
    assert by_key(doc, "empty").text == ""
    assert [c.text for c in doc.comments] == ["# Asetukset", "! toinen kommentti"]


def test_latin1() -> None:
    doc = read(SRC, "properties/latin1_fi_FI.properties", "Bundle_fi_FI.properties")
    assert doc.encoding == "iso-8859-1"
    assert doc.language == "fi"
    assert by_key(doc, "otsikko").text == "Vanhusten älypuhelin"
    assert by_key(doc, "rivi").text == "Ylärivi\tja alarivi"
    check_positions(doc)


def test_roundtrip_keeps_style() -> None:
    raw = fixture("properties/messages_fi.properties")
    _, out = roundtrip(SRC, "fi.properties", raw, "home.title", "Sähköinen", "Sähkö€")
    assert b"S\\u00e4hk\\u00f6\\u20ac" in out
    _, out = roundtrip(SRC, "fi.properties", raw, "home.long", "osa toinen", "ja")
    raw = fixture("properties/latin1_fi_FI.properties")
    _, out = roundtrip(SRC, "fi.properties", raw, "otsikko", "älypuhelin", "älylaite €")
    assert b"\xe4lylaite \\u20ac" in out


def test_malformed() -> None:
    with pytest.raises(SourceError) as err:
        SRC.read("fi.properties", b"a=b\nc=\\u00zz\n")
    assert (err.value.line, err.value.column) == (2, 3)


def _dump(value: str, encoding: str) -> str:
    """Minimal .properties serializer: Java escapes; \\uXXXX (UTF-16 units) when needed."""
    out = []
    for i, c in enumerate(value):
        if c in "\\\n\r\t\f":
            out.append({"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\f": "\\f"}[c])
        elif c == " " and i == 0:
            out.append("\\ ")
        elif not c.isprintable() or not _encodable(c, encoding):
            units = c.encode("utf-16-be")
            out.extend(
                f"\\u{int.from_bytes(units[j : j + 2], 'big'):04x}" for j in range(0, len(units), 2)
            )
        else:
            out.append(c)
    return "".join(out)


def _encodable(c: str, encoding: str) -> bool:
    try:
        c.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


@settings(max_examples=150, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=60), st.booleans())
def test_property_any_string(value: str, latin1: bool) -> None:
    encoding = "iso-8859-1" if latin1 else "utf-8"
    raw = ("k = " + _dump(value, encoding) + "\n").encode(encoding)
    if latin1:
        # ISO-8859-1 bytes that happen to be valid UTF-8 are read as UTF-8 (as Java 9+ does)
        assume(not _decodes(raw))
    doc = SRC.read("fi.properties", raw)
    assert by_key(doc, "k").text == value
    check_positions(doc)
    roundtrip(SRC, "fi.properties", raw, "k", value[-1], "ä€\\")


def _decodes(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not raw.isascii()
