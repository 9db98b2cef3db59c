#!/usr/bin/env bash
# Lighthouse (npm, with Debian's Chromium) on the demo article from the
# release build: prints the performance and accessibility scores. Installs
# lighthouse into node_modules when missing (not part of the test command).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/tools.sh"
cd "$ROOT"
LIGHTHOUSE_VERSION="13.5.0"
if [ ! -x node_modules/.bin/lighthouse ]; then
  say "installing lighthouse $LIGHTHOUSE_VERSION from npm"
  npm install --no-save --no-audit --no-fund --loglevel=error "lighthouse@$LIGHTHOUSE_VERSION" >/dev/null
fi
trunk_release build >target/trunk-build.log 2>&1 || { cat target/trunk-build.log; exit 1; }
node scripts/lighthouse.mjs
