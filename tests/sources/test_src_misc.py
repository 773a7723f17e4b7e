from __future__ import annotations

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
