"""The hostile matrix, output side (docs/hardening.md, "Reports"): what a file's name or lines
hold must never break a report, and a report must never break on where it is written.

Every case runs the real ``termlint`` in its own process, as a CI job or a pre-commit hook
would, and asserts the exit code, that no Python traceback was printed, and that the output is
what its consumer can read (JSON and XML parse; no raw escape sequence; no forged annotation).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

TERMLINT = Path(sys.executable).parent / "termlint"
GOOD = "Käytä sähköisiä palveluja.\n"
#: A name that is not UTF-8 (Latin-1 "ä"), as an old archive or a Windows share leaves them.
BAD_NAME = b"ohje-s\xe4hk\xf6.md"


def _env(tmp: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "FORCE_COLOR",
                                                            "TTY_COMPATIBLE")}
    env.update(TERMLINT_CACHE_DIR=str(tmp / "cache"), **extra)
    return env


def _run(args: list[str], cwd: Path, env: dict[str, str],
         stdout: int | object = subprocess.PIPE) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([str(TERMLINT), *args], cwd=cwd, env=env, stdout=stdout,  # type: ignore[arg-type]
                          stderr=subprocess.PIPE, timeout=120, check=False)


def _no_traceback(proc: subprocess.CompletedProcess[bytes]) -> None:
    assert b"Traceback" not in proc.stderr, proc.stderr.decode(errors="replace")
    assert b"Traceback" not in (proc.stdout or b"")


@pytest.fixture()
def bad_name(tmp_path: Path) -> Path:
    """A folder with one file whose name is not UTF-8, holding one deprecated term."""
    work = tmp_path / "work"
    work.mkdir()
    with open(os.path.join(os.fsencode(work), BAD_NAME), "wb") as handle:
        handle.write(GOOD.encode())
    return work


@pytest.mark.parametrize("fmt", ["text", "concise", "github", "json", "sarif", "gitlab", "junit",
                                 "checkstyle"])
def test_a_file_name_that_is_not_utf8_in_every_format(bad_name: Path, tmp_path: Path,
                                                      fmt: str) -> None:
    proc = _run(["check", "--isolated", "--format", fmt, "."], bad_name, _env(tmp_path))
    _no_traceback(proc)
    assert proc.returncode == 1, proc.stderr
    out = proc.stdout.decode("utf-8")  # every format is valid UTF-8
    if fmt in ("json", "gitlab"):
        data = json.loads(out)
        paths = [f["path"] for f in data["findings"]] if fmt == "json" else [
            i["location"]["path"] for i in data]
        assert paths == ["ohje-s\\xe4hk\\xf6.md"]
    elif fmt == "sarif":
        log = json.loads(out)
        location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
        # The URI holds the name's real bytes, percent-encoded.
        assert location["artifactLocation"]["uri"] == "ohje-s%E4hk%F6.md"
    elif fmt in ("junit", "checkstyle"):
        root = ET.fromstring(out)  # well-formed
        assert "ohje-s\\xe4hk\\xf6.md" in ET.tostring(root, encoding="unicode")
    elif fmt == "github":
        assert out.startswith("::warning file=ohje-s\\xe4hk\\xf6.md,line=1,col=7,")
    else:
        assert "ohje-s\\xe4hk\\xf6.md:1:7" in out


def test_write_baseline_with_a_file_name_that_is_not_utf8(bad_name: Path,
                                                         tmp_path: Path) -> None:
    env = _env(tmp_path)
    written = _run(["check", "--isolated", "--write-baseline", "base.json", "."], bad_name, env)
    _no_traceback(written)
    assert written.returncode == 0, written.stderr
    entry, = json.loads((bad_name / "base.json").read_text(encoding="utf-8"))["findings"]
    assert entry["path"] == "ohje-s\\xe4hk\\xf6.md"
    again = _run(["check", "--isolated", "--baseline", "base.json", "."], bad_name, env)
    assert again.returncode == 0 and b"0 findings" in again.stdout, again.stdout


def test_escape_sequences_and_bidi_controls_never_reach_the_terminal(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    # A window title, a cleared screen, a right-to-left override and a C1 control (CSI).
    line = "\x1b]0;owned\x07\x1b[2J Käytä \u202esähköisiä palveluja.\x9b31m\n"
    (work / "a\x1b[8mhidden.txt").write_text(line, encoding="utf-8")
    for fmt in ("text", "concise", "github"):
        proc = _run(["check", "--isolated", "--format", fmt, "."], work, _env(tmp_path))
        _no_traceback(proc)
        out = proc.stdout.decode("utf-8")
        assert proc.returncode == 1, out
        for raw in ("\x1b", "\x07", "\u202e", "\x9b"):
            assert raw not in out, (fmt, out)
        assert "a\\x1b[8mhidden.txt" in out
        if fmt == "text":
            assert "\\x1b]0;owned\\x07\\x1b[2J Käytä \\u202esähköisiä palveluja.\\x9b31m" in out


def test_a_newline_in_a_file_name_forges_no_github_annotation(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / "x\n::error file=forged.txt,line=1::forged.txt").write_text(GOOD, encoding="utf-8")
    for fmt in ("github", "text", "concise"):
        proc = _run(["check", "--isolated", "--format", fmt, "."], work, _env(tmp_path))
        lines = proc.stdout.decode("utf-8").splitlines()
        assert not any(line.startswith("::error") for line in lines), lines
        if fmt == "github":
            (line,) = lines
            assert line.startswith("::warning file=x\\x0a%3A%3Aerror file=forged.txt%2C")


def test_a_full_disk_on_standard_output_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    for fmt in ("text", "json", "sarif"):
        with open("/dev/full", "wb") as full:
            proc = _run(["check", "--isolated", "--format", fmt, "a.txt"], tmp_path,
                        _env(tmp_path), stdout=full)
        _no_traceback(proc)
        assert proc.returncode == 2
        assert proc.stderr.decode().splitlines() == [
            "termlint: error: cannot write the report to standard output: "
            "No space left on device"]


def test_an_ascii_only_standard_output(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    env = _env(tmp_path, PYTHONIOENCODING="ascii")
    text = _run(["check", "--isolated", "a.txt"], tmp_path, env)
    _no_traceback(text)
    assert text.returncode == 1
    assert "K\\xe4yt\\xe4 s\\xe4hk\\xf6isi\\xe4 palveluja." in text.stdout.decode("ascii")
    # JSON is a UTF-8 document whatever the locale: its consumer reads it as such.
    report = _run(["check", "--isolated", "--format", "json", "a.txt"], tmp_path, env)
    _no_traceback(report)
    assert json.loads(report.stdout.decode("utf-8"))["findings"][0]["text"] == \
        "sähköisiä palveluja"
    # The C locale: Python's own UTF-8 mode makes it UTF-8; without it, ASCII with escapes.
    c_locale = _run(["check", "--isolated", "a.txt"], tmp_path,
                    _env(tmp_path, LC_ALL="C", PYTHONUTF8="0", PYTHONCOERCECLOCALE="0"))
    _no_traceback(c_locale)
    assert c_locale.returncode == 1 and b"palveluja" in c_locale.stdout


def test_a_minified_file_gives_a_report_of_bounded_size(tmp_path: Path) -> None:
    """A minified JSON locale file, one line of about 1.3 MB with 200 findings: each finding
    quotes at most a terminal line, not the whole file (it wrote 367 MB before)."""
    entries = [f'"k{i}": "{"Asiakas voi varata ajan ja saada neuvontaa. " * 150}'
               f'Käytä sähköisiä palveluja."' for i in range(200)]
    (tmp_path / "fi.json").write_text("{" + ", ".join(entries) + "}", encoding="utf-8")
    assert (tmp_path / "fi.json").stat().st_size > 1_300_000
    proc = _run(["check", "--isolated", "fi.json"], tmp_path, _env(tmp_path))
    _no_traceback(proc)
    out = proc.stdout.decode("utf-8")
    assert "200 findings" in out
    assert len(proc.stdout) < 200 * 600  # about 420 bytes a finding
    quoted = [line for line in out.splitlines()
              if line[:5].strip().isdigit() and line[5:8] == " | "]
    assert len(quoted) == 200 and max(len(line) for line in quoted) == 120
    # The caret line is under the match.
    lines = out.splitlines()
    first = lines.index(quoted[0])
    caret = lines[first + 1].index("^")
    assert quoted[0][caret:].startswith("sähköisiä palveluja")


def _on_a_terminal(args: list[str], cwd: Path, env: dict[str, str], code: int = 1) -> bytes:
    """What ``termlint`` writes to standard output when that is a terminal (a pty)."""
    import pty

    leader, follower = pty.openpty()
    try:
        proc = subprocess.Popen([str(TERMLINT), *args], cwd=cwd, env=env, stdout=follower,
                                stderr=subprocess.PIPE)
        os.close(follower)
        seen = bytearray()
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the process closed the terminal
                break
            if not chunk:
                break
            seen += chunk
        _, err = proc.communicate(timeout=120)
        assert b"Traceback" not in err, err.decode(errors="replace")
        assert proc.returncode == code, err
    finally:
        os.close(leader)
    return bytes(seen)


def test_diff_escapes_control_characters_on_a_terminal_only(tmp_path: Path) -> None:
    """``--diff`` quotes the file's lines around each fix. On a terminal their escape
    sequences are shown, not obeyed; redirected, the patch is the file's own bytes, and
    ``git apply`` applies it."""
    work = tmp_path / "repo"
    work.mkdir()
    hostile = "\x1b]0;owned\x07\x1b[2J\u202e"
    original = f"{hostile}Otsikko\r\nKäytä sähköisiä palveluja.\r\nLoppu {hostile}\r\n"
    (work / "a.txt").write_bytes(original.encode())
    env = _env(tmp_path)
    shown = _on_a_terminal(["check", "--isolated", "--diff", "a.txt"], work, env)
    assert b"\x1b" not in shown and b"\x07" not in shown and "\u202e".encode() not in shown
    text = shown.decode()
    assert "-\\x1b]0;owned\\x07\\x1b[2J\\u202eOtsikko" not in text  # context, not removed
    assert " \\x1b]0;owned\\x07\\x1b[2J\\u202eOtsikko" in text
    assert "+Käytä digitaalisia palveluja." in text

    redirected = _run(["check", "--isolated", "--diff", "a.txt"], work, env)
    _no_traceback(redirected)
    assert redirected.returncode == 1
    patch = redirected.stdout
    assert hostile.encode() in patch and b"\x1b" in patch  # the file's own bytes
    subprocess.run(["git", "init", "-q"], cwd=work, check=True)
    applied = subprocess.run(["git", "apply", "-"], cwd=work, input=patch, capture_output=True,
                             check=False)
    assert applied.returncode == 0, applied.stderr
    assert (work / "a.txt").read_bytes() == original.replace(
        "sähköisiä palveluja", "digitaalisia palveluja").encode()


def test_explain_and_vocab_commands_escape_a_vocabulary_on_a_terminal(tmp_path: Path) -> None:
    """A vocabulary is other people's text too: ``explain`` and ``vocab`` print its ids and
    notes through click, which strips ANSI codes only when the output is *not* a terminal;
    on a terminal they are now shown as escapes."""
    work = tmp_path / "v"
    work.mkdir()
    (work / "v.yaml").write_text(
        'id: ev\nconcepts:\n  - id: "c\\e]0;owned\\a"\n    note: "n\\e[2J"\n'
        '    terms: {fi: [{term: "sähköinen palvelu", status: deprecated},\n'
        '                 {term: "digitaalinen palvelu", status: preferred}]}\n',
        encoding="utf-8")
    env = _env(tmp_path)
    shown = _on_a_terminal(["explain", "--isolated", "--vocab", "v.yaml", "sähköinen palvelu"],
                           work, env, code=0)
    assert b"\x1b" not in shown and b"\x07" not in shown
    assert "ev/c\\x1b]0;owned\\x07" in shown.decode() and "n\\x1b[2J" in shown.decode()
    listed = _on_a_terminal(["vocab", "validate", "v.yaml"], work, env)  # no source: 1
    assert b"\x1b" not in listed and "c\\x1b]0;owned" in listed.decode()
