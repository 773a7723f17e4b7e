"""The options ruff and Vale users expect: ``--select``/``--ignore``, ``--statistics``,
``--quiet`` and ``--exit-zero``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_helpers import run_cli

TEXT = ("Käytä sähköisiä palveluja.\nSote-palvelut ovat auki.\nSähköinen asiointi toimii.\n"
        "Kirjaudu e-palveluun.\n")
DIGI = "thl-digi/digitaalinen-palvelu"
ASIOINTI = "thl-digi/digitaalinen-asiointi"
SOTE = "stm-sote/sosiaali-ja-terveyspalvelut"


def _rules(tmp_path: Path, *options: str) -> tuple[int, list[str], str]:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    code, out, err = run_cli(["check", "--isolated", "--format", "json",
                              "-o", "-", *options, "a.txt"], cwd=tmp_path)
    rules = [f["rule"] for f in json.loads(out)["findings"]] if out else []
    return code, rules, err


@pytest.mark.parametrize(("options", "expected"), [
    ((), [DIGI, SOTE, ASIOINTI, DIGI]),
    (("--select", "thl-digi"), [DIGI, ASIOINTI, DIGI]),                 # a vocabulary
    (("--select", ASIOINTI), [ASIOINTI]),                               # a concept's rule
    (("--select", "digitaalinen-palvelu"), [DIGI, DIGI]),               # a bare concept id
    (("--select", "thl-digi/digitaalinen-"), [DIGI, ASIOINTI, DIGI]),   # a prefix
    (("--select", "*/sosiaali-*"), [SOTE]),                             # a glob
    (("--select", f"{SOTE},{ASIOINTI}"), [SOTE, ASIOINTI]),             # a list
    (("--select", SOTE, "--select", ASIOINTI), [SOTE, ASIOINTI]),       # repeated
    (("--ignore", "thl-digi"), [SOTE]),
    (("--ignore", "*asiointi"), [DIGI, SOTE, DIGI]),
    (("--select", "thl-digi", "--ignore", DIGI), [ASIOINTI]),           # ignore wins
])
def test_select_and_ignore(tmp_path: Path, options: tuple[str, ...],
                           expected: list[str]) -> None:
    code, rules, _ = _rules(tmp_path, *options)
    assert rules == expected
    # A suggestion (the STM vocabulary's level) is below the default fail level.
    assert code == (0 if rules == [SOTE] else 1)


@pytest.mark.parametrize(("options", "message"), [
    (("--select", "thl-dgi"), "--select thl-dgi: no rule, concept or vocabulary id matches it "
                              "(did you mean 'thl-digi'?)"),
    (("--ignore", "digitaalinen-palvleu"), "(did you mean 'digitaalinen-palvelu'?)"),
    (("--select", "nothing/*"), "--select nothing/*: no rule, concept or vocabulary id"),
])
def test_unknown_ids_are_refused(tmp_path: Path, options: tuple[str, ...], message: str) -> None:
    code, rules, err = _rules(tmp_path, *options)
    assert code == 2 and rules == []
    assert message in err


def test_ignored_findings_are_not_fixed(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text(TEXT, encoding="utf-8")
    code, out, _ = run_cli(["check", "--isolated", "--fix", "--select", ASIOINTI, "a.txt"],
                           cwd=tmp_path)
    fixed = target.read_text(encoding="utf-8")
    assert "Digitaalinen asiointi toimii." in fixed
    assert "sähköisiä palveluja" in fixed and "e-palveluun" in fixed
    assert code == 0 and "0 findings" in out


def test_statistics_text_and_json(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    code, out, _ = run_cli(["check", "--isolated", "--statistics",
                            "a.txt"], cwd=tmp_path)
    assert code == 1
    assert out.splitlines() == [f"2\t{DIGI}\t[*] warning", f"1\t{SOTE}\t[*] suggestion",
                                f"1\t{ASIOINTI}\t[*] warning", "[*] 4 fixable with --fix"]
    code, out, _ = run_cli(["check", "--isolated", "--statistics", "--format", "json",
                            "--ignore", "stm-sote", "a.txt"], cwd=tmp_path)
    assert json.loads(out) == [
        {"rule": DIGI, "count": 2, "fixable": 2, "severity": "warning"},
        {"rule": ASIOINTI, "count": 1, "fixable": 1, "severity": "warning"}]


def test_statistics_beside_a_report_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    code, _, err = run_cli(["check", "--isolated", "--statistics", "--format", "sarif",
                            "a.txt"], cwd=tmp_path)
    assert code == 2 and "--statistics prints text or json" in err
    code, out, _ = run_cli(["check", "--isolated", "--statistics", "--format", "sarif", "-o",
                            "r.sarif", "a.txt"], cwd=tmp_path)
    assert code == 1 and out.startswith(f"2\t{DIGI}\t")
    assert len(json.loads((tmp_path / "r.sarif").read_text())["runs"][0]["results"]) == 4


def test_quiet_prints_findings_only(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Käytä digitaalisia palveluja.\n", encoding="utf-8")
    code, loud, _ = run_cli(["check", "--isolated", "a.txt"], cwd=tmp_path)
    code_q, quiet, _ = run_cli(["check", "--isolated", "-q", "a.txt"], cwd=tmp_path)
    assert code == code_q == 1
    assert loud.startswith(quiet) and loud[len(quiet):].startswith("4 findings")
    assert quiet.startswith("a.txt:1:7: warning")
    assert run_cli(["check", "--isolated", "--quiet", "b.txt"], cwd=tmp_path) == (0, "", "")
    code, out, err = run_cli(["check", "--isolated", "-q", "--write-baseline", "base.json",
                              "a.txt"], cwd=tmp_path)
    assert (code, out, err) == (0, "", "") and (tmp_path / "base.json").exists()


def test_exit_zero(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    code, out, _ = run_cli(["check", "--isolated", "--exit-zero", "a.txt"], cwd=tmp_path)
    assert code == 0 and "4 findings" in out
    # An error is still an error.
    code, _, err = run_cli(["check", "--isolated", "--exit-zero", "a.txt", "missing.txt"],
                           cwd=tmp_path)
    assert code == 2 and "missing.txt" in err
