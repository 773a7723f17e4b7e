"""Bad input through the real CLI: every broken file gets one line, the rest is still checked.

Each case writes one bad file next to ``good.txt`` (which holds one deprecated term) and runs
``termlint check --isolated BAD good.txt``. A *bad* file must give exit code 2, exactly one
``BAD: error: …`` line on stderr, the good file's finding on stdout and no traceback. A
*tolerated* file (empty files, lenient HTML, YAML alias bombs, …) must give no error line at all.
docs/hardening.md lists the same matrix with the messages seen.
"""

from __future__ import annotations

import codecs
import os
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from termlint.cli import main
from termlint.fix import FixError
from termlint.model import Severity

GOOD = "Käytä sähköisiä palveluja.\n"
#: Where the good file's finding is reported: line 1, column 7.
GOOD_FINDING = "good.txt:1:7:"
FI = "Käytä sähköisiä palveluja."


def _bomb_yaml(levels: int = 9, width: int = 9) -> bytes:
    """Billion laughs in YAML: each anchor is a list of ``width`` aliases of the previous one
    (9^9 = 387 million strings if anything expanded it)."""
    names = "abcdefghijklmnop"
    lines = ["a: &a [" + ", ".join(["lol"] * width) + "]"]
    for i in range(1, levels + 1):
        items = ", ".join([f"*{names[i - 1]}"] * width)
        lines.append(f"{names[i]}: &{names[i]} [{items}]")
    lines.append(f"fi: {{title: {FI}}}")
    return ("\n".join(lines) + "\n").encode()


def _merge_bomb_yaml() -> bytes:
    """The same with YAML merge keys (``<<``), which a constructor flattens."""
    names = "abcdefghijklmnop"
    lines = ["a: &a {" + ", ".join(f"k{i}: x" for i in range(9)) + "}"]
    for i in range(1, 10):
        items = ", ".join([f"*{names[i - 1]}"] * 9)
        lines.append(f"{names[i]}: &{names[i]} {{<<: [{items}]}}")
    return ("\n".join(lines) + "\n").encode()


def _xml(body: str, doctype: str = "") -> bytes:
    return f'<?xml version="1.0" encoding="utf-8"?>\n{doctype}{body}'.encode()


ANDROID = "res/values-fi/strings.xml"

