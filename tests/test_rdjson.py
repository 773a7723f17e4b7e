"""``--format rdjson`` (reviewdog): valid against reviewdog's own schema, columns in UTF-8 bytes,
and suggestions that, spliced into the files by byte range as reviewdog does, give exactly the
bytes ``--fix`` writes."""

from __future__ import annotations

import codecs
import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.cli_helpers import run_cli

SCHEMA = Path(__file__).parent / "data" / "reviewdog" / "DiagnosticResult.json"

#: Finnish with ä/ö before the terms, a character outside the BMP (4 UTF-8 bytes, 2 UTF-16
#: units, 1 code point) before a term, a phrase whose words are apart (two edits), CRLF.
FILES: dict[str, bytes] = {
    "ohje.md": ("# Ohjeet\n\nKäytä sähköisiä palveluja tänään.\n"
                "Hyvä 😀 e-palvelu on auki; sähköisiä ja turvallisia palveluja löytyy.\n"
                "Sähköiset sosiaali- ja terveyspalvelut.\n").encode(),
    "crlf.txt": "Tervetuloa.\r\nKäytä 𝄞 verkkoasiointia nyt.\r\n".encode(),
    # A UTF-8 byte order mark counts on the first line: reviewdog reads the line with it.
    "bom.txt": codecs.BOM_UTF8 + "Sähköinen asiointi on helppoa.\n".encode(),
    # JSON written with \\u escapes: --fix writes the fix the same way, so must the suggestion.
    "fi.json": b'{"a": "S\\u00e4hk\\u00f6inen asiointi", "b": "Ty\\u00f6 e-palvelussa"}\n',
    # ISO-8859-1: no byte-range suggestion can be spliced into it as UTF-8.
    "app_fi.properties": "title=Sähköinen asiointi\n".encode("latin-1"),
}


def _tree(root: Path) -> Path:
    root.mkdir()
    for name, data in FILES.items():
        (root / name).write_bytes(data)
    return root


def _rdjson(root: Path) -> dict[str, Any]:
    code, out, err = run_cli(["check", "--isolated", "--format", "rdjson", "-o", "-", "."],
                             cwd=root)
    assert code == 1, err
    result: dict[str, Any] = json.loads(out)
    return result


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    root = _tree(tmp_path_factory.mktemp("rd") / "repo")
    return root, _rdjson(root)


def _validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema)


def test_the_report_is_valid_against_reviewdogs_schema(
        report: tuple[Path, dict[str, Any]]) -> None:
    _, result = report
    _validator().validate(result)
    assert result["source"] == {"name": "termlint"}
    assert {d["severity"] for d in result["diagnostics"]} <= {"ERROR", "WARNING", "INFO"}
    assert len(result["diagnostics"]) >= 8


@pytest.mark.parametrize(("path", "bad"), [
    (("diagnostics", 0, "severity"), "FATAL"),
    (("diagnostics", 0, "location", "range", "start", "line"), "3"),
    (("diagnostics", 0, "location", "range", "start", "column"), 2.5),
    (("diagnostics", 0, "message"), 7),
    (("diagnostics",), {"not": "a list"}),
    (("diagnostics", 0, "suggestions"), {"text": "x"}),
])
def test_the_schema_refuses_broken_reports(report: tuple[Path, dict[str, Any]],
                                           path: tuple[Any, ...], bad: Any) -> None:
    """The schema is no rubber stamp: each of these breaks the report."""
    _, result = report
    broken = json.loads(json.dumps(result))
    target = broken
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = bad
    assert not _validator().is_valid(broken)


def _offset(data: bytes, position: dict[str, int]) -> int:
    """Byte offset of an rdjson position: the line's start plus ``column - 1`` bytes, as
    reviewdog cuts a line (a Go string index)."""
    lines = data.split(b"\n")
    start = sum(len(line) + 1 for line in lines[: position["line"] - 1])
    return start + position["column"] - 1


