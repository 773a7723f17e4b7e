"""Every output format on one shared set of three findings (built directly, no engine):

1. a Markdown finding with a verified fix (two edits, in the middle of the file);
2. a plain-text finding without a verified fix, on a line with ``%``, ``:`` and ``,``;
3. a finding in a UTF-16 ``.strings`` file, with a key path.
"""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from termlint.model import Edit, FileError, Finding, Severity
from termlint.report import REPORTERS, Report

DOC = "# Ohje\n\nKäytä sähköisiä palveluja.\n"
NOTE = "Huom: 100 %, e-palvelu, ks. liite\n"
STRINGS = '/* Etusivu */\n"home.banner.title" = "Sähköinen asiointi";\n'
SCHEMA = Path(__file__).parent / "data" / "sarif" / "sarif-schema-2.1.0.json"


def _findings() -> list[Finding]:
    start = DOC.index("sähköisiä")
    fixed = Finding(
        path="docs/ohje.md", line=3, column=7, end_line=3, end_column=26, offset=start,
        end_offset=start + 19, text="sähköisiä palveluja", rule="thl-digi/digitaalinen-palvelu",
        severity=Severity.WARNING,
        message="'sähköinen palvelu' is not recommended; use 'digitaalinen palvelu'",
        suggestions=("digitaalisia palveluja", "digipalveluja"), concept="digitaalinen-palvelu",
        source="https://example.org/thl/digi", verified=True,
        edits=(Edit(start, start + 9, "digitaalisia"),),
    )
    at = NOTE.index("e-palvelu")
    unverified = Finding(
        path="notes/huom, 1.txt", line=1, column=at + 1, end_line=1, end_column=at + 10,
        offset=at, end_offset=at + 9, text="e-palvelu", rule="thl-digi/digitaalinen-palvelu",
        severity=Severity.ERROR, message="'e-palvelu' is forbidden: 100% sure, really",
        suggestions=("digipalvelu",), concept="digitaalinen-palvelu", source=None,
        verified=False, confidence=0.8,
    )
    s = STRINGS.index("Sähköinen")
    keyed = Finding(
        path="ios/fi.lproj/Localizable.strings", line=2, column=s - STRINGS.index("\n"),
        end_line=2, end_column=s - STRINGS.index("\n") + 18, offset=s, end_offset=s + 18,
        text="Sähköinen asiointi", rule="thl-digi/digitaalinen-asiointi",
        severity=Severity.SUGGESTION, message="'sähköinen asiointi' is not recommended",
        suggestions=("Digitaalinen asiointi",), concept="digitaalinen-asiointi",
        source="THL 2024", key="home.banner.title", verified=True,
        edits=(Edit(s, s + 9, "Digitaalinen"),),
    )
    return [fixed, unverified, keyed]


@pytest.fixture()
def report() -> Report:
    texts = {"docs/ohje.md": DOC, "notes/huom, 1.txt": NOTE,
             "ios/fi.lproj/Localizable.strings": STRINGS}
    return Report(findings=_findings(), errors=[FileError("bad.json", "1:3: not valid JSON")],
                  files=4, texts=texts)


def run(fmt: str, report: Report) -> str:
    out = io.StringIO()
    REPORTERS[fmt](report, out)
    return out.getvalue()


def test_every_format_is_registered() -> None:
    assert set(REPORTERS) == {"text", "json", "sarif", "github", "junit", "checkstyle", "gitlab",
                              "concise", "html"}