#: (kind, file name, content, fragment of the one-line error)
BAD: list[tuple[str, str, bytes, str]] = [
    # JSON and ARB
    ("json truncated", "fi.json", b'{"a": "Kaytta", "b": "x', "1:22: invalid JSON: Unterminated"),
    ("json trailing comma", "fi.json", b'{"a": "x",}', "1:11: invalid JSON: Expecting property"),
    ("json bad escape", "fi.json", b'{"a": "\\q"}', "1:8: invalid JSON: Invalid \\escape"),
    ("json bad \\u escape", "fi.json", b'{"a": "\\u12"}', "invalid JSON: Invalid \\uXXXX"),
    ("json only a comma", "fi.json", b",", "1:1: invalid JSON: Expecting value"),
    ("json Latin-1 bytes", "fi.json", '{"a": "sähköisiä"}'.encode("latin-1"),
     "1:9: not valid UTF-8 (byte 0xe4); convert the file to UTF-8"),
    ("json nested 10,000 deep (arrays)", "fi.json", b"[" * 10_000 + b"]" * 10_000,
     "json: nesting too deep"),
    ("json nested 10,000 deep (objects)", "fi.json",
     b'{"a":' * 10_000 + b'"x"' + b"}" * 10_000, "json: nesting too deep"),
    ("arb bad JSON", "app_fi.arb", b'{"@@locale": "fi", "a": }', "1:25: invalid JSON"),
    # YAML
    ("yaml bad indentation", "fi.yml", b"a:\n  b: 1\n c: 2\n",
     "3:2: invalid YAML: expected <block end>"),
    ("yaml tab indentation", "fi.yml", b"a:\n\tb: x\n",
     "2:1: invalid YAML: found character '\\t' that cannot start any token"),
    ("yaml unclosed quote", "fi.yml", b'a: "abc\nb: c\n', "3:1: invalid YAML: found unexpected"),
    ("yaml bad escape", "fi.yml", b'a: "\\q"\n',
     "1:6: invalid YAML: found unknown escape character 'q'"),
    ("yaml control character", "fi.yml", b"a: b\x07c\n",
     "1:5: invalid YAML: special character U+0007 is not allowed"),
    ("yaml nested 10,000 deep", "fi.yml", b"[" * 10_000 + b"]" * 10_000,
     "yaml: nesting too deep"),
    # gettext
    ("po unterminated string", "fi.po", b'msgid "a"\nmsgstr "b\n', "2:8: unterminated string"),
    ("po unknown keyword", "fi.po", b'msgid "a"\nfoo bar\n', "2:1: unknown keyword 'foo'"),
    ("po bad escape", "fi.po", b'msgid "a"\nmsgstr "\\q"\n', "2:9: invalid escape \\q"),
    # Java properties
    ("properties bad \\u escape", "messages_fi.properties", b"a = \\u12zz\n",
     "1:5: malformed \\uXXXX escape"),
    ("properties truncated \\u escape", "messages_fi.properties", b"a = \\u12",
     "1:5: malformed \\uXXXX escape"),
    # Apple .strings
    ("strings unterminated string", "fi.strings", b'"a" = "abc;\n', "1:7: unterminated string"),
    ("strings missing semicolon", "fi.strings", b'"a" = "abc"\n"b" = "c";\n', "2:1: expected ';'"),
    ("strings unterminated comment", "fi.strings", b'/* abc\n"a" = "b";\n',
     "1:1: unterminated comment"),
    # Android, XLIFF, stringsdict
    ("android broken tag", ANDROID, _xml('<resources><string name="a">x</strin></resources>'),
     "2:32: invalid XML: mismatched tag"),
    ("android unclosed element", ANDROID, _xml('<resources><string name="a">x'),
     "invalid XML: no element found"),
    ("android undefined entity", ANDROID,
     _xml('<resources><string name="a">&nbsp;</string></resources>'),
     "2:29: invalid XML: undefined entity"),
    ("xliff bad nesting", "messages.fi.xlf",
     _xml('<xliff version="1.2"><file><body><trans-unit id="1"><target>x</body>'
          "</trans-unit></file></xliff>"),
     "2:64: invalid XML: mismatched tag"),
    ("xml external entity (XXE)", ANDROID,
     _xml('<resources><string name="a">&x;</string></resources>',
          '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'),
     "XML entity declarations are not allowed: entity declaration 'x' SYSTEM "
     "'file:///etc/passwd' refused"),
    ("xml billion laughs", "messages.fi.xlf",
     _xml("<xliff version='1.2'><file target-language='fi'><body/></file></xliff>",
          '<!DOCTYPE l [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
          '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>\n'),
     "entity declaration 'a' refused (entities are never expanded or fetched)"),
    ("xml parameter entity", ANDROID,
     _xml("<resources/>", '<!DOCTYPE r [<!ENTITY % p SYSTEM "http://example.invalid/"> %p;]>\n'),
     "entity declaration 'p' SYSTEM 'http://example.invalid/' refused"),
    ("stringsdict bad plist", "fi.stringsdict",
     _xml("<plist><dict><key>a</key><string>x</dict></plist>"), "invalid XML: mismatched tag"),
    ("stringsdict not a plist", "fi.stringsdict", _xml("<foo/>"), "not a plist (root element"),
    ("xml declared UTF-7", ANDROID,
     b'<?xml version="1.0" encoding="UTF-7"?>\n<resources><string name="a">'
     b"K+AOQ-yt+AOQ- s+AOQ-hk+APY-isi+AOQ- palveluja.</string></resources>",
     "1:31: declares encoding 'UTF-7'; termlint reads XML files in UTF-8 or UTF-16 only"),
    ("xml declared ISO-8859-1", "messages.fi.xlf",
     b'<?xml version="1.0" encoding="ISO-8859-1"?>\n<xliff version="1.2"/>',
     "declares encoding 'ISO-8859-1'"),
    # encodings and binary files
    ("UTF-16 without BOM", "fi.txt", GOOD.encode("utf-16-le"),
     "looks like UTF-16-LE without a byte order mark; save it as UTF-8 (or add a BOM)"),
    ("UTF-16 big-endian without BOM (json)", "fi.json", '{"a": "x"}'.encode("utf-16-be"),
     "looks like UTF-16-BE without a byte order mark"),
    ("UTF-16 BOM, odd byte count", "fi.txt", codecs.BOM_UTF16_LE + b"a\x00b",
     "invalid utf-16-le data after its byte order mark: truncated data"),
    ("UTF-8 BOM, then invalid bytes", "fi.txt", codecs.BOM_UTF8 + b"\xff",
     "invalid utf-8 data after its byte order mark: invalid start byte"),
    ("mixed UTF-8 and Latin-1 lines", "fi.txt", FI.encode() + b"\n" + FI.encode("latin-1"),
     "2:2: not valid UTF-8 (byte 0xe4); convert the file to UTF-8"),
    ("Latin-1 Markdown", "README.md", FI.encode("latin-1"), "1:2: not valid UTF-8 (byte 0xe4)"),
    ("NUL bytes in text", "fi.txt", b"abc\x00def", "binary file (contains NUL bytes)"),
    ("PNG renamed .txt", "fi.txt",
     b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", "binary file (contains NUL bytes)"),
    ("XML with an external DTD (not fetched)", ANDROID,
     _xml('<resources><string name="a">&x;</string></resources>',
          '<!DOCTYPE resources SYSTEM "file:///etc/termlint-never-read.dtd">\n'),
     "invalid XML: undefined entity"),
]

#: Files that are odd but readable: no error line, whatever they contain is linted.
#: (kind, file name, content, findings expected in that file)
TOLERATED: list[tuple[str, str, bytes, int]] = [
    *[(f"empty {name}", name, b"", 0) for name in (
        "fi.json", "app_fi.arb", "fi.yml", "fi.po", "messages_fi.properties", "fi.strings",
        ANDROID, "messages.fi.xlf", "fi.stringsdict", "page.html", "README.md", "fi.txt")],
    ("blank json (white space only)", "fi.json", b"  \n\t\n", 0),
    ("blank yaml (a tab line)", "fi.yml", b"  \n\t\n", 0),
    ("json with only a BOM", "fi.json", codecs.BOM_UTF8, 0),
    ("xml with only a UTF-16 BOM", ANDROID, codecs.BOM_UTF16_LE, 0),
    ("yaml alias bomb (billion laughs)", "fi.yml", _bomb_yaml(), 1),
    ("yaml merge-key bomb", "fi.yml", _merge_bomb_yaml(), 0),
    ("yaml python tag (never constructed)", "fi.yml",
     b"a: !!python/object/apply:os.system ['touch pwned']\nb: x\n", 0),
    ("yaml duplicate key (both values linted)", "fi.yml",
     f"a: {FI}\na: {FI}\n".encode(), 2),
    ("json duplicate key (both values linted)", "fi.json",
     f'{{"a": "{FI}", "a": "{FI}"}}'.encode(), 2),
    ("json lone surrogate escape", "fi.json", f'{{"a": "\\ud800 {FI}"}}'.encode(), 1),
    ("json NaN (Python's json accepts it)", "fi.json", b'{"a": NaN}', 0),
    ("json scalar root", "fi.json", f'"{FI}"'.encode(), 0),
    ("xml nested 10,000 deep", ANDROID,
     _xml("<resources>" + "<a>" * 10_000 + "</a>" * 10_000 + "</resources>"), 0),
    ("html broken tags (lenient)", "page.html",
     f"<html><body><p>{FI}<div<<>></p></b></i>".encode(), 1),
    ("html unclosed comment", "page.html", f"<p>{FI}</p><!-- never closed".encode(), 1),
    ("html unclosed script", "page.html", f"<p>{FI}</p><script>var x".encode(), 1),
    ("html entity declaration (never expanded)", "page.xhtml",
     b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><p>&x;</p>', 0),
    ("markdown unclosed fence and comment", "README.md",
     f"{FI}\n```\nunclosed fence\n<!-- unclosed\n[x](unclosed".encode(), 1),
    ("UTF-16 LE with BOM", "fi.txt", codecs.BOM_UTF16_LE + FI.encode("utf-16-le"), 1),
    ("UTF-16 BE with BOM", "fi.txt", codecs.BOM_UTF16_BE + FI.encode("utf-16-be"), 1),
    ("UTF-32 with BOM", "fi.txt", codecs.BOM_UTF32_LE + FI.encode("utf-32-le"), 1),
    ("CR-only line ends", "fi.txt", f"a\r{FI}\r".encode(), 1),
    ("terminal escapes and BEL", "fi.txt", f"\x1b[31m{FI}\x07".encode(), 1),
    ("bidi override characters", "fi.txt", f"\u202e{FI}\u202c".encode(), 1),
    ("decomposed umlauts (NFD)", "fi.txt",
     "Käyta\u0308 sa\u0308hko\u0308isia\u0308 palveluja.".encode(), 1),
    # zero-width characters inside a term: read as the soft hyphen is (issue 21)
    *[(f"U+{ord(ch):04X} inside a term", "fi.txt",
       f"Käytä säh{ch}köisiä palveluja.".encode(), 1) for ch in "\u200b\u200c\u200d\u2060\ufeff"],
    ("Cyrillic look-alike letter in a term", "fi.txt",
     "Käytä s\u0430hköisiä palveluja.".encode(), 1),
    ("Greek look-alike letter in a term", "fi.txt",
     "Käytä e-palvelu\u03bfn kautta.".encode(), 1),
    ("a word wholly in Cyrillic (not folded)", "fi.txt", "Сервис работает.".encode(), 0),
]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["check", "--isolated", *args])


def no_traceback(result: Result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.exception)
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout


def error_lines(result: Result, path: str) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith(f"{path}: error: ")]


