// The phone's rows of the benchmark (scripts/bench.sh runs it): Chromium's
// 4x CPU slowdown (Lighthouse's mobile preset), the article opened at
// #comments with 12 and with 50 comments in Isso, ours beside Isso's own
// client on the same page and server, from one gzipping 127.0.0.1 "CDN",
// median of CW_CPU_RUNS runs (default 3):
//   - a reader who reads: total blocking time (each main-thread task's time
//     over 50 ms, added up) and the longest task, from navigation until the
//     page is quiet (the thread on screen and 2 s with no task over 50 ms);
//   - a reader who writes: the comment box pressed as soon as it takes a key
//     and a sentence typed at a quick typist's pace (100 ms a key) while the
//     code arrives and (ours) takes over: the slowest key, as INP reads it
//     (Event Timing: from the key's timestamp to the next paint after it was
//     handled), the longest task meanwhile, and whether every character
//     arrived;
//   - unthrottled, the first comment on screen (ms from navigation start).
// Run after a release build: `node scripts/bench-cpu.mjs`. CW_CPU_SIZES=12,50
// the threads, CW_CPU_ONLY=fast only the unthrottled first comment,
// CW_CPU_DEBUG=1 each run's long tasks and slow events.
import { startIsso, startStatic, freePort } from "../tests/e2e/support/servers.mjs";
import { launch } from "../tests/e2e/support/browser.mjs";
import { freshPage, stats, issoClient, seedIsso, OURS_FIRST, ISSO_FIRST } from "./bench-page.mjs";

const RUNS = Number(process.env.CW_CPU_RUNS || 3);
const SIZES = (process.env.CW_CPU_SIZES || "12,50").split(",").map(Number);
const SENTENCE = "The night ferry is how my grandmother gets to her shifts, so thank you.";
const KEY_DELAY = 100;

const cdn = await startStatic({ gzip: true, files: { "/isso/embed.min.js": issoClient() } });
const sitePort = await freePort();
const isso = await startIsso({ origins: [`http://127.0.0.1:${sitePort}`] });
for (const n of SIZES) seedIsso(isso.db, `/cpu${n}/`, n);

// Installed first thing in the page's head: long tasks and Event Timing
// entries from navigation on, and the first comment on screen.
const probe = (first) => `<script>(function () {
  window.__long = []; window.__events = [];
  new PerformanceObserver((l) => l.getEntries().forEach((e) => __long.push([e.startTime, e.duration]))).observe({ type: "longtask", buffered: true });
  new PerformanceObserver((l) => l.getEntries().forEach((e) => e.interactionId && __events.push([e.name, e.startTime, e.duration, e.interactionId]))).observe({ type: "event", durationThreshold: 16, buffered: true });
  (function poll() {
    if (window.__first === undefined && (${first})) window.__first = performance.now();
    else setTimeout(poll, 0);
  })();
  (function live() {
    if (document.querySelector("[data-cw-live]")) window.__live = performance.now();
    else setTimeout(live, 20);
  })();
})();</script>`;
const page = (head, comments, first) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench article</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">${probe(first)}${head}</head><body><main><h1>Harbour town votes to keep its night ferry</h1>
<p>${"Article text. ".repeat(80)}</p><h2 id="comments">Comments</h2>${comments}</main></body></html>`;
const pages = {};
for (const n of SIZES) {
  pages[`/cpu${n}/ours/`] = page(`<script src="${cdn.url}/comment-widget.js" defer></script>`,
    `<div data-comment-widget data-backend="isso" data-endpoint="${isso.url}" data-page="/cpu${n}/"></div>`, OURS_FIRST);
  pages[`/cpu${n}/isso/`] = page(`<script src="${cdn.url}/isso/embed.min.js" data-isso="${isso.url}/" defer></script>`,
    `<section id="isso-thread" data-isso-id="/cpu${n}/" data-title="Bench article"></section>`, ISSO_FIRST);
}
const site = await startStatic({ dir: "/nonexistent", port: sitePort, pages });

const BOX = { ours: "[data-comment-widget] textarea", isso: "#isso-thread textarea" };

// Waits until the page has had `quiet` ms with no long task (or `cap` ms).
async function settle(p, quiet = 2000, cap = 30000) {
  const t0 = Date.now();
  for (;;) {
    const { now, last } = await p.evaluate(() => ({ now: performance.now(), last: Math.max(0, ...__long.map(([s, d]) => s + d)) }));
    if (now - last >= quiet || Date.now() - t0 > cap) return;
    await p.waitForTimeout(250);
  }
}

const blocking = (long) => ({ tbt: long.reduce((t, [, d]) => t + Math.max(0, d - 50), 0), longest: Math.max(0, ...long.map(([, d]) => d)) });

async function reads(which, n, rate) {
  const { context, page: p, cdp } = await freshPage(browser);
  if (rate > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate });
  await p.goto(`${site.url}/cpu${n}/${which}/#comments`);
  await p.waitForFunction(() => window.__first !== undefined, null, { timeout: 60000 });
  await settle(p);
  const r = await p.evaluate(() => ({ first: __first, long: __long }));
  if (process.env.CW_CPU_DEBUG) console.log(which, n, "reads", rate, JSON.stringify(r.long.map((x) => x.map(Math.round))));
  await context.close();
  return { first: r.first, ...blocking(r.long) };
}

