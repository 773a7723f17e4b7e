"""The HTML report without a browser: escaping of hostile file content, self-containment (the
Content-Security-Policy hashes match the inline style and script), the interface language and
the explanations the command line adds. The browser tests are in test_report_html_browser.py."""

from __future__ import annotations

import base64
import hashlib
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from termlint.model import FileError, Finding, Severity
from termlint.report import REPORTERS, Report
from termlint.report.html_text import CSS, SCRIPT, TEXT, language_from_locale
from tests.cli_helpers import run_cli

HOSTILE = "<script>window.pwned=1</script>"


def _finding(path: str, text: str, line_text: str, **changes: object) -> Finding:
    offset = line_text.index(text)
    fields: dict[str, object] = dict(
        path=path, line=1, column=offset + 1, end_line=1, end_column=offset + len(text) + 1,
        offset=offset, end_offset=offset + len(text), text=text,
        rule="thl-digi/digitaalinen-palvelu", severity=Severity.WARNING,
        message=f"'{text}' is not recommended", suggestions=("digipalvelu",),
        concept="digitaalinen-palvelu", source="https://example.org/x?a=1&b=\"2\" (record 7)",
        verified=True)
    fields.update(changes)
    return Finding(**fields)  # type: ignore[arg-type]


def _render(report: Report) -> str:
    out = io.StringIO()
    REPORTERS["html"](report, out)
    return out.getvalue()


