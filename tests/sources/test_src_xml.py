from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from srchelpers import by_key, check_positions, fixture, read, roundtrip, span_text

from termlint.sources import source_for
from termlint.sources.base import SourceError
from termlint.sources.xml import AndroidSource, StringsdictSource, XliffSource, XmlSource

ANDROID = AndroidSource()
XLIFF = XliffSource()
ANDROID_PATH = "app/src/main/res/values-fi/strings.xml"


def _visible(seg) -> list[str]:  # type: ignore[no-untyped-def]
    out = list(seg.text)
    for a, b in (*seg.masks, *seg.hidden):
        out[a:b] = ["\0"] * (b - a)
    return [w for w in "".join(out).split("\0") if w.strip()]


def test_android_values() -> None:
    doc = read(ANDROID, "android/values-fi/strings.xml", ANDROID_PATH)
    check_positions(doc)
    assert doc.language == "fi"
    keys = [s.key for s in doc.segments]
    assert "code" not in keys
    assert keys[-4:] == ["services.0", "services.1", "messages.one", "messages.other"]
    title = by_key(doc, "title")
    assert title.text == "Sähköinen & turvallinen asiointi"
    assert span_text(doc, title, "& turvallinen") == "&amp; turvallinen"
    apos = by_key(doc, "apostrophe")
    assert apos.text == "Asiakkaan's \"oma\" sivu\nToinen rivi"
    assert span_text(doc, apos, "Asiakkaan's") == "Asiakkaan\\'s"
    welcome = by_key(doc, "welcome")
    assert welcome.text == 'Hei <xliff:g id="name">%1$s</xliff:g>, <b>tervetuloa</b> palveluun!'
    assert _visible(welcome) == ["Hei ", ", ", "tervetuloa", " palveluun!"]
    assert by_key(doc, "spaces").text == "Monta välilyöntiä rivillä"
    assert by_key(doc, "quoted").text == "  säilytetyt  välit  "
    cdata = by_key(doc, "cdata")
    assert cdata.text == 'Lue <a href="https://thl.fi">ohjeet</a> ensin'  # \" as Android reads it
    assert _visible(cdata) == ["Lue ", "ohjeet", " ensin"]
    assert by_key(doc, "entity").text == "Hoito\u2011ja palvelusuunnitelma"
    assert by_key(doc, "messages.other").text == "%d uutta viestiä"
    assert [c.text for c in doc.comments] == ["<!-- Etusivun tekstit -->"]


def test_android_roundtrip() -> None:
    raw = fixture("android/values-fi/strings.xml")
    _, out = roundtrip(ANDROID, ANDROID_PATH, raw, "apostrophe", "oma", "Maija's & <b>")
    assert b"Maija\\'s &amp; &lt;b&gt;" in out
    roundtrip(ANDROID, ANDROID_PATH, raw, "title", "Sähköinen", "Digitaalinen")
    roundtrip(ANDROID, ANDROID_PATH, raw, "cdata", "ohjeet", "käyttöohjeet")
    crlf = raw.replace(b"\n", b"\r\n")
    roundtrip(ANDROID, ANDROID_PATH, crlf, "spaces", "välilyöntiä", "väliä")


def test_xliff12() -> None:
    doc = read(XLIFF, "xliff/messages.fi.xlf", "translations/messages.fi.xlf")
    check_positions(doc)
    assert doc.language == "fi"
    assert [s.key for s in doc.segments] == ["home.title", "welcome", "empty"]
    assert by_key(doc, "home.title").text == "Sähköinen asiointi"
    welcome = by_key(doc, "welcome")
    assert _visible(welcome) == ["Hei ", ", tervetuloa ", "omaan", " asiointiin <3"]
    assert span_text(doc, welcome, "<3") == "&lt;3"
    assert by_key(doc, "empty").text == ""
    assert {s.language for s in doc.segments} == {"fi"}
    raw = fixture("xliff/messages.fi.xlf")
    roundtrip(XLIFF, "messages.fi.xlf", raw, "welcome", "omaan", "omaan <&>")


