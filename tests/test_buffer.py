"""``termlint.lint_buffer`` reports what ``check`` reports: the same code decides, and this
compares the two on a small project (JSON, PO, Markdown) with a configuration, inline
directives and a baseline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import termlint
from termlint.buffer import BufferError, BufferState, Checker
from termlint.model import Finding
from tests.cli_helpers import run_cli

MARKDOWN = """# Palvelut

Hyvinvointialueen sähköisissä palveluissa voit varata ajan.

<!-- termlint: disable-next-line -->
Sähköiset palvelut ovat auki koko viikon.

Käytä 😀 sähköisiä palveluja myös illalla.

Vanhat sähköiset palvelut suljetaan.
"""

JSON_TEXT = json.dumps({
    "home": {"title": "Sähköiset palvelut", "body": "Käytä sähköisiä palveluja."},
    "legal": {"terms": "Sähköisten palvelujen ehdot."},
}, ensure_ascii=False, indent=2) + "\n"

PO_TEXT = """msgid ""
msgstr "Content-Type: text/plain; charset=UTF-8\\n"

msgid "Services"
msgstr "Sähköiset palvelut"

# termlint: disable-next-line
msgid "Other services"
msgstr "Sähköiset palvelut"

msgid "Use"
msgstr "Käytä sähköisiä palveluja."
"""

CONFIG = """ignore-keys: ["legal.*"]
baseline: termlint-baseline.json
"""


def _project(root: Path) -> list[Path]:
    (root / ".termlint.yaml").write_text(CONFIG, encoding="utf-8")
    files = [root / "docs" / "palvelut.md", root / "locales" / "fi.json",
             root / "locales" / "fi.po"]
    for path, text in zip(files, (MARKDOWN, JSON_TEXT, PO_TEXT), strict=True):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return files


def _key(f: dict[str, object] | Finding) -> tuple[object, ...]:
    get = f.get if isinstance(f, dict) else (lambda name: getattr(f, name))
    return tuple(get(name) for name in ("path", "line", "column", "end_line", "end_column",
                                        "text", "rule", "message"))


def _check_json(root: Path) -> list[tuple[object, ...]]:
    code, out, _ = run_cli(["check", "--format", "json", "-o", "-", "."], cwd=root)
    assert code in (0, 1)
    return sorted(_key(f) for f in json.loads(out)["findings"])


def _buffers(root: Path, files: list[Path]) -> list[tuple[object, ...]]:
    found = []
    for path in files:
        rel = str(path.relative_to(root))
        text = path.read_text(encoding="utf-8")
        found.extend(_key(f) for f in
                     termlint.lint_buffer(str(root / rel), text))
    # check reports paths as given (relative to where it ran).
    return sorted((str(Path(k[0]).relative_to(root)), *k[1:])  # type: ignore[arg-type]
                  for k in found)


def test_lint_buffer_gives_what_check_gives(tmp_path: Path) -> None:
    files = _project(tmp_path)
    # With no baseline yet, a named but missing baseline stops both.
    with pytest.raises(BufferError, match="no such baseline"):
        termlint.lint_buffer(str(files[0]), MARKDOWN)
    code, _, _ = run_cli(["check", "--write-baseline", "termlint-baseline.json",
                          "docs/palvelut.md"], cwd=tmp_path)
    assert code == 0
    # New findings after the baseline was written: one line added to each file.
    files[0].write_text(MARKDOWN + "\nUudet sähköiset palvelut avataan.\n", encoding="utf-8")
    termlint.buffer.reload_buffers()
    expected = _check_json(tmp_path)
    got = _buffers(tmp_path, files)
    assert got == expected
    texts = [k[5] for k in got]
    rules = {k[6] for k in got}
    assert rules == {"thl-digi/digitaalinen-palvelu"}
    # The baseline keeps the Markdown file's old findings out, the directives their lines,
    # ignore-keys the legal text; what is left is the new line and the string files.
    paths = [k[0] for k in got]
    assert paths.count("docs/palvelut.md") == 1
    assert "Sähköisten palvelujen" not in texts
    assert paths.count("locales/fi.po") == 2  # the disabled entry is not among them
    assert paths.count("locales/fi.json") == 2


def test_unsaved_text_is_linted_not_the_file(tmp_path: Path) -> None:
    path = tmp_path / "ohje.md"
    path.write_text("Tyhjä.\n", encoding="utf-8")
    text = "Hyvinvointialueen sähköisissä palveluissa.\n"
    found = termlint.lint_buffer(str(path), text, isolated=True)
    assert [f.text for f in found] == ["sähköisissä palveluissa"]
    # A file that does not exist is fine too: the path only names the format.
    assert termlint.lint_buffer(str(tmp_path / "new" / "x.md"), text, isolated=True)
    path.write_text("<!-- termlint: disable-file -->\n" + text, encoding="utf-8")
    assert termlint.lint_buffer(str(path), path.read_text(encoding="utf-8"),
                                isolated=True) == []


def test_what_check_passes_over_gives_nothing(tmp_path: Path) -> None:
    (tmp_path / ".termlint.yaml").write_text("exclude: ['vendor/**']\n", encoding="utf-8")
    text = "Sähköiset palvelut.\n"
    checker = Checker()
    assert checker.check(str(tmp_path / "vendor" / "a.md"), text).skipped is not None
    assert checker.check(str(tmp_path / "a.unknown"), text).skipped is not None
    own = checker.check(str(tmp_path / ".termlint.yaml"), "names: [x]\n")
    assert own.skipped is not None and "configuration" in own.skipped
    assert checker.check(str(tmp_path / "a.md"), text).findings


def test_a_buffer_that_does_not_parse_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(BufferError, match=r"x\.json: .*") as caught:
        termlint.lint_buffer(str(tmp_path / "x.json"), '{"a": "Sähköiset palvelut",',
                             isolated=True)
    assert "\n" not in str(caught.value)
    result = Checker(isolated=True).check(str(tmp_path / "x.json"), "{")
    assert result.error is not None and result.findings == []


def test_a_language_no_vocabulary_covers_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BufferError, match="covers language 'en'"):
        Checker(isolated=True, vocab=("thl-digi",), language="en").lint(
            str(tmp_path / "a.txt"), "Sähköiset palvelut.")


def test_the_segment_memo_changes_no_finding(tmp_path: Path) -> None:
    checker = Checker(isolated=True)
    path = str(tmp_path / "fi.json")
    state = BufferState()
    first = checker.check(path, JSON_TEXT, state).findings
    assert state.memo  # the segments with candidates are remembered
    edited = JSON_TEXT.replace('"title"', '"otsikko"')
    again = checker.check(path, edited, state).findings
    fresh = Checker(isolated=True).check(path, edited).findings
    assert again == fresh
    # Every finding lies after the renamed key, two characters further on.
    assert [f.offset for f in again] == [f.offset + 2 for f in first]



def test_the_memo_spares_unchanged_values_the_prefilter(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """After an edit only the values not in the memo go through the prefilter, and the
    findings stay those of a fresh check, whether the edit adds a term or takes it away."""
    from termlint.engine import Engine

    seen: list[int] = []
    original = Engine.may_hold_matches

    def counting(self: Engine, segments: list[object], languages: list[str]) -> list[bool]:
        seen.append(len(segments))
        return original(self, segments, languages)  # type: ignore[arg-type]

    monkeypatch.setattr(Engine, "may_hold_matches", counting)
    values = {f"k{i}": ("Käytä sähköisiä palveluja." if i % 7 == 0 else f"Tavallinen teksti {i}.")
              for i in range(60)}
    text = json.dumps(values, ensure_ascii=False, indent=1)
    path = str(tmp_path / "fi.json")
    checker = Checker(isolated=True)
    state = BufferState()
    checker.check(path, text, state)
    assert seen == [60]
    for old, new, count in (("Tavallinen teksti 3.", "Sähköiset palvelut 3.", 10),
                            ("Sähköiset palvelut 3.", "Tavallinen teksti 3.", 9),
                            ("Käytä sähköisiä palveluja.", "Tavallinen teksti.", 8)):
        text = text.replace(old, new, 1)
        seen.clear()
        again = checker.check(path, text, state).findings
        assert seen == [1]  # the edited value only
        assert again == Checker(isolated=True).check(path, text).findings
        assert len(again) == count  # one finding in each value with the term


# -- splicing an edit into the last document ----------------------------------------------

SPLICE_MARKDOWN = """---
title: Sähköiset palvelut
---

