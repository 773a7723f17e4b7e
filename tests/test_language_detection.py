"""A file's language where the path does not tell: Swedish by content (per value), a value's
key, and the order --language > override > declaration > name > content > default."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import run_cli

from termlint.model import Segment
from termlint.sources.langdetect import detect_segments, guess, key_language

SWEDISH_UI = ["Spara", "Avbryt", "Stäng", "Logga in", "Spara ändringar", "Välj språk",
              "Mina sidor", "Boka tid", "Din profil", "Inställningar", "Hjälp", "Sök",
              "Skicka", "Fortsätt", "Tillbaka", "Läs mer", "Öppettider", "Kontakta oss",
              "Ändra lösenord", "Beställ tid", "Ladda ner blanketten"]
FINNISH_UI = ["Tallenna", "Peruuta", "Sulje", "Kirjaudu sisään", "Tallenna muutokset",
              "Valitse kieli", "Omat sivut", "Varaa aika", "Profiilisi", "Asetukset", "Ohje",
              "Hae", "Lähetä", "Jatka", "Takaisin", "Lue lisää", "Aukioloajat",
              "Ota yhteyttä", "Vaihda salasana", "Varaa vastaanottoaika", "Lataa lomake",
              "Klikkaa tästä", "Chat", "Stressi", "Presidentti"]


def test_short_swedish_ui_strings_are_swedish() -> None:
    assert {text: guess(text) for text in SWEDISH_UI} == {text: "sv" for text in SWEDISH_UI}


def test_short_finnish_ui_strings_are_never_swedish() -> None:
    # Too little evidence leaves a value unknown (the default, fi, then applies).
    assert {guess(text) for text in FINNISH_UI} <= {"fi", None}
    assert sum(guess(text) == "fi" for text in FINNISH_UI) >= 12


@pytest.mark.parametrize(("text", "language"), [
    ("Välfärdsområdet ordnar social- och hälsovården för alla invånare.", "sv"),
    ("Hyvinvointialue järjestää sosiaali- ja terveyspalvelut kaikille asukkaille.", "fi"),
    ("Please sign in to see your messages.", "en"),
    ("Sign in", "en"),
    ("Svenska", "sv"),
    ("https://example.fi/sv/tjanster", None),
    ("12 345", None),
])
def test_sentences(text: str, language: str | None) -> None:
    assert guess(text) == language


def test_masks_are_in_no_language() -> None:
    text = "Läs mer: https://www.example.com/back/step"
    masked = Segment(text=text, masks=((9, len(text)),))
    assert detect_segments([masked]) == ["sv"]
    assert detect_segments([Segment(text="https://x.fi/back", masks=((0, 17),))]) == [None]


def test_key_names_the_language() -> None:
    assert key_language("welcome.title.sv") == "sv"
    assert key_language("welcome.fi_FI") == "fi"
    assert key_language("welcome.it") is None
    assert key_language(None) is None


def test_a_mixed_file_decides_per_value_and_a_clear_file_fills_the_unsure() -> None:
    mixed = [Segment(text=t) for t in ("Logga in på webbtjänsten", "Kirjaudu sisään palveluun",
                                       "Sulje", "Stäng")]
    assert detect_segments(mixed) == ["sv", "fi", None, "sv"]
    swedish = [Segment(text=t) for t in ("Spara ändringar", "Välj språk", "Läs mer",
                                         "Sulje", "Ok")]
    # Nine in ten decided values are Swedish: the unsure ones are too.
    assert detect_segments(swedish) == ["sv", "sv", "sv", "sv", "sv"]
    english = [Segment(text=t) for t in ("Please sign in", "Your messages are here")]
    assert detect_segments(english) == [None, None]


# -- the order, through the command line ----------------------------------------------------------

def _findings(out: str) -> list[tuple[str, str]]:
    return sorted((f["path"], f["rule"].split("/")[0]) for f in json.loads(out)["findings"])


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    (tmp_path / "messages.properties").write_text(
        "login=Logga in på webbtjänsten\nclose=Stäng\nregion=Kontakta välfärdsregionen\n",
        encoding="utf-8")
    (tmp_path / "strings.json").write_text(json.dumps({
        "a": "Kirjaudu sähköiseen palveluun.",
        "b": "Kontakta välfärdsregionen.",
        "c": {"fi": "Sähköiset palvelut", "sv": "Arbetshälsovården svarar"},
    }, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "pt.txt").write_text("Käytä sähköisiä palveluja.\n", encoding="utf-8")
    (tmp_path / "sv.txt").write_text("Käytä sähköisiä palveluja.\n", encoding="utf-8")
    return tmp_path


def test_content_decides_where_the_name_does_not(tree: Path) -> None:
    code, out, _ = run_cli(["check", "--isolated", "--format", "json", "-j", "1",
                            "messages.properties", "strings.json"], cwd=tree)
    assert code == 1
    found = json.loads(out)["findings"]
    rules = sorted((f["path"], f["rule"]) for f in found)
    assert rules == [
        ("messages.properties", "sv-vard/hyvinvointialue"),
        ("messages.properties", "thl-digi/digitaalinen-palvelu"),
        ("strings.json", "sv-vard/hyvinvointialue"),
        ("strings.json", "sv-vard/tyoterveyshuolto"),
        ("strings.json", "thl-digi/digitaalinen-palvelu"),
        ("strings.json", "thl-digi/digitaalinen-palvelu"),
    ]
    # Without detection (the old behaviour), the Swedish values were read as Finnish.
    code, out, _ = run_cli(["check", "--isolated", "--format", "json", "-j", "1",
                            "--language", "fi", "messages.properties"], cwd=tree)
    assert code == 0


def test_cli_language_beats_the_file_name(tree: Path) -> None:
    code, out, err = run_cli(["check", "--isolated", "--format", "json", "-j", "1", "-v",
                              "pt.txt", "sv.txt"], cwd=tree)
    assert code == 0, err  # pt: no vocabulary; sv: Finnish words read as Swedish
    assert "nothing checked in pt.txt" in err
    code, out, _ = run_cli(["check", "--isolated", "--format", "json", "-j", "1",
                            "--language", "fi", "pt.txt", "sv.txt"], cwd=tree)
    assert code == 1
    assert {f["path"] for f in json.loads(out)["findings"]} == {"pt.txt", "sv.txt"}


def test_an_override_forces_a_language_over_name_and_content(tree: Path) -> None:
    (tree / ".termlint.yaml").write_text(
        "overrides:\n  - files: ['pt.txt', 'messages.properties']\n    language: fi\n",
        encoding="utf-8")
    code, out, _ = run_cli(["check", "--format", "json", "-j", "1", "pt.txt",
                            "messages.properties"], cwd=tree)
    assert code == 1
    # pt.txt is checked as Finnish; the Swedish properties file, forced to Finnish, has no
    # Finnish term in it.
    assert _findings(out) == [("pt.txt", "thl-digi")]
    code, out, _ = run_cli(["check", "--show-settings", "pt.txt"], cwd=tree)
    assert "language: fi  (forced by an override in .termlint.yaml)" in out
    assert "language order: --language > an override's language" in out
    code, out, _ = run_cli(["check", "--show-settings", "sv.txt"], cwd=tree)
    assert "language: sv  (from the file's name" in out
    code, out, _ = run_cli(["check", "--show-settings", "strings.json"], cwd=tree)
    assert "language: as the file declares, else by each value's key or content, else fi" in out
    code, out, _ = run_cli(["check", "--language", "sv", "--show-settings", "pt.txt"], cwd=tree)
    assert "language: sv  (forced by --language)" in out
    code, out, _ = run_cli(["check", "--show-files", "."], cwd=tree)
    lines = out.splitlines()
    assert "pt.txt\ttext\tfi (forced by an override)" in lines
    assert "strings.json\tjson\tby content, else fi" in lines
    assert "sv.txt\ttext\tsv (from its name)" in lines


def test_the_top_level_language_is_only_a_default(tree: Path) -> None:
    (tree / ".termlint.yaml").write_text("language: sv\n", encoding="utf-8")
    (tree / "notes.txt").write_text("Käytä sähköisiä palveluja ja sähköistä asiointia.\n",
                                    encoding="utf-8")
    code, out, _ = run_cli(["check", "--format", "json", "-j", "1", "notes.txt"], cwd=tree)
    # The content is clearly Finnish: the default (sv) does not apply.
    assert code == 1
    assert {f["rule"].split("/")[0] for f in json.loads(out)["findings"]} >= {"thl-digi"}
