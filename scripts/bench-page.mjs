// What scripts/bench.mjs and scripts/bench-loaders.mjs share: the article page
// a client is inserted into by a script tag, the moments they time, the slow
// 4G profile, and one timed page load in headless Chromium.

import { readdirSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "../tests/e2e/support/servers.mjs";

/** Isso's own client, as its release (in .tools/isso-venv) ships it. */
export function issoClient() {
  const venvLib = join(ROOT, ".tools/isso-venv/lib");
  const python = readdirSync(venvLib).find((d) => d.startsWith("python3"));
  return join(venvLib, python, "site-packages/isso/js/embed.min.js");
}

export const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };

export const article = (inner) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench article</title>
<link rel="icon" href="data:,"></head><body><main><h1>Harbour town votes to keep its night ferry</h1>
<p>${"Article text. ".repeat(80)}</p>${inner}</main></body></html>`;

// `typeable`: the comment box is on the page, styled, and takes a keystroke;
// `taken`: (ours) the Leptos form is in control. Layout shifts are summed.
// `act`, run once typeable: a writer's intent (ours loads its code when the
// reader shows intent to act in the widget: a pointer over it, here at once).
export const insert = (attrs, typeable, taken, act = "") => `<script>
  window.__shift = 0;
  new PerformanceObserver((l) => l.getEntries().forEach((e) => (window.__shift += e.value))).observe({ type: "layout-shift", buffered: true });
  window.__t0 = performance.now();
  const s = document.createElement("script");
  ${Object.entries(attrs).map(([k, v]) => `s.setAttribute(${JSON.stringify(k)}, ${JSON.stringify(v)});`).join("\n  ")}
  document.head.appendChild(s);
  (function poll() {
    const now = performance.now() - window.__t0;
    if (window.__typeable === undefined && (${typeable})) {
      window.__typeable = now;
      ${act}
    }
    if (window.__typeable !== undefined && (${taken})) { window.__ready = now; return; }
    setTimeout(poll, 0);
  })();
</script>`;

export const oursTypeable = `(function () { const h = document.querySelector("[data-comment-widget]"); const r = h && h.shadowRoot;
  return !!(r && r.querySelector("textarea") && r.adoptedStyleSheets.length); })()`;
export const oursTaken = `!!document.querySelector("[data-comment-widget][data-cw-live]")`;
export const oursIntent = `document.querySelector("[data-comment-widget]").dispatchEvent(new Event("pointerover"));`;

/** Our widget on the article, loaded from `loaderUrl`, posting to Isso at `issoUrl`. */
export const oursPage = (loaderUrl, issoUrl) =>
  article(`<div data-comment-widget data-backend="isso" data-endpoint="${issoUrl}"></div>` + insert({ src: loaderUrl }, oursTypeable, oursTaken, oursIntent));

/** A fresh context and page with no cache, `network` emulated when given,
 * and the page's DevTools session (its Network domain on). */
export async function freshPage(browser, network) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  if (network) await cdp.send("Network.emulateNetworkConditions", network);
  return { context, page, cdp };
}

/** Loads `url` in a fresh context (no cache, `network` emulated when given)
 * and waits for the page's `__ready` (or, on a page with no client, for nothing). */
export async function load(browser, url, network) {
  const { context, page, cdp } = await freshPage(browser, network);
  await cdp.send("Performance.enable");
  await page.goto(url);
  await page.waitForFunction(() => window.__ready !== undefined || !document.querySelector("script[src]") && location.pathname === "/blank/", null, { timeout: 60000 });
  const t = await page.evaluate(() => ({ typeable: window.__typeable, ready: window.__ready, shift: window.__shift }));
  return { context, page, cdp, ...t };
}

export function stats(values) {
  const v = [...values].sort((a, b) => a - b);
  const q = (p) => v[Math.min(v.length - 1, Math.floor(p * (v.length - 1) + 0.5))];
  return { median: q(0.5), p25: q(0.25), p75: q(0.75), min: v[0], max: v[v.length - 1] };
}

const WORDS = "The ferry is how my grandmother gets to the clinic, and the night crossing is the only one that fits her shifts. ";

/** Writes `n` top-level comments (of one to three sentences) for the page
 * `uri` straight into Isso's database: its guard lets one address write only
 * three top-level comments in 15 minutes. */
export function seedIsso(db, uri, n) {
  execFileSync("python3", ["-c", `
import json, sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
tid = db.execute("INSERT INTO threads (uri, title) VALUES (?, 'Bench article')", (sys.argv[3],)).lastrowid
for i, text in enumerate(json.loads(sys.argv[2])):
    db.execute("INSERT INTO comments (tid, parent, created, modified, mode, remote_addr, text, author, email, website, likes, dislikes, voters, notification) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (tid, None, time.time() - 3600 + i, None, 1, '10.0.0.0', text, 'Reader %d' % (i + 1), 'r%d@example.org' % i, None, 0, 0, b'', 0))
db.commit()
`, db, JSON.stringify(Array.from({ length: n }, (_, i) => `<p>${WORDS.repeat(1 + (i % 3))}</p>`)), uri]);
}

/** The first comment on screen, read by a page's probe: ours (painted by
 * the loader's thread painter, or drawn by the live thread) and Isso's
 * client's (under #isso-root: the postbox above it has a preview of its
 * own, an .isso-comment too). */
export const OURS_FIRST = `(() => { const h = document.querySelector("[data-comment-widget]"); const r = h && h.shadowRoot;
  const t = r && r.querySelector(".cw-thread__list .cw-comment__text"); return !!(t && t.textContent && t.getClientRects().length); })()`;
export const ISSO_FIRST = `(() => { const t = document.querySelector("#isso-root .isso-comment .isso-text"); return !!(t && t.textContent && t.getClientRects().length); })()`;
