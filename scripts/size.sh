#!/usr/bin/env bash
# Prints the bytes a reader downloads for the widget (from dist/, after a
# release build): each file raw, gzip -9, and as the release's own .gz
# (zopfli: what a server that sends precompressed files sends), and the
# totals; fails when the gzip -9 total (what a server compressing on the fly
# sends at best) is over the budget in size-budget.txt. The total is what a
# writer on a page with a thread downloads: the loader, the thread painter
# (beside the thread's first page), the JS glue and the wasm. A reader who
# only reads downloads the loader and the painter (the first subtotal). The
# stylesheet travels inside the loader (paint first); comment-widget.css is
# only fetched by a browser without constructable stylesheets, and the
# counts module only by an index page with comment counts: both are listed
# but not counted. The total is an English page's; a page in another
# language also fetches that language's table (comment-widget-<lang>.json),
# listed below it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST="$ROOT/dist"
# The budget is the nightly build's (scripts/tools.sh); a build that fell back
# to stable is held to the "stable" line instead.
TOOLCHAIN="$(cat "$ROOT/target/release-toolchain" 2>/dev/null || echo unknown)"
if [ "$TOOLCHAIN" = stable ]; then
  BUDGET="$(awk '$1 == "stable" { print $2; exit }' "$ROOT/size-budget.txt")"
else
  BUDGET="$(grep -m1 -E '^[0-9]+$' "$ROOT/size-budget.txt")"
fi
total_raw=0 total_gz=0 total_shipped=0
printf '%-32s %10s %10s %10s\n' "file" "raw" "gzip -9" ".gz"
for f in comment-widget.js comment-widget-thread.js comment-widget-app.js comment-widget-app_bg.wasm; do
  raw=$(stat -c %s "$DIST/$f")
  gz=$(gzip -9c "$DIST/$f" | wc -c)
  shipped=$(stat -c %s "$DIST/$f.gz")
  total_raw=$((total_raw + raw)) total_gz=$((total_gz + gz)) total_shipped=$((total_shipped + shipped))
  printf '%-32s %10d %10d %10d\n' "$f" "$raw" "$gz" "$shipped"
  if [ "$f" = comment-widget-thread.js ]; then
    printf '%-32s %10d %10d %10d  (a reader who only reads)\n' "  loader + painter" "$total_raw" "$total_gz" "$total_shipped"
  fi
done
printf '%-32s %10d %10d %10d  (a writer on a page with a thread)\n' "total" "$total_raw" "$total_gz" "$total_shipped"
f="$DIST/comment-widget-counts.js"
printf '%-32s %10d %10d %10d  (comment counts: only on an index page that shows them)\n' "comment-widget-counts.js" "$(stat -c %s "$f")" "$(gzip -9c "$f" | wc -c)" "$(stat -c %s "$f.gz")"
css="$DIST/comment-widget.css"
printf '%-32s %10d %10d %10d  (fallback only: inside the loader)\n' "comment-widget.css" "$(stat -c %s "$css")" "$(gzip -9c "$css" | wc -c)" "$(stat -c %s "$css.gz")"
for lang in de fr es ar zh; do
  f="$DIST/comment-widget-$lang.json"
  printf '%-32s %10d %10d %10d  (only for a page in this language)\n' "comment-widget-$lang.json" "$(stat -c %s "$f")" "$(gzip -9c "$f" | wc -c)" "$(stat -c %s "$f.gz")"
done
# The loader (on the critical path) and the painter are held on their own too.
for part in loader:comment-widget.js painter:comment-widget-thread.js; do
  name="${part%%:*}" file="${part#*:}"
  limit="$(awk -v n="$name" '$1 == n { print $2; exit }' "$ROOT/size-budget.txt")"
  got="$(gzip -9c "$DIST/$file" | wc -c)"
  if [ -n "$limit" ] && [ "$got" -gt "$limit" ]; then
    printf 'size budget: %s is %d bytes gzip, over its budget of %d (size-budget.txt)\n' "$file" "$got" "$limit" >&2
    exit 1
  fi
done
if [ "$total_gz" -gt "$BUDGET" ]; then
  printf 'size budget: %d bytes gzip is over the budget of %d for a %s build (size-budget.txt)\n' "$total_gz" "$BUDGET" "$TOOLCHAIN" >&2
  exit 1
fi
printf 'size budget: %d of %d bytes gzip (built by %s)\n' "$total_gz" "$BUDGET" "$TOOLCHAIN"
