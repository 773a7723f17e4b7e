"""A vendor-style repository, end to end, with real ``git`` and a real ``pre-commit run``.

The fixture builds what a vendor team has: two apps with their own ``.termlint.yaml``, a
project vocabulary folder named in the root configuration's ``rule-folders``, a baseline, and
UI strings in several formats, among them a UTF-16 ``Localizable.strings``. The tests drive
``termlint check`` as a subprocess, as CI and a hook would, and assert what it promises there:
it never lints or rewrites its own files (issue 14, item 1), green means checked (item 2), the
nearest configuration wins per file (item 3), and every changed line is seen (item 4).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

TERMLINT = Path(sys.executable).parent / "termlint"
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
HOOKS = Path(__file__).resolve().parents[1] / ".pre-commit-hooks.yaml"

ROOT_CONFIG = """\
rule-folders: [terminology]
baseline: termlint-baseline.json
"""
# The web app is Finnish and Swedish UI strings; its config names the project vocabulary
# again (from its own folder) and raises the digital-service vocabulary to errors.
WEB_CONFIG = """\
vocabularies: [+../../terminology/portal.yaml]
severity:
  thl-digi: error
"""
# The iOS app lowers the digital-service vocabulary to suggestions.
IOS_CONFIG = """\
severity:
  thl-digi: suggestion
"""
PORTAL = """\
id: portal
title: Portaalin sanasto
concepts:
  - id: etavastaanotto
    terms:
      fi:
        - {term: etävastaanotto, status: preferred}
        - {term: virtuaalivastaanotto, status: deprecated}
    examples:
      flag: ["Varaa virtuaalivastaanotto."]
      pass: ["Varaa etävastaanotto."]
"""
WEB_FI = {"home": {"title": "Sähköiset palvelut", "visit": "Varaa virtuaalivastaanotto."}}
WEB_SV = {"home": {"title": "Digitala tjänster"}}
IOS_STRINGS = '/* Etusivu */\n"home.title" = "Käytä sähköisiä palveluja.";\n'
WEB_MD = "# Ohje\n\nKäytä digitaalisia palveluja.\n"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True,
                          check=True, env=_env(repo)).stdout


def _env(repo: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env.update(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.org", GIT_CONFIG_NOSYSTEM="1",
               GIT_CONFIG_GLOBAL=str(repo.parent / "gitconfig"),
               PRE_COMMIT_HOME=str(repo.parent / "pre-commit-home"),
               TERMLINT_CACHE_DIR=str(repo.parent / "cache"), COLUMNS="200")
    return env


def termlint(repo: Path, *args: str, stdin: str | None = None
             ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(TERMLINT), *args], cwd=repo, capture_output=True, text=True,
                          input=stdin, env=_env(repo), timeout=300, check=False)


@pytest.fixture
def vendor(tmp_path: Path) -> Path:
    """A committed vendor repository; its baseline remembers the web app's old title."""
    repo = tmp_path / "vendor"
    (tmp_path / "gitconfig").write_text("", encoding="utf-8")
    files = {
        ".termlint.yaml": ROOT_CONFIG,
        "terminology/portal.yaml": PORTAL,
        "apps/web/.termlint.yaml": WEB_CONFIG,
        "apps/web/locales/fi.json": json.dumps(WEB_FI, ensure_ascii=False, indent=2) + "\n",
        "apps/web/locales/sv.json": json.dumps(WEB_SV, ensure_ascii=False, indent=2) + "\n",
        "apps/web/docs/ohje.md": WEB_MD,
        "apps/ios/.termlint.yaml": IOS_CONFIG,
        "apps/ios/fi.lproj/InfoPlist.strings": '"title" = "Kirjaudu sähköiseen asiointiin";\n',
        "apps/ios/fi.po": 'msgid "Services"\nmsgstr "Käytä e-palvelua."\n',
        "apps/web/res/values-fi/strings.xml": '<?xml version="1.0" encoding="utf-8"?>\n'
            '<resources>\n  <string name="login">Kirjaudu e-palveluun</string>\n</resources>\n',
        "apps/web/locales/fi.yml": "fi:\n  help: Lue sähköisen asioinnin ohjeet.\n",
        "apps/web/locales/fi.properties": "help=Avaa e-palvelu\n",
    }
    for name, text in files.items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (repo / "apps/ios/fi.lproj/Localizable.strings").write_bytes(
        IOS_STRINGS.encode("utf-16"))
    git(repo.parent, "init", "-q", "-b", "main", str(repo))
    written = termlint(repo, "check", "--write-baseline", "termlint-baseline.json",
                       "apps/web/locales/fi.json")
    assert written.returncode == 0, written.stderr
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "initial")
    return repo


