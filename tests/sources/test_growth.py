"""Growth tests: doubling a hostile input may not much more than double the time.

Each case was quadratic once (issue 21; the figures are in docs/hardening.md). The time of
size N is compared with size 2N, the best of three runs each, and only a ratio above 3
fails: a linear reader doubles, a quadratic one quadruples. Sizes are small enough that a
case takes well under a second; absolute speed is measured by benchmarks/hardening.py.
"""

from __future__ import annotations

import gc
import io
import time
from collections.abc import Callable

import pytest

from termlint.fix import apply_edits, expected_segments, plan_edits
from termlint.model import Edit, Finding, Severity
from termlint.report import Report
from termlint.sources.html import HtmlSource
from termlint.sources.markdown import MarkdownSource
from termlint.sources.text import TextSource
from termlint.sources.yaml import YamlSource

FI = "Käytä sähköisiä palveluja."
SENTENCE = "Asiakas voi `koodi` käyttää **lihava** palvelua tänään. "


def _times(run: Callable[[], object]) -> float:
    gc.disable()  # a collection in one run and not the other is noise, not growth
    try:
        started = time.perf_counter()
        run()
        return time.perf_counter() - started
    finally:
        gc.enable()


def assert_linear(read: Callable[[bytes], object], make: Callable[[int], str], n: int) -> None:
    """The best of five runs at 2N against the best of five at N, taken in turns so a busy
    machine slows both alike; a ratio of 3 or more is measured again, twice, before failing
    (a quadratic reader is at 4 every time)."""
    small, large = make(n).encode(), make(2 * n).encode()
    read(small)  # warm up: imports, compiled expressions, caches
    ratio = 0.0
    for _ in range(3):
        pairs = [(_times(lambda: read(small)), _times(lambda: read(large))) for _ in range(5)]
        ratio = min(b for _, b in pairs) / min(a for a, _ in pairs)
        if ratio < 3:
            return
    raise AssertionError(f"doubling the input took {ratio:.1f}x the time")


def _block(indicator: str, lines: int) -> str:
    """A block scalar of ``lines`` distinct lines, indented (so not verbatim file text)."""
    return f"a: {indicator}\n" + "".join(
        f"  Rivi {i}: asiakas voi varata ajan.\n" for i in range(lines)) + f"  {FI}\n"


def markdown(raw: bytes) -> object:
    return MarkdownSource().read("fi/ohje.md", raw)


def yaml(raw: bytes) -> object:
    return YamlSource().read("fi.yml", raw)


def html(raw: bytes) -> object:
    return HtmlSource().read("sivu.html", raw)


CASES: dict[str, tuple[Callable[[bytes], object], Callable[[int], str], int]] = {
    "markdown: code and bold in every sentence": (markdown, lambda n: SENTENCE * n, 1500),
    "markdown: one run of backticks": (markdown, lambda n: FI + "`" * n, 80000),
    "markdown: backtick runs that never close": (
        markdown, lambda n: FI + " ```" + " sana `` toinen `" * n, 2000),
    "yaml: flow mapping of plain scalars on one line": (
        yaml, lambda n: "a: {" + ", ".join(f"k{i}: arvo {i}" for i in range(n)) + "}\n", 1000),
    "yaml: literal block": (
        yaml, lambda n: "a: |\n" + f"  {FI}\n" * n, 3000),
    "yaml: folded block of numbered lines": (yaml, lambda n: _block(">", n), 6000),
    "html: unclosed '<a' repeated": (html, lambda n: f"<p>{FI}</p>" + "<a" * n, 60000),
    "html: unclosed '<!--' repeated": (html, lambda n: f"<p>{FI}</p>" + "<!--" * n, 60000),
    "html: '<!--' repeated before a '>'": (html, lambda n: f"<p>{FI}</p>" + "<!--" * n + ">",
                                           60000),
    "html: '&a' repeated": (html, lambda n: f"<p>{FI}</p>" + "&a" * n, 6000),
    "html: unclosed '<![CDATA[' before a '>'": (
        html, lambda n: f"<p>{FI}</p>" + "<![CDATA[" * n + ">", 4000),
}


@pytest.mark.parametrize("name", list(CASES))
def test_reader_grows_linearly(name: str) -> None:
    read, make, n = CASES[name]
    assert_linear(read, make, n)


def _fix(raw: bytes) -> object:
    """Plan and apply one edit for each of the file's sentences (the file's findings)."""
    doc = TextSource().read("f.txt", raw)
    width = len(FI) + 1
    findings = []
    for start in range(6, len(doc.text), width):
        end = start + len("sähköisiä palveluja")
        findings.append(Finding(
            path="f.txt", line=1, column=start + 1, end_line=1, end_column=end + 1,
            offset=start, end_offset=end, text="", rule="r", severity=Severity.WARNING,
            message="m", verified=True, edits=(Edit(start, end, "digitaalisia palveluja"),)))
    edits = plan_edits(doc, findings)
    assert len(edits) == len(findings)
    expected_segments(doc, edits)
    return apply_edits(doc, TextSource(), edits)