def test_columns_count_utf8_bytes(report: tuple[Path, dict[str, Any]]) -> None:
    root, result = report
    seen: dict[tuple[str, int], list[bytes]] = {}
    for d in result["diagnostics"]:
        path = d["location"]["path"]
        data = (root / path).read_bytes()
        span = d["location"]["range"]
        found = data[_offset(data, span["start"]) : _offset(data, span["end"])]
        seen.setdefault((path, span["start"]["line"]), []).append(found)
        if path != "app_fi.properties" and path != "fi.json":
            # The byte range holds the matched words themselves.
            assert found.decode("utf-8").lower().startswith(("sähköi", "e-palv", "verkko")), d
    # After "Käytä " (ä twice): byte column 9 where SARIF says character column 7.
    assert seen[("ohje.md", 3)] == ["sähköisiä palveluja".encode()]
    # After the emoji (4 bytes) on line 4, and after U+1D11E in a CRLF file.
    assert seen[("ohje.md", 4)] == [b"e-palvelu", "sähköisiä ja turvallisia palveluja".encode()]
    assert seen[("crlf.txt", 2)] == [b"verkkoasiointia"]
    # The BOM's three bytes count on line 1.
    assert seen[("bom.txt", 1)] == ["Sähköinen asiointi".encode()]
    # In JSON the range covers the escapes as written.
    assert seen[("fi.json", 1)] == [b"S\\u00e4hk\\u00f6inen asiointi", b"e-palvelussa"]


def test_only_fixes_that_fix_applies_are_suggestions(
        report: tuple[Path, dict[str, Any]]) -> None:
    _, result = report
    by_path: dict[str, list[dict[str, Any]]] = {}
    for d in result["diagnostics"]:
        by_path.setdefault(d["location"]["path"], []).append(d)
    # The ISO-8859-1 file: found, but no byte-range suggestion (a UTF-8 splice would break it);
    # the fix is named in the message instead.
    (latin,) = by_path["app_fi.properties"]
    assert "suggestions" not in latin and "fix: Digitaalinen asiointi" in latin["message"]
    # Every UTF-8 finding that is verified carries exactly one suggestion.
    for path in ("ohje.md", "crlf.txt", "bom.txt", "fi.json"):
        assert all(len(d.get("suggestions", [])) == 1 for d in by_path[path]), path
    # The JSON file's suggestion is written in the file's own escaping, as --fix writes it.
    texts = [d["suggestions"][0]["text"] for d in by_path["fi.json"]]
    assert "Digitaalinen" in texts and "digitaalisessa palvelussa" in texts


def test_advice_is_not_a_suggestion(tmp_path: Path) -> None:
    """A term for a narrower concept keeps its suggestions as advice: not a suggested change."""
    (tmp_path / "a.txt").write_text("Avaa verkkopalvelu.\n", encoding="utf-8")
    code, out, _ = run_cli(["check", "--isolated", "--fail-level", "info", "--format",
                            "rdjson", "-o", "-", "a.txt"], cwd=tmp_path)
    (d,) = json.loads(out)["diagnostics"]
    assert code == 1 and d["severity"] == "INFO"
    assert "suggestions" not in d and "; suggestion: " in d["message"]


def _apply(data: bytes, suggestions: list[dict[str, Any]]) -> bytes:
    spans = sorted(((_offset(data, s["range"]["start"]), _offset(data, s["range"]["end"]),
                     s["text"].encode("utf-8")) for s in suggestions), reverse=True)
    for (start, end, text), later in zip(spans, [None, *spans], strict=False):
        assert later is None or end <= later[0], "suggestions overlap"
        data = data[:start] + text + data[end:]
    return data


def test_applying_every_suggestion_gives_the_bytes_fix_writes(
        report: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    root, result = report
    fixed = tmp_path / "fixed"
    shutil.copytree(root, fixed)
    code, _, err = run_cli(["check", "--isolated", "--fix", "."], cwd=fixed)
    assert code in (0, 1), err
    by_path: dict[str, list[dict[str, Any]]] = {}
    for d in result["diagnostics"]:
        by_path.setdefault(d["location"]["path"], []).extend(d.get("suggestions", []))
    changed = 0
    for name in FILES:
        if name == "app_fi.properties":
            continue
        original = (root / name).read_bytes()
        spliced = _apply(original, by_path.get(name, []))
        assert spliced == (fixed / name).read_bytes(), name
        changed += spliced != original
    assert changed == 4
    # Both words of the phrase that stood apart were changed by one suggestion.
    assert b"digitaalisia ja turvallisia" in (fixed / "ohje.md").read_bytes()
