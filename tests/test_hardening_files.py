"""Hardening, round 2 (issue 21): errors through the one error path, file permissions and
ownership under ``--fix``, output files, links, a tampered cache, zero-width and look-alike
letters, and Ctrl-C. docs/hardening.md lists each case with what was seen.

Tests run as root in CI, where permission bits do not stop reading or writing; a refusal the
kernel would give another user is simulated where termlint asks for it (``os.open``,
``os.access``, ``os.scandir``), as tests/test_hardening.py does.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from termlint.cli import main
from tests.test_hardening import (
    FIXABLE,
    GOOD,
    GOOD_FINDING,
    _deny,
    _fixable,
    assert_one_error,
    error_lines,
    no_traceback,
    place,
    run,
)

EXE = str(Path(sys.executable).with_name("termlint"))


def check(*args: str) -> Result:
    """``termlint check`` with config discovery (not ``--isolated``)."""
    return CliRunner().invoke(main, ["check", *args])


def one_fatal_line(result: Result, fragment: str) -> str:
    """Exit 2 and a single ``termlint: error: …`` line holding ``fragment``; no traceback."""
    no_traceback(result)
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("termlint: error: "), result.stderr
    assert fragment in lines[0], lines[0]
    return lines[0]


# -- tracebacks that are one-line errors now ------------------------------------------------------

def test_config_of_random_bytes(tmp_path: Path) -> None:
    config = tmp_path / "rnd.yaml"
    config.write_bytes(bytes([0xC1, 0x00, 0xFF, 0x8E]) + os.urandom(200))
    _, good = place(tmp_path, "x.txt", b"")
    one_fatal_line(check("--config", str(config), good),
                   f"{config}:1: not valid UTF-8 (byte 0xc1); configuration files are UTF-8")


def test_discovered_pyproject_with_a_latin1_byte(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_bytes(
        '[tool.termlint]\nlanguage = "fi"\n# kieli: suomi, sähkö\n'.encode("latin-1"))
    _, good = place(tmp_path, "x.txt", b"")
    one_fatal_line(check(good), "pyproject.toml:3: not valid UTF-8 (byte 0xe4)")


def test_discovered_pyproject_nested_100000_deep(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.termlint]\nexclude = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    _, good = place(tmp_path, "x.txt", b"")
    one_fatal_line(check(good), "pyproject.toml: not valid TOML: nesting too deep")


def test_csv_import_with_a_200_kb_field(tmp_path: Path) -> None:
    """The csv module's default field limit is 128 KiB; no field can exceed the file."""
    note = "pitkä selitys " * 15_000  # 210,000 characters
    source = tmp_path / "terms.csv"
    source.write_text("concept,term,status,note\n"
                      f'c,digitaalinen palvelu,preferred,"{note}"\n'
                      "c,sähköinen palvelu,deprecated,\n", encoding="utf-8")
    out = tmp_path / "terms.yaml"
    result = CliRunner().invoke(main, ["vocab", "import", str(source), "-o", str(out)])
    no_traceback(result)
    assert result.exit_code == 0, result.stderr
    from termlint.vocab.loader import load_vocabulary

    (concept,) = load_vocabulary(out).concepts
    assert concept.note == note.strip()
    assert [t.text for t in concept.terms] == ["digitaalinen palvelu", "sähköinen palvelu"]
    import csv

    assert csv.field_size_limit() == 131_072  # the process-wide limit is put back


def test_write_baseline_into_a_missing_folder_or_onto_a_folder(tmp_path: Path) -> None:
    _, good = place(tmp_path, "x.txt", b"")
    missing = tmp_path / "nowhere" / "baseline.json"
    one_fatal_line(run("--write-baseline", str(missing), good),
                   f"--write-baseline {missing}: folder {missing.parent} does not exist")
    folder = tmp_path / "folder"
    folder.mkdir()
    one_fatal_line(run("--write-baseline", str(folder), good),
                   f"--write-baseline {folder}: is a directory; give a file name")
    assert list(folder.iterdir()) == [] and not missing.parent.exists()


