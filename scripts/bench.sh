#!/usr/bin/env bash
# The benchmark command: builds the release, then prints bytes, time to an
# interactive form and memory, ours next to Isso's own client
# (scripts/bench.mjs). CW_BENCH_RUNS=N changes the number of runs (default 20).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/tools.sh"
cd "$ROOT"
mkdir -p target
say "release build (trunk build --release)"
trunk_release build >"$ROOT/target/trunk-build.log" 2>&1 || { cat "$ROOT/target/trunk-build.log"; exit 1; }
node scripts/bench.mjs
