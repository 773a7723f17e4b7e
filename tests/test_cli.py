"""The command line, end to end through click: reports, exit codes, file discovery, stdin."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_helpers import run_cli

FINNISH = "Käytä sähköisiä palveluja.\nDigitaaliset palvelut ovat auki.\n"


def run(args: list[str], input: str | bytes | None = None) -> tuple[int, str, str]:
    return run_cli(args, input=input)


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("# Otsikko\n\n" + FINNISH, encoding="utf-8")
    (tmp_path / "docs" / "clean.txt").write_text("Digitaaliset palvelut.\n", encoding="utf-8")
    (tmp_path / "ignored").mkdir()
    (tmp_path / "ignored" / "b.txt").write_text(FINNISH, encoding="utf-8")
    (tmp_path / ".gitignore").write_text("ignored/\n", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n")
    return tmp_path


def test_text_report_and_exit_code(tree: Path) -> None:
    code, out, _ = run(["check", str(tree)])
    assert code == 1
    assert f"{tree / 'docs' / 'a.md'}:3:7: warning" in out
    assert "sähköisiä palveluja" in out
    assert "^^^^^^^^^^^^^^^^^^^" in out
    assert "[thl-digi/digitaalinen-palvelu]" in out
    assert "1 finding (1 warning) in 2 files" in out
    assert "b.txt" not in out  # .gitignore respected


def test_json_report_shape(tree: Path) -> None:
    code, out, _ = run(["check", "--format", "json", str(tree / "docs")])
    assert code == 1
    data = json.loads(out)
    assert data["version"] == 1
    assert data["summary"] == {"files": 2, "findings": 1, "errors": 0, "fixed": 0}
    (f,) = data["findings"]
    expected_keys = {"path", "line", "column", "end_line", "end_column", "offset", "end_offset",
                     "text", "rule", "severity", "message", "suggestions", "concept", "source",
                     "key"}
    assert expected_keys <= set(f)
    text = (tree / "docs" / "a.md").read_text(encoding="utf-8")
    assert text[f["offset"] : f["end_offset"]] == f["text"] == "sähköisiä palveluja"
    assert (f["line"], f["column"], f["end_line"], f["end_column"]) == (3, 7, 3, 26)
    assert f["severity"] == "warning"
    assert f["suggestions"][0].startswith("digitaali")


def test_clean_file_exits_zero(tree: Path) -> None:
    code, out, _ = run(["check", str(tree / "docs" / "clean.txt")])
    assert code == 0
    assert "0 findings in 1 file" in out


def test_fail_level(tmp_path: Path) -> None:
    path = tmp_path / "sote.txt"
    path.write_text("Löydät sote-palvelut täältä.\n", encoding="utf-8")
    assert run(["check", str(path)])[0] == 0  # a suggestion does not fail by default
    assert run(["check", "--fail-level", "suggestion", str(path)])[0] == 1
    assert run(["check", "--fail-level", "error", str(tmp_path)])[0] == 0


def test_stdin(tmp_path: Path) -> None:
    code, out, _ = run(["check", "--stdin", "--format", "json"], input=FINNISH.encode())
    assert code == 1
    data = json.loads(out)
    assert data["findings"][0]["path"] == "stdin.txt"
    assert data["findings"][0]["text"] == "sähköisiä palveluja"


def test_missing_file_is_an_input_error_and_others_still_run(tree: Path) -> None:
    code, out, err = run(["check", str(tree / "nope.txt"), str(tree / "docs" / "a.md")])
    assert code == 2
    assert "nope.txt: error: no such file" in err
    assert "sähköisiä palveluja" in out


def test_undecodable_file_is_reported_with_position(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes("Rivi yksi\nsähk".encode() + b"\xff\xfe" + "öinen palvelu".encode())
    code, _, err = run(["check", str(path)])
    assert code == 2
    assert f"{path}: error: 2:5: not valid UTF-8" in err


def test_unknown_type_named_explicitly_is_an_error(tree: Path) -> None:
    # Green means checked: a named file termlint cannot read is not passed in silence.
    code, _, err = run(["check", str(tree / "image.png")])
    assert code == 2
    assert f"{tree / 'image.png'}: error: no reader for this file type" in err


def test_vocab_option_and_bad_vocab(tree: Path, tmp_path: Path) -> None:
    assert run(["check", "--vocab", "stm-sote", str(tree / "docs")])[0] == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nconcepts:\n  - id: a\n    terms: {fi: [{term: t, status: odd}]}\n",
                   encoding="utf-8")
    code, _, err = run(["check", "--vocab", str(bad), str(tree)])
    assert code == 2
    assert f"{bad}:4: unknown status 'odd'" in err


def test_usage_error_exit_code(tree: Path) -> None:
    assert run(["check", "--format", "nope", str(tree)])[0] == 2
    assert run(["check", "--stdin", str(tree)])[0] == 2


def test_vocab_test_command_passes_on_bundled() -> None:
    code, out, _ = run(["vocab", "test"])
    assert code == 0, out
    assert " 0 failed" in out


def test_vocab_test_fails_on_wrong_example(tmp_path: Path) -> None:
    bad = tmp_path / "v.yaml"
    bad.write_text(
        "id: mine\nconcepts:\n  - id: c\n    terms:\n      fi:\n"
        "        - {term: digitaalinen palvelu, status: preferred}\n"
        "        - {term: sähköinen palvelu, status: deprecated}\n"
        "    examples:\n      pass: ['Käytä sähköisiä palveluja.']\n",
        encoding="utf-8",
    )
    code, out, _ = run(["vocab", "test", str(bad)])
    assert code == 1
    assert "mine/c: pass example 'Käytä sähköisiä palveluja.': expected no finding" in out


def test_console_script_runs(tree: Path) -> None:
    exe = Path(sys.executable).with_name("termlint")
    proc = subprocess.run([str(exe), "check", str(tree / "docs")], capture_output=True,
                          text=True, check=False)
    assert proc.returncode == 1
    assert "sähköisiä palveluja" in proc.stdout


def test_console_script_raises_the_collectors_threshold_first() -> None:
    """The console script tunes the collector before the command line's imports run."""
    probe = ("import gc, sys\n"
             "import termlint.console as console\n"
             "assert 'click' not in sys.modules\n"
             "import termlint.cli as cli\n"
             "cli.entry = lambda: print(gc.get_threshold()[0])\n"
             "console.entry()\n")
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    from termlint.console import YOUNG_THRESHOLD

    assert proc.stdout.strip() == str(YOUNG_THRESHOLD) != str(700)