def _validate_sarif(log: object) -> None:
    """Validate against the schema's real root, ``definitions.Root`` (the file's top level
    holds only definitions and accepts anything), with ``format`` checked (``uri``)."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(log, {**schema, "$ref": "#/definitions/Root"},
                        cls=jsonschema.Draft7Validator,
                        format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def test_sarif_validates_against_the_official_schema(report: Report) -> None:
    _validate_sarif(json.loads(run("sarif", report)))


def test_the_sarif_validation_can_fail(report: Report) -> None:
    with pytest.raises(jsonschema.ValidationError):
        _validate_sarif({"foo": 1})
    log = json.loads(run("sarif", report))
    del log["runs"][0]["tool"]
    with pytest.raises(jsonschema.ValidationError):
        _validate_sarif(log)
    # What termlint wrote before: a bundled source as helpUri is no URI.
    log = json.loads(run("sarif", report))
    log["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"] = \
        "https://termipankki.fi/ (record STM-SOTE2021)"
    with pytest.raises(jsonschema.ValidationError, match="is not a 'uri'"):
        _validate_sarif(log)


def test_sarif_help_uri_is_absolute_and_the_record_is_a_property(report: Report) -> None:
    report.findings[0] = replace(report.findings[0],
                                 source="https://termipankki.fi/ (record STM-SOTE2021)")
    log = json.loads(run("sarif", report))
    _validate_sarif(log)
    rule = log["runs"][0]["tool"]["driver"]["rules"][0]
    assert rule["helpUri"] == "https://termipankki.fi/"
    assert rule["properties"] == {"source": "https://termipankki.fi/ (record STM-SOTE2021)",
                                  "record": "STM-SOTE2021"}


def test_sarif_content(report: Report) -> None:
    log = json.loads(run("sarif", report))
    (sarif_run,) = log["runs"]
    assert log["version"] == "2.1.0"
    assert sarif_run["columnKind"] == "unicodeCodePoints"
    rules = sarif_run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["thl-digi/digitaalinen-palvelu",
                                        "thl-digi/digitaalinen-asiointi"]
    assert rules[0]["helpUri"] == "https://example.org/thl/digi"
    assert "helpUri" not in rules[1]  # "THL 2024" is not a URI; it goes into the help text
    assert "THL 2024" in rules[1]["help"]["text"]
    fixed, unverified, keyed = sarif_run["results"]
    assert [r["level"] for r in (fixed, unverified, keyed)] == ["warning", "error", "note"]
    region = fixed["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endLine"],
            region["endColumn"]) == (3, 7, 3, 26)
    (change,) = fixed["fixes"][0]["artifactChanges"]
    assert change["artifactLocation"]["uri"] == "docs/ohje.md"
    (replacement,) = change["replacements"]
    assert replacement["deletedRegion"] == {"startLine": 3, "startColumn": 7, "endLine": 3,
                                            "endColumn": 16}
    assert replacement["insertedContent"] == {"text": "digitaalisia"}
    assert "fixes" not in unverified
    assert unverified["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "notes/huom,%201.txt"
    assert keyed["locations"][0]["logicalLocations"] == [
        {"fullyQualifiedName": "home.banner.title", "kind": "member"}]
    assert keyed["fixes"][0]["artifactChanges"][0]["replacements"][0]["deletedRegion"][
        "startLine"] == 2


def test_github_annotations_escape_per_the_workflow_command_rules(report: Report) -> None:
    lines = run("github", report).splitlines()
    assert lines[0] == (
        "::warning file=docs/ohje.md,line=3,col=7,endLine=3,endColumn=26,"
        "title=termlint thl-digi/digitaalinen-palvelu::'sähköinen palvelu' is not recommended; "
        "use 'digitaalinen palvelu'%0ASuggestion: digitaalisia palveluja")
    assert lines[1].startswith(
        "::error file=notes/huom%2C 1.txt,line=1,col=14,endLine=1,endColumn=23,")
    assert lines[1].endswith("::'e-palvelu' is forbidden: 100%25 sure, really"
                             "%0ASuggestion: digipalvelu")
    assert lines[2].startswith("::notice file=ios/fi.lproj/Localizable.strings,line=2,")
    assert "(key home.banner.title)" in lines[2]
    assert lines[3] == "::error file=bad.json,title=termlint::1:3: not valid JSON"
    assert len(lines) == 4


def test_gitlab_code_quality(report: Report) -> None:
    issues = json.loads(run("gitlab", report))
    assert [i["severity"] for i in issues] == ["major", "critical", "info"]
    assert [i["location"] for i in issues] == [
        {"path": "docs/ohje.md", "lines": {"begin": 3, "end": 3}},
        {"path": "notes/huom, 1.txt", "lines": {"begin": 1, "end": 1}},
        {"path": "ios/fi.lproj/Localizable.strings", "lines": {"begin": 2, "end": 2}},
    ]
    assert issues[0]["check_name"] == "thl-digi/digitaalinen-palvelu"
    assert "digitaalisia palveluja" in issues[0]["description"]
    assert len({i["fingerprint"] for i in issues}) == 3
    # Fingerprints are stable across runs and do not depend on the line number.
    assert issues == json.loads(run("gitlab", report))


def test_gitlab_fingerprints_stay_unique_for_repeated_findings(report: Report) -> None:
    report.findings.append(report.findings[0])
    issues = json.loads(run("gitlab", report))
    assert len({i["fingerprint"] for i in issues}) == 4


def test_junit(report: Report) -> None:
    root = ET.fromstring(run("junit", report))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("4", "3", "1")
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert set(suites) == {"docs/ohje.md", "notes/huom, 1.txt", "bad.json",
                           "ios/fi.lproj/Localizable.strings"}
    (case,) = suites["ios/fi.lproj/Localizable.strings"].iter("testcase")
    failure = case.find("failure")
    assert failure is not None and failure.text is not None
    assert "key: home.banner.title" in failure.text
    assert case.get("name") == "thl-digi/digitaalinen-asiointi 2:24"
    assert suites["bad.json"].find("testcase/error") is not None


def test_junit_without_findings_is_one_passing_test_case() -> None:
    root = ET.fromstring(run("junit", Report(findings=[], errors=[], files=3)))
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("1", "0", "0")
    (suite,) = root.iter("testsuite")
    (case,) = suite.iter("testcase")
    assert case.get("name") == "termlint check (3 files)" and list(case) == []


def test_concise(report: Report) -> None:
    assert run("concise", report).splitlines() == [
        "docs/ohje.md:3:7: warning thl-digi/digitaalinen-palvelu 'sähköinen palvelu' is not "
        "recommended; use 'digitaalinen palvelu' (suggestion: digitaalisia palveluja)",
        "notes/huom, 1.txt:1:14: error thl-digi/digitaalinen-palvelu 'e-palvelu' is forbidden: "
        "100% sure, really (suggestion: digipalvelu)",
        "ios/fi.lproj/Localizable.strings:2:24: suggestion thl-digi/digitaalinen-asiointi "
        "'sähköinen asiointi' is not recommended (suggestion: Digitaalinen asiointi)",
        "bad.json:1:1: error read 1:3: not valid JSON",
    ]


def test_text_report_crops_a_long_line_around_the_match() -> None:
    from termlint.report.text import _lines

    body = "alku " + "x" * 500 + " sähköisiä palveluja " + "y" * 500 + "\n"
    at = body.index("sähköisiä")
    finding = Finding(path="a.txt", line=1, column=at + 1, end_line=1, end_column=at + 20,
                      offset=at, end_offset=at + 19, text="sähköisiä palveluja", rule="r",
                      severity=Severity.WARNING, message="m")
    report = Report(findings=[finding], errors=[], files=1, texts={"a.txt": body})
    lines = ["".join(t for t, _ in parts) for _, parts in _lines(report, 60)]
    quoted, caret = lines[1], lines[2]
    assert len(quoted) == 8 + 60
    assert quoted.startswith("    1 | …x") and quoted.endswith("y…")
    start = caret.index("^")
    assert quoted[start : start + 19] == "sähköisiä palveluja"
    assert caret[start:] == "^" * 19
    # A short line is quoted whole; a match at the start keeps the start.
    short = replace(finding, offset=0, end_offset=4, column=1, end_column=5, text="alku")
    report = Report(findings=[short], errors=[], files=1, texts={"a.txt": body})
    quoted, caret = ["".join(t for t, _ in p) for _, p in _lines(report, 60)][1:3]
    assert quoted.startswith("    1 | alku x") and quoted.endswith("x…")
    assert caret == "      | ^^^^"


def test_checkstyle(report: Report) -> None:
    root = ET.fromstring(run("checkstyle", report))
    files = {f.get("name"): f for f in root.iter("file")}
    assert list(files) == ["bad.json", "docs/ohje.md", "ios/fi.lproj/Localizable.strings",
                           "notes/huom, 1.txt"]
    (error,) = files["docs/ohje.md"].iter("error")
    assert (error.get("line"), error.get("column"), error.get("severity"), error.get("source")) \
        == ("3", "7", "warning", "termlint.thl-digi/digitaalinen-palvelu")
    assert [e.get("severity") for e in files["notes/huom, 1.txt"].iter("error")] == ["error"]
    assert files["bad.json"].find("error") is not None


def test_json_and_text_still_render(report: Report) -> None:
    assert json.loads(run("json", report))["summary"]["findings"] == 3
    assert "3 findings" in run("text", report)


# -- the plain text writer prints exactly what rich prints to a non-terminal ------------------

_ANY_TEXT = "aäöÅ sähköinen\t[b]x[/b] \\[ \x07\x08\x0b\x0c\r\x1b[31m ^é\u200b😀\u0301:|=*"


def test_plain_text_report_equals_rich_on_random_reports() -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from termlint.model import Finding, Severity
    from termlint.report.text import _render_plain, _render_rich

    words = st.text(alphabet=_ANY_TEXT, max_size=25)

    @st.composite
    def reports(draw: st.DrawFn) -> Report:
        texts: dict[str, str] = {}
        findings = []
        fixed = []
        for n in range(draw(st.integers(0, 4))):
            path = f"d/{draw(words)}{n}.md"
            body = draw(st.text(alphabet=_ANY_TEXT + "\n", min_size=1, max_size=80))
            if draw(st.booleans()):
                texts[path] = body
            offset = draw(st.integers(0, len(body) - 1))
            end = draw(st.integers(offset, len(body)))
            line = body.count("\n", 0, offset) + 1
            column = offset - (body.rfind("\n", 0, offset) + 1) + 1
            end_line = body.count("\n", 0, end) + 1
            end_column = end - (body.rfind("\n", 0, end) + 1) + 1
            finding = Finding(
                path=path, line=line, column=column, end_line=end_line,
                end_column=end_column, offset=offset, end_offset=end, text=body[offset:end],
                rule=draw(words) or "r", severity=draw(st.sampled_from(list(Severity))),
                message=draw(words), suggestions=tuple(draw(st.lists(words, max_size=4))),
                key=draw(st.one_of(st.none(), words)), verified=draw(st.booleans()))
            findings.append(finding)
            if finding.suggestions and draw(st.booleans()):
                fixed.append(finding)
        return Report(findings=findings, files=draw(st.integers(0, 9)), fixed=fixed,
                      errors=[FileError("x", "bad")] * draw(st.integers(0, 2)), texts=texts)

    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(reports())
    def check(report: Report) -> None:
        plain, rich = io.StringIO(), io.StringIO()
        _render_plain(report, plain)
        _render_rich(report, rich)
        assert plain.getvalue() == rich.getvalue()

    check()


def test_text_report_to_a_pipe_does_not_import_rich(tmp_path: Path) -> None:
    from tests.cli_helpers import imports_of_two_runs

    path = tmp_path / "a.txt"
    path.write_text("Käytä sähköisiä palveluja.\n", encoding="utf-8")
    env = {"TERMLINT_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    for proc in imports_of_two_runs(path, "rich", env):
        assert "1 finding" in proc.stdout and "sähköisiä palveluja" in proc.stdout
        assert proc.stderr.strip() == "False"
    forced = imports_of_two_runs(path, "rich", {**env, "FORCE_COLOR": "1"})[1]
    assert forced.stderr.strip() == "True" and "\x1b[" in forced.stdout
    # A tab on a quoted line goes through rich, which expands it by display width.
    path.write_text("Käytä\tsähköisiä palveluja.\n", encoding="utf-8")
    tabbed = imports_of_two_runs(path, "rich", env)[1]
    assert tabbed.stderr.strip() == "True" and "Käytä   sähköisiä" in tabbed.stdout


def test_json_lines_from_one_encoder_call_equal_one_call_each() -> None:
    """The JSON report encodes all findings in one call and cuts the result into lines; the
    lines must be what encoding each finding alone gives, whatever the strings hold."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from termlint.report.json_report import _ENCODE, _encoded

    tricky = st.text(alphabet='{}[],: "\\\'pathä\n\u2028x', max_size=30)
    value = st.one_of(st.none(), st.booleans(), st.integers(), tricky, st.lists(tricky))
    item = st.fixed_dictionaries({"path": tricky}, optional={"text": value, "b": value})

    @settings(max_examples=300, deadline=None)
    @given(st.lists(item, min_size=1, max_size=6))
    def check(items: list[dict[str, object]]) -> None:
        assert _encoded(items) == [_ENCODE(i) for i in items]

    check()
    mixed = [{"path": "a"}, {"text": "b"}]
    assert _encoded(mixed) == [_ENCODE(i) for i in mixed]
