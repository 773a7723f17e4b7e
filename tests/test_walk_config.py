"""Choosing what to check: compiled globs, the walk's ignore rules, termlint's own files,
names that must name something, and ``--changed-since``'s single diff (issues 14 and 21).

Growth tests compare the time of size N with size 2N and fail only when the ratio passes 3
(linear work doubles; the old quadratic and exponential cases grew 4x to 20x per step)."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from termlint import gitdiff, walk
from termlint.api import lint_text
from termlint.cli import main
from termlint.config import Config, Override
from termlint.globs import Glob, glob_match
from termlint.ownfiles import recognise
from termlint.sources.base import Document
from termlint.suppress import unknown_directives
from termlint.validation import UnknownName, normalise_language
from tests.cli_helpers import run_cli


def _timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def _ratio(make: Callable[[int], Callable[[], object]], n: int, rounds: int = 5) -> float:
    """Time of size 4n over time of size n: the best of ``rounds`` warm runs of each, taken
    in turns (the machine is shared: a slow run is noise, and load that comes and goes
    falls on both sizes alike). A linear case gives about 4, a quadratic one 16; a ratio at
    or over the limit is measured twice more before it counts, as a busy machine can put a
    pause into the best of five."""
    small, large = make(n), make(4 * n)
    small()  # warm caches, compiled patterns and the file system's cache alike
    large()
    ratio = 0.0
    for _ in range(3):
        smalls, larges = [], []
        for _ in range(rounds):
            smalls.append(_timed(small))
            larges.append(_timed(large))
        ratio = min(larges) / max(min(smalls), 1e-6)
        if ratio < LIMIT:
            break
    return ratio


# Four times the input may take at most eight times as long: twice the linear ratio, half
# the quadratic one.
LIMIT = 8


# -- globs ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("pattern", "path", "expected"), [
    ("src/**/f1.txt", "src/a/b/f1.txt", True),
    ("src/**/f1.txt", "src/f1.txt", True),
    ("src/**", "src/x/y.md", True),
    ("a/*.md", "a/b/c.md", False),
    ("a/*.md", "a/c.md", True),
    ("docs/", "docs/x/y.md", True),
    ("legal", "x/legal/y.json", True),
    ("*.bak", "x/y.bak", True),
    ("**/x/*.md", "q/x/a.md", True),
    ("a/**/b/**/c", "a/q/b/r/c/d.txt", True),
    ("a/**/b/**/c", "a/q/r/c/d.txt", False),
    ("a/[!b]*/c", "a/x/c", True),
    ("a/[!b]*/c", "a/b/c", False),
    ("a.*/b", "a.x/b", True),
    ("a.*/b", "ab/b", False),
])
def test_glob_semantics(pattern: str, path: str, expected: bool) -> None:
    assert glob_match(path, pattern) is expected


def test_many_double_stars_match_the_same_as_one() -> None:
    # Several "**" go through the part-by-part matcher, one "**" through a regex: both agree.
    deep = "a/" * 30 + "f.txt"
    assert Glob("**/" * 14 + "f.txt").match(deep)
    assert Glob("**/a/" * 14 + "f.txt").match(deep)
    assert not Glob("**/a/" * 14 + "never.txt").match(deep)
    assert not Glob("**/a/" * 31 + "f.txt").match(deep)


def test_repeated_double_star_glob_grows_linearly() -> None:
    glob = Glob("**/a/" * 14 + "never.txt")

    def make(depth: int) -> Callable[[], object]:
        path = "a/" * depth + "f.txt"
        return lambda: [glob.match(path) for _ in range(20)]

    assert _ratio(make, 200) < LIMIT


def test_many_overrides_are_compiled_once_and_grow_linearly(tmp_path: Path) -> None:
    overrides = tuple(Override(files=(f"src/m{i % 50}/**/f{i}.txt", f"**/x{i}/*.md"),
                               severity={"thl-digi": "error"}) for i in range(700))
    cfg = Config(root=tmp_path, overrides=overrides)
    assert cfg.for_path(str(tmp_path / "src/m7/a/f7.txt")).severity == {"thl-digi": "error"}
    assert cfg.for_path(str(tmp_path / "src/m8/a/f7.txt")).severity == {}

    def make(files: int) -> Callable[[], object]:
        paths = [str(tmp_path / f"src/m{i % 50}/a/f{i}.txt") for i in range(files)]
        return lambda: [cfg.for_path(p) for p in paths]

    assert _ratio(make, 200) < LIMIT


# -- the walk -------------------------------------------------------------------------------------

def _tree(root: Path, folders: int) -> None:
    (root / ".git").mkdir(parents=True)
    (root / ".gitignore").write_text("".join(f"*.tmp{i}\n" for i in range(150)),
                                     encoding="utf-8")
    for c in range(folders // 5):
        here = root / f"c{c}"
        for level in range(5):
            here = here / f"l{level}"
            here.mkdir(parents=True)
            (here / ".gitignore").write_text("*.bak\n", encoding="utf-8")
            (here / "fi.txt").write_text("Teksti.\n", encoding="utf-8")
            (here / "old.bak").write_text("x\n", encoding="utf-8")


def test_each_gitignore_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _tree(tmp_path, 20)
    reads: list[str] = []
    original = walk._read_lines

    def counting(path: str) -> list[str] | None:
        reads.append(path)
        return original(path)

    monkeypatch.setattr(walk, "_read_lines", counting)
    files = [p for p, _ in walk.iter_files([str(tmp_path)])]
    assert len(files) == 20 and all(f.endswith("fi.txt") for f in files)
    gitignores = [r for r in reads if r.endswith(".gitignore")]
    # One look per folder (21 hold a .gitignore; the 4 chain tops do not), none twice.
    assert len(gitignores) == len(set(gitignores)) == 25


def test_walk_grows_linearly_with_folders(tmp_path: Path) -> None:
    def make(folders: int) -> Callable[[], object]:
        root = tmp_path / str(folders)
        _tree(root, folders)
        return lambda: list(walk.iter_files([str(root)]))

    assert _ratio(make, 400) < LIMIT


def test_info_exclude_and_global_excludes_count(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    for name in ("keep.txt", "local.txt", "mine.txt", "sub/negated.txt"):
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text("Teksti.\n", encoding="utf-8")
    (repo / ".git/info").mkdir(parents=True)
    (repo / ".git/info/exclude").write_text("local.txt\nnegated.txt\n", encoding="utf-8")
    (repo / "sub/.gitignore").write_text("!negated.txt\n", encoding="utf-8")
    (tmp_path / "ignore").write_text("mine.txt\n", encoding="utf-8")
    (tmp_path / "gitconfig").write_text(f"[core]\n\texcludesFile = {tmp_path / 'ignore'}\n",
                                        encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    found = sorted(os.path.relpath(p, repo) for p, _ in walk.iter_files([str(repo)]))
    # A nearer .gitignore's negation wins over the repository's exclude file, as in git.
    assert found == ["keep.txt", os.path.join("sub", "negated.txt")]


# -- termlint's own files -------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["json", "sarif", "gitlab", "junit", "checkstyle", "github",
                                 "concise", "text", "html"])
def test_reports_are_recognised_by_content(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "fi.txt").write_text("Käytä sähköisiä palveluja.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--isolated", "--format", fmt,
                                       str(tmp_path / "fi.txt")])
    assert result.exit_code == 1, result.output
    report = tmp_path / f"report.{fmt}.txt"
    report.write_text(result.stdout, encoding="utf-8")
    assert recognise(str(report)) is not None


def test_reports_without_findings_and_baselines_are_recognised(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Käytä digitaalisia palveluja.\n", encoding="utf-8")
    for fmt, suffix in (("json", "json"), ("checkstyle", "xml"), ("junit", "xml"),
                        ("text", "txt"), ("html", "html")):
        result = CliRunner().invoke(main, ["check", "--isolated", "--format", fmt,
                                           str(tmp_path / "ok.txt")])
        (tmp_path / f"empty.{suffix}").write_text(result.stdout, encoding="utf-8")
        assert recognise(str(tmp_path / f"empty.{suffix}")) is not None, fmt
    (tmp_path / "fi.txt").write_text("Käytä e-palvelua.\n", encoding="utf-8")
    CliRunner().invoke(main, ["check", "--isolated", "--write-baseline",
                              str(tmp_path / "base.json"), str(tmp_path / "fi.txt")])
    assert recognise(str(tmp_path / "base.json")) == "a termlint baseline"


def test_ui_strings_are_not_taken_for_termlint_files(tmp_path: Path) -> None:
    samples = {
        "fi.json": '{"version": 2, "home": {"title": "Digitaaliset palvelut"}}\n',
        "list.json": '[{"type": "issue", "text": "Avaa lomake"}]\n',
        "fi.yaml": "id: etusivu\ntitle: Digitaaliset palvelut\n",
        "notes.txt": "Tänään 3 findings in 2 files ei ole raportti, vaan lause keskellä.\nLoppu.\n",
        # Notes that merely end like a summary line: the first line is no finding.
        "muistio.txt": "Käytä sähköisiä palveluja.\nTarkistus antoi:\n3 findings in 2 files\n",
        "strings.xml": '<?xml version="1.0"?>\n<resources><string name="a">x</string>'
                       "</resources>\n",
    }
    for name, text in samples.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert recognise(str(tmp_path / name)) is None, name


def test_notes_ending_like_a_summary_are_still_checked(tmp_path: Path) -> None:
    """Never green on nothing: a user's text whose last line reads like termlint's summary is
    checked, while a real text report (findings first, or the summary alone) is skipped."""
    notes = tmp_path / "muistio.txt"
    notes.write_text("Käytä sähköisiä palveluja.\n\n3 findings in 2 files\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--isolated", "--format", "concise",
                                       str(notes)])
    assert result.exit_code == 1 and "muistio.txt:1:7:" in result.stdout, result.output
    report = tmp_path / "report.txt"
    result = CliRunner().invoke(main, ["check", "--isolated", "-o", str(report), str(notes)])
    assert recognise(str(report)) == "a termlint text report"
    result = CliRunner().invoke(main, ["check", "--isolated", "-v", str(tmp_path)])
    assert "skipped" in result.output and "report.txt" in result.output


def test_a_named_pipe_is_not_opened_to_be_recognised(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    assert recognise(str(fifo)) is None  # returns at once instead of waiting for a writer


# -- names that must name something ---------------------------------------------------------------

def test_language_codes_are_normalised_or_refused() -> None:
    assert [normalise_language(x) for x in ("FI", "fi-FI", "sv_se", " Sv ")] == [
        "fi", "fi", "sv", "sv"]
    with pytest.raises(UnknownName, match=r"unknown language 'de' \(valid: fi, sv, en\)"):
        normalise_language("de")


def test_lint_text_validates_its_language() -> None:
    assert [f.rule for f in lint_text("Käytä e-palvelua.", language="FI")] == [
        "thl-digi/digitaalinen-palvelu"]
    with pytest.raises(ValueError, match="no selected vocabulary covers language 'en'"):
        lint_text("Use the e-service.", language="en")


def test_a_misspelt_directive_is_a_finding_but_prose_is_not() -> None:
    text = ("Aja termlint: se tarkistaa tekstit.\n"
            "termlint: disable-nextline\nKäytä e-palvelua.\n"
            "termlint: enabel\n")
    doc = Document(path="ohje.txt", text=text, format="text", language="fi")
    found = unknown_directives(doc)
    assert [(f.line, f.text) for f in found] == [(2, "disable-nextline"), (4, "enabel")]
    assert "did you mean 'termlint: disable-next-line'?" in found[0].message
    assert "did you mean 'termlint: enable'?" in found[1].message


# -- --changed-since ------------------------------------------------------------------------------

def test_utf16_line_numbers_are_mapped_past_stray_0x0a_bytes() -> None:
    # U+010A (Ċ) is 0A 01 in UTF-16-LE: git sees a line break inside it.
    text = "eka\nĊ toka\nkolmas\n"
    data = text.encode("utf-16")
    git_lines = data.split(b"\n")
    assert len(git_lines) == 5  # one more "line" than the text has
    # git's lines 3 and 4 are the halves of real line 2 and real line 3.
    assert gitdiff._utf16_lines(data, "le", [(3, 1)]) == {2}
    assert gitdiff._utf16_lines(data, "le", [(4, 1)]) == {3}
    be = text.encode("utf-16-be")
    assert gitdiff._utf16_lines(be, "be", [(2, 1)]) == {2}


def test_a_changed_line_that_reads_like_a_header_is_no_header() -> None:
    diff = (b"diff --git a/x.txt b/x.txt\n--- a/x.txt\n+++ b/x.txt\n@@ -1,0 +2,2 @@\n"
            b"+++ b/other.txt\n+@@ -1 +9 @@\n")
    assert gitdiff.parse_diff(diff) == {b"x.txt": [(2, 2)]}


def test_changed_since_makes_one_diff_for_many_files(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True, env=env)
    names = [f"f{i}.txt" for i in range(30)]
    for name in names:
        (tmp_path / name).write_text("eka\ntoka\n", encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=tmp_path, check=True, env=env)
    subprocess.run(["git", "commit", "-qm", "x"], cwd=tmp_path, check=True, env=env)
    (tmp_path / "f3.txt").write_text("eka\nmuutettu\n", encoding="utf-8")
    (tmp_path / "new.txt").write_text("uusi\n", encoding="utf-8")
    calls: list[list[str]] = []
    original = gitdiff._git

    def counting(args: list[str], cwd: str) -> subprocess.CompletedProcess[bytes]:
        calls.append(args)
        return original(args, cwd)

    monkeypatch.setattr(gitdiff, "_git", counting)
    changed = gitdiff.ChangedLines("HEAD", [str(tmp_path / n) for n in [*names, "new.txt"]])
    assert len(calls) == 2  # ls-files and one diff, for 31 files
    assert changed.lines(str(tmp_path / "f3.txt")) == {2}
    assert changed.lines(str(tmp_path / "f4.txt")) == set()
    assert changed.lines(str(tmp_path / "new.txt")) is None
    with pytest.raises(gitdiff.GitError, match="unknown git revision 'nope'"):
        gitdiff.ChangedLines("nope", [str(tmp_path / "f3.txt")])


def test_every_id_vocab_list_shows_can_be_selected(tmp_path: Path) -> None:
    """Found as a user: the README's `vocabularies: [thl-digi, thl-digi-rules, stm-sote]` was
    refused as an unknown vocabulary, because its file was named otherwise."""
    (tmp_path / ".termlint.yaml").write_text(
        "vocabularies: [thl-digi, thl-digi-rules, stm-sote]\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Sähköiset asiointiprosessit toimivat.\n", encoding="utf-8")
    code, out, err = run_cli(["check", "--format", "concise", str(tmp_path / "a.txt")])
    assert code == 1, err
    assert "thl-digi/sahkoinen-palvelusana" in out
    code, out, err = run_cli(["check", "--vocab", "+thl-digi-rules", str(tmp_path / "a.txt")])
    assert code == 1, err