# Otsikko sähköisistä palveluista

Käytä sähköisiä palveluja `koodi sähköinen` ja **lihavoitua** tekstiä.
Toinen rivi <!-- termlint: disable-line --> jatkuu [linkki](https://example.org/a).

- lista sähköisistä palveluista
  jatkuu tässä
1. numeroitu kohta

    sisennetty koodi sähköinen palvelu

```
aidattu koodi
```

<pre>
raaka sähköinen
</pre>

Otsikko
=======

Loppu www.example.org ja <b>tagi</b> sähköinen asiointi.
"""

SPLICE_JSON = json.dumps({
    "a": "Käytä sähköisiä palveluja {count} kertaa.",
    "b": {"c": "Tämä\\non rivinvaihto", "d": "Sähköiset palvelut"},
    "e": ["yksi", "kaksi kolme"],
    "f": "",
}, ensure_ascii=False, indent=1)


def _edits(text: str) -> list[tuple[int, int, str]]:
    """One-character edits everywhere: each letter deleted, replaced, a letter inserted."""
    found = []
    for at in range(len(text) + 1):
        found.append((at, at, "x"))
        if at < len(text):
            found.append((at, at + 1, ""))
            found.append((at, at + 1, "ä"))
            found.append((at, at + 1, '"'))
    return found


@pytest.mark.parametrize("name, text", [("ohje.md", SPLICE_MARKDOWN),
                                        ("fi.json", SPLICE_JSON)])
def test_a_spliced_document_is_the_document_read_again(name: str, text: str) -> None:
    from termlint.sources import source_for

    source = source_for(name)
    assert source is not None
    doc = source.read(name, text.encode("utf-8"))
    spliced = 0
    for start, end, piece in _edits(text):
        new_text = text[:start] + piece + text[end:]
        made = source.splice(doc, start, end, piece)
        if made is None:
            continue
        spliced += 1
        again = source.read(name, new_text.encode("utf-8"))
        assert made.text == new_text
        assert made.segments == again.segments, (start, end, piece)
        assert made.comments == again.comments
        assert (made.flags, made.language, made.styles) == (again.flags, again.language,
                                                             again.styles)
    # Most letter edits inside values and prose are spliced, not read again.
    assert spliced > len(text) // 2


def test_changed_span() -> None:
    from termlint.buffer import changed_span

    assert changed_span("abcdef", "abXdef") == (2, 3, 3)
    assert changed_span("aaaa", "aaaaa") == (4, 4, 5)
    assert changed_span("abc", "") == (0, 3, 0)
    assert changed_span("same", "same") == (4, 4, 4)


def test_an_editors_defaults_yield_to_the_configuration(tmp_path: Path) -> None:
    # An editor's default language applies only where the configuration says none (and the
    # text's content does not tell: "E-palvelu" has no sign of either language).
    text = "E-palvelu\n"
    checker = Checker(default_language="sv", default_vocab=("thl-digi",))
    bare = tmp_path / "bare"
    bare.mkdir()
    (bare / ".termlint.yaml").write_text("fail-level: error\n", encoding="utf-8")
    assert checker.check(str(bare / "a.txt"), text).findings == []  # read as Swedish
    configured = tmp_path / "configured"
    configured.mkdir()
    (configured / ".termlint.yaml").write_text("language: fi\n", encoding="utf-8")
    found = checker.check(str(configured / "a.txt"), text).findings
    assert [f.rule for f in found] == ["thl-digi/digitaalinen-palvelu"]
