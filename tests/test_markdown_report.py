"""``--format markdown``, the job summary: totals, per concept, per file, the first findings with
their fixes; what came from files is escaped; long lists are cut, the totals are not."""

from __future__ import annotations

import io
import re
from pathlib import Path

from termlint.model import Finding, Severity
from termlint.report import Report
from termlint.report.markdown import FIRST_FINDINGS, code, render, text
from tests.cli_helpers import run_cli


def test_summary_of_a_small_tree(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "ohje.md").write_text(
        "Käytä sähköisiä palveluja.\n\nAvaa verkkopalvelu.\n", encoding="utf-8")
    (tmp_path / "fi.json").write_text('{"t": "Tervetuloa e-palveluun"}\n', encoding="utf-8")
    code_, out, _ = run_cli(["check", "--isolated", "--format", "markdown", "-o", "-", "."],
                            cwd=tmp_path)
    assert code_ == 1
    lines = out.splitlines()
    assert lines[0] == "## termlint"
    assert lines[2] == ("**3 findings** (2 warnings, 1 info) in 2 files checked; 2 fixable "
                        "with `termlint check --fix`.")
    row = next(line for line in lines if line.startswith("| `thl-digi/digitaalinen-palvelu`"))
    # error | warning | info | suggestion | fixable | forms | source
    assert row.split(" | ")[1:6] == ["0", "2", "1", "0", "2"]
    assert "`sähköisiä palveluja`" in row and "`e-palveluun`" in row
    assert "[source](https://" in row
    assert "| `docs/ohje.md` | 0 | 1 | 1 | 0 | 1 |" in lines
    assert "| `fi.json` | 0 | 1 | 0 | 0 | 1 |" in lines
    # The findings, most serious first, with the fix or (for advice) the suggestion.
    first = lines.index("### Findings")
    assert lines[first + 2].startswith("- **warning** `docs/ohje.md:1:7` ")
    assert lines[first + 3] == "  found `sähköisiä palveluja` → fix: `digitaalisia palveluja`; " \
                               "or `digipalveluja`"
    assert lines[-2].startswith("- **info** `docs/ohje.md:3:6`")
    assert "suggestion (not applied by `--fix`: check that it fits)" in lines[-1]


def _finding(path: str, offset: int, message: str = "m", matched: str = "x") -> Finding:
    return Finding(path=path, line=1, column=offset + 1, end_line=1, end_column=offset + 2,
                   offset=offset, end_offset=offset + 1, text=matched, rule="v/c",
                   severity=Severity.WARNING, message=message)


def _render(report: Report) -> str:
    out = io.StringIO()
    render(report, out)
    return out.getvalue()


def test_what_came_from_files_is_escaped() -> None:
    hostile = "a|b`<img src=x>[l](javascript:x)\n# h.md"
    out = _render(Report(findings=[_finding(hostile, 0, "*bold* <b>", "`tick`")], errors=[],
                         files=1))
    # Inside a code span Markdown shows everything literally; outside them nothing is live.
    outside = re.sub(r"(`+)(?!`).+?(?<!`)\1(?!`)", "", out)
    assert "<img" not in outside and "<b>" not in outside and "](javascript" not in outside
    assert "``a\\|b`<img src=x>[l](javascript:x)\\x0a# h.md``" in out
    assert "\n# h" not in out  # a line break in a name never starts a heading
    assert text("*bold* <b>") == "\\*bold\\* \\<b\\>"
    assert code("a`b") == "``a`b``" and code("`x") == "`` `x ``"
    assert code("a|b", cell=True) == "`a\\|b`"


def test_nothing_checked_is_never_green() -> None:
    assert "**Nothing was checked**" in _render(Report(findings=[], errors=[], files=0))
    assert "**No findings** in 3 files checked." in _render(Report(findings=[], errors=[],
                                                                   files=3))


def test_long_lists_are_cut_but_counted() -> None:
    findings = [_finding(f"f{i:03}.md", 0) for i in range(FIRST_FINDINGS + 20)]
    out = _render(Report(findings=findings, errors=[], files=len(findings)))
    assert f"**{FIRST_FINDINGS + 20} findings**" in out
    assert f"### The first {FIRST_FINDINGS} of {FIRST_FINDINGS + 20} findings" in out
    assert out.count("- **warning**") == FIRST_FINDINGS
