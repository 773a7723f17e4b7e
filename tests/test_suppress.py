"""Inline suppression directives in every format that has comments, and quoted mentions."""

from __future__ import annotations

from pathlib import Path

import pytest

from termlint.engine import Engine
from termlint.lint import Linter
from termlint.sources import source_for
from termlint.suppress import quoted_mention, rule_matches, suppress

DATA = Path(__file__).parent / "data" / "suppress"


def lint(engine: Engine, name: str) -> tuple[list[str], list[tuple[str, str]]]:
    """Kept texts and (text, reason) of suppressed findings of a fixture file."""
    path = DATA / name
    source = source_for(str(path), path.read_bytes())
    assert source is not None
    doc = source.read(str(path), path.read_bytes())
    findings = Linter(engine).lint_document(doc)
    kept, dropped = suppress(doc, findings)
    return [f.text for f in kept], [(s.finding.text, s.reason) for s in dropped]


@pytest.mark.parametrize("name", ["fi.properties", "Localizable.strings", "strings.xml",
                                  "sivu.html", "ohje.txt"])
def test_disable_next_line_in_each_format(engine: Engine, name: str) -> None:
    kept, dropped = lint(engine, name)
    assert kept == ["e-palveluun"]
    assert dropped == [("sähköisiä palveluja", "termlint: disable-next-line")]


def test_po_directive_covers_the_whole_next_entry(engine: Engine) -> None:
    kept, dropped = lint(engine, "fi.po")
    assert kept == ["e-palveluun"]
    assert [reason for _, reason in dropped] == ["termlint: disable-next-line"]


def test_markdown_next_line_and_region(engine: Engine) -> None:
    kept, dropped = lint(engine, "ohje.md")
    assert kept == ["sähköiset palvelut", "Sähköiset palvelut"]
    assert dropped == [("sähköisiä palveluja", "termlint: disable-next-line"),
                       ("e-palveluun", "termlint: disable"),
                       ("Sähköinen asiointi", "termlint: disable")]


def test_yaml_rule_ids_and_prefixes(engine: Engine) -> None:
    kept, dropped = lint(engine, "fi.yaml")
    assert kept == ["e-palveluun", "Sote-palvelut"]
    assert dropped == [("sähköisiä palveluja", "termlint: disable-next-line"),
                       ("Sote-palvelut", "termlint: disable")]


def test_disable_file(engine: Engine) -> None:
    kept, dropped = lint(engine, "koko.md")
    assert kept == []
    assert {reason for _, reason in dropped} == {"termlint: disable-file"}


def test_a_directive_for_another_rule_keeps_the_finding(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("<!-- termlint: disable-next-line stm-sote -->\nKäytä e-palvelua.\n",
                    encoding="utf-8")
    result = Linter(engine).lint_path(str(path))
    kept, dropped = suppress(result.document, result.findings)
    assert [f.text for f in kept] == ["e-palvelua"] and dropped == []


def test_rule_matching() -> None:
    assert rule_matches("thl-digi/digitaalinen-palvelu", ())
    assert rule_matches("thl-digi/digitaalinen-palvelu", ("thl-digi",))
    assert rule_matches("thl-digi/digitaalinen-palvelu", ("thl-digi/digitaalinen-palvelu",))
    assert not rule_matches("stm-sote/sosiaali-ja-terveyspalvelut", ("thl-digi",))


MENTIONS = [
    'Käytä termiä digitaalinen palvelu mieluummin kuin "sähköinen palvelu".',
    "Suositus: digipalvelu, ei “e-palvelu”.",
    'Käytä termiä digitaalinen asiointi termin "sähköinen asiointi" sijaan.',
    "Älä käytä ilmausta «verkkoasiointi».",
    "Write digital service instead of 'e-palvelu'.",
    "Termiä ”sähköiset palvelut” ei suositella.",
    # a recommendation cue marks a mention even without quotes
    "Käytä termiä terveydenhuollon digitaalinen palvelu mieluummin kuin terveydenhuollon "
    "sähköinen palvelu.",
    "Skriv digitaalinen asiointi hellre än sähköinen asiointi.",
]
USES = [
    'Hän sanoi: "Käytä sähköisiä palveluja."',
    'Otsikko "Sähköiset palvelut" on sivulla.',
    "Käytä sähköisiä palveluja, ei puhelinta.",
    "Käytä sähköisiä palveluja mieluummin kuin paperilomaketta.",
]


@pytest.mark.parametrize("text", MENTIONS)
def test_quoted_mentions_are_not_flagged(engine: Engine, text: str) -> None:
    from termlint.api import lint_text

    findings = lint_text(text, engine=engine)
    assert findings, "the fixture must contain a finding"
    assert all(quoted_mention(text, f) for f in findings)


@pytest.mark.parametrize("text", USES)
def test_quoted_or_negated_uses_are_still_flagged(engine: Engine, text: str) -> None:
    from termlint.api import lint_text

    findings = lint_text(text, engine=engine)
    assert findings
    assert not any(quoted_mention(text, f) for f in findings)


def test_plain_text_directives_in_any_letter_case() -> None:
    from termlint.suppress import _mentions_directive

    for marker in ("termlint:", "TermLint:", "TERMLINT:", "tErMlInT:"):
        assert _mentions_directive(f"{marker} disable-next-line\nKäytä sähköisiä palveluja.")
        assert _mentions_directive(f"Alku.\n\n  # {marker} disable-file")
    assert not _mentions_directive("Huomautukset: lint: termlint ilman kaksoispistettä")
    assert not _mentions_directive("t:")


def test_mixed_case_directive_suppresses_in_a_text_file(tmp_path: Path) -> None:
    from tests.cli_helpers import run_cli

    path = tmp_path / "ohje.txt"
    path.write_text("TermLint: disable-next-line\nKäytä sähköisiä palveluja.\n"
                    "Käytä sähköisiä palveluja.\n", encoding="utf-8")
    code, out, _ = run_cli(["check", str(path)])
    assert code == 1 and "1 finding" in out and ":3:" in out


def test_text_files_tell_on_reading_whether_they_name_a_directive() -> None:
    from termlint.sources.text import NO_DIRECTIVE

    source = source_for("ohje.txt")
    assert source is not None
    plain = source.read("ohje.txt", "Käytä sähköisiä palveluja.\n".encode())
    assert NO_DIRECTIVE in plain.flags
    marked = source.read("ohje.txt", b"Alku.\nTERMLINT: disable-file\n")
    assert NO_DIRECTIVE not in marked.flags
    # UTF-16 bytes cannot be searched for the ASCII marker: the text is searched later.
    utf16 = source.read("ohje.txt", "\ufefftermlint: disable-file\nsähköinen palvelu\n"
                        .encode("utf-16-le"))
    assert NO_DIRECTIVE not in utf16.flags and utf16.encoding != "utf-8"


def test_directive_marker_found_in_any_letter_case() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from termlint.sources.text import _names_directive

    raw = b"x" * 20 + b"TermLint: disable-file" + b"y" * 20
    assert _names_directive(raw) and _names_directive(b"TERMLINT:") and _names_directive(raw[20:])
    assert not _names_directive(b"termlint disable: " * 5)
    assert not _names_directive("termlınt: sähköinen".encode())

    @settings(max_examples=300, deadline=None)
    @given(st.binary(max_size=40), st.text(alphabet="termlintTERMLINT: äÄ", max_size=20),
           st.binary(max_size=40))
    def check(before: bytes, middle: str, after: bytes) -> None:
        raw = before + middle.encode() + after
        assert _names_directive(raw) == (b"termlint:" in raw.lower())

    check()
