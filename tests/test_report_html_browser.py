"""The HTML report in a real browser: Debian's Chromium (installed by scripts/setup.sh) driven
by Playwright, on a report the command line wrote for files with hostile content and names.

Asserted: the DOM (hostile text shown, never run), the filters (by mouse and by keyboard), no
console errors (a Content-Security-Policy violation would be one), and axe-core's WCAG 2.1 A/AA
rules with no violation. A screenshot is kept in ``test-artifacts/`` (ignored by git).
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.cli_helpers import run_cli

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
#: axe-core, installed by scripts/setup.sh with npm into the virtualenv.
AXE = Path(sys.prefix) / "npm" / "node_modules" / "axe-core" / "axe.min.js"
#: Flags for a browser that must reach nothing: no updates, no sync, no first-run work.
FLAGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
         "--no-first-run", "--disable-sync", "--disable-default-apps", "--disable-extensions",
         "--disable-gpu", "--mute-audio"]
QUOTED = "muistio \"uusi\" 'b'.md"


def _chromium() -> str:
    """Debian's Chromium binary (``/usr/bin/chromium`` is a shell wrapper around it)."""
    for candidate in ("/usr/lib/chromium/chromium", shutil.which("chromium") or ""):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    raise AssertionError("Chromium is missing: run scripts/setup.sh (it installs 'chromium')")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=_chromium(), args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site")
    (root / "docs").mkdir()
    (root / "docs" / "ohje.md").write_text(
        "# Ohje\n\nKirjaudu e-palveluun. <script>window.pwned = 1</script> Käytä sähköisiä "
        "palveluja.\n\n<img src=x onerror=\"window.pwned = 2\"> Sote-palvelut ovat auki.\n",
        encoding="utf-8")
    (root / "docs" / QUOTED).write_text("Sähköinen asiointi onnistuu.\n", encoding="utf-8")
    code, _, err = run_cli(["check", "--isolated", "--vocab", "+stm-sote", "--format", "html",
                            "-o", "report.html", "--report-language", "en", "docs"], cwd=root)
    assert code == 1, err
    return root / "report.html"


@pytest.fixture()
def page(browser: Browser, report: Path) -> Iterator[Page]:
    # bypass_csp lets the test inject axe-core; the page's own policy is checked without it
    # in test_policy_allows_our_script_only.
    context = browser.new_context(bypass_csp=True, viewport={"width": 1100, "height": 900})
    opened = context.new_page()
    problems: list[str] = []
    opened.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning")
              else None)
    opened.on("pageerror", lambda e: problems.append(str(e)))
    opened.goto(report.as_uri())
    opened.problems = problems  # type: ignore[attr-defined]
    yield opened
    context.close()


def _shown(page: Page) -> int:
    return int(page.evaluate(
        "document.querySelectorAll('ol.findings > li:not([hidden])').length"))


def test_dom_shows_hostile_content_as_text(page: Page, report: Path) -> None:
    assert page.evaluate("window.pwned") is None
    assert page.locator("script").count() == 1
    assert page.locator("img").count() == 0
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("ol.findings > li").count() == 4
    marks = page.locator("mark").all_inner_texts()
    assert marks == ["Sähköinen asiointi", "e-palveluun", "sähköisiä palveluja", "Sote-palvelut"]
    contexts = page.locator("p.context").all_inner_texts()
    assert "<script>window.pwned = 1</script>" in contexts[1]
    assert '<img src=x onerror="window.pwned = 2">' in contexts[3]
    files = page.evaluate("[...document.querySelectorAll('ol.findings > li')]"
                          ".map(li => li.dataset.file)")
    assert f"docs/{QUOTED}" in files
    # Each finding links to its file, relative to the report, whatever its name holds.
    link = page.locator("ol.findings h3 a").first
    assert link.evaluate("a => a.href") == (report.parent / "docs" / QUOTED).as_uri()
    assert page.locator("#status").inner_text() == "4 of 4 findings shown."
    assert page.locator("svg[role=img]").count() == 2
    assert page.locator("footer").inner_text().startswith("Made by termlint")
    # The explanation opens on the keyboard (a native details element).
    details = page.locator("details").first
    assert not details.evaluate("d => d.open") and not details.locator("pre").is_visible()
    page.locator("summary").first.focus()
    page.keyboard.press("Enter")
    assert details.evaluate("d => d.open")
    assert "thl-digi/digitaalinen-asiointi" in details.locator("pre").inner_text()
    assert page.problems == []  # type: ignore[attr-defined]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "html-report.png"), full_page=True)


def test_filters_by_pointer_and_keyboard(page: Page) -> None:
    # The first Tab reaches the skip link, which then shows and leads to the findings.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    assert page.locator("a.skip").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#findings"
    page.select_option("#filter-file", f"docs/{QUOTED}")
    assert _shown(page) == 1
    assert page.locator("#status").inner_text() == "1 of 4 findings shown."
    page.select_option("#filter-concept", "stm-sote/sosiaali-ja-terveyspalvelut")
    assert _shown(page) == 0
    assert page.locator("#none-shown").is_visible()
    # Keyboard only: tab to the reset button and press it; tab to the severity filter and
    # choose with the arrow keys.
    page.locator("#filter-file").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "reset"
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('#status').textContent.startsWith('4 of')")
    assert _shown(page) == 4
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.id") == "filter-severity"
    page.keyboard.press("ArrowDown")  # the first severity after "All": warning (3)
    assert page.evaluate("document.activeElement.value") == "warning"
    assert _shown(page) == 3
    page.keyboard.press("ArrowDown")  # suggestion (1)
    assert _shown(page) == 1
    assert page.locator("ol.findings > li:not([hidden]) .badge").inner_text() == "suggestion"
    # Focus is visible: the focused control has an outline.
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    assert page.problems == []  # type: ignore[attr-defined]


def test_axe_finds_no_wcag_violation(page: Page) -> None:
    page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate(
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})")
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]] == []
    assert len(result["passes"]) >= 15  # it ran: landmarks, labels, contrast, lang …


def test_policy_allows_our_script_only(browser: Browser, report: Path) -> None:
    """Without bypass: the page's own policy lets its script run (the filters appear) and
    reports nothing, so the hashes match what is inline."""
    context = browser.new_context()
    opened = context.new_page()
    problems: list[str] = []
    opened.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    opened.goto(report.as_uri())
    assert opened.locator("#filters").is_visible()
    assert problems == []
    context.close()


def test_a_clean_run_gives_a_page_without_errors(browser: Browser,
                                                  tmp_path_factory: pytest.TempPathFactory,
                                                  ) -> None:
    root = tmp_path_factory.mktemp("clean")
    (root / "a.md").write_text("Käytä digitaalisia palveluja.\n", encoding="utf-8")
    code, _, _ = run_cli(["check", "--isolated", "--format", "html", "-o", "r.html",
                          "--report-language", "fi", "a.md"], cwd=root)
    assert code == 0
    context = browser.new_context()
    opened = context.new_page()
    problems: list[str] = []
    opened.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    opened.on("pageerror", lambda e: problems.append(str(e)))
    opened.goto((root / "r.html").as_uri())
    assert opened.locator("#findings p").inner_text() == "Ei havaintoja."
    assert opened.locator("#filters").count() == 0
    assert problems == []
    context.close()
