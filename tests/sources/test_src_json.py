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


def _expected(node: object, path: list[str], skip_meta: bool) -> list[tuple[str, str]]:
    """(key path, value) of every string value of a document decoded with its pairs kept, in
    file order: what the reader must give, worked out without it."""
    if isinstance(node, str):
        if path and not (skip_meta and any(p.startswith("@") for p in path)):
            return [(".".join(path), node)]
        return []
    out: list[tuple[str, str]] = []
    if isinstance(node, dict):  # a marker: see the object_pairs_hook below
        for key, value in node["pairs"]:
            out += _expected(value, [*path, key], skip_meta)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            out += _expected(item, [*path, str(index)], skip_meta)
    return out


_KEYS = st.sampled_from(["a", "b", "@a", "@@locale", "ä", "k\"q", "k\\b", "x.y", "", "\u00e4\n"])
_STRINGS = st.text(alphabet=st.sampled_from([*"aä \"\\/\n\t\u2028€{}%<>&", "\ud800", "😀"]),
                   max_size=8)
_SCALARS = st.one_of(st.integers(-5, 5), st.booleans(), st.none(), st.floats(allow_nan=False))
_TREES = st.recursive(
    st.one_of(_STRINGS, _SCALARS),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.lists(st.tuples(_KEYS, inner), max_size=4)),
    max_leaves=12)


def _dumps(node: object, ascii_only: bool, indent: int | None) -> str:
    """JSON text for ``node``, where a list of (key, value) tuples is an object (duplicate keys
    kept) and any other list an array."""
    def one(value: object, level: int) -> str:
        pad = "" if indent is None else "\n" + " " * (indent * (level + 1))
        end = "" if indent is None else "\n" + " " * (indent * level)
        if isinstance(value, list) and value and all(isinstance(v, tuple) for v in value):
            items = [json.dumps(k, ensure_ascii=ascii_only) + ": " + one(v, level + 1)
                     for k, v in value]
            return "{" + ",".join(pad + i for i in items) + end + "}"
        if isinstance(value, list):
            return "[" + ",".join(pad + one(v, level + 1) for v in value) + end + "]"
        return json.dumps(value, ensure_ascii=ascii_only)
    return one(node, 0)


@settings(max_examples=200, deadline=None)
@given(_TREES, st.booleans(), st.sampled_from([None, 0, 2]), st.booleans())
def test_property_every_string_value_of_any_document(tree: object, ascii_only: bool,
                                                      indent: int | None, arb: bool) -> None:
    """Any document, nested, with duplicate keys, escapes and ARB metadata: the segments are
    its string values with their key paths, in order, each mapped exactly to its file text."""
    from hypothesis import assume

    text = _dumps(tree, ascii_only, indent)
    assume(not any("\ud800" <= c <= "\udfff" for c in text))  # a lone surrogate unescaped
    source = ArbSource() if arb else SRC
    doc = source.read("fi.arb" if arb else "fi.json", text.encode("utf-8", "surrogatepass"))
    decoded = json.loads(text, object_pairs_hook=lambda pairs: {"pairs": pairs})
    assert [(s.key, s.text) for s in doc.segments] == _expected(decoded, [], arb)
    check_positions(doc)
    for seg in doc.segments:  # each value's file text, quotes added, decodes to the value
        start, end = seg.file_offset(0), seg.file_offset(len(seg.text))
        assert text[start - 1] == '"' and text[end] == '"'
        assert json.loads(text[start - 1 : end + 1]) == seg.text