def assert_one_error(result: Result, bad: str, fragment: str) -> str:
    """Exit 2, exactly one error line for ``bad`` containing ``fragment``, the good file
    still checked, nothing else on stderr."""
    no_traceback(result)
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    lines = error_lines(result, bad)
    assert len(lines) == 1, result.stderr
    assert fragment in lines[0], lines[0]
    assert result.stderr.strip().splitlines() == lines, result.stderr
    assert GOOD_FINDING in result.stdout, result.stdout
    return lines[0]


def place(tmp_path: Path, name: str, data: bytes) -> tuple[str, str]:
    bad = tmp_path / name
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    return str(bad), str(good)


def test_the_matrix_is_big_enough() -> None:
    kinds = [k for k, *_ in BAD] + [k for k, *_ in TOLERATED]
    assert len(set(kinds)) == len(kinds)
    assert len(BAD) >= 40


@pytest.mark.parametrize(("kind", "name", "data", "fragment"), BAD, ids=[k for k, *_ in BAD])
def test_bad_file_gets_one_line_and_the_rest_is_checked(
    tmp_path: Path, kind: str, name: str, data: bytes, fragment: str
) -> None:
    bad, good = place(tmp_path, name, data)
    started = time.perf_counter()
    result = run(bad, good)
    assert time.perf_counter() - started < 30
    assert_one_error(result, bad, fragment)


