#!/usr/bin/env bash
# The whole test suite: lint, types, unit and end-to-end tests, and every bundled rule's examples.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${TERMLINT_VENV:-$here/.venv}"
cd "$here"
"$venv/bin/ruff" check termlint tests benchmarks
"$venv/bin/mypy"
"$venv/bin/termlint" vocab test
# termlint's own documentation keeps to the terms it recommends (mentions are marked).
"$venv/bin/termlint" check --isolated --format concise docs README.md
"$venv/bin/python" -m pytest "$@"
