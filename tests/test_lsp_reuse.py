"""The server reuses the diagnostics of findings an edit did not move: after every kind of
small edit (a letter, a deletion at a line's start, a line break made or joined, CRLF and
lone CR lines, a character beyond the BMP before a term), in both position encodings, the
diagnostics published are those a fresh buffer gets."""

from __future__ import annotations

from pathlib import Path

import pytest

from termlint.lsp.server import Buffer, TermlintServer

LINES = ["Käytä sähköisiä palveluja.", "😀 Sähköiset palvelut ovat auki.",
         "Tavallinen rivi.", "Sähköisissä palveluissa voit asioida."]


def _texts(newline: str) -> list[str]:
    texts = [newline.join(LINES * 3) + newline]

    def edit(at: int, length: int, piece: str) -> None:
        texts.append(texts[-1][:at] + piece + texts[-1][at + length:])

    def second() -> int:  # where the second line starts
        return texts[-1].index(newline) + len(newline)

    edit(texts[-1].index("palveluja", 40), 1, "x")  # a letter inside a later term
    edit(0, 1, "Ö")  # the same length, more UTF-8 bytes before a term on that line
    edit(second(), 1, "")  # the first character of a line deleted
    edit(second() - 1, 0, "x")  # a letter before the last character of a line break
    edit(second() - len(newline), len(newline), "")  # two lines joined
    edit(5, 0, "\n")  # a line break made
    edit(texts[-1].index("Tavallinen"), 0, "😀")  # a wide character before later terms
    edit(len(texts[-1]) - 3, 1, "x")  # near the end
    texts.append(texts[-1])  # unchanged
    return texts


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8"])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_reused_diagnostics_are_those_made_afresh(tmp_path: Path, encoding: str,
                                                   newline: str) -> None:
    server = TermlintServer()
    server.apply_settings({"isolated": True})
    path = str(tmp_path / "ohje.md")
    kept = Buffer(uri="file://" + path, path=path)
    reused = 0
    for version, text in enumerate(_texts(newline)):
        before = kept.published.diagnostics.values() if kept.published else []
        old = {id(d) for d in before}
        got = server._lint_now(kept, text, version, encoding)
        fresh = server._lint_now(Buffer(uri=kept.uri, path=path), text, version, encoding)
        assert got == fresh, (version, text)
        assert got  # the sample has findings on every line but one
        reused += sum(id(d) in old for d in got)
    assert reused > 0  # unmoved findings kept their diagnostics
