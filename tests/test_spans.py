"""The span invariant: a finding's offsets cut exactly its text, and line/column agree."""

from __future__ import annotations

from pathlib import Path

from termlint.engine import Engine
from termlint.lint import Linter

VARIED = (
    "\ufeffOtsikko: sähköiset palvelut\r\n"
    "Rivi, jossa on e-palveluja ja 😀 emoji ennen sähköistä asiointia.\r\n"
    "\r\n"
    "Sähköiset sosiaali- ja\nterveyspalvelut; SÄHKÖISESSÄ ASIOINTIPALVELUSSA.\n"
    "Tabulaattori\tsähköi\u00adsiin palveluihin ja verkkoasiointikanavien kautta.\n"
    "Yhdistelmämerkki: sähköiset palvelut e\u0301 ja Epalvelu sekä sote-palveluihin."
)


def check_invariant(text: str, findings: list) -> None:  # type: ignore[type-arg]
    lines = text.split("\n")
    for f in findings:
        assert text[f.offset : f.end_offset] == f.text
        assert lines[f.line - 1][f.column - 1 :].startswith(f.text.split("\n")[0])
        end_line_text = lines[f.end_line - 1]
        assert end_line_text[: f.end_column - 1].endswith(f.text.split("\n")[-1])


def test_spans_on_varied_text(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "varied.txt"
    path.write_bytes(VARIED.encode("utf-8"))
    result = Linter(engine).lint_path(str(path))
    assert result.document is not None
    text = result.document.text
    assert len(result.findings) >= 9
    check_invariant(text, result.findings)
    # The byte view agrees too: the file bytes cut at the encoded offsets give the same text.
    raw = path.read_bytes()[3:]
    for f in result.findings:
        start = len(text[: f.offset].encode("utf-8"))
        end = len(text[: f.end_offset].encode("utf-8"))
        assert raw[start:end].decode("utf-8") == f.text


def test_multiline_finding_has_end_on_next_line(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Käytä sähköisiä\n  palveluja nyt.\n", encoding="utf-8")
    (finding,) = Linter(engine).lint_path(str(path)).findings
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (1, 7, 2, 12)


def test_line_index_in_any_order() -> None:
    import random

    from termlint.lint import LineIndex

    text = "ab\ncd\n\r\nefg\nh\n"
    index = LineIndex(text)
    offsets = list(range(len(text) + 1))
    random.Random(3).shuffle(offsets)
    for offset in [*sorted(offsets), *offsets]:
        expected = (text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1)
        assert index.position(offset) == expected
