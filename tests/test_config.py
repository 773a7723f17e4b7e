"""Configuration: discovery from a subfolder, pyproject.toml, validation errors with file and
line, and each key's effect on a real ``termlint check`` run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from termlint.config import ConfigError, find, glob_match, key_ignored, load, resolve
from tests.cli_helpers import run_cli

FINNISH = "Käytä sähköisiä palveluja.\nSote-palvelut ovat auki.\n"


run = run_cli


def rules(stdout: str) -> list[tuple[str, str, str]]:
    return [(Path(f["path"]).name, f["rule"], f["severity"])
            for f in json.loads(stdout)["findings"]]


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / "docs" / "deep" / "er").mkdir(parents=True)
    (tmp_path / "docs" / "deep" / "er" / "a.txt").write_text(FINNISH, encoding="utf-8")
    return tmp_path


def test_discovery_walks_up_from_a_subfolder(project: Path) -> None:
    (project / ".termlint.yaml").write_text("disable: [stm-sote]\n", encoding="utf-8")
    sub = project / "docs" / "deep" / "er"
    assert find(sub) == project / ".termlint.yaml"
    assert find(sub / "a.txt") == project / ".termlint.yaml"
    code, out, _ = run(["check", "--format", "json", str(sub)])
    assert code == 1
    assert rules(out) == [("a.txt", "thl-digi/digitaalinen-palvelu", "warning")]
    # --isolated ignores it; --config names another.
    _, out, _ = run(["check", "--isolated", "--format", "json", str(sub)])
    assert len(rules(out)) == 2
    other = project / "other.yaml"
    other.write_text("severity: {thl-digi: error}\n", encoding="utf-8")
    _, out, _ = run(["check", "--config", str(other), "--format", "json", str(sub)])
    assert ("a.txt", "thl-digi/digitaalinen-palvelu", "error") in rules(out)


def test_nearest_config_wins_and_pyproject_counts(project: Path) -> None:
    (project / ".termlint.yaml").write_text("disable: [stm-sote]\n", encoding="utf-8")
    (project / "docs" / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.termlint]\nfail-level = "error"\n'
        'disable = ["thl-digi"]\n', encoding="utf-8")
    assert find(project / "docs" / "deep") == project / "docs" / "pyproject.toml"
    code, out, _ = run(["check", "--format", "json", str(project / "docs")])
    assert rules(out) == [("a.txt", "stm-sote/sosiaali-ja-terveyspalvelut", "suggestion")]
    assert code == 0  # fail-level error from pyproject.toml
    # A pyproject.toml without [tool.termlint] is passed over.
    (project / "docs" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find(project / "docs" / "deep") == project / ".termlint.yaml"


@pytest.mark.parametrize(("text", "line", "words"), [
    ("language: fi\nvocabularys: [thl-digi]\n", 2, "unknown key 'vocabularys'"),
    ("fail-level: loud\n", 1, "unknown severity 'loud'"),
    ("severity:\n  thl-digi: high\n", 2, "'severity.thl-digi'"),
    ("include: docs\nexclude: 3\n", 2, "'exclude' must be a list of strings"),
    ("language: de\n", 1, "'language': unknown language 'de' (valid: fi, sv, en)"),
    ("overrides:\n  - files: [a]\n    langauge: sv\n", 3, "unknown key 'langauge'"),
    ("overrides:\n  - language: sv\n", 2, "needs 'files'"),
    ("a: [1\n", 2, "not valid YAML"),
])
def test_bad_yaml_config_names_file_and_line(tmp_path: Path, text: str, line: int,
                                             words: str) -> None:
    path = tmp_path / ".termlint.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load(path)
    assert caught.value.line == line
    assert words in caught.value.message
    code, _, err = run(["check", str(tmp_path)])
    assert code == 2
    assert f"{path}:{line}:" in err


def test_bad_toml_config_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text('[tool.poetry]\nname = "x"\n\n[tool.termlint]\nlanguage = "fi"\n'
                    'fail_level = "loud"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        resolve([str(tmp_path)])
    assert (caught.value.line, caught.value.path) == (6, str(path))
    path.write_text('[tool.termlint]\nunknown-thing = 1\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown key 'unknown-thing'") as caught:
        load(path)
    assert caught.value.line == 2


def test_include_exclude_overrides_and_ignore_keys(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "legacy").mkdir()
    (tmp_path / "locales").mkdir()
    (tmp_path / "docs" / "a.txt").write_text(FINNISH, encoding="utf-8")
    (tmp_path / "legacy" / "b.txt").write_text(FINNISH, encoding="utf-8")
    (tmp_path / "notes.txt").write_text(FINNISH, encoding="utf-8")
    (tmp_path / "locales" / "fi.json").write_text(json.dumps(
        {"legal": {"terms": "Sähköiset palvelut"}, "home": {"title": "Sähköiset palvelut"}},
        ensure_ascii=False), encoding="utf-8")
    (tmp_path / ".termlint.yaml").write_text(
        "include: ['docs/**', 'legacy/**', 'locales/**']\n"
        "exclude: ['**/skip.txt']\n"
        "ignore-keys: ['legal.*']\n"
        "disable: [stm-sote]\n"
        "overrides:\n"
        "  - files: ['legacy/**']\n"
        "    severity: {thl-digi: info}\n", encoding="utf-8")
    (tmp_path / "docs" / "skip.txt").write_text(FINNISH, encoding="utf-8")
    code, out, _ = run(["check", "--format", "json", "."], cwd=tmp_path)
    found = json.loads(out)["findings"]
    assert sorted((f["path"], f["severity"], f["key"]) for f in found) == [
        ("docs/a.txt", "warning", None),
        ("legacy/b.txt", "info", None),
        ("locales/fi.json", "warning", "home.title"),
    ]
    assert code == 1
    # A file named on the command line is checked even when 'include' does not list it.
    _, out, _ = run(["check", "--format", "json", "notes.txt"], cwd=tmp_path)
    assert len(json.loads(out)["findings"]) == 1


def test_glob_and_key_matching() -> None:
    assert glob_match("docs/a/b.md", "docs/**")
    assert glob_match("docs/a/b.md", "*.md")
    assert glob_match("x/node_modules/y.md", "node_modules")
    assert glob_match("docs/a.md", "docs/*.md") and not glob_match("docs/a/b.md", "docs/*.md")
    assert glob_match("docs/a/b.md", "**/b.md")
    assert key_ignored("legal.terms.body", ["legal.*"])
    assert not key_ignored(None, ["*"])


def test_init_writes_a_starter_and_refuses_to_overwrite(tmp_path: Path) -> None:
    code, out, _ = run(["init", str(tmp_path)])
    assert code == 0
    assert "repos:" in out and "/termlint@COMMIT" in out and "codequality" in out
    assert load(tmp_path / ".termlint.yaml").fail_level == "warning"
    code, _, err = run(["init", str(tmp_path)])
    assert code == 2 and "already exists" in err


def test_progress_bar_only_on_a_terminal_for_long_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from termlint.commands.check import PROGRESS_FROM, _progress

    assert _progress(PROGRESS_FROM + 5) is None  # stderr is captured here, not a terminal
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert _progress(PROGRESS_FROM - 1) is None
    bar = _progress(PROGRESS_FROM)
    assert bar is not None and bar.console.stderr
