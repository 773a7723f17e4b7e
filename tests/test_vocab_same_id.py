"""Two vocabulary files with one id (issue 17 follow-up): refused with a one-line error that
names both files and exit 2, never one of them silently dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

from termlint.packages.archive import digest
from termlint.vocab import VocabError, load_selection
from tests.cli_helpers import run_cli
from tests.test_packages import TEXT, org


def path_package(tmp_path: Path, name: str, vocab_id: str, bad: str = "lomakepohja") -> str:
    """A ``packages:`` entry for a folder package holding one vocabulary with ``vocab_id``."""
    folder = tmp_path / name
    folder.mkdir()
    (folder / "org.yaml").write_text(org(vocab_id, bad), encoding="utf-8")
    pin = digest({"org.yaml": org(vocab_id, bad).encode()})
    return f"  - path: ../{name}\n    sha256: {pin}\n"


def app_with(tmp_path: Path, config: str) -> Path:
    app = tmp_path / "app"
    app.mkdir()
    (app / ".termlint.yaml").write_text(config, encoding="utf-8")
    (app / "teksti.txt").write_text(TEXT, encoding="utf-8")
    return app


def test_a_package_and_a_project_file_with_one_id(tmp_path: Path) -> None:
    entry = path_package(tmp_path, "org-terms", "org")
    app = app_with(tmp_path, f"vocabularies: [+terms/own.yaml]\npackages:\n{entry}")
    (app / "terms").mkdir()
    (app / "terms" / "own.yaml").write_text(org("org", "kaavake"), encoding="utf-8")
    assert run_cli(["vocab", "sync"], cwd=app)[0] == 0
    code, out, err = run_cli(["check", "teksti.txt"], cwd=app)
    assert code == 2 and out == ""
    [line] = err.splitlines()
    assert "vocabulary id 'org' is also the id of" in line
    assert "own.yaml" in line and "org.yaml" in line and "another 'id'" in line
    # Renamed, the run goes on and the project file's own term is flagged.
    (app / "terms" / "own.yaml").write_text(org("own", "kaavake"), encoding="utf-8")
    code, out, err = run_cli(["check", "--format", "concise", "teksti.txt"], cwd=app)
    assert code == 1, err
    assert "own/lomake" in out


def test_two_packages_with_one_id(tmp_path: Path) -> None:
    first = path_package(tmp_path, "terms-a", "org")
    second = path_package(tmp_path, "terms-b", "org", "kaavake")
    app = app_with(tmp_path, f"packages:\n{first}{second}")
    assert run_cli(["vocab", "sync"], cwd=app)[0] == 0
    code, _, err = run_cli(["check", "teksti.txt"], cwd=app)
    assert code == 2
    [line] = err.splitlines()
    assert line.count("org.yaml") == 2 and "vocabulary id 'org'" in line


def test_a_project_file_that_reuses_a_bundled_id(tmp_path: Path) -> None:
    own = tmp_path / "digi.yaml"
    own.write_text(org("thl-digi"), encoding="utf-8")
    with pytest.raises(VocabError) as caught:
        load_selection([f"+{own}"])
    message = str(caught.value)
    assert message.startswith(str(own)) and "thl-digi.yaml" in message
    assert "list '-thl-digi' first in 'vocabularies'" in message
    # Doing what the message says replaces the bundled vocabulary with the project's.
    chosen = load_selection(["-thl-digi", f"+{own}"])
    [digi] = [v for v in chosen if v.id == "thl-digi"]
    assert digi.path == str(own)


def test_one_file_named_twice_is_not_a_clash(tmp_path: Path) -> None:
    own = tmp_path / "own.yaml"
    own.write_text(org("own"), encoding="utf-8")
    chosen = load_selection([f"+{own}", f"+{tmp_path / '.' / 'own.yaml'}"])
    assert [v.id for v in chosen].count("own") == 1
