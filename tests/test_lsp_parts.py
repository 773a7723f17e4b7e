"""The language server's parts without a client: positions in each encoding, settings, and
the "disable for this line" directive of every format that has comments."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from termlint.buffer import Checker
from termlint.lsp.directives import disable_line_edit
from termlint.lsp.positions import LineMap
from termlint.lsp.settings import DEFAULT_SEVERITIES, parse_settings
from termlint.model import Severity


@pytest.mark.parametrize("encoding, expected", [("utf-16", 7), ("utf-8", 12), ("utf-32", 5)])
def test_a_character_beyond_the_bmp_counts_as_its_encoding_says(encoding: str,
                                                                expected: int) -> None:
    text = "a\r\nb\rc\n😀 äx😀y"
    lines = LineMap(text, encoding)
    # \r\n, \r and \n each end a line, as the protocol says.
    assert lines.position(text.index("b")) == (1, 0)
    assert lines.position(text.index("c")) == (2, 0)
    assert lines.position(text.index("y")) == (3, expected)
    assert lines.offset(3, expected) == text.index("y")
    # Past the end of a line: its end; past the last line: the end of the text.
    assert lines.offset(0, 99) == 1
    assert lines.offset(9, 0) == len(text)
    assert lines.line_bounds(0) == (0, 1, "\r\n")


def test_unknown_encoding_is_refused() -> None:
    with pytest.raises(ValueError, match="utf-7"):
        LineMap("", "utf-7")


def test_settings_layers_and_bad_values() -> None:
    settings, problems = parse_settings(
        {"termlint": {"debounce": 50, "severity": {"warning": "error"}}},
        {"configFile": "x.yaml", "language": "FI", "severity": {"info": "hint"}})
    assert problems == []
    assert settings.config_file == "x.yaml" and settings.language == "fi"
    assert settings.debounce == 50
    # The later layer's mapping is whole: warning is back to its default.
    assert settings.lsp_severity(Severity.WARNING) == 2
    assert settings.lsp_severity(Severity.INFO) == 4
    bad, problems = parse_settings({"debounce": "soon", "isolated": "yes",
                                    "severity": {"warning": "loud", "fatal": "error"},
                                    "vocabularies": "thl-digi", "language": "xx"})
    assert bad.debounce == 150 and bad.isolated is False and bad.vocabularies == ()
    assert dict(bad.severity) == dict(DEFAULT_SEVERITIES)
    assert len(problems) == 6 and all("termlint setting" in p for p in problems)


def test_a_warning_is_no_error_by_default() -> None:
    settings, _ = parse_settings(None)
    assert settings.lsp_severity(Severity.WARNING) == 2
    assert settings.lsp_severity(Severity.SUGGESTION) == 4


TERM = "Sähköiset palvelut"
CASES = {
    "a.yaml": (f"a:\n  b: {TERM}\n", "  # termlint: disable-next-line"),
    "a.properties": (f"a.b={TERM}\n", "# termlint: disable-next-line"),
    "Localizable.strings": (f'"a" = "{TERM}";\n', "// termlint: disable-next-line"),
    "a.txt": (f"Otsikko\n{TERM} ovat auki.\n", "termlint: disable-next-line"),
    "a.html": (f"<p>{TERM} ovat auki.</p>\n", "<!-- termlint: disable-line"),
    "strings.xml": (f'<resources>\n  <string name="a">{TERM}</string>\n</resources>\n',
                    "<!-- termlint: disable-line"),
    "a.xlf": ('<xliff version="1.2"><file source-language="en" target-language="fi" '
              'datatype="plaintext" original="x"><body>\n'
              f'<trans-unit id="a"><source>Services</source><target>{TERM}</target>'
              '</trans-unit>\n</body></file></xliff>\n', "<!-- termlint: disable-line"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_the_directive_is_the_formats_own_and_silences_the_finding(
        tmp_path: object, name: str) -> None:
    text, directive = CASES[name]
    checker = Checker(isolated=True)
    path = f"/nowhere/{name}"
    result = checker.check(path, text)
    assert result.document is not None and result.source is not None
    (finding,) = result.findings
    edit = disable_line_edit(result.document, result.source, finding)
    assert edit is not None
    edited = text[:edit.start] + edit.replacement + text[edit.end:]
    assert directive in edited
    assert checker.check(path, edited).findings == []


def test_json_and_a_yaml_block_scalar_get_no_directive() -> None:
    checker = Checker(isolated=True)
    for name, text in (("a.json", f'{{"a": "{TERM}"}}\n'),
                       ("a.yaml", f"a: |\n  {TERM} ovat auki.\n  Toinen rivi.\n")):
        result = checker.check(f"/nowhere/{name}", text)
        assert result.document is not None and result.source is not None
        (finding,) = result.findings
        edit = disable_line_edit(result.document, result.source, finding)
        if name == "a.json":
            assert edit is None
        else:
            # Inside a block scalar a "#" line would be text: the directive goes where YAML
            # reads a comment, or nowhere.
            assert edit is None or checker.check(
                f"/nowhere/{name}", text[:edit.start] + edit.replacement + text[edit.end:]
            ).findings == []


# The installed command, as an editor starts it.
TERMLINT = shutil.which("termlint", path=str(Path(sys.executable).parent)) or "termlint"


def _frames(*messages: dict[str, object]) -> bytes:
    out = b""
    for message in messages:
        body = json.dumps(message).encode()
        out += b"Content-Length: %d\r\n\r\n" % len(body) + body
    return out


def test_the_server_exits_0_after_shutdown_and_1_without() -> None:
    """The protocol's rule for the exit code; 'exit' closes standard output, and a failed
    flush of it once made every clean shutdown end with 1 (an editor reports a crash)."""
    init = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": {"processId": None, "capabilities": {}}}
    clean = _frames(init, {"jsonrpc": "2.0", "method": "initialized", "params": {}},
                    {"jsonrpc": "2.0", "id": 2, "method": "shutdown"},
                    {"jsonrpc": "2.0", "method": "exit"})
    done = subprocess.run([TERMLINT, "lsp"], input=clean,
                          capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert b'"id": 2' in done.stdout and not done.stderr.strip()
    vanished = subprocess.run([TERMLINT, "lsp"], input=_frames(init),
                              capture_output=True, timeout=60)
    assert vanished.returncode == 1
