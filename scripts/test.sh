#!/usr/bin/env bash
# Runs every test: formatting and lints, the pure core on the host, the form
# in headless Chromium, then the release build end to end against real Isso,
# WordPress and a generic endpoint. Installs what is missing first
# (scripts/tools.sh).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/tools.sh"
cd "$ROOT"
# Each step says when it starts, in seconds from the start of this command
# (with the install above): where a cold run spends its time shows in the log.
say() { printf '==> [%4d s] %s\n' "$SECONDS" "$*" >&2; }

say "habits: cargo fmt --check, cargo clippy (host and wasm32, warnings are errors)"
cargo fmt --check
cargo clippy --quiet --all-targets -- -D warnings
cargo clippy --quiet --features ssr --all-targets -- -D warnings
cargo clippy --quiet --target wasm32-unknown-unknown --features csr --lib --bins --test web -- -D warnings
# Leptos's mode is the app's: the library also builds for a hydrating client.
cargo clippy --quiet --target wasm32-unknown-unknown --features hydrate --lib -- -D warnings
cargo clippy --quiet --target wasm32-unknown-unknown -p leptos-app -- -D warnings
cargo clippy --quiet -p leptos-ssr --features ssr -- -D warnings
cargo clippy --quiet --target wasm32-unknown-unknown -p leptos-ssr --lib --features hydrate -- -D warnings

say "docs: cargo doc, and with ssr (warnings are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --quiet --no-deps --lib
RUSTDOCFLAGS="-D warnings" cargo doc --quiet --no-deps --lib --features ssr

say "host tests: config, draft rules, backends, strings, property tests (cargo test)"
cargo test --quiet

say "server rendering: CommentWidget rendered to HTML on the host for each backend (cargo test --features ssr)"
cargo test --quiet --features ssr --test ssr

say "browser tests: the form in headless Chromium (wasm-bindgen-test)"
CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --features csr --test web

say "build scripts: import and export renaming on hand-made wasm (node --test tests/tools/)"
node --test tests/tools/ >"$ROOT/target/tools-test.log" 2>&1 || { cat "$ROOT/target/tools-test.log"; exit 1; }

say "release build (trunk build --release)"
trunk_release build >"$ROOT/target/trunk-build.log" 2>&1 || { cat "$ROOT/target/trunk-build.log"; exit 1; }
bash "$ROOT/scripts/size.sh"

say "packages: the npm package (npm pack, contents checked) and the WordPress plugin zip"
node "$ROOT/scripts/package.mjs"

say "TypeScript types of the JS API and the element (tsc)"
tsc -p "$ROOT/types/tsconfig.json"

say "test build with the trap hook, for the crash test (trunk build --release --features csr,test-hooks)"
trunk_release build --features csr,test-hooks --dist "$ROOT/target/dist-test-hooks" \
  >"$ROOT/target/trunk-build-hooks.log" 2>&1 || { cat "$ROOT/target/trunk-build-hooks.log"; exit 1; }

say "the example Leptos app (trunk build in examples/leptos-app)"
(cd "$ROOT/examples/leptos-app" && trunk build --offline) >"$ROOT/target/trunk-example.log" 2>&1 \
  || { cat "$ROOT/target/trunk-example.log"; exit 1; }

say "the server-rendered example (examples/leptos-ssr/serve.sh --build-only: its hydrating client and its axum server)"
bash "$ROOT/examples/leptos-ssr/serve.sh" --build-only >"$ROOT/target/leptos-ssr-build.log" 2>&1 \
  || { cat "$ROOT/target/leptos-ssr-build.log"; exit 1; }

say "end-to-end: the built widget in Chromium against real servers"
node --test --test-concurrency=1 tests/e2e/
