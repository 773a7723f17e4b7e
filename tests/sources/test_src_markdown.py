"""Markdown block structure from a CommonMark parser: code and raw HTML blocks stay unlinted,
prose (also when indented under a list item) is linted, positions are the file's own."""

from __future__ import annotations

from termlint.api import default_engine
from termlint.sources.base import Document
from termlint.sources.markdown import MarkdownSource, code_spans

TERM = "sähköisiä palveluja"


def read(text: str) -> Document:
    return MarkdownSource().read("fi/ohje.md", text.encode("utf-8"))


def found(text: str) -> list[tuple[int, str]]:
    """``(file offset, file text)`` of each finding in the Markdown ``text``."""
    doc = read(text)
    out: list[tuple[int, str]] = []
    for segment in doc.segments:
        for match in default_engine().lint_segment(segment):
            start, end = segment.file_span(match.start, match.end)
            out.append((start, doc.text[start:end]))
    return out


def texts(text: str) -> list[str]:
    return [t for _, t in found(text)]


def test_indented_code_block_is_not_prose() -> None:
    text = (f"Käytä {TERM}.\n\n"
            f"    hae({TERM!r})  # koodia\n"
            f"    Käytä {TERM}.\n\n"
            f"Hae {TERM} tänään.\n")
    hits = found(text)
    assert [t for _, t in hits] == [TERM, TERM]
    # the prose before and after the code block, not the two code lines
    assert [at for at, _ in hits] == [text.index(TERM), text.rindex(TERM)]


def test_text_indented_under_a_list_item_is_prose_not_code() -> None:
    # Four spaces under a list item continue the item's paragraph (CommonMark): prose.
    text = f"- Ensimmäinen kohta\n\n    Käytä {TERM} jatkossa.\n"
    assert texts(text) == [TERM]


def test_lazy_continuation_line_is_not_code() -> None:
    # An indented line right after a paragraph line continues the paragraph.
    text = f"Ohjeen ensimmäinen rivi\n    käytä {TERM}.\n"
    assert texts(text) == [TERM]


def test_fenced_code_is_masked_and_an_unclosed_fence_runs_to_the_end() -> None:
    assert texts(f"Käytä {TERM}.\n\n~~~\nKäytä {TERM}.\n~~~\n\nHae {TERM}.\n") == [TERM, TERM]
    assert texts(f"Käytä {TERM}.\n\n```text\nKäytä {TERM}.\n\nHae {TERM}.\n") == [TERM]


def test_raw_html_blocks_are_masked_but_html_prose_is_linted() -> None:
    pre = f"<pre>\nKäytä {TERM}.\n</pre>\n\nHae {TERM}.\n"
    assert found(pre) == [(pre.rindex(TERM), TERM)]
    div = f"<div class=\"ohje\">\nKäytä {TERM}.\n</div>\n"
    assert texts(div) == [TERM]


def test_a_comment_in_a_code_block_is_no_directive() -> None:
    doc = read("```\n<!-- termlint-disable -->\n```\n\n<!-- termlint-enable -->\n")
    assert [c.text for c in doc.comments] == ["<!-- termlint-enable -->"]


def test_text_after_a_comment_on_its_line_is_linted() -> None:
    # The line is an HTML block in CommonMark, but browsers show the text after the comment.
    assert texts(f"<!-- huom -->Käytä {TERM}.\n") == [TERM]


def test_front_matter_values_are_linted_and_positions_stay_exact_with_crlf() -> None:
    text = f"---\r\ntitle: Käytä {TERM}\r\n---\r\n\r\n    koodi {TERM}\r\n\r\nHae {TERM}.\r\n"
    hits = found(text)
    assert [at for at, _ in hits] == [text.index(TERM), text.rindex(TERM)]
    assert {t for _, t in hits} == {TERM}


def test_code_spans_close_on_the_same_length_and_stay_in_their_paragraph() -> None:
    text = "a ``x ` y`` b `z`"
    assert [text[a:b] for a, b in code_spans(text, 0, len(text))] == ["``x ` y``", "`z`"]
    unclosed = "``` auki ` ja `` kiinni `"
    spans = code_spans(unclosed, 0, len(unclosed))
    assert [unclosed[a:b] for a, b in spans] == ["` ja `` kiinni `"]
    # A stray backtick in one paragraph does not hide the next paragraph's prose.
    assert texts(f"Yksi ` merkki.\n\nKäytä {TERM} ` tänään.\n") == [TERM]
    assert texts(f"Käytä `{TERM}` vain koodissa.\n") == []


def test_emphasis_inside_a_term_is_still_one_phrase() -> None:
    assert texts("Käytä **sähköisiä** palveluja.\n") == ["sähköisiä** palveluja"]
