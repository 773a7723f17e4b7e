"""The Dockerfile does what the README's set-up does. No image can be built here (no Docker
engine), so its steps are read and compared: Debian slim, the same apt packages for Voikko as
scripts/setup.sh, termlint installed from this source tree with pip; and its cache warm-up
command is run for real, with this checkout's termlint."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _instructions() -> list[tuple[str, str]]:
    """``(INSTRUCTION, arguments)`` with continuation lines joined and comments dropped."""
    text = (REPO / "Dockerfile").read_text(encoding="utf-8")
    text = re.sub(r"\\\n", " ", text)
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            out.append((word.upper(), " ".join(rest.split())))
    return out


def _apt_packages(command: str) -> set[str]:
    found: set[str] = set()
    for part in re.split(r"&&|;", command):
        words = shlex.split(part)
        if "apt-get" in words and "install" in words:
            found.update(w for w in words[words.index("install") + 1 :] if not w.startswith("-"))
    return found


def _setup_packages(line: str) -> set[str]:
    """The packages of one ``apt_install WHY [OPTIONS] PACKAGE...`` call in setup.sh (its
    own helper around apt-get), wherever the call stands on the line (``if !``, ``||``)."""
    match = re.search(r"\bapt_install\s+(.*?)(?:;|\|\||&&|$)", line)
    if match is None or line.lstrip().startswith(("#", "apt_install()")):
        return set()
    words = shlex.split(match.group(1))
    return {w for w in words[1:] if not w.startswith("-")}


def test_the_image_sets_up_as_the_readme_does() -> None:
    steps = _instructions()
    assert steps[0][0] == "FROM" and re.fullmatch(r"debian:[a-z]+-slim", steps[0][1])
    runs = [args for word, args in steps if word == "RUN"]
    image = set().union(*(_apt_packages(r) for r in runs))
    setup = re.sub(r"\\\n", " ", (REPO / "scripts" / "setup.sh").read_text(encoding="utf-8"))
    installed = set().union(*(_setup_packages(line) for line in setup.splitlines()))
    # What termlint needs at run time, as setup.sh installs it; not the test tools.
    runtime = installed - {"shellcheck", "nodejs", "npm", "chromium", "python3", "python3-venv"}
    assert {"libvoikko1", "voikko-fi", "lttoolbox", "apertium-swe-nor"} <= runtime
    assert {"chromium", "shellcheck", "nodejs", "npm"} <= installed  # the reading works
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert all(f"`{p}`" in readme for p in runtime)
    # The same packages; Python with venv (setup.sh's fallback) and git (--changed-since).
    assert runtime | {"python3", "python3-venv", "git"} == image
    # termlint from this source tree, with pip, as the README's `pip install -e '.[dev]'`
    # without the editable install and the development tools.
    assert ("COPY", ". /src/termlint") in steps
    assert any("-m pip install --no-cache-dir /src/termlint" in r for r in runs)
    assert ("ENTRYPOINT", '["termlint"]') in steps
    ignored = (REPO / ".dockerignore").read_text(encoding="utf-8").split()
    assert ".venv/" in ignored and ".git/" in ignored


def test_the_warm_up_step_fills_the_cache(tmp_path: Path) -> None:
    (warm,) = [args for word, args in _instructions()
               if word == "RUN" and "termlint check" in args]
    env = {k: v for k, v in os.environ.items() if k != "TERMLINT_NO_CACHE"}
    env.update(TERMLINT_CACHE_DIR=str(tmp_path / "cache"),
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}")
    command = warm.replace("/tmp/warm.md", str(tmp_path / "warm.md"))
    done = subprocess.run(["sh", "-ec", command], env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "warm.md").exists()
    cached = [p for p in (tmp_path / "cache").rglob("*") if p.is_file() and p.name != "key"]
    assert len(cached) >= 3
    # Exit 2 is not taken for "findings": a warm-up that fails (here an unknown vocabulary)
    # fails the build.
    broken = command.replace("termlint check --isolated", "termlint check --vocab no-such")
    assert broken != command
    assert subprocess.run(["sh", "-ec", broken], env=env, capture_output=True,
                          timeout=120, check=False).returncode != 0