// The reader's press and keys go through DevTools' input, which queues
// them in the browser as a device does: each is sent on time, whether or
// not the page's main thread is free to take it (a key that waits for it
// shows as a slow key, as it would for a reader).
async function writes(which, n) {
  const { context, page: p, cdp } = await freshPage(browser);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await p.goto(`${site.url}/cpu${n}/${which}/#comments`);
  const box = p.locator(BOX[which]);
  await box.waitFor({ timeout: 60000 });
  const at = await box.boundingBox();
  const [x, y] = [at.x + at.width / 2, at.y + at.height / 2];
  const sent = [];
  for (const type of ["mousePressed", "mouseReleased"]) sent.push(cdp.send("Input.dispatchMouseEvent", { type, x, y, button: "left", clickCount: 1 }));
  for (const ch of SENTENCE) {
    await new Promise((r) => setTimeout(r, KEY_DELAY));
    sent.push(cdp.send("Input.dispatchKeyEvent", { type: "keyDown", key: ch, text: ch, unmodifiedText: ch }));
    sent.push(cdp.send("Input.dispatchKeyEvent", { type: "keyUp", key: ch }));
  }
  await Promise.all(sent);
  if (which === "ours") await p.waitForFunction(() => window.__live !== undefined, null, { timeout: 60000 });
  await settle(p);
  const r = await p.evaluate(() => {
    const start = Math.min(...__events.map(([, s]) => s));
    const last = Math.max(...__events.map(([, s]) => s));
    return { long: __long.filter(([s, d]) => s + d >= start), events: __events, start, last, live: window.__live };
  });
  if (process.env.CW_CPU_DEBUG) console.log(which, n, JSON.stringify({ ...r, resources: await p.evaluate(() => performance.getEntriesByType("resource").map((e) => [e.name.split("/").pop(), Math.round(e.startTime), Math.round(e.responseEnd)])) }));
  const value = await box.inputValue();
  await context.close();
  return {
    slowest: Math.max(0, ...r.events.map(([, , d]) => d)),
    // (A key is one interaction: its keydown, keypress and keyup.)
    over100: new Set(r.events.filter(([, , d]) => d > 100).map(([, , , id]) => id)).size,
    longest: blocking(r.long).longest,
    // When the live form came: ms after the last key (negative: while typing).
    taken: r.live === undefined ? null : r.live - r.last,
    whole: value === SENTENCE,
  };
}

const browser = await launch();
const results = {};
for (const n of SIZES) {
  results[n] = {};
  for (const which of ["ours", "isso"]) results[n][which] = { reads: [], writes: [], fast: [] };
  for (let i = 0; i < RUNS; i++) {
    for (const which of i % 2 ? ["isso", "ours"] : ["ours", "isso"]) {
      // (CW_CPU_ONLY=fast: only the unthrottled first comment, for a quick comparison.)
      const fastOnly = process.env.CW_CPU_ONLY === "fast";
      results[n][which].reads.push(fastOnly ? { tbt: 0, longest: 0 } : await reads(which, n, 4));
      results[n][which].writes.push(fastOnly ? { slowest: 0, over100: 0, longest: 0, taken: 0, whole: true } : await writes(which, n));
      results[n][which].fast.push(await reads(which, n, 1));
    }
  }
}
await browser.close();
await Promise.all([cdn, site, isso].map((s) => s.stop()));

const med = (list) => stats(list).median;
const W = [32, 12, 14, 14, 10, 22, 20, 20];
const line = (cells) => cells.map((c, i) => String(c).padEnd(W[i] || 14)).join("");
const ms = (v) => `${v.toFixed(0)} ms`;
console.log(`\nA phone's CPU (Chromium's 4x slowdown), the article opened at #comments, median of ${RUNS} runs each.
reads: from navigation until quiet, the reader only reads. writes: the comment box pressed once it takes a key,
a sentence typed at 100 ms a key; the slowest key (Event Timing, as INP reads it), keys over 100 ms, the longest
task from the press on (what a key could wait at worst), and when the live form came (ours: after the last key).`);
console.log(line(["", "reads: TBT", "longest task", "slowest key", "> 100 ms", "longest task writing", "live form", "unthrottled: first comment"]));
for (const n of SIZES) {
  for (const which of ["ours", "isso"]) {
    const r = results[n][which];
    const lost = r.writes.filter((w) => !w.whole).length;
    const live = which === "ours" ? `${med(r.writes.map((w) => w.taken ?? Infinity)).toFixed(0)} ms after` : "–";
    console.log(line([`${n} comments: ${which === "ours" ? "ours" : "isso embed.min.js"}`,
      ms(med(r.reads.map((x) => x.tbt))), ms(med(r.reads.map((x) => x.longest))),
      ms(med(r.writes.map((x) => x.slowest))) + (lost ? ` (text lost in ${lost})` : ""), med(r.writes.map((x) => x.over100)),
      ms(med(r.writes.map((x) => x.longest))), live, ms(med(r.fast.map((x) => x.first)))]));
  }
  const ratio = med(results[n].ours.fast.map((x) => x.first)) / med(results[n].isso.fast.map((x) => x.first));
  console.log(line(["", "", "", "", "", "", "ours / isso:", ratio.toFixed(2)]));
}