def snapshot(repo: Path) -> dict[str, bytes]:
    return {str(p.relative_to(repo)): p.read_bytes() for p in sorted(repo.rglob("*"))
            if p.is_file() and ".git" not in p.parts}


# -- item 1: termlint's own files ---------------------------------------------------------------

def test_fix_never_touches_vocabulary_baseline_config_or_report(vendor: Path) -> None:
    report = termlint(vendor, "check", "--format", "json", ".")
    (vendor / "report.json").write_text(report.stdout, encoding="utf-8")
    (vendor / "old").mkdir()
    (vendor / "old/findings.xml").write_text(
        termlint(vendor, "check", "--format", "junit", ".").stdout, encoding="utf-8")
    before = snapshot(vendor)
    fixed = termlint(vendor, "check", "--fix", "-v", ".")
    after = snapshot(vendor)
    for own in ("terminology/portal.yaml", "termlint-baseline.json", "report.json",
                "old/findings.xml", ".termlint.yaml", "apps/web/.termlint.yaml"):
        assert after[own] == before[own], own
    err = fixed.stderr
    assert ("skipped terminology/portal.yaml: termlint's own file: a vocabulary named in "
            ".termlint.yaml") in err
    assert "skipped termlint-baseline.json: termlint's own file: the baseline named in" in err
    assert "skipped report.json: termlint's own file: a termlint JSON report" in err
    assert "skipped old/findings.xml: termlint's own file: a termlint JUnit report" in err
    assert "skipped apps/web/.termlint.yaml: termlint's own file: termlint configuration" in err
    # The UI strings themselves were fixed.
    assert after["apps/web/locales/fi.json"] != before["apps/web/locales/fi.json"]


