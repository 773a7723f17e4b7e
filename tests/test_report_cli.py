"""Reports through the command line: ``-o -`` and ``--format concise``; ``explain`` in a project
(its configuration's vocabularies and severities)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli_helpers import run_cli

GOOD = "Käytä sähköisiä palveluja.\n"


def test_output_dash_is_standard_output(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    code, out, _ = run_cli(["check", "--isolated", "--format", "json", "-o", "-", "a.txt"],
                           cwd=tmp_path)
    assert code == 1
    assert json.loads(out)["summary"]["findings"] == 1  # the JSON alone, no text report
    assert not (tmp_path / "-").exists()


def test_concise_format(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    code, out, _ = run_cli(["check", "--isolated", "--format", "concise", "a.txt"],
                           cwd=tmp_path)
    assert code == 1
    assert out == ("a.txt:1:7: warning thl-digi/digitaalinen-palvelu 'sähköinen palvelu' is not "
                   "recommended; use 'digitaalinen palvelu' or 'digipalvelu' (suggestion: "
                   "digitaalisia palveluja)\n")


def _project(root: Path) -> None:
    (root / "terminology").mkdir()
    (root / "terminology" / "portal.yaml").write_text(
        "id: portal\ntitle: Portaalin sanasto\nconcepts:\n  - id: asiakasportaali\n"
        "    terms:\n      fi:\n        - {term: asiakasportaali, status: preferred}\n"
        "        - {term: asiakasextranet, status: deprecated}\n", encoding="utf-8")
    (root / ".termlint.yaml").write_text(
        "rule-folders: [terminology]\nseverity:\n  thl-digi/digitaalinen-palvelu: error\n",
        encoding="utf-8")


def test_explain_honours_the_project_configuration(tmp_path: Path) -> None:
    _project(tmp_path)
    code, out, _ = run_cli(["explain", "asiakasextranetiin"], cwd=tmp_path)
    assert code == 0, out
    assert "asiakasportaali  (portal/asiakasportaali)" in out
    code, out, _ = run_cli(["explain", "sähköisiä palveluja"], cwd=tmp_path)
    assert "reported as error" in out and "reported as warning" not in out
    code, out, _ = run_cli(["explain", "--isolated", "sähköisiä palveluja"], cwd=tmp_path)
    assert "reported as warning" in out
    code, out, err = run_cli(["explain", "--isolated", "asiakasextranet"], cwd=tmp_path)
    assert code == 1 and "no term" in err


def test_check_and_explain_never_import_rdflib(tmp_path: Path) -> None:
    """rdflib (with its own dependencies, a fifth of the hook's environment) serves SKOS
    import and export only: ``check`` and ``explain`` must not load it."""
    import subprocess
    import sys

    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    probe = ("import sys; from termlint.cli import main\n"
             "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
             "print('rdflib' in sys.modules, file=sys.stderr)")
    for args in (["check", "--isolated", "a.txt"], ["explain", "sähköisiä palveluja"],
                 ["vocab", "list"]):
        proc = subprocess.run([sys.executable, "-c", probe, *args], cwd=tmp_path,
                              capture_output=True, text=True, check=False,
                              env={"TERMLINT_CACHE_DIR": str(tmp_path / "cache"),
                                   "PATH": "/usr/bin:/bin"})
        assert proc.stderr.strip().splitlines()[-1] == "False", (args, proc.stderr)
        assert proc.stdout


def test_the_package_is_typed() -> None:
    import importlib.resources

    assert importlib.resources.files("termlint").joinpath("py.typed").is_file()
    setup = (Path(__file__).resolve().parents[1] / "setup.py").read_text(encoding="utf-8")
    assert '"termlint": ["py.typed"]' in setup
