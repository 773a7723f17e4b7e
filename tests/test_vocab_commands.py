"""``termlint vocab list|test|validate|import|export`` through the CLI."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from termlint.cli import main
from termlint.vocab import bundled_files, load_vocabulary

DATA = Path(__file__).parent / "data" / "vocab"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["vocab", *args])
    return result.exit_code, result.output


def test_list_shows_the_optional_it_vocabulary() -> None:
    code, out = run("list")
    assert code == 0
    line = next(x for x in out.splitlines() if x.startswith("it-general"))
    assert "optional" in line


def test_bundled_examples_all_pass() -> None:
    code, out = run("test")
    assert code == 0, out
    assert out.strip().endswith("0 failed")


def test_a_wrong_example_fails_with_a_clear_message() -> None:
    path = str(DATA / "wrong-example.yaml")
    code, out = run("test", path)
    assert code == 1
    lines = out.splitlines()
    assert lines[-1] == "0 passed, 3 failed"
    assert (f"{path}:13: wrong-example/digitaalinen-palvelu: flag example "
            "'Käytä digitaalisia palveluja.': expected a finding, got none") in lines
    assert (f"{path}:14: wrong-example/digitaalinen-palvelu: flag example "
            "'Käytä sähköisiä palveluja.': expected fix 'Käytä digipalveluja.', "
            "got 'Käytä digitaalisia palveluja.'") in lines
    assert (f"{path}:16: wrong-example/digitaalinen-palvelu: pass example "
            "'Käytä sähköisiä palveluja.': expected no finding, got ['sähköisiä palveluja']"
            ) in lines


def test_validate_bundled_files_is_clean() -> None:
    paths = [str(p) for p in bundled_files().values()]
    code, out = run("validate", "--strict", *paths)
    assert code == 0, out
    *notes, summary = out.strip().splitlines()
    assert summary == f"{len(paths)} file(s): 0 error(s), 0 warning(s)"
    # Besides the summary, only the word classes of each file's terms (issue 15).
    # (a rules-only file has no terms, so no such line).
    assert notes and {n.split(": word classes of its fi terms: ")[0] for n in notes} <= set(paths)


def test_validate_reports_every_problem_with_file_and_line() -> None:
    path = str(DATA / "invalid.yaml")
    code, out = run("validate", path)
    assert code == 1
    lines = set(out.splitlines())
    expected = [
        f"{path}:5: error: concept 'palvelu' flags terms but cites no 'source'",
        f"{path}:10: error: duplicate term 'digitaalinen palvelu' (fi) in concept 'palvelu'",
        f"{path}:23: error: term 'verkkoasiointi' (fi) is preferred here but deprecated in "
        "concept 'asiointi'",
        f"{path}:25: error: rule 'invalid/sahkoinen' cites no 'source'",
        f"{path}:2: warning: disable: 'thl-digi/no-such-concept' names no bundled vocabulary, "
        "concept or rule",
    ]
    for line in expected:
        assert line in lines, out
    unreadable = [x for x in lines if x.startswith(f"{path}:9: error: term 'sähköinen palvleu'")]
    assert unreadable and "cannot read 'palvleu'" in unreadable[0]
    assert any("cannot read 'palvleukanava'" in x and "can never match" in x for x in lines)
    assert out.strip().endswith("1 file(s): 6 error(s), 2 warning(s)")


def test_validate_schema_error_and_a_good_file() -> None:
    code, out = run("validate", str(DATA / "broken-schema.yaml"))
    assert code == 1
    assert f"{DATA / 'broken-schema.yaml'}:4: error: unknown status 'loud'" in out
    code, out = run("validate", str(DATA / "org.yaml"))
    assert code == 0, out


def test_export_and_import_through_the_cli(tmp_path: Path) -> None:
    original = load_vocabulary(bundled_files()["stm-sote"])
    for fmt, suffix in (("tbx", ".tbx"), ("skos", ".ttl"), ("csv", ".csv")):
        exported = tmp_path / f"sote{suffix}"
        code, out = run("export", "stm-sote", "--to", fmt, "-o", str(exported))
        assert code == 0, out
        target = tmp_path / f"from-{fmt}.yaml"
        code, out = run("import", "--from", fmt, str(exported), "-o", str(target),
                        "--id", "stm-sote")
        assert code == 0, out
        again = load_vocabulary(target)
        assert again.id == "stm-sote"
        assert [(t.text, t.status) for t in again.concepts[0].terms] == \
            [(t.text, t.status) for t in original.concepts[0].terms]
        assert again.severity == original.severity


def test_import_refuses_unsafe_xml(tmp_path: Path) -> None:
    code, out = run("import", str(DATA / "billion-laughs.tbx"), "-o", str(tmp_path / "x.yaml"))
    assert code == 2
    assert "refused unsafe XML" in out
    assert not (tmp_path / "x.yaml").exists()


def test_export_of_a_rules_file_is_refused() -> None:
    code, out = run("export", "thl-digi-rules", "--to", "csv")
    assert code == 2
    assert "no concepts" in out