@pytest.mark.parametrize(("kind", "name", "data", "findings"), TOLERATED,
                         ids=[k for k, *_ in TOLERATED])
def test_tolerated_file_is_checked_without_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, name: str, data: bytes,
    findings: int,
) -> None:
    monkeypatch.chdir(tmp_path)
    bad, good = place(tmp_path, name, data)
    started = time.perf_counter()
    result = run("--format", "json", bad, good)
    assert time.perf_counter() - started < 30
    no_traceback(result)
    assert result.stderr == "", result.stderr
    assert result.exit_code == 1
    import json

    report = json.loads(result.stdout)
    assert report["errors"] == []
    assert sum(f["path"] == good for f in report["findings"]) == 1
    assert sum(f["path"] == bad for f in report["findings"]) == findings, report["findings"]
    assert not (tmp_path / "pwned").exists()


def test_bad_files_in_a_walked_folder_through_a_real_process(tmp_path: Path) -> None:
    """No traceback from a real interpreter either, and every bad file is named once."""
    picked = [case for case in BAD if "10,000" not in case[0]][::4]
    for index, (_, name, data, _) in enumerate(picked):
        target = tmp_path / f"case{index}" / name
        target.parent.mkdir(parents=True)
        target.write_bytes(data)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "termlint.cli", "check", "--isolated",
                           str(tmp_path)], capture_output=True, text=True, timeout=120,
                          check=False)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == len(picked), lines
    assert all(": error: " in line for line in lines)
    assert GOOD_FINDING in proc.stdout


# -- files that are not there, not files, or not readable ---------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    bad, good = str(tmp_path / "gone.json"), place(tmp_path, "x.txt", b"")[1]
    assert_one_error(run(bad, good), bad, "no such file")


def test_folder_where_a_file_is_expected(tmp_path: Path) -> None:
    """A folder named on the command line is walked; ``--vocab`` needs a file."""
    _, good = place(tmp_path, "x.txt", b"")
    folder = tmp_path / "vocab.yaml"
    folder.mkdir()
    result = run("--vocab", str(folder), good)
    no_traceback(result)
    assert result.exit_code == 2
    assert result.stderr == (f"termlint: error: {folder}: is a directory; give a vocabulary "
                             "file (.yaml)\n")
    walked = run(str(tmp_path))
    assert walked.exit_code == 1 and GOOD_FINDING in walked.stdout


def test_dangling_symlink_named_and_walked(tmp_path: Path) -> None:
    _, good = place(tmp_path, "x.txt", b"")
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    assert_one_error(run(str(link), good), str(link),
                     "broken symbolic link (its target does not exist)")
    walked = run(str(tmp_path))
    no_traceback(walked)
    assert walked.exit_code == 1 and walked.stderr == ""


def test_symlink_loops_in_a_walked_folder_are_passed_over(tmp_path: Path) -> None:
    """A folder link back up the tree is not followed; a file link loop is no file."""
    place(tmp_path, "x.txt", b"")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "up").symlink_to(tmp_path, target_is_directory=True)
    (sub / "self").symlink_to(sub, target_is_directory=True)
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    result = run(str(tmp_path))
    no_traceback(result)
    assert result.exit_code == 1 and result.stderr == ""
    assert result.stdout.count(GOOD_FINDING) == 1


def test_symlink_loop_named_explicitly(tmp_path: Path) -> None:
    _, good = place(tmp_path, "x.txt", b"")
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    bad = str(tmp_path / "a.txt")
    result = CliRunner().invoke(main, ["check", bad, good])
    assert_one_error(result, bad, "cannot read: Too many levels of symbolic links")


def test_named_pipe_is_refused_not_waited_on(tmp_path: Path) -> None:
    _, good = place(tmp_path, "x.txt", b"")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    started = time.perf_counter()
    assert_one_error(run(str(fifo), good), str(fifo), "not a regular file (a named pipe)")
    walked = run(str(tmp_path))  # found by walking: passed over
    assert walked.exit_code == 1 and walked.stderr == ""
    assert time.perf_counter() - started < 20


def test_device_is_refused(tmp_path: Path) -> None:
    _, good = place(tmp_path, "x.txt", b"")
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    assert_one_error(run(str(link), good), str(link), "not a regular file (a device)")


def _deny(monkeypatch: pytest.MonkeyPatch, denied: str) -> None:
    """Make ``os.open`` of one path fail as a file without read permission would. Tests run
    as root in CI, where ``chmod 000`` does not stop reading."""
    real_open = os.open

    def fake_open(path: str | bytes | os.PathLike[str], flags: int, *args: int,
                  **kwargs: int | None) -> int:
        if os.fspath(path) == denied:
            raise PermissionError(13, "Permission denied", denied)
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", fake_open)


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad, good = place(tmp_path, "fi.json", b'{"a": "x"}')
    _deny(monkeypatch, bad)
    assert_one_error(run(bad, good), bad, "cannot read: Permission denied")


