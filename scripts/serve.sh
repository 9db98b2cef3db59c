#!/usr/bin/env bash
# Serves the demo article at http://127.0.0.1:8080/ with the widget posting to
# a local Isso (sqlite, in target/demo-isso/) on http://127.0.0.1:8081/.
# Ctrl-C stops both.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/tools.sh"
cd "$ROOT"

DATA="$ROOT/target/demo-isso"
mkdir -p "$DATA"
cat > "$DATA/isso.cfg" <<CFG
[general]
dbpath = $DATA/comments.db
host =
    http://127.0.0.1:8080/
    http://localhost:8080/
[moderation]
enabled = false
[server]
listen = http://127.0.0.1:8081/
[guard]
enabled = true
ratelimit = 10
require-author = true
require-email = true
CFG

"$TOOLS/isso-venv/bin/isso" -c "$DATA/isso.cfg" run >"$DATA/isso.log" 2>&1 &
ISSO_PID=$!
stop() { kill "$ISSO_PID" 2>/dev/null || true; wait "$ISSO_PID" 2>/dev/null || true; }
trap stop EXIT
trap 'exit 130' INT TERM

say "Isso on http://127.0.0.1:8081/ (log: target/demo-isso/isso.log)"
say "demo article on http://127.0.0.1:8080/ once Trunk has built it"
trunk serve --release --offline
