from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from srchelpers import check_positions, fixture, read, roundtrip, span_text

from termlint.sources.html import HtmlSource

SRC = HtmlSource()


def _visible(seg) -> str:  # type: ignore[no-untyped-def]
    out = list(seg.text)
    for a, b in (*seg.masks, *seg.hidden):
        out[a:b] = ["\0"] * (b - a)
    return "".join(out).replace("\0", "")


def test_visible_text_and_attributes() -> None:
    doc = read(SRC, "html/ohje.html")
    check_positions(doc)
    assert doc.language == "fi"
    texts = [(s.key, _visible(s).strip()) for s in doc.segments]
    assert texts == [
        (None, "Sähköinen asiointi"),
        (None, "Sosiaali\u00adpalvelut & terveys"),
        (None, "Hoida sähköinen asiointi täällä tai ."),
        ("img@alt", 'Omaishoitaja "auttaa"'),
        ("input@placeholder", "Kirjoita viesti"),
        ("p@title", "Vihje"),
        (None, "Viimeinen kappale\xa0tässä"),
    ]
    heading = doc.segments[1]
    assert span_text(doc, heading, "Sosiaali\u00adpalvelut") == "Sosiaali&shy;palvelut"
    everything = " ".join(s.text for s in doc.segments)
    assert "sosiaalitoimi" not in everything and "ei tarkisteta" not in everything
    assert [c.text for c in doc.comments] == ["<!-- termlint-disable-next-line -->"]


def test_roundtrip() -> None:
    raw = fixture("html/ohje.html")
    doc = SRC.read("ohje.html", raw)
    key = None
    seg = doc.segments[2]
    assert seg.key == key
    start, end = seg.file_span(seg.text.index("sähköinen"), seg.text.index("sähköinen") + 9)
    new = doc.text[:start] + SRC.escape(doc, seg, "digitaalinen <&>") + doc.text[end:]
    again = SRC.read("ohje.html", doc.encode(new))
    assert "digitaalinen <&>" in again.segments[2].text
    roundtrip(SRC, "ohje.html", raw, "img@alt", "auttaa", 'tukee "aina"')


@settings(max_examples=100, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=40))
def test_property_text(value: str) -> None:
    raw = f'<p>{html_escape(value)}</p><img alt="{html_escape(value, True)}">'.encode()
    doc = SRC.read("x.html", raw)
    if value.strip():
        assert [s.text for s in doc.segments] == [value, value]
    check_positions(doc)


def html_escape(value: str, quote: bool = False) -> str:
    table = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
    if quote:
        table['"'] = "&quot;"
    return "".join(table.get(c, c) for c in value)