def test_file_deleted_between_discovery_and_reading(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import termlint.plan

    bad, _ = place(tmp_path, "fi.json", b'{"a": "x"}')
    original = termlint.plan.iter_files

    def discover_then_delete(paths: object, *rest: object) -> Iterator[tuple[str, bool]]:
        found = list(original(paths, *rest))  # type: ignore[arg-type]
        os.unlink(bad)
        yield from found

    monkeypatch.setattr(termlint.plan, "iter_files", discover_then_delete)
    assert_one_error(run(str(tmp_path)), bad, "no such file")


# -- vocabulary, rule and config files ----------------------------------------------------------

VOCAB_HEAD = "id: mine\nconcepts:\n  - id: c\n    terms:\n      fi:\n"
BAD_VOCABULARIES: list[tuple[str, str, str]] = [
    ("bad YAML", "id: [mine\n", "mine.yaml:2: invalid YAML: did not find expected ','"),
    ("unknown key", "id: mine\nflavour: x\n", "mine.yaml:1: unknown key 'flavour'"),
    ("no preferred term", VOCAB_HEAD + "        - {term: e-palvelu, status: deprecated}\n",
     "mine.yaml:3: concept 'c' has no preferred term"),
    ("bad status", VOCAB_HEAD + "        - {term: x, status: meh}\n",
     "mine.yaml:6: unknown status 'meh'"),
    ("empty term", VOCAB_HEAD + "        - digipalvelu\n        - {term: '', status: deprecated}\n",
     "mine.yaml:7: term '' of concept 'c' has no word to match"),
    ("punctuation-only term", VOCAB_HEAD + "        - digipalvelu\n"
     "        - {term: '!!!', status: deprecated}\n", "mine.yaml:7: term '!!!'"),
    ("emoji term",
     VOCAB_HEAD + "        - digipalvelu\n        - {term: '😀', status: forbidden}\n",
     "has no word to match"),
    ("exception without a word", VOCAB_HEAD + "        - digipalvelu\n    exceptions: ['...']\n",
     "mine.yaml:3: '...' in 'exceptions' has no word to match"),
    ("rule of an unknown kind", "id: mine\nrules:\n  - {id: r, kind: regex, modifier: x, "
     "replacement: y, heads: [z]}\n", "mine.yaml:3: unknown rule kind 'regex'"),
    ("rule modifier without a word", "id: mine\nrules:\n  - {id: r, kind: modifier, "
     "modifier: '--', replacement: y, heads: [palvelu]}\n",
     "mine.yaml:3: 'modifier' '--' has no word to match"),
    ("Latin-1 vocabulary", "id: mine\ntitle: s\xe4hk\xf6\n", "mine.yaml:2: not valid UTF-8"),
    ("NUL byte", "id: mine\x00\n",
     "mine.yaml:1: invalid YAML: special character U+0000 is not allowed"),
    ("nested 10,000 deep", "id: mine\nexceptions: " + "[" * 10_000 + "]" * 10_000 + "\n",
     "mine.yaml:2: invalid YAML: exceeded maximum nesting depth"),
]


@pytest.mark.parametrize(("kind", "text", "fragment"), BAD_VOCABULARIES,
                         ids=[k for k, *_ in BAD_VOCABULARIES])
def test_bad_vocabulary_is_one_line_with_file_and_line(tmp_path: Path, kind: str, text: str,
                                                       fragment: str) -> None:
    vocab = tmp_path / "mine.yaml"
    vocab.write_bytes(text.encode("latin-1") if kind.startswith("Latin") else text.encode())
    _, good = place(tmp_path, "x.txt", b"")
    result = run("--vocab", str(vocab), good)
    no_traceback(result)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"termlint: error: {tmp_path}/"), lines
    assert fragment in lines[0], lines[0]


def test_vocabulary_that_is_a_named_pipe(tmp_path: Path) -> None:
    fifo = tmp_path / "mine.yaml"
    os.mkfifo(fifo)
    _, good = place(tmp_path, "x.txt", b"")
    result = run("--vocab", str(fifo), good)
    assert result.exit_code == 2
    assert result.stderr == f"termlint: error: {fifo}: not a regular file\n"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [("fail-level: warning\nvocabularies: [\n", ".termlint.yaml:3: not valid YAML"),
     ("fail-level: loud\n", ".termlint.yaml:1: 'fail-level': unknown severity 'loud'"),
     ("unknown: 1\n", ".termlint.yaml:1: unknown key 'unknown'")],
)
def test_bad_config_is_one_line_with_file_and_line(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch, text: str,
                                                   fragment: str) -> None:
    """Config errors come from termlint.config; this checks only that they reach the user as
    exit 2 with file:line."""
    (tmp_path / ".termlint.yaml").write_text(text, encoding="utf-8")
    _, good = place(tmp_path, "x.txt", b"")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", good])
    no_traceback(result)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert fragment in result.stderr


