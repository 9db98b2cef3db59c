#!/usr/bin/env bash
# Serves the demo article at http://127.0.0.1:8080/ with the widget posting to
# real local comments servers: Isso (:8081) on the article itself, WordPress
# with MariaDB (:8082), a generic JSON/form endpoint (:8083) and Waline (:8084,
# in Chinese) on the pages linked under the form. Ctrl-C stops everything.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/tools.sh"
cd "$ROOT"
mkdir -p target

node scripts/demo-servers.mjs >target/demo-servers.log 2>&1 &
SERVERS_PID=$!
stop() { kill -TERM "$SERVERS_PID" 2>/dev/null || true; wait "$SERVERS_PID" 2>/dev/null || true; }
trap stop EXIT
trap 'exit 130' INT TERM

for _ in $(seq 1 120); do
  grep -q "ready" target/demo-servers.log 2>/dev/null && break
  kill -0 "$SERVERS_PID" 2>/dev/null || { cat target/demo-servers.log >&2; exit 1; }
  sleep 0.5
done
say "comments servers up: Isso :8081, WordPress :8082, generic JSON/form :8083, Waline :8084 (log: target/demo-servers.log)"
say "demo article on http://127.0.0.1:8080/ once Trunk has built it"
trunk_release serve
