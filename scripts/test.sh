#!/usr/bin/env bash
# Runs every test: the pure core on the host, the form in headless Chromium,
# then the release build end to end against a real Isso. Installs what is
# missing first (scripts/tools.sh).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/tools.sh"
cd "$ROOT"

say "host tests: config, draft rules, backends, strings (cargo test)"
cargo test --quiet

say "browser tests: the form in headless Chromium (wasm-bindgen-test)"
CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test web

say "release build (trunk build --release)"
trunk build --release --offline >"$ROOT/target/trunk-build.log" 2>&1 || { cat "$ROOT/target/trunk-build.log"; exit 1; }
bash "$ROOT/scripts/size.sh"

say "end-to-end: the built widget in Chromium against real servers"
node --test --test-concurrency=1 tests/e2e/