# -- big inputs ----------------------------------------------------------------------------------


def _write_big(path: Path, megabytes: int, flagged_every: int) -> int:
    """Finnish text lines with a deprecated term every ``flagged_every`` lines; returns how
    many were written."""
    lines = [
        "Asiakas voi varata ajan terveysasemalle ja saada neuvontaa puhelimitse.\n",
        "Hyvinvointialue järjestää sosiaali- ja terveyspalvelut asukkailleen.\n",
        "Palveluun kirjaudutaan vahvalla tunnistautumisella, ja lomake tallentuu.\n",
        "Lisätietoja saat digitaalisista palveluista ja neuvonnasta.\n",
    ]
    block = "".join(lines) * 250
    flagged = 0
    size = 0
    with path.open("w", encoding="utf-8") as out:
        count = 0
        while size < megabytes << 20:
            out.write(block)
            size += len(block.encode())
            count += 1000
            if count % flagged_every == 0:
                out.write(GOOD)
                flagged += 1
    return flagged


def test_fifty_megabyte_file(tmp_path: Path) -> None:
    """Finishes well inside a minute (about 1 s here) and finds every term; time and peak
    memory are measured in benchmarks/hardening.py."""
    big = tmp_path / "big.txt"
    expected = _write_big(big, 50, 100_000)
    assert big.stat().st_size >= 50 << 20 and expected >= 5
    started = time.perf_counter()
    result = run("--format", "json", str(big))
    elapsed = time.perf_counter() - started
    no_traceback(result)
    assert result.exit_code == 1
    import json

    assert len(json.loads(result.stdout)["findings"]) == expected
    assert elapsed < 60, elapsed


def test_hundred_thousand_lines(tmp_path: Path) -> None:
    path = tmp_path / "lines.md"
    path.write_text("".join(f"Rivi {i}: {FI}\n" if i % 1000 == 0 else f"Rivi {i}.\n"
                            for i in range(100_000)), encoding="utf-8")
    result = run("--format", "json", str(path))
    no_traceback(result)
    import json

    findings = json.loads(result.stdout)["findings"]
    assert len(findings) == 100
    assert [f["line"] for f in findings] == list(range(1, 100_001, 1000))