class _Collect(HTMLParser):
    """Every start tag with its attributes, and the text of each element by tag."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: dict[str, list[str]] = {}
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            while self._open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self._open:
            self.text.setdefault(self._open[-1], []).append(data)


def _parse(page: str) -> _Collect:
    parser = _Collect()
    parser.feed(page)
    return parser


def test_hostile_text_and_names_are_escaped() -> None:
    line = f"Alku {HOSTILE} loppu \x1b[31m \u202e"
    path = "docs/a\"b'<i>.md"
    finding = _finding(path, HOSTILE, line, message=f"message {HOSTILE}",
                       suggestions=(HOSTILE,), key=f"k{HOSTILE}")
    report = Report(findings=[finding], errors=[FileError(f"x{HOSTILE}", HOSTILE)], files=1,
                    texts={path: line}, explanations={finding.rule: f"explained {HOSTILE}"})
    page = _render(report)
    parsed = _parse(page)
    # One script element, ours: the hostile one is text wherever it is shown.
    assert [tag for tag, _ in parsed.tags].count("script") == 1
    assert "".join(parsed.text["mark"]) == HOSTILE
    assert page.count("&lt;script&gt;window.pwned=1&lt;/script&gt;") >= 6
    assert "<i>" not in page
    # The file name with quotes survives as the filter value, exactly.
    items = [attrs for tag, attrs in parsed.tags if tag == "li"]
    assert items[0]["data-file"] == path
    assert (path, ) == tuple(attrs["value"] for tag, attrs in parsed.tags
                             if tag == "option" and attrs.get("value") == path)
    # Terminal escapes and bidirectional controls are shown, never passed on.
    assert "\x1b" not in page and "\u202e" not in page
    assert "\\x1b[31m" in page and "\\u202e" in page
    # The source's link ends before the quote; the rest is text.
    links = [attrs["href"] for tag, attrs in parsed.tags if tag == "a"]
    assert "https://example.org/x?a=1&b=" in links


def test_self_contained_and_locked_down() -> None:
    line = "Käytä sähköisiä palveluja."
    report = Report(findings=[_finding("a.txt", "sähköisiä palveluja", line)], errors=[],
                    files=1, texts={"a.txt": line})
    page = _render(report)
    parsed = _parse(page)
    # Nothing is loaded: no src, no stylesheet link, no font; only the source link leaves.
    assert not [attrs for _, attrs in parsed.tags if "src" in attrs]
    assert not [tag for tag, _ in parsed.tags if tag in ("link", "iframe", "img", "object")]
    assert "@import" not in page and "url(" not in page and "@font-face" not in page
    csp = next(attrs["content"] for tag, attrs in parsed.tags
               if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy")
    assert csp is not None and "default-src 'none'" in csp
    for source in (CSS, SCRIPT):
        digest = base64.b64encode(hashlib.sha256(source.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert f"<style>{CSS}</style>" in page and f"<script>{SCRIPT}</script>" in page
    assert not re.search(r"\sstyle=", page)  # the policy would block inline style attributes


def test_structure_for_assistive_technology() -> None:
    line = "Käytä sähköisiä palveluja."
    findings = [_finding("a.txt", "sähköisiä palveluja", line),
                _finding("b.txt", "palveluja", line, severity=Severity.ERROR, verified=False,
                         rule="own/x", concept=None, source=None)]
    page = _render(Report(findings=findings, errors=[], files=2,
                          texts={"a.txt": line, "b.txt": line}))
    parsed = _parse(page)
    tags = [tag for tag, _ in parsed.tags]
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    for landmark in ("header", "main", "footer"):
        assert tags.count(landmark) == 1
    assert tags.count("h1") == 1 and tags.count("h3") == 2
    # Each select is labelled; each table has a caption and header cells with a scope.
    ids = {attrs["id"] for tag, attrs in parsed.tags if tag == "select"}
    labelled = {attrs["for"] for tag, attrs in parsed.tags if tag == "label"}
    assert ids == {"filter-severity", "filter-concept", "filter-file"} == labelled
    assert tags.count("table") == tags.count("caption") == 3
    assert all(attrs.get("scope") in ("row", "col") for tag, attrs in parsed.tags if tag == "th")
    # Severity in words, not only a colour; the fix and the advice told apart.
    assert [t for t in parsed.text["span"] if t in ("warning", "error")] == ["warning", "error"]
    assert "Fix (applied by --fix)" in page and "not applied by --fix" in page
    # A rule with no explanation says so.
    assert TEXT["en"]["no_explanation"] in page


def test_finnish_interface_and_locale() -> None:
    page = _render(Report(findings=[], errors=[], files=3, interface_language="fi"))
    assert page.startswith('<!DOCTYPE html>\n<html lang="fi">')
    assert "<h1>termlint-raportti</h1>" in page and "Ei havaintoja." in page
    assert set(TEXT["fi"]) == set(TEXT["en"])
    assert language_from_locale({"LANG": "fi_FI.UTF-8"}) == "fi"
    assert language_from_locale({"LANG": "fi_FI.UTF-8", "LC_ALL": "C"}) == "en"
    assert language_from_locale({"LANGUAGE": "fi:en", "LANG": "en_GB.UTF-8"}) == "fi"
    assert language_from_locale({}) == "en"


@pytest.mark.parametrize(("env", "option", "lang"), [({"LANG": "fi_FI.UTF-8"}, [], "fi"),
                                                     ({"LANG": "fi_FI.UTF-8"},
                                                      ["--report-language", "en"], "en"),
                                                     ({"LANG": "C"}, [], "en")])
def test_cli_writes_the_report_with_explanations(tmp_path: Path, env: dict[str, str],
                                                 option: list[str], lang: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    (tmp_path / "a.txt").write_text("Käytä sähköisiä palveluja.\n", encoding="utf-8")
    code, out, _ = run_cli(["check", "--isolated", "--format", "html", "-o", "r.html", *option,
                            "a.txt"], cwd=tmp_path)
    assert code == 1
    assert "a.txt:1:7: warning" in out  # the terminal still gets the text report
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}">' in page
    parsed = _parse(page)
    assert "".join(parsed.text["mark"]) == "sähköisiä palveluja"
    explanation = "".join(parsed.text["pre"])
    assert explanation.startswith("digitaalinen palvelu  (thl-digi/digitaalinen-palvelu)")
    assert "source: https://" in explanation


def test_a_report_in_the_tree_is_not_checked_again(tmp_path: Path) -> None:
    """The report quotes every finding: the next run over the folder must not lint it."""
    (tmp_path / "a.md").write_text("Käytä sähköisiä palveluja.\n", encoding="utf-8")
    assert run_cli(["check", "--isolated", "--format", "html", "-o", "r.html",
                    "--report-language", "fi", "."], cwd=tmp_path)[0] == 1
    _, out, err = run_cli(["check", "--isolated", "-v", "--statistics", "."], cwd=tmp_path)
    assert out.startswith("1\tthl-digi/digitaalinen-palvelu\t")
    assert "skipped r.html: termlint's own file: a termlint HTML report" in err


def test_links_to_the_files(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    name = 'muistio "uusi".txt'
    (tmp_path / name).write_text("Käytä sähköisiä palveluja.\n", encoding="utf-8")

    def hrefs(*options: str) -> list[str | None]:
        code, _, err = run_cli(["check", "--isolated", "--format", "html", *options, name],
                               cwd=tmp_path)
        assert code == 1, err
        page = (tmp_path / "out" / "r.html").read_text(encoding="utf-8")
        return [attrs["href"] for tag, attrs in _parse(page).tags
                if tag == "a" and "href" in attrs and "example.org" not in str(attrs["href"])
                and not str(attrs["href"]).startswith(("#", "https://github.com/Finto"))]

    # Relative to the report's folder, percent-encoded.
    assert hrefs("-o", "out/r.html") == ["../muistio%20%22uusi%22.txt"]
    template = "https://git.example/blob/main/{path}#L{line}"
    code, _, _ = run_cli(["check", "--isolated", "--format", "html", "-o", "out/r.html",
                          "--source-url", template, name], cwd=tmp_path)
    page = (tmp_path / "out" / "r.html").read_text(encoding="utf-8")
    assert 'href="https://git.example/blob/main/muistio%20%22uusi%22.txt#L1"' in page
    code, _, err = run_cli(["check", "--isolated", "--format", "html", "-o", "out/r.html",
                            "--source-url", "https://git.example/", name], cwd=tmp_path)
    assert code == 2 and "--source-url: the template must hold {path}" in err


def test_a_file_name_cannot_become_a_script_url() -> None:
    line = "Käytä sähköisiä palveluja."
    finding = _finding("javascript:alert(1)", "sähköisiä palveluja", line)
    page = _render(Report(findings=[finding], errors=[], files=1,
                          texts={finding.path: line}, file_links="{path}"))
    hrefs = [attrs["href"] for tag, attrs in _parse(page).tags if tag == "a"]
    assert "javascript%3Aalert%281%29" in hrefs
    assert not any(str(h).startswith("javascript:") for h in hrefs)


def test_parts_in_another_language_are_marked() -> None:
    line = "Käytä sähköisiä palveluja."
    finding = _finding("a.txt", "sähköisiä palveluja", line)

    def spans(interface: str, languages: dict[str, int]) -> list[str | None]:
        page = _render(Report(findings=[finding], errors=[], files=1, texts={"a.txt": line},
                              interface_language=interface, languages=languages,
                              explanations={finding.rule: "explained"}))
        return [attrs.get("lang") for tag, attrs in _parse(page).tags
                if tag in ("span", "dd", "pre") and "lang" in attrs]

    # An English interface: the Finnish text and fix are marked as Finnish.
    assert spans("en", {"fi": 1}) == ["fi", "fi"]
    # A Finnish interface: termlint's English message and explanation are marked.
    assert spans("fi", {"fi": 1}) == ["en", "en"]
    # Files in two languages: their parts are not marked with either.
    assert spans("en", {"fi": 1, "sv": 1}) == []
