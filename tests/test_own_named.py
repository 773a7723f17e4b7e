"""termlint's own files named on the command line (issue 17 follow-up): passed over as
before, but always with a notice naming the file, so that ``check terms.yaml`` never looks
like a green check of the vocabulary."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_helpers import run_cli
from tests.test_packages import org


@pytest.fixture
def app(tmp_path: Path) -> Path:
    (tmp_path / ".termlint.yaml").write_text("vocabularies: [+terms.yaml]\n", encoding="utf-8")
    (tmp_path / "terms.yaml").write_text(org("own", "kaavake"), encoding="utf-8")
    (tmp_path / "ohje.txt").write_text("Täytä kaavake.\n", encoding="utf-8")
    return tmp_path


def test_only_the_vocabulary_named(app: Path) -> None:
    code, out, err = run_cli(["check", "terms.yaml"], cwd=app)
    assert code == 0, err
    assert err == ("termlint: not checked: terms.yaml is termlint's own file: a vocabulary "
                   "named in .termlint.yaml\n")
    assert "0 findings in 0 files" in out
    # -v says it once, not again as a "skipped" line.
    code, _, err = run_cli(["check", "-v", "terms.yaml", ".termlint.yaml"], cwd=app)
    assert code == 0
    assert err.count("terms.yaml") == 1 and "skipped" not in err
    assert "not checked: .termlint.yaml is termlint's own file: termlint configuration" in err


def test_a_vocabulary_named_beside_a_text(app: Path) -> None:
    code, out, err = run_cli(["check", "--format", "concise", "terms.yaml", "ohje.txt"], cwd=app)
    assert code == 1
    assert "ohje.txt:1:7:" in out and "own/lomake" in out and "terms.yaml" not in out
    assert "not checked: terms.yaml is termlint's own file" in err


def test_a_walk_passes_own_files_over_quietly(app: Path) -> None:
    code, _, err = run_cli(["check", "."], cwd=app)
    assert code == 1 and "terms.yaml" not in err
    code, _, err = run_cli(["check", "-v", "."], cwd=app)
    assert "skipped terms.yaml: termlint's own file" in err and "not checked" not in err