def test_five_megabyte_single_line(tmp_path: Path) -> None:
    path = tmp_path / "line.txt"
    filler = "asiakas voi varata ajan terveysasemalle ja saada neuvontaa "
    path.write_text(FI + " " + filler * (5_000_000 // len(filler)) + FI, encoding="utf-8")
    result = run("--format", "json", str(path))
    no_traceback(result)
    import json

    findings = json.loads(result.stdout)["findings"]
    assert [f["line"] for f in findings] == [1, 1]
    assert findings[1]["column"] > 4_900_000


def test_thousands_of_findings_in_one_segment_stay_linear(tmp_path: Path) -> None:
    """One clause holding 20,000 hits: overlap resolution used to be quadratic."""
    path = tmp_path / "many.txt"
    path.write_text("käytä sähköisiä palveluja " * 20_000, encoding="utf-8")
    started = time.perf_counter()
    result = run("--format", "json", str(path))
    assert time.perf_counter() - started < 60
    import json

    assert len(json.loads(result.stdout)["findings"]) == 20_000


# -- rules and vocabularies from elsewhere -------------------------------------------------------


def test_rules_have_no_user_regular_expressions() -> None:
    """Rule kinds are a closed list: nothing a rule file says is compiled as a regex or run."""
    from termlint.vocab.schema import RULE_KINDS

    assert RULE_KINDS == ("modifier",)


def _letters(number: int) -> str:
    """``number`` written in the letters a-z (pseudo-words that Voikko does not know)."""
    out = ""
    while True:
        number, digit = divmod(number, 26)
        out += "abcdefghijklmnopqrstuvwxyz"[digit]
        if not number:
            return out


def huge_vocabulary(concepts: int) -> str:
    """A vocabulary of ``concepts`` generated concepts (two made-up words each) plus one real
    one, so that linting it can still be checked."""
    lines = ["id: huge", "concepts:", "  - id: real", "    terms:", "      fi:",
             "        - digitaalinen palvelu",
             "        - {term: sähköinen palvelu, status: deprecated}"]
    for i in range(concepts):
        word = _letters(i)
        lines += [f"  - id: c{i}", "    terms:", "      fi:", f"        - digi{word}",
                  f"        - {{term: sähköinen {word}palvelu, status: deprecated}}"]
    return "\n".join(lines) + "\n"


def test_huge_generated_vocabulary_loads_and_compiles(tmp_path: Path) -> None:
    """20,000 concepts load, compile and lint; the timings are in benchmarks/hardening.py
    (no speed targets in unit tests)."""
    from termlint.api import build_engine
    from termlint.vocab import load_vocabulary

    path = tmp_path / "huge.yaml"
    path.write_text(huge_vocabulary(20_000), encoding="utf-8")
    vocab = load_vocabulary(path)
    assert len(vocab.concepts) == 20_001
    engine = build_engine([vocab])
    assert len(engine.tables("fi").patterns) == 20_001
    found = engine.lint_text(f"{FI} Sähköinen {_letters(19_999)}palvelu.")
    assert [m.rule for m in found][:1] == ["huge/real"]


@pytest.mark.parametrize("term", ["a" * 10_000, "خدمة إلكترونية", "pa\u0301lvelu",
                                  "sähköinen\npalvelu", "{name}", "e-palvelu 😀"])
def test_pathological_terms_compile_and_lint(term: str) -> None:
    import yaml

    from termlint.api import build_engine
    from termlint.vocab import parse_vocabulary

    text = yaml.safe_dump({"id": "odd", "concepts": [{"id": "c", "terms": {"fi": [
        "digipalvelu", {"term": term, "status": "deprecated"}]}}]}, allow_unicode=True)
    engine = build_engine([parse_vocabulary("odd.yaml", text)])
    for sample in (term, f"Käytä {term}.", FI):
        for match in engine.lint_text(sample):
            assert 0 <= match.start < match.end <= len(sample)


# -- --fix safety at the command line -------------------------------------------------------------

FIXABLE = '{"a": "Käytä sähköisiä palveluja."}\n'


def _fixable(tmp_path: Path) -> Path:
    path = tmp_path / "fi.json"
    path.write_text(FIXABLE, encoding="utf-8")
    return path


def _fix(path: Path) -> Result:
    return run("--fix", str(path))


def test_fix_keeps_mode_and_writes_atomically(tmp_path: Path) -> None:
    path = _fixable(tmp_path)
    os.chmod(path, 0o640)
    result = _fix(path)
    no_traceback(result)
    assert result.exit_code == 0, result.stderr
    assert "digitaalisia palveluja" in path.read_text(encoding="utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fi.json"]


def _patch_fix(monkeypatch: pytest.MonkeyPatch, name: str,
               make: Callable[[Callable[..., object]], Callable[..., object]]) -> None:
    import termlint.fix

    monkeypatch.setattr(termlint.fix, name, make(getattr(termlint.fix, name)))


def _unchanged_after_error(tmp_path: Path, path: Path, result: Result, fragment: str) -> None:
    no_traceback(result)
    assert result.exit_code == 2, result.stderr
    lines = error_lines(result, str(path))
    assert len(lines) == 1 and "not fixed: " in lines[0] and fragment in lines[0], lines
    assert lines[0].count(str(path)) == 1, lines[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fi.json"]  # no temporary file left


def test_fix_in_a_read_only_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Root can write to a read-only folder, so the failure is simulated where it happens."""
    path = _fixable(tmp_path)

    def make(real: Callable[..., object]) -> Callable[..., object]:
        def mkstemp(*args: object, **kwargs: object) -> object:
            raise PermissionError(13, "Permission denied")
        return mkstemp

    import tempfile

    monkeypatch.setattr(tempfile, "mkstemp", make(tempfile.mkstemp))
    _unchanged_after_error(tmp_path, path, _fix(path),
                           f"cannot create a temporary file in {tmp_path} (Permission denied)")
    assert path.read_text(encoding="utf-8") == FIXABLE


def test_fix_when_the_rename_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _fixable(tmp_path)

    def replace(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", replace)
    _unchanged_after_error(tmp_path, path, _fix(path),
                           "writing the fixed file failed (Permission denied); the original is "
                           "unchanged")
    assert path.read_text(encoding="utf-8") == FIXABLE


def test_fix_on_a_file_changed_after_reading(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    path = _fixable(tmp_path)
    theirs = FIXABLE.replace("Käytä", "Käyttäkää")

    def make(real: Callable[..., object]) -> Callable[..., object]:
        def verify(*args: object) -> object:
            path.write_text(theirs, encoding="utf-8")  # someone saves the file meanwhile
            return real(*args)
        return verify

    _patch_fix(monkeypatch, "verify", make)
    _unchanged_after_error(tmp_path, path, _fix(path),
                           "the file changed since it was read; not overwriting it")
    assert path.read_text(encoding="utf-8") == theirs


def test_fix_never_writes_a_file_that_would_not_parse(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from termlint.sources.json import JsonSource

    path = _fixable(tmp_path)
    monkeypatch.setattr(JsonSource, "escape", lambda self, doc, seg, value: value + '"')
    _unchanged_after_error(tmp_path, path, _fix(path), "the fixed file would not parse as json")
    assert path.read_text(encoding="utf-8") == FIXABLE


def test_fix_through_a_symlink_updates_the_target(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    target = _fixable(real)
    link = tmp_path / "fi.json"
    link.symlink_to(target)
    result = _fix(link)
    no_traceback(result)
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert "digitaalisia palveluja" in target.read_text(encoding="utf-8")
    assert sorted(p.name for p in real.iterdir()) == ["fi.json"]


def test_fix_refuses_a_value_that_would_read_back_as_another_type(tmp_path: Path) -> None:
    """A plain YAML scalar replaced by ``true`` would parse, but as a boolean: refused."""
    from termlint.fix import apply_to_file
    from termlint.model import Edit, Finding
    from termlint.sources import source_for

    path = tmp_path / "fi.yml"
    path.write_text("fi:\n  k: sähköinen\n", encoding="utf-8")
    source = source_for(str(path))
    assert source is not None
    doc = source.read(str(path), path.read_bytes())
    start = doc.text.index("sähköinen")
    finding = Finding(path=str(path), line=2, column=6, end_line=2, end_column=15,
                      offset=start, end_offset=start + 9, text="sähköinen", rule="r",
                      severity=Severity.WARNING, message="m", suggestions=("true",),
                      verified=True, edits=(Edit(start, start + 9, "true"),))
    with pytest.raises(FixError, match="would have 0 text segments instead of 1"):
        apply_to_file(doc, source, [finding], write=True, diff=False)
    assert path.read_text(encoding="utf-8") == "fi:\n  k: sähköinen\n"


def test_an_engine_bug_costs_one_file_not_the_run(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from termlint.engine import Engine

    bad, good = place(tmp_path, "bad.md", b"Kaatava tiedosto.\n")
    real = Engine.lint_segment_as

    def lint_segment_as(self: Engine, segment: object, *args: object) -> object:
        if "Kaatava" in getattr(segment, "text", ""):
            raise RuntimeError("boom")
        return real(self, segment, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(Engine, "lint_segment_as", lint_segment_as)
    assert_one_error(run(bad, good), bad, "internal error while linting this file "
                                          "(RuntimeError: boom); please report it")


# -- library use ----------------------------------------------------------------------------------


def test_threads_get_the_same_results_as_one_thread() -> None:
    from concurrent.futures import ThreadPoolExecutor

    import termlint
    from termlint.api import default_engine

    texts = [
        "Käytä sähköisiä palveluja.",
        "Kirjaudu e-palveluun ja sähköiseen asiointiin.",
        "Sähköiset sosiaali- ja terveyspalvelut sekä sähköisiä ja turvallisia palveluja.",
        "Verkkoasiointikanavien käyttö ja sote-palvelut.",
        "Ei mitään huomautettavaa tässä lauseessa.",
        "Sähköisessa palvelussa on vikaa.",
    ] * 6
    texts = [f"{text} {i}" for i, text in enumerate(texts)]
    sequential = [termlint.lint_text(text) for text in texts]
    engine = default_engine()
    for _ in range(3):
        with ThreadPoolExecutor(max_workers=4) as pool:
            threaded = list(pool.map(termlint.lint_text, texts))
            direct = list(pool.map(engine.lint_text, texts))
        assert threaded == sequential
        assert direct == [engine.lint_text(text) for text in texts]


def test_caches_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    import termlint.engine
    from termlint.engine import Engine
    from termlint.morphology import Morphology
    from termlint.morphology.inflect import VoikkoInflector
    from termlint.vocab import load_selection

    morphology = Morphology(cache_size=50)
    for i in range(200):
        morphology.analyze(f"palvelu{i}")
    assert len(morphology._cache) <= 50
    inflector = VoikkoInflector(morphology)
    inflector.cache_size = 16
    for i in range(60):
        inflector.inflect(f"palvelu{i}", "sisaolento", "plural")
    assert len(inflector._results) <= 16
    assert len(inflector._paradigms) <= 64
    monkeypatch.setattr(termlint.engine, "MEMO_SIZE", 20)
    engine = Engine(load_selection(), Morphology())
    for i in range(40):
        engine.lint_text(f"Sähköinen palvelu {i}.")
    assert len(engine._memo) <= 20


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("a: &a [x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
         "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c]\n"
         "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e]\n",
         "unknown key"),
        ("x: " + "[" * 10_000 + "]" * 10_000 + "\n", "not valid YAML"),
        ("fail-level: warn\x00ing\n", "not valid YAML"),
    ],
    ids=["alias-bomb", "deep-nesting", "nul-byte"],
)
def test_hostile_config_is_one_line_error(tmp_path: Path, config: str, message: str) -> None:
    (tmp_path / ".termlint.yaml").write_text(config, encoding="utf-8")
    _, good = place(tmp_path, "x.txt", b"")
    started = time.perf_counter()
    result = CliRunner().invoke(main, ["check", good])
    no_traceback(result)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and ".termlint.yaml" in lines[0] and message in lines[0], lines
    assert time.perf_counter() - started < 20


def test_baseline_that_is_a_pipe_or_too_deep(tmp_path: Path) -> None:
    _, good = place(tmp_path, "x.txt", b"")
    fifo = tmp_path / "base.json"
    os.mkfifo(fifo)
    result = CliRunner().invoke(main, ["check", "--baseline", str(fifo), good])
    no_traceback(result)
    assert result.exit_code == 2 and "not a regular file" in result.stderr
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--baseline", str(deep), good])
    no_traceback(result)
    assert result.exit_code == 2 and "nested too deeply" in result.stderr
