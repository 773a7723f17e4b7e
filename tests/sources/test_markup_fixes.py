"""Fixes that keep markup intact, patches the usual tools apply, and inputs that are valid but
were refused (issues 15 and 21), all through the real CLI."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli_helpers import run_cli

FI = "Käytä sähköisiä palveluja."
FIXED = "Käytä digitaalisia palveluja."
#: The CLI in a process of its own: a patch is bytes, read here as the shell would.
TERMLINT = [sys.executable, "-m", "termlint.cli"]


def check(folder: Path, *args: str) -> tuple[int, str, str]:
    return run_cli(["check", "--isolated", "-j", "1", *args], cwd=folder)


# -- HTML attributes inside text blocks ---------------------------------------------------------


def test_alt_and_title_fixes_inside_a_text_block_apply_with_the_others(tmp_path: Path) -> None:
    page = tmp_path / "sivu.html"
    page.write_text(
        '<html lang="fi"><body>\n'
        f'<p>{FI} <img src="k.png" alt="{FI[:-1]} &amp; muuta"> Lue '
        f'<a title="{FI}">lisää</a>.</p>\n'
        f"<p>Hae sähköisiä palveluja tänään.</p>\n</body></html>\n", encoding="utf-8")
    code, out, err = check(tmp_path, "--fix", "sivu.html")
    assert err == "" and code == 0, (code, out, err)
    assert page.read_text(encoding="utf-8") == (
        '<html lang="fi"><body>\n'
        f'<p>{FIXED} <img src="k.png" alt="{FIXED[:-1]} &amp; muuta"> Lue '
        f'<a title="{FIXED}">lisää</a>.</p>\n'
        "<p>Hae digitaalisia palveluja tänään.</p>\n</body></html>\n")


def test_an_attribute_fix_is_escaped_for_its_quotes(tmp_path: Path) -> None:
    # The block holds the tag as raw text: it must read the escaped value, not the plain one.
    page = tmp_path / "sivu.html"
    page.write_text(f"<div><p>Kuva: <img alt='{FI}'> ja teksti.</p></div>\n", encoding="utf-8")
    code, _, err = check(tmp_path, "--fix", "sivu.html")
    assert err == "" and code == 0
    assert page.read_text(encoding="utf-8") == (
        f"<div><p>Kuva: <img alt='{FIXED}'> ja teksti.</p></div>\n")


# -- patches of files that are not UTF-8 --------------------------------------------------------


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True,
                          check=False)


def _fixed_copy(folder: Path, tmp_path: Path) -> Path:
    """What --fix writes, in a copy of ``folder``."""
    copy = tmp_path / "fixed"
    shutil.copytree(folder, copy, ignore=shutil.ignore_patterns(".git"))
    code, _, err = check(copy, "--fix", ".")
    assert code == 0 and err == "", err
    return copy


def test_diff_of_a_latin1_file_applies_with_patch_and_git_apply(tmp_path: Path) -> None:
    folder = tmp_path / "repo"
    folder.mkdir()
    original = f"otsikko = {FI}\nmuu = Älä unohda.\n".encode("latin-1")
    (folder / "messages_fi.properties").write_bytes(original)
    code, _, err = run_cli(["check", "--isolated", "-j", "1", "--diff", "."], cwd=folder)
    assert code == 1 and err == ""
    result = subprocess.run([*TERMLINT, "check", "--isolated", "--diff", "."], cwd=folder,
                            capture_output=True, check=False)
    patch = result.stdout
    assert "äytä".encode("latin-1") in patch and "äytä".encode() not in patch
    wanted = _fixed_copy(folder, tmp_path) / "messages_fi.properties"
    applied = subprocess.run(["patch", "-p1"], input=patch, cwd=folder, capture_output=True,
                             check=False)
    assert applied.returncode == 0, applied.stderr
    assert (folder / "messages_fi.properties").read_bytes() == wanted.read_bytes()
    (folder / "messages_fi.properties").write_bytes(original)
    _git(folder, "init", "-q")
    applied = subprocess.run(["git", "apply", "-"], input=patch, cwd=folder,
                             capture_output=True, check=False)
    assert applied.returncode == 0, applied.stderr
    assert (folder / "messages_fi.properties").read_bytes() == wanted.read_bytes()


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_diff_of_a_utf16_file_is_a_git_binary_patch_that_git_applies(
        tmp_path: Path, encoding: str) -> None:
    folder = tmp_path / "repo"
    folder.mkdir()
    data = f'/* ohje */\n"a" = "{FI}";\n"b" = "Hei";\n'.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    (folder / "Localizable.strings").write_bytes(data)
    result = subprocess.run([*TERMLINT, "check", "--isolated", "--diff", "."], cwd=folder,
                            capture_output=True, check=False)
    assert result.returncode == 1, result.stderr
    first = result.stdout.splitlines()[0].decode()
    assert first.startswith("# termlint: Localizable.strings is UTF-16") and "git apply" in first
    assert b"GIT binary patch" in result.stdout
    wanted = _fixed_copy(folder, tmp_path) / "Localizable.strings"
    assert wanted.read_bytes() != data
    _git(folder, "init", "-q")
    applied = subprocess.run(["git", "apply", "-"], input=result.stdout, cwd=folder,
                             capture_output=True, check=False)
    assert applied.returncode == 0, applied.stderr
    assert (folder / "Localizable.strings").read_bytes() == wanted.read_bytes()


def test_diff_of_a_utf8_file_with_a_bom_applies_with_patch(tmp_path: Path) -> None:
    (tmp_path / "ohje.txt").write_bytes(b"\xef\xbb\xbf" + f"{FI}\nToinen rivi.\n".encode())
    result = subprocess.run([*TERMLINT, "check", "--isolated", "--diff", "."], cwd=tmp_path,
                            capture_output=True, check=False)
    applied = subprocess.run(["patch", "-p1"], input=result.stdout, cwd=tmp_path,
                             capture_output=True, check=False)
    assert applied.returncode == 0, applied.stderr
    assert (tmp_path / "ohje.txt").read_bytes() == (
        b"\xef\xbb\xbf" + f"{FIXED}\nToinen rivi.\n".encode())


# -- valid inputs that were refused -------------------------------------------------------------


def test_json_with_a_5000_digit_integer_is_checked(tmp_path: Path) -> None:
    (tmp_path / "fi.json").write_text(f'{{"n": {"9" * 5000}, "a": "{FI}"}}', encoding="utf-8")
    code, out, err = check(tmp_path, "fi.json")
    assert (code, err) == (1, "")
    assert "fi.json:1:" in out and "sähköinen palvelu" in out


def test_yaml_with_a_redefined_anchor_is_checked(tmp_path: Path) -> None:
    (tmp_path / "fi.yml").write_text(
        f"a: &x Tervetuloa.\nb: &x {FI}\nc: *x\n", encoding="utf-8")
    code, out, err = check(tmp_path, "--format", "json", "fi.yml")
    assert (code, err) == (1, "")
    import json

    findings = json.loads(out)["findings"]
    assert [(f["line"], f["text"]) for f in findings] == [(2, "sähköisiä palveluja")]


# -- bounded inputs -----------------------------------------------------------------------------


def test_alias_in_a_rule_folder_vocabulary_is_refused_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "terms").mkdir()
    names = "abcdefgh"
    lines = ["id: pommi", "title: x", "a: &a [" + ", ".join(["lol"] * 9) + "]"]
    lines += [f"{names[i]}: &{names[i]} [" + ", ".join([f"*{names[i - 1]}"] * 9) + "]"
              for i in range(1, 8)]
    (tmp_path / "terms" / "pommi.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / ".termlint.yaml").write_text("rule-folders: [terms/]\n", encoding="utf-8")
    (tmp_path / "fi.txt").write_text(FI + "\n", encoding="utf-8")
    started = time.perf_counter()
    code, _, err = run_cli(["check", "-j", "1", "fi.txt"], cwd=tmp_path)
    assert time.perf_counter() - started < 30  # 8 levels took minutes and gigabytes
    assert code == 2
    assert err.strip().splitlines() == [
        f"termlint: error: {tmp_path / 'terms' / 'pommi.yaml'}:3: the value anchored here is "
        "used again: YAML aliases (*name) and merge keys (<<) are not allowed in vocabulary "
        "files; write the value out"]


def test_a_vocabulary_without_aliases_still_loads_from_a_rule_folder(tmp_path: Path) -> None:
    (tmp_path / "terms").mkdir()
    (tmp_path / "terms" / "oma.yaml").write_text(
        "id: oma\ntitle: Oma\nconcepts:\n  - id: napsauttaa\n    terms:\n      fi:\n"
        "        - {term: napsauttaa, status: preferred}\n"
        "        - {term: klikata, status: deprecated}\n", encoding="utf-8")
    (tmp_path / ".termlint.yaml").write_text("rule-folders: [terms/]\n", encoding="utf-8")
    (tmp_path / "fi.txt").write_text("Muista klikata linkkiä.\n", encoding="utf-8")
    code, out, err = run_cli(["check", "-j", "1", "fi.txt"], cwd=tmp_path)
    assert (code, err) == (1, ""), err
    assert "klikata" in out


def test_a_file_over_the_size_limit_is_refused_unread_and_the_rest_checked(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "iso.txt"
    with big.open("wb") as handle:  # sparse: 3 GiB that take no disk space
        handle.truncate(3 << 30)
    (tmp_path / "fi.txt").write_text(FI + "\n", encoding="utf-8")
    code, out, err = check(tmp_path, "iso.txt", "fi.txt")
    assert code == 2 and "fi.txt:1:7:" in out
    assert err.strip().splitlines() == [
        "iso.txt: error: too large to check (3072 MiB; the limit is 64 MiB, set "
        "TERMLINT_MAX_FILE_MB to change it); not read"]
    monkeypatch.setenv("TERMLINT_MAX_FILE_MB", "0.00002")  # 20 bytes
    code, out, err = check(tmp_path, "fi.txt")
    assert code == 2 and "fi.txt: error: too large to check (32 bytes; the limit is 20 bytes" in err