def test_xliff20_source_in_finnish() -> None:
    doc = read(XLIFF, "xliff/app.xlf")
    assert doc.language == "sv"
    assert [(s.key, s.language) for s in doc.segments] == [
        ("u1[source]", "fi"),
        ("u1", "sv"),
        ("u2.s1[source]", "fi"),
        ("u2.s1", "sv"),
        ("u2.s2[source]", "fi"),
    ]
    assert _visible(by_key(doc, "u2.s1[source]")) == ["Ensimmäinen ", "lause", "."]
    check_positions(doc)


def test_stringsdict() -> None:
    doc = read(StringsdictSource(), "stringsdict/Localizable.stringsdict", "fi.lproj/L.stringsdict")
    assert [(s.key, s.text) for s in doc.segments] == [
        ("files.NSStringLocalizedFormatKey", "%#@count@ odottaa käsittelyä"),
        ("files.count.one", "%d hakemus"),
        ("files.count.other", "%d hakemusta"),
    ]
    assert doc.segments[0].masks == ((0, 9),)
    assert doc.language == "fi"


def test_dispatch() -> None:
    android = fixture("android/values-fi/strings.xml")
    xliff = fixture("xliff/app.xlf")
    assert source_for(ANDROID_PATH) is not None and source_for(ANDROID_PATH).name == "android"
    assert source_for("res/x/strings.xml", android).name == "android"  # type: ignore[union-attr]
    assert source_for("i18n/app.xml", xliff).name == "xliff"  # type: ignore[union-attr]
    assert source_for("a.stringsdict").name == "stringsdict"  # type: ignore[union-attr]
    assert source_for("a.strings").name == "strings"  # type: ignore[union-attr]
    generic = XmlSource()
    assert generic.read("i18n/app.xml", xliff).format == "xliff"
    assert generic.read("pom.xml", b"<project><name>x</name></project>").segments == []


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("<resources>\n<string name='a'>b</strin>\n</resources>", 2),
        ("<resources>\n<string name='a'>b", 2),
        ('<!DOCTYPE r [<!ENTITY x "y">]>\n<resources><string name="a">&x;</string></resources>',
         None),
        ("<resources><string name='a'>&nbsp;</string></resources>", 1),
    ],
)
def test_malformed(text: str, line: int | None) -> None:
    with pytest.raises(SourceError) as err:
        ANDROID.read("values/strings.xml", text.encode())
    assert err.value.line == line
    assert "\n" not in err.value.message


def test_billion_laughs_refused() -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        "<xliff version='1.2'><file target-language='fi'><body/></file></xliff>"
    )
    with pytest.raises(SourceError):
        XLIFF.read("x.xlf", bomb.encode())


def _xml_text(value: str) -> str:
    return "".join(
        {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}.get(c, c) for c in value
    )


_XML_CHARS = st.characters(
    exclude_categories=("Cs",),
    exclude_characters="".join(chr(c) for c in range(32) if c not in (9, 10, 13)) + "\ufffe\uffff",
)


@settings(max_examples=150, deadline=None)
@given(st.text(_XML_CHARS, min_size=1, max_size=60))
def test_property_xliff(value: str) -> None:
    raw = (
        "<xliff version='1.2'><file target-language='fi'><body><trans-unit id='k'>"
        f"<target>{_xml_text(value)}</target></trans-unit></body></file></xliff>"
    ).encode()
    doc = XLIFF.read("x.xlf", raw)
    assert by_key(doc, "k").text == value
    check_positions(doc)
    roundtrip(XLIFF, "x.xlf", raw, "k", value[0], "ä&<")


def _android_text(value: str) -> str:
    table = {"\\": "\\\\", "'": "\\'", '"': '\\"', "\n": "\\n", "\t": "\\t", "@": "\\@", "?": "\\?"}
    return _xml_text("".join(table.get(c, c) if not c.isspace() or c in "\n\t" else
                             (c if c == " " else f"\\u{ord(c):04x}") for c in value))


@settings(max_examples=150, deadline=None)
@given(st.text(_XML_CHARS, min_size=1, max_size=60))
def test_property_android(value: str) -> None:
    raw = f'<resources><string name="k">"{_android_text(value)}"</string></resources>'.encode()
    doc = ANDROID.read("values-fi/strings.xml", raw)
    assert by_key(doc, "k").text == value
    check_positions(doc, escape_starts="\\&\"")