def test_write_baseline_that_fails_while_writing(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _, good = place(tmp_path, "x.txt", b"")
    target = tmp_path / "baseline.json"

    def full(*args: object, **kwargs: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_text", full)
    one_fatal_line(run("--write-baseline", str(target), good),
                   f"cannot write {target}: No space left on device")


def test_init_in_a_folder_it_cannot_write(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / ".termlint.yaml"
    _deny(monkeypatch, str(target))
    result = CliRunner().invoke(main, ["init", str(tmp_path)])
    one_fatal_line(result, f"cannot write {target}: Permission denied")
    assert not target.exists()


def test_init_refuses_a_dangling_symlink(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere" / "planted.yaml"
    elsewhere.parent.mkdir()
    project = tmp_path / "project"
    project.mkdir()
    (project / ".termlint.yaml").symlink_to(elsewhere)
    result = CliRunner().invoke(main, ["init", str(project)])
    one_fatal_line(result, f"{project / '.termlint.yaml'} is a symbolic link (to {elsewhere}); "
                           "not writing through it")
    assert not elsewhere.exists()


# -- reading: unreadable files and folders ---------------------------------------------------------

def test_unreadable_named_file_is_a_file_error_not_a_usage_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """click used to check ``os.access`` and stop the whole run with a usage error."""
    bad, good = place(tmp_path, "fi.txt", GOOD.encode())
    _deny(monkeypatch, bad)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, *a, **k: (
        False if os.fspath(p) == bad else real_access(p, mode, *a, **k)))
    assert_one_error(run(bad, good), bad, "cannot read: Permission denied")


def test_unreadable_folder_in_a_walked_tree(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    tree = tmp_path / "docs"
    (tree / "secret").mkdir(parents=True)
    (tree / "secret" / "a.txt").write_text(GOOD, encoding="utf-8")
    (tree / "good.txt").write_text(GOOD, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:
        if os.fspath(path).endswith("secret"):  # type: ignore[call-overload]
            raise PermissionError(13, "Permission denied", os.fspath(path))  # type: ignore[call-overload]
        return real_scandir(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", scandir)
    result = run(str(tree))
    no_traceback(result)
    assert result.exit_code == 2, result.stderr
    assert error_lines(result, str(tree / "secret")) == [
        f"{tree / 'secret'}: error: cannot read this folder (Permission denied); its files "
        "were not checked"]
    assert "good.txt:1:7:" in result.stdout


# -- output files ------------------------------------------------------------------------------

@pytest.mark.parametrize("spelling", ["same", "dot", "hard link"])
def test_output_naming_a_file_being_checked(tmp_path: Path, spelling: str) -> None:
    _, good = place(tmp_path, "x.txt", b"")
    output = {"same": good, "dot": str(Path(good).parent / "." / "good.txt"),
              "hard link": str(tmp_path / "also.txt")}[spelling]
    if spelling == "hard link":
        os.link(good, output)
    result = run("--format", "json", "-o", output, good)
    one_fatal_line(result, f"--output {output}: is {good}, a file to check; not overwriting it")
    assert Path(good).read_text(encoding="utf-8") == GOOD
    assert result.stdout == ""


# -- --fix: permissions, owners, links -----------------------------------------------------------

def _fix(*paths: Path | str) -> Result:
    return run("--fix", *(str(p) for p in paths))


def _fixed(path: Path) -> bool:
    return "digitaalisia palveluja" in path.read_text(encoding="utf-8")


def test_fix_keeps_the_owner_and_group(tmp_path: Path) -> None:
    path = _fixable(tmp_path)
    os.chmod(path, 0o640)
    if os.geteuid() == 0:
        os.chown(path, 65534, 65534)
        owner = (65534, 65534)
    else:  # a user can only give a file to a group of its own: keep what there is
        owner = (path.stat().st_uid, path.stat().st_gid)
    result = _fix(path)
    no_traceback(result)
    assert result.exit_code == 0, result.stderr
    assert _fixed(path)
    info = path.stat()
    assert (info.st_uid, info.st_gid) == owner
    assert stat.S_IMODE(info.st_mode) == 0o640


def test_fix_refuses_when_the_owner_cannot_be_kept(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = _fixable(tmp_path)
    other = tmp_path / "other.txt"
    other.write_text(GOOD, encoding="utf-8")
    real_stat = os.stat
    uid = os.getuid() + 1

    def stat_as_other(target: object, *args: object, **kwargs: object) -> os.stat_result:
        info = real_stat(target, *args, **kwargs)  # type: ignore[arg-type]
        if os.fspath(target) == str(path):  # type: ignore[call-overload]
            values = list(info)
            values[stat.ST_UID] = uid
            return os.stat_result(values)
        return info

    def chown(*args: object, **kwargs: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "stat", stat_as_other)
    monkeypatch.setattr(os, "chown", chown)
    result = _fix(path, other)
    no_traceback(result)
    assert result.exit_code == 2
    lines = error_lines(result, str(path))
    assert len(lines) == 1 and "not fixed: cannot keep the file's owner" in lines[0], lines
    assert path.read_text(encoding="utf-8") == FIXABLE
    assert _fixed(other)  # the other file is still fixed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fi.json", "other.txt"]


def test_fix_refuses_a_read_only_file(tmp_path: Path) -> None:
    path = _fixable(tmp_path)
    os.chmod(path, 0o444)
    other = tmp_path / "other.txt"
    other.write_text(GOOD, encoding="utf-8")
    result = _fix(path, other)
    no_traceback(result)
    assert result.exit_code == 2
    assert error_lines(result, str(path)) == [
        f"{path}: error: not fixed: the file is read-only; not replacing it"]
    assert path.read_text(encoding="utf-8") == FIXABLE
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
    assert _fixed(other)


def test_fix_refuses_a_file_the_user_cannot_write(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = _fixable(tmp_path)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, *a, **k: (
        False if os.fspath(p) == str(path) and mode == os.W_OK
        else real_access(p, mode, *a, **k)))
    result = _fix(path)
    no_traceback(result)
    assert result.exit_code == 2
    assert error_lines(result, str(path)) == [
        f"{path}: error: not fixed: no permission to write the file; not replacing it"]
    assert path.read_text(encoding="utf-8") == FIXABLE


def test_fix_does_not_follow_a_walked_symlink_out_of_the_tree(tmp_path: Path) -> None:
    outside = tmp_path / "outside" / "notes.txt"
    outside.parent.mkdir()
    outside.write_text(GOOD, encoding="utf-8")
    tree = tmp_path / "docs"
    tree.mkdir()
    (tree / "link.txt").symlink_to(outside)
    (tree / "own.txt").write_text(GOOD, encoding="utf-8")
    (tree / "inner.txt").symlink_to("own.txt")  # a link inside the tree is fine
    result = _fix(tree)
    no_traceback(result)
    assert result.exit_code == 2
    assert error_lines(result, str(tree / "link.txt")) == [
        f"{tree / 'link.txt'}: error: not fixed: a symbolic link to {outside}, outside the "
        "folders checked; name that file to fix it"]
    assert outside.read_text(encoding="utf-8") == GOOD
    assert _fixed(tree / "own.txt")
    assert (tree / "link.txt").is_symlink()
    # Named explicitly, the link is followed, as asked.
    again = _fix(tree / "link.txt")
    assert again.exit_code == 0, again.stderr
    assert _fixed(outside)


def test_fix_splits_a_hard_link(tmp_path: Path) -> None:
    """Decided and documented: the fixed file is a new file under the name that was fixed;
    the other name keeps the original text (pnpm and similar stores share files by hard
    links, and a fix of one project must not edit the copy every other project shares)."""
    path = _fixable(tmp_path)
    twin = tmp_path / "twin.json"
    os.link(path, twin)
    result = _fix(path)
    assert result.exit_code == 0, result.stderr
    assert _fixed(path)
    assert twin.read_text(encoding="utf-8") == FIXABLE
    assert path.stat().st_nlink == 1 and twin.stat().st_nlink == 1


# -- vocabularies that contradict each other ------------------------------------------------

OWN_VOCAB = """\
id: own
source: "house style"
concepts:
  - id: sahkoinen-palvelu
    terms:
      fi:
        - {term: sähköinen palvelu, status: preferred}
        - {term: digitaalinen palvelu, status: deprecated}
"""


@pytest.mark.parametrize("start", ["Käytä sähköisiä palveluja.\n",
                                   "Käytä digitaalisia palveluja.\n"])
def test_own_vocabulary_wins_and_a_second_fix_changes_nothing(tmp_path: Path,
                                                             start: str) -> None:
    (tmp_path / "own.yaml").write_text(OWN_VOCAB, encoding="utf-8")
    (tmp_path / ".termlint.yaml").write_text("vocabularies: [+own.yaml]\n", encoding="utf-8")
    text = tmp_path / "a.txt"
    text.write_text(start, encoding="utf-8")
    first = check("--fix", str(text))
    assert first.exit_code == 0, (first.stdout, first.stderr)
    assert text.read_text(encoding="utf-8") == "Käytä sähköisiä palveluja.\n"
    second = check("--fix", str(text))
    assert second.exit_code == 0 and "fixed" not in second.stdout, second.stdout
    assert text.read_text(encoding="utf-8") == "Käytä sähköisiä palveluja.\n"
    # The bundled vocabulary still flags what the own one does not contradict.
    other = tmp_path / "b.txt"
    other.write_text("Käytä sähköistä asiointia.\n", encoding="utf-8")
    assert "thl-digi/digitaalinen-asiointi" in check(str(other)).stdout


def test_fix_over_a_folder_leaves_the_project_vocabulary_alone(tmp_path: Path) -> None:
    """The vocabulary lists the term it deprecates; walked with --fix, that entry was
    "fixed" into a second copy of the preferred term."""
    (tmp_path / "own.yaml").write_text(OWN_VOCAB, encoding="utf-8")
    (tmp_path / ".termlint.yaml").write_text("vocabularies: [+own.yaml]\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Käytä digitaalisia palveluja.\n", encoding="utf-8")
    result = check("--fix", str(tmp_path))
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert (tmp_path / "own.yaml").read_text(encoding="utf-8") == OWN_VOCAB
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "Käytä sähköisiä palveluja.\n"
    # Named explicitly, the file is checked like any other.
    assert "own.yaml:8:" in check(str(tmp_path / "own.yaml")).stdout


def test_precedence_ranks_own_files_above_bundled_ones() -> None:
    from termlint.vocab.loader import parse_vocabulary
    from termlint.vocab.precedence import let_own_win

    own = parse_vocabulary("own.yaml", OWN_VOCAB)
    bundled = parse_vocabulary("base.yaml", OWN_VOCAB.replace("id: own", "id: base")
                               .replace("preferred}", "X}").replace("deprecated}", "preferred}")
                               .replace("X}", "deprecated}"))
    for order in ([bundled, own], [own, bundled]):
        kept = let_own_win(order, {"base.yaml"})
        flagged = {v.id: [t.text for c in v.concepts for t in c.terms if t.status.flagged]
                   for v in kept}
        assert flagged == {"own": ["digitaalinen palvelu"], "base": []}


# -- the cache ---------------------------------------------------------------------------------

def _cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"TERMLINT_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    return subprocess.run([EXE, "check", "--isolated", *args], capture_output=True, text=True,
                          env=env, check=False, timeout=120)


def _tamper(tmp_path: Path, sign: bool) -> int:
    """Put TAMPERED into every stored suggestion; returns how many entries were changed."""
    from termlint import cache

    changed = 0
    for shard in (tmp_path / "cache").glob("matches-*/*.json"):
        entries = cache.read_entry(shard)
        assert isinstance(entries, dict)
        text = json.dumps(entries, ensure_ascii=False)
        changed += text.count('"digitaalisia"')  # the word a fix writes
        entries = json.loads(text.replace("digitaalisia", "TAMPERED"))
        if sign:
            assert cache.write_entry(shard, entries, ensure_ascii=False)
        else:  # the shape is right, the signature is not this user's
            payload = json.dumps(entries, ensure_ascii=False).encode()
            forged = cache.MAGIC + cache._mac(b"0" * 64, payload) + b"\n" + payload
            shard.write_bytes(forged)
    return changed


def test_a_tampered_match_store_is_not_used_by_fix(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERMLINT_CACHE_DIR", str(tmp_path / "cache"))
    seed = tmp_path / "seed.txt"
    seed.write_text(GOOD, encoding="utf-8")
    assert _cli(tmp_path, str(seed)).returncode == 1  # fills the match store
    assert _tamper(tmp_path, sign=False) >= 1
    target = tmp_path / "target.txt"
    target.write_text(GOOD, encoding="utf-8")
    result = _cli(tmp_path, "--fix", str(target))
    assert result.returncode == 0, result.stderr
    assert target.read_text(encoding="utf-8") == "Käytä digitaalisia palveluja.\n"
    # The tampering would have worked with the right key: the signature is what stops it.
    target.write_text(GOOD, encoding="utf-8")
    assert _tamper(tmp_path, sign=True) >= 1
    _cli(tmp_path, "--fix", str(target))
    assert target.read_text(encoding="utf-8") == "Käytä TAMPERED palveluja.\n"


def test_a_cache_key_others_can_read_is_not_used(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from termlint import cache

    folder = tmp_path / "cache"
    monkeypatch.setenv("TERMLINT_CACHE_DIR", str(folder))
    monkeypatch.setattr(cache, "_KEYS", {})
    stored = cache.JsonCache("t")
    stored["a"] = "b"
    stored.save()
    key = folder / "key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert cache.JsonCache("t") == {"a": "b"}
    os.chmod(key, 0o644)
    monkeypatch.setattr(cache, "_KEYS", {})
    assert cache.JsonCache("t") == {}


def test_a_named_pipe_in_place_of_a_cache_file_does_not_hang(tmp_path: Path) -> None:
    """Each cache file is opened without blocking and read only if it is a regular file."""
    folder = tmp_path / "cache"
    seed = tmp_path / "seed.txt"
    seed.write_text(GOOD, encoding="utf-8")
    assert _cli(tmp_path, str(seed)).returncode == 1
    replaced = 0
    for path in [*folder.glob("*.json"), *folder.glob("*/*.json")]:
        path.unlink()
        os.mkfifo(path)
        replaced += 1
    assert replaced >= 3
    result = _cli(tmp_path, str(seed))  # times out (a test failure) if a read blocks
    assert result.returncode == 1 and GOOD_FINDING.replace("good", "seed") in result.stdout
    assert result.stderr == ""


# -- evasion -----------------------------------------------------------------------------------

@pytest.mark.parametrize("char", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"])
@pytest.mark.parametrize("prefilter", [True, False])
def test_zero_width_characters_do_not_hide_a_term(tmp_path: Path, char: str,
                                                  prefilter: bool) -> None:
    path = tmp_path / "fi.txt"
    path.write_text(f"Käytä säh{char}köisiä palveluja. Ja e-pal{char}velua.\n",
                    encoding="utf-8")
    flags = [] if prefilter else ["--no-prefilter"]
    result = run(*flags, "--format", "json", str(path))
    found = json.loads(result.stdout)["findings"]
    assert [f["rule"] for f in found] == ["thl-digi/digitaalinen-palvelu",
                                         "thl-digi/digitaalinen-palvelu"]
    assert found[0]["text"] == f"säh{char}köisiä palveluja"
    fixed = run("--fix", str(path))
    assert fixed.exit_code == 0, fixed.stderr
    assert path.read_text(encoding="utf-8") == (
        "Käytä digitaalisia palveluja. Ja digitaalista palvelua.\n")


@pytest.mark.parametrize("prefilter", [True, False])
def test_look_alike_letters_are_reported_but_never_fixed(tmp_path: Path,
                                                         prefilter: bool) -> None:
    text = "Käytä s\u0430hköisiä palveluja. Käytä e-p\u0430lvelua. Сервис работает.\n"
    path = tmp_path / "fi.txt"
    path.write_text(text, encoding="utf-8")
    flags = [] if prefilter else ["--no-prefilter"]
    found = json.loads(run(*flags, "--format", "json", str(path)).stdout)["findings"]
    assert [(f["text"], f["confidence"]) for f in found] == [
        ("s\u0430hköisiä palveluja", 0.8), ("e-p\u0430lvelua", 0.8)]
    assert all("possible misspelling" in f["message"] for f in found)
    result = run("--fix", str(path))
    assert result.exit_code == 1 and "fixed" not in result.stdout
    assert path.read_text(encoding="utf-8") == text


def test_fold_lookalikes_only_folds_mixed_words() -> None:
    from termlint.morphology.confusables import fold_lookalikes

    assert fold_lookalikes("s\u04d3hk\u04e7inen") == "sähköinen"
    assert fold_lookalikes("s\u0430hköinen") == "sahköinen"
    assert fold_lookalikes("sähköinen") is None
    assert fold_lookalikes("Сервис") is None  # wholly Cyrillic: another language
    assert fold_lookalikes("s\u0430\u0436") is None  # ж has no Latin look-alike


# -- interruption ------------------------------------------------------------------------------

def test_interrupted_run_exits_130_in_process(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import termlint.lint

    _, good = place(tmp_path, "x.txt", b"")

    def interrupted(self: object, path: str, raw: bytes | None = None) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(termlint.lint.Linter, "lint_path", interrupted)
    result = run("-j", "1", good)
    assert result.exit_code == 130
    assert result.stderr == "termlint: interrupted\n"


def test_sigint_exits_130(tmp_path: Path) -> None:
    """A real SIGINT: the run waits on standard input, is interrupted, and exits 130 (not 1,
    the code for findings)."""
    env = {"TERMLINT_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    process = subprocess.Popen([EXE, "check", "--isolated", "--stdin"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    time.sleep(1.5)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert b"Traceback" not in err