def test_jobs_give_the_same_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from termlint import lint

    monkeypatch.setattr(lint, "PARALLEL_MIN_BYTES", 0)  # share even these few bytes
    for i in range(12):
        (tmp_path / f"a{i:02d}.md").write_text(FINNISH * (i + 1), encoding="utf-8")
        (tmp_path / f"b{i:02d}.txt").write_text("Kirjaudu e-palveluun.\n", encoding="utf-8")
    one = run(["check", "--format", "json", "--jobs", "1", str(tmp_path)])
    two = run(["check", "--format", "json", "--jobs", "2", str(tmp_path)])
    assert one[0] == two[0] == 1
    assert json.loads(one[1]) == json.loads(two[1])
    assert json.loads(two[1])["summary"]["findings"] == sum(range(1, 13)) + 12


def test_no_prefilter_gives_the_same_report(tree: Path) -> None:
    assert run(["check", "--format", "json", str(tree)])[1] == \
        run(["check", "--format", "json", "--no-prefilter", str(tree)])[1]


def test_own_files_are_not_checked_when_walking(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(FINNISH, encoding="utf-8")
    (tmp_path / ".termlint.yaml").write_text("fail-level: warning\n", encoding="utf-8")
    code, _, err = run(["check", "--write-baseline", str(tmp_path / "base.json"), str(tmp_path)])
    assert code == 0 and "wrote 1 findings" in err
    code, out, _ = run(["check", "--baseline", str(tmp_path / "base.json"),
                        "--output", str(tmp_path / "report.json"), "--format", "json",
                        str(tmp_path)])
    assert code == 0
    assert "0 findings in 1 file" in out  # base.json and report.json are not linted


def test_jobs_settle_suppression_and_fixes_like_one_process(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers apply suppression and drop the parsed document before sending results back;
    the text report, the suppressed count and the diff must not notice."""
    from termlint import lint

    monkeypatch.setattr(lint, "PARALLEL_MIN_BYTES", 0)  # share even these few bytes
    for i in range(10):
        (tmp_path / f"c{i:02d}.md").write_text(
            "<!-- termlint: disable-next-line -->\nKäytä sähköisiä palveluja.\n\n"
            "Sano \"digitaalinen palvelu\" eikä \"sähköinen palvelu\".\n\n"
            f"Kirjaudu e-palveluun {i} kertaa.\n", encoding="utf-8")
    for args in (["check", "-v"], ["check", "--diff"]):
        one = run([*args, "--jobs", "1", str(tmp_path)])
        two = run([*args, "--jobs", "2", str(tmp_path)])
        assert one == two
    text = run(["check", "-v", "--jobs", "2", str(tmp_path)])
    assert "10 findings (10 warnings) in 10 files" in text[1] and "e-palveluun" in text[1]
    assert "20 suppressed" in text[2]


def test_console_script_exit_codes_and_output(tmp_path: Path) -> None:
    """The console script leaves without tearing the interpreter down: the exit code, the
    whole output and the caches (saved by exit handlers) must all survive that."""
    exe = str(Path(sys.executable).with_name("termlint"))
    env = {"TERMLINT_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    many = tmp_path / "many.txt"
    many.write_text("Käytä sähköisiä palveluja.\n" * 3000, encoding="utf-8")
    found = subprocess.run([exe, "check", "--format", "json", str(many)], capture_output=True,
                           text=True, env=env, check=False)
    assert found.returncode == 1
    assert len(json.loads(found.stdout)["findings"]) == 3000
    assert any((tmp_path / "cache").glob("analyses3-*/*.json"))
    clean = tmp_path / "clean.txt"
    clean.write_text("Digitaaliset palvelut.\n", encoding="utf-8")
    assert subprocess.run([exe, "check", str(clean)], capture_output=True, env=env,
                          check=False).returncode == 0
    usage = subprocess.run([exe, "check", "--format", "nonsense", str(clean)],
                           capture_output=True, text=True, env=env, check=False)
    assert usage.returncode == 2 and "nonsense" in usage.stderr


def test_verbose_names_a_file_in_a_language_without_vocabulary(tmp_path: Path) -> None:
    """A file whose name makes it Portuguese is read, but nothing in it is checked: -v says
    so (a multilingual repository's pt.json is no error, so only -v does)."""
    (tmp_path / "pt.txt").write_text(FINNISH, encoding="utf-8")
    (tmp_path / "fi.txt").write_text(FINNISH, encoding="utf-8")
    code, out, err = run(["check", "-v", str(tmp_path)])
    assert code == 1 and "1 finding (1 warning) in 2 files" in out
    assert f"nothing checked in {tmp_path / 'pt.txt'}: its language (pt," in err
    assert "fi.txt" not in err
    assert run(["check", str(tmp_path / "pt.txt")])[2] == ""
