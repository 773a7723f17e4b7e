"""The pre-commit hook, for real: ``pre-commit try-repo`` installs this repository into a fresh
virtualenv (from PyPI, as a user's pre-commit would) and runs the ``termlint`` hook on a
temporary git repository. libvoikko is made unloadable for the hook, so the pip analyser
pyvoikko does the work, as on a machine without the system library."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TERMLINT = Path(sys.executable).parent / "termlint"
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("TERMLINT_ANALYZER",
                                                            "VIRTUAL_ENV", "PYTHONPATH")}
    env.update(PRE_COMMIT_HOME=str(home / "pre-commit"), TERMLINT_DISABLE_LIBVOIKKO="1",
               TERMLINT_CACHE_DIR=str(home / "cache"), GIT_AUTHOR_NAME="t",
               GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.org")
    return env


def _documented_hook() -> str:
    """The hook docs/ci.md's pre-commit snippet enables: the one a user copies."""
    import yaml

    from tests.test_doc_snippets import doc_snippets

    (snippet,) = [text for _, kind, text in doc_snippets() if kind == "pre-commit"]
    (repo,) = yaml.safe_load(snippet)["repos"]
    (hook,) = repo["hooks"]
    return str(hook["id"])


def _hook(work: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(REPO), _documented_hook(), "--files", "ohje.md",
         "--verbose", "--color", "never"],
        cwd=work, env=env, capture_output=True, text=True, timeout=240, check=False)


def test_hook_fails_on_a_deprecated_term_and_passes_after_fix(tmp_path: Path) -> None:
    started = time.monotonic()
    work = tmp_path / "work"
    work.mkdir()
    env = _env(tmp_path)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=work, check=True, env=env)
    doc = work / "ohje.md"
    doc.write_text("# Ohje\n\nKäytä sähköisiä palveluja.\n", encoding="utf-8")
    subprocess.run(["git", "add", "ohje.md"], cwd=work, check=True, env=env)

    first = _hook(work, env)
    output = first.stdout + first.stderr
    assert first.returncode == 1, output
    assert "ohje.md:3:7: warning" in output and "sähköisiä palveluja" in output
    assert "using the slower pip analyser pyvoikko" in output  # libvoikko really was off

    fixed = subprocess.run([str(TERMLINT), "check", "--fix", "ohje.md"], cwd=work, env=env,
                           capture_output=True, text=True, check=False)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert doc.read_text(encoding="utf-8") == "# Ohje\n\nKäytä digitaalisia palveluja.\n"
    subprocess.run(["git", "add", "ohje.md"], cwd=work, check=True, env=env)

    second = _hook(work, env)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout
    elapsed = time.monotonic() - started
    print(f"pre-commit try-repo round trip: {elapsed:.1f} s")
    assert elapsed < 180
