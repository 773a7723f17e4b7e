#!/bin/sh
# Build editors/vscode/termlint.vsix from the pinned packages of package-lock.json.
#
# npm ci installs exactly the locked versions, each checked against the lock file's
# integrity hash. It is skipped when node_modules was installed by this script from the same
# lock file (its hash is stamped in node_modules after a complete install; npm ci empties
# node_modules first, so a failed install leaves no stamp). The .vsix holds only the
# bundled out/extension.js, package.json, the README and the licence.
set -eu
cd "$(dirname "$0")"
lock=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.termlint-lock 2>/dev/null || true)" != "$lock" ]; then
    npm ci --no-audit --no-fund --loglevel=error --prefer-offline
    echo "$lock" > node_modules/.termlint-lock
fi
cp ../../LICENSE LICENSE
rm -rf out termlint.vsix
npx --no-install tsc --noEmit -p .
npm run --silent build
npx --no-install vsce package --no-dependencies --allow-missing-repository --out termlint.vsix
