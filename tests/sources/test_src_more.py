"""Readers for Apple String Catalogs (.xcstrings), .NET resources (.resx), JSON5 and Fluent
(.ftl): values, keys, languages, exact positions, write-back round trips, errors, and the
configuration's ``readers`` mapping."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import run_cli
from srchelpers import by_key, check_positions, fixture, read, roundtrip, span_text

from termlint.sources import READER_NAMES, source_for
from termlint.sources.base import SourceError
from termlint.sources.ftl import FluentSource
from termlint.sources.json import XcstringsSource
from termlint.sources.jsonfive import Json5Source
from termlint.sources.resx import ResxSource

XC, RESX, JSON5, FTL = XcstringsSource(), ResxSource(), Json5Source(), FluentSource()


def test_registry_picks_the_new_readers() -> None:
    assert [source_for(p).name for p in ("a.xcstrings", "Strings.fi.resx", "b.resw",  # type: ignore[union-attr]
                                         "c.json5", "d.ftl")] == \
        ["xcstrings", "resx", "resx", "json5", "fluent"]
    assert {"xcstrings", "resx", "json5", "fluent", "json"} <= set(READER_NAMES)


def test_xcstrings_values_in_their_languages() -> None:
    doc = read(XC, "more/Localizable.xcstrings")
    check_positions(doc)
    assert [(s.key, s.language) for s in doc.segments] == [
        ("Use digital services[fi]", "fi"),
        ("Use digital services[sv]", "sv"),
        ("%lld services[fi].plural.one", "fi"),
        ("%lld services[fi].plural.other", "fi"),
    ]
    other = by_key(doc, "%lld services[fi].plural.other")
    assert other.text == "%lld sähköistä palvelua"
    assert span_text(doc, other, "sähköistä") == "s\\u00e4hk\\u00f6ist\\u00e4"
    assert [other.text[a:b] for a, b in other.masks] == ["%lld"]


def test_xcstrings_round_trip() -> None:
    raw = fixture("more/Localizable.xcstrings")
    roundtrip(XC, "Localizable.xcstrings", raw, "Use digital services[fi]", "sähköisiä",
              "digitaalisia")
    roundtrip(XC, "Localizable.xcstrings", raw, "%lld services[fi].plural.other",
              "sähköistä", "digitaalista")


def test_resx_values_only() -> None:
    doc = read(RESX, "more/Strings.resx", "Strings.fi.resx")
    check_positions(doc)
    assert doc.language == "fi"
    assert [s.key for s in doc.segments] == ["Login", "Kontakt"]  # no header, no binary data
    login = by_key(doc, "Login")
    assert login.text == "Kirjaudu sähköiseen palveluun & asioi."
    assert span_text(doc, login, "sähköiseen") == "s&#228;hk&#246;iseen"
    assert read(RESX, "more/Strings.resx", "Strings.resx").language is None


def test_resx_round_trip_and_safety() -> None:
    raw = fixture("more/Strings.resx")
    _, out = roundtrip(RESX, "Strings.resx", raw, "Login", "sähköiseen", "<digitaaliseen>")
    assert b"&lt;digitaaliseen&gt;" in out
    with pytest.raises(SourceError, match="root element <resources>"):
        RESX.read("x.resx", b"<resources><string name='a'>b</string></resources>")
    bomb = (b'<?xml version="1.0"?><!DOCTYPE root [<!ENTITY a "aaaa">]>'
            b"<root><data name='x'><value>&a;</value></data></root>")
    with pytest.raises(SourceError):
        RESX.read("x.resx", bomb)


def test_json5_strings_keys_and_comments() -> None:
    doc = read(JSON5, "more/app.json5")
    check_positions(doc)
    assert [s.key for s in doc.segments] == ["title", "quoted", "esc", "list.0"]
    assert by_key(doc, "esc").text == "Käytä sähköisiä palveluja, it's ok"
    assert span_text(doc, by_key(doc, "quoted"), "sähköisistä") == \
        "s\\u00e4hk\\u00f6isist\\u00e4"
    assert not any("Sähköinen palvelu" in s.text for s in doc.segments)  # comments


def test_json5_quoted_key_and_value_alike() -> None:
    text = '{a: "a", "b": {"c": "x"}, d: [\'y\', {e: "e"}]}'
    doc = JSON5.read("x.json5", text.encode())
    assert [(s.key, s.text, doc.text[s.start - 1]) for s in doc.segments] == [
        ("a", "a", '"'), ("b.c", "x", '"'), ("d.0", "y", "'"), ("d.1.e", "e", '"')]
    assert [doc.text[s.start:s.start + len(s.text)] for s in doc.segments] == \
        ["a", "x", "y", "e"]


def test_json5_round_trips_in_each_quote() -> None:
    raw = fixture("more/app.json5")
    _, out = roundtrip(JSON5, "app.json5", raw, "title", "sähköisiä", "l'digitaalisia")
    assert b"l\\'digitaalisia" in out
    _, out = roundtrip(JSON5, "app.json5", raw, "quoted", "sähköisistä", 'dig"itaalisista')
    assert b'dig\\"itaalisista' in out
    roundtrip(JSON5, "app.json5", raw, "esc", "sähköisiä", "digitaalisia")


@pytest.mark.parametrize(("text", "line", "column"), [
    ("{a: 1,\n b: }", 2, 5),
    ("{a: 'x}", 1, None),
])
def test_json5_errors_name_the_line(text: str, line: int, column: int | None) -> None:
    with pytest.raises(SourceError, match="invalid JSON5") as err:
        JSON5.read("x.json5", text.encode())
    assert err.value.line == line
    if column is not None:
        assert err.value.column == column


def test_fluent_patterns_attributes_and_variants() -> None:
    doc = read(FTL, "more/app.ftl")
    check_positions(doc)
    assert [s.key for s in doc.segments] == ["welcome", "-brand", "services", "login",
                                             "login.title"]
    services = by_key(doc, "services")
    open_text = services.text
    for start, end in sorted(services.masks, reverse=True):
        open_text = open_text[:start] + "|" + open_text[end:]
    assert open_text == "|yksi sähköinen palvelu| sähköistä palvelua|"
    assert by_key(doc, "login").text == "Kirjaudu sähköiseen\n    palveluun."
    assert not any("Sähköinen palvelu" in s.text for s in doc.segments)  # the comment


def test_fluent_round_trip_and_refusals() -> None:
    raw = fixture("more/app.ftl")
    roundtrip(FTL, "app.ftl", raw, "services", "sähköistä", "digitaalista")
    roundtrip(FTL, "app.ftl", raw, "login.title", "Sähköinen", "Digitaalinen")
    doc = FTL.read("app.ftl", raw)
    with pytest.raises(ValueError, match="Fluent"):
        FTL.escape(doc, doc.segments[0], "a { b")
    with pytest.raises(SourceError, match="invalid Fluent") as err:
        FTL.read("x.ftl", b"ok = fine\nbroken = {\n")
    assert err.value.line == 3


# -- through the command line -------------------------------------------------------------------

def test_fix_round_trips_every_new_format(tmp_path: Path) -> None:
    for name in ("Localizable.xcstrings", "Strings.resx", "app.json5", "app.ftl"):
        (tmp_path / name).write_bytes(fixture(f"more/{name}"))
    _, out, _ = run_cli(["check", "--isolated", "-j", "1", "--fix", "."], cwd=tmp_path)
    assert "fixed" in out
    code, out, _ = run_cli(["check", "--isolated", "-j", "1", "--format", "json", "."],
                           cwd=tmp_path)
    left = {(f["path"], f["rule"]) for f in json.loads(out)["findings"]}
    assert code == (1 if left else 0)
    # Every Finnish finding outside Fluent's line-broken phrase is fixed; what is left is
    # Swedish (whose fixes need the Swedish inflector) or that phrase.
    assert all(rule.startswith("sv-vard/") or path == "app.ftl" for path, rule in left), left
    assert "digitaalisia palveluja" in (tmp_path / "app.json5").read_text(encoding="utf-8")
    assert "digitaaliseen palveluun &amp; asioi" in \
        (tmp_path / "Strings.resx").read_text(encoding="utf-8")


def test_config_readers_map_more_suffixes(tmp_path: Path) -> None:
    (tmp_path / ".termlint.yaml").write_text("readers: {.jsonc: json5, .i18n: json}\n",
                                             encoding="utf-8")
    (tmp_path / "a.jsonc").write_text("// c\n{t: 'Käytä sähköisiä palveluja.'}\n",
                                      encoding="utf-8")
    (tmp_path / "b.i18n").write_text('{"t": "Käytä sähköisiä palveluja."}', encoding="utf-8")
    (tmp_path / "c.unknown").write_text("Käytä sähköisiä palveluja.", encoding="utf-8")
    code, out, _ = run_cli(["check", "-j", "1", "--format", "json", "."], cwd=tmp_path)
    assert code == 1
    assert sorted(f["path"] for f in json.loads(out)["findings"]) == ["a.jsonc", "b.i18n"]
    code, out, _ = run_cli(["check", "--show-files", "."], cwd=tmp_path)
    assert "a.jsonc\tjson5\tby content, else fi" in out.splitlines()
    code, _, err = run_cli(["check", "--isolated", "a.jsonc"], cwd=tmp_path)
    assert code == 2 and "no reader for this file type" in err


@pytest.mark.parametrize(("config", "message"), [
    ("readers: {.jsonc: jsonn}\n", "unknown reader 'jsonn'"),
    ("readers: {jsonc: json5}\n", "'jsonc' is not a file suffix"),
    ("readers: [json5]\n", "'readers' must map file suffixes"),
])
def test_bad_readers_are_config_errors(tmp_path: Path, config: str, message: str) -> None:
    (tmp_path / ".termlint.yaml").write_text(config, encoding="utf-8")
    (tmp_path / "a.txt").write_text("Hei.", encoding="utf-8")
    code, _, err = run_cli(["check", "a.txt"], cwd=tmp_path)
    assert code == 2
    assert message in err and ".termlint.yaml:1" in err
