// The readers' rows of the benchmark (scripts/bench.sh runs it after
// bench.mjs): a new reader follows an index page's "12 comments" link, so the
// article opens at #comments, with 12 comments in Isso; ours and Isso's own
// client, both from one gzipping 127.0.0.1 "CDN", in headless Chromium with no
// cache, median of CW_READ_RUNS runs (default 7), unthrottled and on slow 4G:
//   - first comment on screen: ms from navigation start until a comment's
//     text is in the page and visible (ours: painted by the loader and its
//     thread painter; Isso: drawn by its client);
//   - bytes as sent by then, and for a reader who only reads (4 s more, the
//     pointer never on the widget): from the widget's origin (the CDN) and
//     from the comments server;
//   - whether the reader who only reads was sent any of our wasm.
// Run after a release build.
import { startIsso, startStatic, freePort } from "../tests/e2e/support/servers.mjs";
import { launch } from "../tests/e2e/support/browser.mjs";
import { SLOW_4G, freshPage, stats, issoClient, seedIsso, OURS_FIRST, ISSO_FIRST } from "./bench-page.mjs";

const RUNS = Number(process.env.CW_READ_RUNS || 7);
const issoJs = issoClient();

const cdn = await startStatic({ gzip: true, files: { "/isso/embed.min.js": issoJs } });
const sitePort = await freePort();
const isso = await startIsso({ origins: [`http://127.0.0.1:${sitePort}`] });
seedIsso(isso.db, "/read/", 12);
// The page polls from its first byte: performance.now() is from navigation start.
const probe = (first) => `<script>(function poll() {
  if (window.__first === undefined && (${first})) window.__first = performance.now();
  else setTimeout(poll, 0);
})();</script>`;
const page = (head, comments, first) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench article</title>
<link rel="icon" href="data:,">${probe(first)}${head}</head><body><main><h1>Harbour town votes to keep its night ferry</h1>
<p>${"Article text. ".repeat(80)}</p><h2 id="comments">Comments</h2>${comments}</main></body></html>`;
const site = await startStatic({
  dir: "/nonexistent",
  port: sitePort,
  pages: {
    "/read/ours/": page(`<script src="${cdn.url}/comment-widget.js" defer></script>`,
      `<div data-comment-widget data-backend="isso" data-endpoint="${isso.url}" data-page="/read/"></div>`, OURS_FIRST),
    "/read/isso/": page(`<script src="${cdn.url}/isso/embed.min.js" data-isso="${isso.url}/" defer></script>`,
      `<section id="isso-thread" data-isso-id="/read/" data-title="Bench article"></section>`, ISSO_FIRST),
  },
});

async function run(which, network) {
  const { context, page: p, cdp } = await freshPage(browser, network);
  const urls = new Map();
  const sent = { cdn: 0, comments: 0 };
  let wasm = false;
  cdp.on("Network.requestWillBeSent", (e) => {
    urls.set(e.requestId, e.request.url);
    if (/comment-widget-app(_bg\.wasm|\.js)$/.test(e.request.url)) wasm = true;
  });
  cdp.on("Network.loadingFinished", (e) => {
    const url = urls.get(e.requestId) || "";
    if (url.startsWith(cdn.url)) sent.cdn += e.encodedDataLength;
    else if (url.startsWith(isso.url)) sent.comments += e.encodedDataLength;
  });
  await p.goto(`${site.url}/read/${which}/#comments`);
  await p.waitForFunction(() => window.__first !== undefined, null, { timeout: 60000 });
  const first = await p.evaluate(() => window.__first);
  const atFirst = { ...sent };
  await p.waitForTimeout(4000);
  await context.close();
  return { first, atFirst, read: { ...sent }, wasm };
}

const browser = await launch();
const results = {};
for (const [label, network] of [["unthrottled", null], ["slow 4G", SLOW_4G]]) {
  results[label] = { ours: [], isso: [] };
  for (let i = 0; i < RUNS; i++) {
    for (const which of i % 2 ? ["isso", "ours"] : ["ours", "isso"]) results[label][which].push(await run(which, network));
  }
}
await browser.close();
await Promise.all([cdn, site, isso].map((s) => s.stop()));

const med = (list) => stats(list).median;
const W = [30, 16, 14, 22, 22, 12];
const line = (cells) => cells.map((c, i) => String(c).padEnd(W[i] || 14)).join("");
console.log(`\nA reader who opens the article at #comments (12 comments in Isso), median of ${RUNS} runs each, from navigation start`);
console.log(line(["", "first comment", "ratio", "bytes by then (CDN+server)", "only reads (CDN+server)", "wasm sent"]));
for (const [label, r] of Object.entries(results)) {
  const isso = med(r.isso.map((x) => x.first));
  for (const which of ["ours", "isso"]) {
    const x = r[which];
    const first = med(x.map((y) => y.first));
    const bytes = (k) => `${med(x.map((y) => y[k].cdn + y[k].comments))} (${med(x.map((y) => y[k].cdn))}+${med(x.map((y) => y[k].comments))})`;
    console.log(line([`${label}: ${which === "ours" ? "ours" : "isso embed.min.js"}`, `${first.toFixed(0)} ms (${stats(x.map((y) => y.first)).p25.toFixed(0)}–${stats(x.map((y) => y.first)).p75.toFixed(0)})`,
      (first / isso).toFixed(2), bytes("atFirst"), bytes("read"), which === "ours" ? `${x.filter((y) => y.wasm).length} of ${x.length}` : "–"]));
  }
}
