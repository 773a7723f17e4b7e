#!/usr/bin/env bash
# Install termlint for development on Debian/Ubuntu: system Voikko packages, a virtualenv with the
# project and its dev extras. Safe to run again; it only installs what is missing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${TERMLINT_VENV:-$here/.venv}"

have_voikko() {
    # The shared library and the Finnish morphology must both be present.
    # grep reads the whole list: with -q it could stop early, and ldconfig's broken pipe
    # would fail the pipeline under pipefail (an installed library taken for missing).
    { ldconfig -p 2>/dev/null | grep 'libvoikko\.so\.1' >/dev/null; } &&
        [ -f /usr/lib/voikko/5/mor-standard/mor.vfst ] ||
        [ -f /usr/share/voikko/5/mor-standard/mor.vfst ]
}

if ! have_voikko; then
    if command -v apt-get >/dev/null 2>&1; then
        sudo=""
        if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
        echo "termlint setup: installing libvoikko1 and voikko-fi with apt-get" >&2
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq libvoikko1 voikko-fi >/dev/null
    else
        echo "termlint setup: libvoikko is missing; install the packages 'libvoikko1' and 'voikko-fi'" \
            "(Homebrew: 'libvoikko') and run this script again" >&2
        exit 1
    fi
fi

# Node.js 20+ and npm build the VS Code extension (editors/vscode/build.sh; its test builds
# it). Debian 12's own nodejs is 18, too old for @vscode/vsce 3: a newer one must come from
# elsewhere (NodeSource, as on the project's machines); apt installs it only when none is there.
if ! command -v npm >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    sudo=""
    if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
    echo "termlint setup: installing nodejs and npm with apt-get (for editors/vscode)" >&2
    $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
        nodejs npm >/dev/null
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
    if command -v apt-get >/dev/null 2>&1; then
        sudo=""
        if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
        echo "termlint setup: installing lttoolbox and apertium-swe-nor with apt-get" >&2
        $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
            --no-install-recommends lttoolbox apertium-swe-nor >/dev/null
    else
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
    if [ -z "$python" ] && command -v apt-get >/dev/null 2>&1; then
        sudo=""
        if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
        echo "termlint setup: installing python3 and python3-venv with apt-get" >&2
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3 python3-venv >/dev/null
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
# Playwright drives (it cannot download a browser of its own here), and axe-core from npm for
# the accessibility check, installed into the virtualenv (nothing of it enters the repository).
if ! [ -x /usr/lib/chromium/chromium ] || ! command -v npm >/dev/null 2>&1; then
    if command -v apt-get >/dev/null 2>&1; then
        sudo=""
        if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
        echo "termlint setup: installing chromium and npm with apt-get (for the browser tests)" >&2
        $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
            chromium npm >/dev/null
    else
        echo "termlint setup: the browser tests need Chromium and npm; install them" >&2
    fi
fi
axe_version="4.14.1"
if command -v npm >/dev/null 2>&1 &&
    ! grep -q "\"version\": \"$axe_version\"" \
        "$venv/npm/node_modules/axe-core/package.json" 2>/dev/null; then
    npm install --prefix "$venv/npm" --no-audit --no-fund --no-save --silent \
        "axe-core@$axe_version" >/dev/null
fi
"$venv/bin/python" -m pip install -q --upgrade pip >/dev/null 2>&1 || true
"$venv/bin/python" -m pip install -q -e "$here[dev]"
# Byte-compile the package as pip does when it installs a wheel: an editable install leaves
# that to the first import, which never happens where PYTHONDONTWRITEBYTECODE is set, and
# every run would then compile termlint from source (a quarter of its start-up).
"$venv/bin/python" -m compileall -q "$here/termlint" >/dev/null || true
echo "termlint setup: ready in $venv (activate with: . $venv/bin/activate)" >&2