def test_own_files_named_on_the_command_line_are_skipped_too(vendor: Path) -> None:
    (vendor / "report.sarif.json").write_text(
        termlint(vendor, "check", "--format", "sarif", ".").stdout, encoding="utf-8")
    result = termlint(vendor, "check", "-v", "terminology/portal.yaml",
                      "termlint-baseline.json", "report.sarif.json", "apps/ios/.termlint.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 findings in 0 files" in result.stdout
    assert "a termlint SARIF report" in result.stderr


# -- item 2: green means checked ----------------------------------------------------------------

def test_missing_path_and_unreadable_type_exit_2(vendor: Path) -> None:
    (vendor / "LICENSE").write_text("MIT\n", encoding="utf-8")
    missing = termlint(vendor, "check", "nodir/")
    assert missing.returncode == 2 and "nodir/: error: no such file or folder" in missing.stderr
    unread = termlint(vendor, "check", "LICENSE", "apps/web/docs/ohje.md")
    assert unread.returncode == 2
    assert "LICENSE: error: no reader for this file type" in unread.stderr
    assert "in 1 file" in unread.stdout  # the other file was still checked
    (vendor / "empty").mkdir()
    empty = termlint(vendor, "check", "empty")
    assert empty.returncode == 0
    assert "nothing to check in empty" in empty.stderr


def test_dash_is_stdin_and_languages_are_normalised_or_refused(vendor: Path) -> None:
    piped = termlint(vendor, "check", "-", stdin="Käytä sähköisiä palveluja.\n")
    assert piped.returncode == 1 and "sähköisiä palveluja" in piped.stdout
    upper = termlint(vendor, "check", "--language", "FI", "-", stdin="Käytä e-palvelua.\n")
    region = termlint(vendor, "check", "--language", "fi-FI", "-", stdin="Käytä e-palvelua.\n")
    assert upper.returncode == region.returncode == 1
    assert upper.stdout == region.stdout
    german = termlint(vendor, "check", "--language", "de", ".")
    assert german.returncode == 2
    assert "--language: unknown language 'de' (valid: fi, sv, en)" in german.stderr
    english = termlint(vendor, "check", "--language", "en", "apps/web/docs/ohje.md")
    assert english.returncode == 2 and "no selected vocabulary covers language 'en'" in \
        english.stderr


def test_unknown_ids_get_did_you_mean(vendor: Path) -> None:
    vocab = termlint(vendor, "check", "--vocab", "-thl-dgi", ".")
    assert vocab.returncode == 2 and "did you mean 'thl-digi'?" in vocab.stderr
    (vendor / "apps/ios/.termlint.yaml").write_text("disable: [thl-dgi]\n", encoding="utf-8")
    # (the web app's config is fine: only the iOS app's files meet the misspelt id)
    config = termlint(vendor, "check", "apps/ios")
    assert config.returncode == 2
    assert "disable: unknown rule, concept or vocabulary id 'thl-dgi' (did you mean " \
           "'thl-digi'?)" in config.stderr


def test_misspelt_and_unused_directives_are_findings(vendor: Path) -> None:
    doc = vendor / "apps/web/docs/ohje.md"
    doc.write_text("# Ohje\n\n<!-- termlint: disable-nextline -->\nKäytä e-palvelua.\n\n"
                   "<!-- termlint: disable-next-line -->\nKäytä digitaalisia palveluja.\n",
                   encoding="utf-8")
    plain = termlint(vendor, "check", "apps/web/docs/ohje.md")
    assert "unknown directive 'termlint: disable-nextline' (did you mean 'termlint: " \
           "disable-next-line'?)" in plain.stdout
    assert "e-palvelua" in plain.stdout  # the misspelt directive silenced nothing
    assert "silences no finding" not in plain.stdout
    unused = termlint(vendor, "check", "--report-unused-directives", "apps/web/docs/ohje.md")
    assert "'termlint: disable-next-line' silences no finding" in unused.stdout


def test_summary_counts_files_per_language(vendor: Path) -> None:
    result = termlint(vendor, "check", "apps/web/locales")
    assert "in 4 files" in result.stdout
    assert "checked per language: fi 3, sv 1" in result.stdout


# -- item 3: nearest configuration per file -----------------------------------------------------

def test_argument_order_does_not_change_the_result(vendor: Path) -> None:
    web, ios = "apps/web/locales/fi.json", "apps/ios/fi.po"
    forward = termlint(vendor, "check", "--format", "json", web, ios)
    backward = termlint(vendor, "check", "--format", "json", ios, web)
    assert forward.stdout == backward.stdout
    found = json.loads(forward.stdout)["findings"]
    # The web app's config raises thl-digi to errors; the iOS app's lowers it to suggestions.
    assert {f["severity"] for f in found if f["path"] == web and
            f["rule"].startswith("thl-digi/")} == {"error"}
    assert {f["severity"] for f in found if f["path"] == ios and
            f["rule"].startswith("thl-digi/")} == {"suggestion"}
    # The project vocabulary applies to the web app (named by its config).
    assert any(f["rule"] == "portal/etavastaanotto" for f in found)


def test_show_settings_and_show_files(vendor: Path) -> None:
    shown = termlint(vendor, "check", "--show-settings", "apps/ios/fi.po")
    assert shown.returncode == 0
    assert f"configuration: {vendor / 'apps/ios/.termlint.yaml'}" in shown.stdout
    assert "severity: thl-digi=suggestion" in shown.stdout
    listed = termlint(vendor, "check", "--show-files", ".")
    lines = listed.stdout.splitlines()
    assert "apps/web/locales/sv.json\tjson\tsv (from its name)" in lines
    assert "apps/web/docs/ohje.md\tmarkdown\tby content, else fi" in lines
    readers = {line.split("\t")[0]: line.split("\t")[1] for line in lines}
    assert readers == {
        "apps/ios/fi.lproj/InfoPlist.strings": "strings",
        "apps/ios/fi.lproj/Localizable.strings": "strings",
        "apps/ios/fi.po": "po",
        "apps/web/docs/ohje.md": "markdown",
        "apps/web/locales/fi.json": "json",
        "apps/web/locales/fi.properties": "properties",
        "apps/web/locales/fi.yml": "yaml",
        "apps/web/locales/sv.json": "json",
        "apps/web/res/values-fi/strings.xml": "android",
    }
    assert not any("portal.yaml" in line or "baseline" in line for line in lines)


# -- item 4: every changed line -----------------------------------------------------------------

def test_changed_since_sees_utf16_strings(vendor: Path) -> None:
    strings = vendor / "apps/ios/fi.lproj/Localizable.strings"
    text = IOS_STRINGS + '"home.body" = "Varaa aika e-palvelussa.";\n'
    strings.write_bytes(text.encode("utf-16"))
    result = termlint(vendor, "check", "--changed-since", "HEAD", "--format", "json", ".")
    found = json.loads(result.stdout)["findings"]
    assert [(f["path"], f["line"]) for f in found] == [
        ("apps/ios/fi.lproj/Localizable.strings", 3)]
    assert found[0]["text"] == "e-palvelussa"


def test_git_info_exclude_and_global_excludes_count(vendor: Path) -> None:
    (vendor / ".git/info").mkdir(exist_ok=True)
    (vendor / ".git/info/exclude").write_text("apps/ios/fi.po\n", encoding="utf-8")
    (vendor.parent / "global-ignore").write_text("sv.json\n", encoding="utf-8")
    (vendor.parent / "gitconfig").write_text(
        f"[core]\n\texcludesFile = {vendor.parent / 'global-ignore'}\n", encoding="utf-8")
    listed = termlint(vendor, "check", "--show-files", ".").stdout
    assert "apps/web/locales/fi.json" in listed
    assert "fi.po" not in listed and "sv.json" not in listed


def test_pre_commit_run_covers_utf16_strings_and_skips_own_files(vendor: Path) -> None:
    """A real ``pre-commit run`` with the hook definitions of this repository (as a local
    hook that runs this checkout's termlint): a staged UTF-16 .strings file is checked."""
    import yaml

    hook = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))[0]
    # The iOS app's suggestions fail the hook only when asked to.
    local = dict(hook, entry=f"{TERMLINT} check", language="system",
                 args=["--fail-level", "suggestion"])
    local.pop("minimum_pre_commit_version", None)
    (vendor / ".pre-commit-config.yaml").write_text(
        yaml.safe_dump({"repos": [{"repo": "local", "hooks": [local]}]}), encoding="utf-8")
    strings = vendor / "apps/ios/fi.lproj/Localizable.strings"
    strings.write_bytes((IOS_STRINGS + '"home.body" = "Varaa aika e-palvelussa.";\n')
                        .encode("utf-16"))
    (vendor / "terminology/portal.yaml").write_text(PORTAL + "# reviewed\n", encoding="utf-8")
    git(vendor, "add", "-A")
    result = subprocess.run([str(PRE_COMMIT), "run", "--color", "never", "--verbose"],
                            cwd=vendor, capture_output=True, text=True, env=_env(vendor),
                            timeout=300, check=False)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "apps/ios/fi.lproj/Localizable.strings:3:" in output and "e-palvelussa" in output
    assert "terminology/portal.yaml:" not in output
