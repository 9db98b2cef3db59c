#!/usr/bin/env bash
# Builds and serves this app the way `cargo leptos serve --release` does: the
# client (the library with `hydrate`, for wasm32, through wasm-bindgen into
# the site's pkg/), the widget's stylesheet at the site's root, then the
# server (the binary with `ssr`), started with the LEPTOS_* variables
# cargo-leptos sets (from [package.metadata.leptos]).
#
#   bash examples/leptos-ssr/serve.sh             # http://127.0.0.1:3000
#   LEPTOS_SITE_ADDR=127.0.0.1:3100 ISSO_URL=http://127.0.0.1:8081 bash examples/leptos-ssr/serve.sh
#   bash examples/leptos-ssr/serve.sh --build-only
#
# Why not cargo-leptos in the test command: cargo-leptos 0.3.11 (crates.io's
# newest) needs rustc 1.96 or later for its dependencies, with or without
# --locked, and this machine's stable Rust is 1.95. Built by the pinned
# nightly the widget's release build uses, it installs and works offline:
#   cargo +nightly-2026-10-29 install cargo-leptos --locked --features no_downloads
#   cd examples/leptos-ssr && PATH="$PATH:../../node_modules/.bin" cargo leptos serve --release
# but its install took 11 minutes here (2 cores), a quarter of the test
# command's budget. This script does the same steps with the tools the
# widget's own build installs already (scripts/tools.sh).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
source "$ROOT/scripts/tools.sh"
SITE="$ROOT/target/leptos-ssr/site"
cd "$HERE"
say "examples/leptos-ssr: the client (wasm32, hydrate, release) and the server (ssr)"
cargo build --quiet --release --lib --target wasm32-unknown-unknown --features hydrate -p leptos-ssr
mkdir -p "$SITE/pkg"
wasm-bindgen --target web --out-dir "$SITE/pkg" --out-name leptos-ssr \
  "$ROOT/target/wasm32-unknown-unknown/release/leptos_ssr.wasm"
cp "$ROOT/style/comment-widget.css" "$SITE/"
cargo build --quiet -p leptos-ssr --bin leptos-ssr --features ssr
[ "${1:-}" = "--build-only" ] && exit 0
export LEPTOS_OUTPUT_NAME=leptos-ssr LEPTOS_SITE_ROOT="$SITE" LEPTOS_SITE_PKG_DIR=pkg
export LEPTOS_SITE_ADDR="${LEPTOS_SITE_ADDR:-127.0.0.1:3000}"
export ISSO_URL="${ISSO_URL:-http://127.0.0.1:8081}"
exec "$ROOT/target/debug/leptos-ssr"