def test_fix_of_thousands_of_findings_grows_linearly() -> None:
    assert_linear(_fix, lambda n: (FI + " ") * n, 2000)


@pytest.mark.parametrize("indicator", ["|", ">"])
def test_block_scalar_memory_grows_with_its_lines_not_its_characters(indicator: str) -> None:
    """A block scalar's value is not verbatim file text (its indentation is dropped), so its
    segment maps each character back through a table. As one integer a character the table
    cost over 50 bytes of peak memory per byte of file (200,000 lines: 452 MiB); as runs it is
    one pair a line, and reading the file peaks at about 8 bytes per byte of file, at any
    size. Memory, unlike time, is measured exactly, so this needs no retries."""
    import tracemalloc

    peaks = []
    for lines in (10_000, 20_000):
        raw = _block(indicator, lines).encode()
        tracemalloc.start()
        try:
            doc = YamlSource().read("fi.yml", raw)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        (segment,) = doc.segments
        assert segment.offsets is not None
        assert segment.offsets.runs <= lines + 2
        peaks.append(peak / len(raw))
        # The runs map as the per-character table did: every line's first character and
        # the finding's word sit at their file offsets.
        last = doc.text.index(FI)
        assert segment.file_offset(segment.text.index(FI)) == last
        assert segment.file_span(segment.text.index("sähköisiä"), segment.text.index(" palv")) \
            == (doc.text.index("sähköisiä"), doc.text.index(" palv"))
        assert segment.file_offset(len(segment.text)) == len(doc.text)
    assert max(peaks) < 16, peaks
    assert peaks[1] < 1.5 * peaks[0], peaks


def _one_line_report(text: str) -> Report:
    """A report of one long line with a verified finding in every sentence."""
    width = len(FI) + 1
    findings = []
    for start in range(6, len(text), width):
        end = start + len("sähköisiä palveluja")
        findings.append(Finding(
            path="f.txt", line=1, column=start + 1, end_line=1, end_column=end + 1,
            offset=start, end_offset=end, text=text[start:end], rule="r",
            severity=Severity.WARNING, message="m", suggestions=("digitaalisia palveluja",),
            verified=True, edits=(Edit(start, end, "digitaalisia palveluja"),)))
    return Report(findings=findings, errors=[], files=1, texts={"f.txt": text})


def _one_line_reports(raw: bytes) -> object:
    """The baseline fingerprint and the SARIF and GitLab logs of one long line with a
    finding in every sentence: each once looked the whole line up again per finding."""
    from termlint.baseline import fingerprint
    from termlint.report.gitlab import issues
    from termlint.report.sarif import sarif_log

    text = raw.decode()
    report = _one_line_report(text)
    # A fresh copy of the text each run, so no cache of an earlier run helps this one.
    [fingerprint(f, text + "") for f in report.findings[:1]]
    return sarif_log(report), issues(report)


def test_reports_of_one_long_line_grow_linearly() -> None:
    assert_linear(_one_line_reports, lambda n: (FI + " ") * n, 3000)


class _Sink(io.StringIO):
    """A stream that counts what it is given and keeps none of it (kept text would be
    counted as the writer's memory)."""

    def __init__(self) -> None:
        super().__init__()
        self.written = 0

    def write(self, text: str) -> int:
        self.written += len(text)
        return len(text)


@pytest.mark.parametrize("fmt", ["sarif", "gitlab", "json"])
def test_report_writing_memory_does_not_grow_with_the_findings(fmt: str) -> None:
    """Writing a report holds one result (a batch of them for JSON), not the whole log: the
    SARIF log of 60,000 findings, built whole and dumped with ``indent``, peaked near 1 GiB
    (about 9 KB a finding here). The peak is measured at 3,000 and 6,000 findings; what
    doubling the findings adds must stay under 600 bytes a finding (GitLab's count of seen
    fingerprints is one small entry a finding). Memory is exact, so this needs no retries."""
    import tracemalloc

    from termlint.report import REPORTERS

    REPORTERS[fmt](_one_line_report(FI), _Sink())  # its module imported, not measured
    peaks = []
    for n in (3000, 6000):
        report = _one_line_report((FI + " ") * n)
        sink = _Sink()
        tracemalloc.start()
        try:
            REPORTERS[fmt](report, sink)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert sink.written > 100 * n  # the report was written, every finding of it
        peaks.append(peak)
    assert (peaks[1] - peaks[0]) / 3000 < 600, peaks
