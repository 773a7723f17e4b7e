from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from srchelpers import by_key, check_positions, fixture, read, roundtrip, span_text

from termlint.sources.base import SourceError
from termlint.sources.json import ArbSource, JsonSource

SRC = JsonSource()


def test_nested_values_keys_and_language() -> None:
    doc = read(SRC, "json/fi.json", "locales/fi.json")
    check_positions(doc)
    assert doc.language == "fi"
    assert {s.language for s in doc.segments} == {"fi"}
    title = by_key(doc, "home.banner.title")
    assert title.text == "Sähköinen asiointi"
    assert span_text(doc, title, "Sähköinen") == "S\\u00e4hk\\u00f6inen"
    sub = by_key(doc, "home.banner.subtitle")
    assert sub.text == 'Hoida "sosiaalipalvelut" verkossa\nja puhelimessa'
    assert span_text(doc, sub, "sosiaalipalvelut") == "sosiaalipalvelut"
    assert span_text(doc, sub, '"sosiaalipalvelut"') == '\\"sosiaalipalvelut\\"'
    assert span_text(doc, sub, "\nja") == "\\nja"
    assert by_key(doc, "items.0").text == "Asiakasmaksu"
    assert by_key(doc, "items.2.label").text == "Omaishoidon tuki"
    assert by_key(doc, "file_other").text == "{{count}} liitettä"
    emoji = by_key(doc, "home.emoji")
    assert emoji.text == "Kiitos 😀 palautteesta"
    assert span_text(doc, emoji, "😀") == "\\ud83d\\ude00"
    assert span_text(doc, emoji, "palautteesta") == "palautteesta"
    assert by_key(doc, "empty").text == ""
    assert [s.key for s in doc.segments if s.key in ("count", "flag", "nothing")] == []


def _unmasked(seg) -> str:  # type: ignore[no-untyped-def]
    out = list(seg.text)
    for a, b in seg.masks:
        out[a:b] = ["\0"] * (b - a)
    return "".join(out)


def test_masks_placeholders_icu_urls() -> None:
    doc = read(SRC, "json/fi.json")
    greeting = by_key(doc, "home.greeting")
    assert _unmasked(greeting) == "Hei \0\0\0\0\0\0\0\0, tervetuloa!"
    nested = by_key(doc, "home.nested")
    assert _unmasked(nested).startswith("\0" * len("$t(home.greeting)") + " Katso")
    inbox = by_key(doc, "inbox")
    visible = [w for w in _unmasked(inbox).split("\0") if w.strip()]
    assert visible == [" uusi viesti", "Ei viestejä", " uutta viestiä"]
    link = by_key(doc, "link")
    visible = [w.strip() for w in _unmasked(link).split("\0") if w.strip()]
    assert visible == ["Lue lisää osoitteessa", "tai kirjoita"]


def test_flat_keys() -> None:
    doc = read(SRC, "json/flat.json", "i18n/sv-FI.json")
    assert doc.language == "sv"
    seg = by_key(doc, "errors.required")
    assert seg.text == "Pakollinen tieto puuttuu: %s"
    assert seg.masks == ((len(seg.text) - 2, len(seg.text)),)


def test_roundtrip_keeps_ascii_escape_style_and_crlf() -> None:
    raw = fixture("json/crlf_ascii.json")
    _, out = roundtrip(SRC, "fi.json", raw, "a.b", "älypuhelin", "älylaite")
    assert b"\\u00e4lylaite" in out
    assert out.count(b"\r\n") == raw.count(b"\r\n")


def test_roundtrip_utf8_and_quotes() -> None:
    raw = fixture("json/fi.json")
    _, out = roundtrip(SRC, "fi.json", raw, "home.banner.subtitle", "verkossa", 'ä"\\\n')
    assert 'ä\\"\\\\\\n'.encode() in out
    roundtrip(SRC, "fi.json", raw, "home.banner.title", "Sähköinen", "Digitaalinen")


@pytest.mark.parametrize(
    ("text", "line"),
    [('{"a": "b",\n "c": }', 2), ('{"a": "kesken', 1), ('{"a": 1}\n}', 2), (" x", 1)],
)
def test_malformed(text: str, line: int) -> None:
    with pytest.raises(SourceError) as err:
        SRC.read("fi.json", text.encode())
    assert err.value.line == line
    assert "\n" not in err.value.message


def test_undecodable() -> None:
    with pytest.raises(SourceError) as err:
        SRC.read("fi.json", b'{"a": "\xe4"}')
    assert err.value.line == 1


def test_arb_skips_metadata_and_reads_locale() -> None:
    doc = read(ArbSource(), "arb/app_fi.arb", "lib/l10n/app.arb")
    assert doc.language == "fi"
    assert [s.key for s in doc.segments] == ["appTitle", "unread"]
    unread = by_key(doc, "unread")
    masked = _unmasked(unread)
    assert [w for w in masked.split("\0") if w] == ["Ei viestejä", "Yksi viesti", " viestiä"]
    check_positions(doc)


def _dump(value: str, ascii_only: bool) -> bytes:
    return json.dumps({"k": {"v": [value]}}, ensure_ascii=ascii_only).encode()


@settings(max_examples=150, deadline=None)
@given(st.text(), st.booleans())
def test_property_any_string(value: str, ascii_only: bool) -> None:
    raw = _dump(value, ascii_only)
    doc = SRC.read("fi.json", raw)
    seg = by_key(doc, "k.v.0")
    assert seg.text == value
    check_positions(doc)
    assert seg.file_offset(len(value)) == doc.text.rindex('"')


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=1), st.text())
def test_property_escape_roundtrip(value: str, new: str) -> None:
    raw = _dump(value, False)
    roundtrip(SRC, "fi.json", raw, "k.v.0", value[0], new)
