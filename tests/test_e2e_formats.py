"""End to end over UI string files and documents: exact positions, key paths, escapes.

The fixtures in ``tests/e2e/`` are written for these tests; each holds deprecated terms in the
way its format writes text (escapes, inline markup, continuation lines, UTF-16).
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from termlint.cli import main

E2E = Path(__file__).parent / "e2e"

EXPECTED = {
    ("fi.json", 3, 15, "Sähköiset palvelut", "home.title", "Digitaaliset palvelut"),
    ("fi.json", 4, 23, r"s\u00e4hk\u00f6iseen asiointiin", "home.body",
     "digitaaliseen asiointiin"),
    ("fi.json", 5, 47, "e-palvelua", "home.items.1", "digitaalista palvelua"),
    ("fi.po", 8, 9, "Sähköiset palvelut", "menu|Electronic services", "Digitaaliset palvelut"),
    ("fi.po", 12, 8, 'sähköisiä "\n"palveluja', "Use the e-services", "digitaalisia palveluja"),
    ("fi.yml", 4, 16, "Sähköiset terveyspalvelut", "fi.nav.services",
     "Digitaaliset terveyspalvelut"),
    ("fi.yml", 6, 23, "sähköiseen\n      asiointiin", "fi.nav.help", "digitaaliseen\nasiointiin"),
    ("messages.fi.xlf", 7, 17, "Sähköiset palvelut", "services", "Digitaaliset palvelut"),
    ("messages_fi.properties", 1, 7, r"S\u00e4hk\u00f6iset palvelut", "title",
     "Digitaaliset palvelut"),
    ("messages_fi.properties", 2, 15, "e-palveluun", "body", "digitaaliseen palveluun"),
    ("page.html", 2, 30, "Sähköiset palvelut", None, "Digitaaliset palvelut"),
    ("page.html", 4, 19, "sähköisiä</b> palveluja", None, "digitaalisia</b> palveluja"),
    ("page.html", 5, 23, "Sähköinen asiointi", "img@alt", "Digitaalinen asiointi"),
    ("fi.lproj/Localizable.strings", 2, 15, r"S\U00e4hk\U00f6iset palvelut", "services",
     "Digitaaliset palvelut"),
    ("fi.lproj/Localizable.strings", 3, 17, "verkkoasiointiin", "help",
     "digitaaliseen asiointiin"),
    ("values-fi/strings.xml", 4, 29, "Sähköiset palvelut", "services", "Digitaaliset palvelut"),
    ("values-fi/strings.xml", 5, 35, "sähköiseen asiointiin", "login",
     "digitaaliseen asiointiin"),
}


def test_every_format_end_to_end() -> None:
    result = CliRunner().invoke(main, ["check", "--format", "json", str(E2E)])
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert data["errors"] == []
    got = {
        (Path(f["path"]).relative_to(E2E).as_posix(), f["line"], f["column"], f["text"],
         f["key"], f["suggestions"][0])
        for f in data["findings"]
    }
    assert got == EXPECTED
    assert all(f["fixable"] for f in data["findings"])
    # The span invariant holds in the decoded file text of every format (UTF-16 included).
    for f in data["findings"]:
        raw = Path(f["path"]).read_bytes()
        text = raw.decode("utf-16") if raw.startswith(b"\xff\xfe") else raw.decode("utf-8")
        assert text[f["offset"] : f["end_offset"]] == f["text"]


def test_markdown_markup_and_blocks(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(
        "Käytä **sähköisiä** palveluja.\n\n- sähköiset\n- palvelut\n\n"
        "Käytä <em>sähköisiä</em> palveluja ja `e-palvelu` koodia.\n\n"
        "```\nsähköinen palvelu\n```\n[Sähköiset palvelut](https://e-palvelu.example/)\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check", "--format", "json", str(path)])
    findings = json.loads(result.stdout)["findings"]
    found = [(f["line"], f["text"], f["suggestions"]) for f in findings]
    assert found == [
        (1, "sähköisiä** palveluja", ["digitaalisia** palveluja"]),
        (6, "sähköisiä</em> palveluja", ["digitaalisia</em> palveluja"]),
        (11, "Sähköiset palvelut", ["Digitaaliset palvelut", "Digipalvelut"]),
    ]
