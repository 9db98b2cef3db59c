#!/usr/bin/env bash
# The benchmark command: builds the release, then prints bytes, time to an
# interactive form and memory, ours next to Isso's own client
# (scripts/bench.mjs), then the readers' rows (scripts/bench-read.mjs: the
# article opened at #comments), the phone's rows (scripts/bench-cpu.mjs: 4x
# CPU, blocking time, the longest task, the slowest key), then the
# long-article rows (scripts/bench-lazy.mjs: bytes
# and requests for a reader who never scrolls to the comments, and the time
# from the form entering the viewport to typeable, taken over and the thread),
# then the WordPress rows (scripts/bench-wordpress.mjs: page load to typeable
# with the theme's form, the loader's paint and the plugin's printed form).
# Then the spam rows (scripts/bench-spam.mjs: bots stopped and people stored,
# per path, against the real WordPress with the plugin; the proof of work's
# solve time and the slowest key while it runs, at 1x and 4x CPU).
# Then the live rows (scripts/bench-live.mjs: the requests one open page
# costs the comments server in 10 and 60 minutes, reading or writing, in a
# quiet thread and a busy one, with the page's clock run forward).
# CW_BENCH_RUNS=N changes the number of runs (default 20; CW_LAZY_RUNS, 7;
# CW_CPU_RUNS, 3).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/tools.sh"
cd "$ROOT"
mkdir -p target
say "release build (trunk build --release)"
trunk_release build >"$ROOT/target/trunk-build.log" 2>&1 || { cat "$ROOT/target/trunk-build.log"; exit 1; }
node scripts/bench.mjs
# Readers first: the article opened at #comments, first comment on screen,
# and the bytes of a reader who only reads.
node scripts/bench-read.mjs
# A phone's CPU (4x slowdown): blocking time and the longest task while the
# thread appears, the slowest key while typing across the takeover, ours
# beside Isso's client (12 and 50 comments).
node scripts/bench-cpu.mjs
# A long article: a reader who never scrolls to the comments, and one who does.
node scripts/bench-lazy.mjs
# WordPress: the theme's own form, the loader's paint, the plugin's printed form.
say "the WordPress plugin (scripts/package.mjs)"
node scripts/package.mjs >"$ROOT/target/package.log" 2>&1 || { cat "$ROOT/target/package.log"; exit 1; }
node scripts/bench-wordpress.mjs
# Spam: a corpus of bots and people against the real WordPress with the
# plugin (each backend), and the proof of work's solve time (1x and 4x CPU).
node scripts/bench-spam.mjs
# New comments while reading: the requests one open page costs the server.
node scripts/bench-live.mjs
