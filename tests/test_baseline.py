"""Baselines that survive moved lines, ``--changed-since`` on a real git repository, and
``--output`` next to the terminal report."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from termlint.gitdiff import parse_hunks
from tests.cli_helpers import run_cli

run = run_cli


def texts(stdout: str) -> list[tuple[str, int, str]]:
    return [(f["path"], f["line"], f["text"]) for f in json.loads(stdout)["findings"]]


def test_baseline_survives_moved_lines_and_counts_duplicates(tmp_path: Path) -> None:
    doc = tmp_path / "docs" / "ohje.md"
    doc.parent.mkdir()
    doc.write_text("# Ohje\n\nKäytä sähköisiä palveluja.\n\nKirjaudu e-palveluun.\n",
                   encoding="utf-8")
    code, _, err = run(["check", "--write-baseline", "base.json", "docs"], tmp_path)
    assert code == 0 and "wrote 2 findings" in err
    stored = json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))
    assert [e["path"] for e in stored["findings"]] == ["docs/ohje.md", "docs/ohje.md"]
    # Lines move down and swap; a known line is copied once; one new finding appears.
    doc.write_text("# Ohje\n\nJohdanto.\n\nLisää tekstiä.\n\nKirjaudu e-palveluun.\n\n"
                   "Käytä sähköisiä palveluja.\n\nKäytä sähköisiä palveluja.\n\n"
                   "Tukea sähköiseen asiointiin.\n", encoding="utf-8")
    code, out, _ = run(["check", "--baseline", "base.json", "--format", "json", "docs"],
                       tmp_path)
    assert code == 1
    assert texts(out) == [("docs/ohje.md", 11, "sähköisiä palveluja"),
                          ("docs/ohje.md", 13, "sähköiseen asiointiin")]
    # The baseline named in the config applies too, from any folder below it.
    (tmp_path / ".termlint.yaml").write_text("baseline: base.json\n", encoding="utf-8")
    _, out, _ = run(["check", "--format", "json", "ohje.md"], doc.parent)
    assert len(texts(out)) == 2
    # A broken baseline is a usage error.
    (tmp_path / "bad.json").write_text("[]", encoding="utf-8")
    code, _, err = run(["check", "--baseline", "bad.json", "docs"], tmp_path)
    assert code == 2 and "not a termlint baseline" in err


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"})


def test_changed_since_reports_only_changed_lines(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q", "-b", "main")
    doc = tmp_path / "ohje.txt"
    doc.write_text("Käytä sähköisiä palveluja.\nRivi kaksi.\nKirjaudu e-palveluun.\n",
                   encoding="utf-8")
    git(tmp_path, "add", "ohje.txt")
    git(tmp_path, "commit", "-q", "-m", "first")
    doc.write_text("Uusi alku.\nKäytä sähköisiä palveluja.\nRivi kaksi, nyt sähköiseen "
                   "asiointiin.\nKirjaudu e-palveluun.\n", encoding="utf-8")
    (tmp_path / "uusi.txt").write_text("Sote-palvelut.\n", encoding="utf-8")
    code, out, _ = run(["check", "--changed-since", "HEAD", "--format", "json", "."],
                       tmp_path)
    assert code == 1
    assert texts(out) == [("ohje.txt", 3, "sähköiseen asiointiin"),
                          ("uusi.txt", 1, "Sote-palvelut")]
    code, _, err = run(["check", "--changed-since", "no-such-ref", "."], tmp_path)
    assert code == 2 and "unknown git revision" in err


def test_parse_hunks() -> None:
    diff = ("@@ -1,0 +2 @@\n+a\n@@ -3 +4,2 @@\n-b\n+c\n+d\n@@ -9,2 +10,0 @@\n-e\n-f\n")
    assert parse_hunks(diff) == {2, 4, 5}


def test_output_file_gets_the_format_and_the_terminal_the_text(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Käytä sähköisiä palveluja.\n", encoding="utf-8")
    code, out, _ = run(["check", "--format", "sarif", "--output", "r.sarif", "a.txt"],
                       tmp_path)
    assert code == 1
    assert "a.txt:1:7: warning" in out and "1 finding" in out
    log = json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8"))
    assert log["runs"][0]["results"][0]["ruleId"] == "thl-digi/digitaalinen-palvelu"
    code, out, _ = run(["check", "--format", "github", "a.txt"], tmp_path)
    assert out.startswith("::warning file=a.txt,line=1,col=7,endLine=1,endColumn=26,")


def test_fix_leaves_baselined_findings_alone_unless_asked(tmp_path: Path) -> None:
    """A baselined finding is one a team chose to keep for now: ``--fix`` and ``--diff``
    leave it as it is (as ruff's ``--fix`` leaves a ``noqa``-ed finding), through
    ``--baseline`` or the config's ``baseline:``; ``--fix-baselined`` fixes it too."""
    doc = tmp_path / "docs" / "ohje.txt"
    doc.parent.mkdir()
    accepted = "Käytä sähköisiä palveluja.\n"
    doc.write_text(accepted, encoding="utf-8")
    code, _, _ = run(["check", "--write-baseline", "base.json", "docs"], tmp_path)
    assert code == 0
    text = accepted + "\nUusi rivi: käytä sähköisiä palveluja.\n"
    doc.write_text(text, encoding="utf-8")

    code, out, _ = run(["check", "--baseline", "base.json", "--diff", "docs"], tmp_path)
    assert code == 1  # the new finding, reported and shown as a fix
    assert "-Uusi rivi: käytä sähköisiä palveluja." in out
    assert "-Käytä sähköisiä palveluja." not in out

    code, out, err = run(["check", "--baseline", "base.json", "--fix", "docs"], tmp_path)
    assert code == 0, (out, err)
    fixed = doc.read_text(encoding="utf-8")
    assert fixed == accepted + "\nUusi rivi: käytä digitaalisia palveluja.\n"

    # The config's baseline governs as --baseline does.
    doc.write_text(text, encoding="utf-8")
    (tmp_path / ".termlint.yaml").write_text("baseline: base.json\n", encoding="utf-8")
    code, _, _ = run(["check", "--fix", "docs"], tmp_path)
    assert code == 0 and doc.read_text(encoding="utf-8") == fixed

    code, _, _ = run(["check", "--fix", "--fix-baselined", "docs"], tmp_path)
    assert code == 0
    assert doc.read_text(encoding="utf-8") == (
        "Käytä digitaalisia palveluja.\n\nUusi rivi: käytä digitaalisia palveluja.\n")
    code, _, err = run(["check", "--fix-baselined", "docs"], tmp_path)
    assert code == 2 and "--fix-baselined needs --fix or --diff" in err
