"""Every pre-commit and CI snippet the docs and ``termlint init`` show, taken as a user would
copy it: it parses, pins nothing that does not exist (no release tag yet), names hooks this
repository has, and every ``termlint`` command in it is one the command line accepts. The
pre-commit snippet is pinned for real with ``pre-commit autoupdate --bleeding-edge`` against
this repository; ``tests/test_precommit.py`` runs its hook with ``pre-commit try-repo``.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pytest
import yaml

from termlint.cli import main
from tests.cli_helpers import run_cli

REPO = Path(__file__).resolve().parents[1]
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
#: The first line of a snippet says which file it is.
KINDS = {"# .pre-commit-config.yaml": "pre-commit", "# .github/workflows/": "github",
         "# .gitlab-ci.yml": "gitlab"}


def _blocks(text: str) -> Iterator[str]:
    for m in re.finditer(r"^```ya?ml\n(.*?)^```", text, re.MULTILINE | re.DOTALL):
        yield m.group(1)


def _kind(block: str) -> str | None:
    first = block.lstrip().splitlines()[0] if block.strip() else ""
    return next((kind for head, kind in KINDS.items() if first.startswith(head)), None)


def doc_snippets() -> list[tuple[str, str, str]]:
    """``(where, kind, text)`` for every snippet of the docs and of ``termlint init``."""
    found = [(path.name, kind, block) for path in DOCS
             for block in _blocks(path.read_text(encoding="utf-8"))
             if (kind := _kind(block)) is not None]
    return found


def init_snippets(tmp_path: Path) -> list[tuple[str, str, str]]:
    code, out, _ = run_cli(["init", str(tmp_path / "project")])
    assert code == 0, out
    parts = re.split(r"^(pre-commit|GitHub Actions|GitLab CI):\n", out, flags=re.MULTILINE)
    names = {"pre-commit": "pre-commit", "GitHub Actions": "github", "GitLab CI": "gitlab"}
    return [("termlint init", names[parts[i]], parts[i + 1]) for i in range(1, len(parts), 2)]


#: Keys whose values are shell commands (GitHub's ``run``, GitLab's ``script`` lists).
SHELL_KEYS = {"run", "script", "before_script", "after_script"}


def _strings(node: Any, shell: bool = False) -> Iterator[str]:
    """The shell command strings of a parsed snippet."""
    if isinstance(node, str):
        if shell:
            yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, key in SHELL_KEYS)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value, shell)


def termlint_commands(node: Any) -> Iterator[list[str]]:
    """The argument lists of the ``termlint`` commands in a snippet's run/script lines."""
    for text in _strings(node):
        for line in text.splitlines() or [text]:
            if not re.match(r"\s*termlint\s", line):
                continue
            line = re.sub(r"\$\{\{.*?\}\}", "X", line)  # a GitHub expression
            command = re.split(r"\s(?:\|\||&&|;)\s", line)[0]
            yield shlex.split(command)[1:]


def test_the_docs_have_each_kind_of_snippet() -> None:
    kinds = [kind for _, kind, _ in doc_snippets()]
    assert sorted(set(kinds)) == ["github", "gitlab", "pre-commit"]


@pytest.mark.parametrize("source", ["docs", "init"])
def test_snippets_parse_pin_no_tag_and_run_real_commands(source: str, tmp_path: Path) -> None:
    snippets = doc_snippets() if source == "docs" else init_snippets(tmp_path)
    assert len(snippets) >= 3
    hooks = {h["id"] for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    commands = 0
    for where, kind, text in snippets:
        # No release is tagged: a `v0.1.0` in a rev or a pip URL would fail for every user.
        assert not re.search(r"rev:\s*v?\d|@v?\d+\.\d", text), (where, text)
        data = yaml.safe_load(text)
        if kind == "pre-commit":
            (repo,) = data["repos"]
            assert repo["rev"] == "COMMIT", where
            assert {h["id"] for h in repo["hooks"]} <= hooks, where
        else:
            # Installed from a pinned commit, or (GitHub) this repository's action at one.
            # or the project's image built at one.
            assert any(pin in text for pin in ("git+REPOSITORY_URL@COMMIT", "/termlint@COMMIT",
                                               "/termlint:COMMIT")), where
        for args in termlint_commands(data):
            command = main.get_command(click.Context(main), args[0])
            assert command is not None, (where, args)
            # Parsing checks every option, choice and value; nothing runs.
            command.make_context(args[0], args[1:])
            commands += 1
    # termlint init's GitHub excerpt runs termlint through the action: no command of its own.
    assert commands >= (2 if source == "docs" else 1)


def test_report_steps_fail_on_exit_2_only() -> None:
    """A step that writes a report file and goes on (SARIF, rdjson for reviewdog) lets exit 1
    (findings) pass and fails on 2; ``|| true`` would hide a file that could not be read."""
    steps = [line for _, kind, text in doc_snippets() if kind in ("github", "gitlab")
             for line in text.splitlines() if re.search(r"termlint check .*--output", line)]
    assert len(steps) >= 3
    for line in steps:
        assert "|| true" not in line
        assert line.rstrip().endswith("|| [ $? -eq 1 ]") or "gl-code-quality" in line, line
    for code, expected in ((0, 0), (1, 0), (2, 1)):
        shell = subprocess.run(["bash", "-ec", f"(exit {code}) || [ $? -eq 1 ]"], check=False)
        assert shell.returncode == expected


def test_the_pre_commit_snippet_pins_a_commit_for_real(tmp_path: Path) -> None:
    (snippet,) = [text for _, kind, text in doc_snippets() if kind == "pre-commit"]
    work = tmp_path / "work"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit")
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=work, check=True, env=env)
    config = work / ".pre-commit-config.yaml"
    config.write_text(snippet.replace("REPOSITORY_URL", str(REPO)), encoding="utf-8")
    done = subprocess.run([str(PRE_COMMIT), "autoupdate", "--bleeding-edge", "--repo", str(REPO)],
                          cwd=work, env=env, capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True,
                          text=True, check=True).stdout.strip()
    assert f"updating COMMIT -> {head}" in done.stdout
    (repo,) = yaml.safe_load(config.read_text(encoding="utf-8"))["repos"]
    assert repo["rev"] == head and re.fullmatch(r"[0-9a-f]{40}", head)
    valid = subprocess.run([str(PRE_COMMIT), "validate-config"], cwd=work, env=env,
                           capture_output=True, text=True, check=False)
    assert valid.returncode == 0, valid.stdout + valid.stderr
