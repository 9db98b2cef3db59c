// The long-article rows of the benchmark (scripts/bench.sh runs it after
// bench.mjs): an article of 30 sections with the comments at its end, both
// clients served gzipped from one 127.0.0.1 "CDN", on slow 4G.
//   (a) a reader who never scrolls: bytes as sent (every response but the
//       article itself, as the network carried it) and requests to the
//       comments server, in the first 4 s after load; ours and Isso's client;
//   (b) a reader who scrolls to the form 2 s after load: from the moment the
//       form enters the viewport to typeable (the comment box on screen and
//       styled), to taken over (the live form) and to the thread shown.
// CW_LAZY_RUNS=N changes the number of runs (default 7). Run after a release build.
import { startIsso, startStatic, freePort } from "../tests/e2e/support/servers.mjs";
import { launch } from "../tests/e2e/support/browser.mjs";
import { SLOW_4G, freshPage, stats, issoClient } from "./bench-page.mjs";

const RUNS = Number(process.env.CW_LAZY_RUNS || 7);
const issoJs = issoClient();

const cdn = await startStatic({ gzip: true, files: { "/isso/embed.min.js": issoJs } });
const sitePort = await freePort();
const isso = await startIsso({ origins: [`http://127.0.0.1:${sitePort}`] });
await fetch(`${isso.url}/new?uri=${encodeURIComponent("/long/")}`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ title: "Bench article", text: "A comment already there", author: "Bea", email: "bea@example.org" }),
});
const sections = Array.from({ length: 30 }, (_, i) =>
  `<h2>Section ${i + 1}</h2><p>${"The harbour office will publish the survey questions in December. ".repeat(8)}</p>`).join("\n");
const longPage = (head, comments) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench article</title>
<link rel="icon" href="data:,">${head}</head><body><main><h1>Harbour town votes to keep its night ferry</h1>
${sections}<h2 id="comments-title">Comments</h2>${comments}</main></body></html>`;
const site = await startStatic({
  dir: "/nonexistent",
  port: sitePort,
  pages: {
    "/long/ours/": longPage(`<script src="${cdn.url}/comment-widget.js" defer></script>`,
      `<div data-comment-widget data-backend="isso" data-endpoint="${isso.url}" data-page="/long/"></div>`),
    "/long/isso/": longPage(`<script src="${cdn.url}/isso/embed.min.js" data-isso="${isso.url}/" defer></script>`,
      `<section id="isso-thread" data-isso-id="/long/" data-title="Bench article"></section>`),
  },
});

// What each client's form, live form and thread look like once there.
const PROBES = {
  ours: {
    el: `document.querySelector("[data-comment-widget]")`,
    typeable: `(() => { const r = document.querySelector("[data-comment-widget]").shadowRoot; return !!(r && r.querySelector("textarea") && r.adoptedStyleSheets.length); })()`,
    taken: `!!document.querySelector("[data-comment-widget][data-cw-live]")`,
    // The first comment on screen, painted (readers first) or live.
    thread: `(() => { const r = document.querySelector("[data-comment-widget]").shadowRoot; const t = r && r.querySelector(".cw-thread"); return !!(t && !t.hidden); })()`,
    // A writer's intent, once the form is typeable: a pointer over it.
    act: `document.querySelector("[data-comment-widget]").dispatchEvent(new Event("pointerover"))`,
  },
  isso: {
    el: `document.querySelector("#isso-thread")`,
    typeable: `!!document.querySelector("#isso-thread textarea")`,
    taken: `!!document.querySelector("#isso-thread textarea")`,
    act: "",
    thread: `!!document.querySelector("#isso-thread .isso-comment")`,
  },
};

async function run(which, scroll) {
  const { context, page, cdp } = await freshPage(browser, SLOW_4G);
  const urls = new Map();
  let bytes = 0;
  let issoRequests = 0;
  cdp.on("Network.requestWillBeSent", (e) => {
    urls.set(e.requestId, e.request.url);
    if (e.request.url.startsWith(isso.url)) issoRequests++;
  });
  cdp.on("Network.loadingFinished", (e) => {
    if (!urls.get(e.requestId)?.startsWith(`${site.url}/long/`)) bytes += e.encodedDataLength;
  });
  await page.goto(`${site.url}/long/${which}/`);
  await page.waitForLoadState("load");
  const p = PROBES[which];
  let after = null;
  if (scroll) {
    await page.waitForTimeout(2000);
    after = await page.evaluate(`new Promise((done) => {
      const el = ${p.el};
      el.scrollIntoView({ block: "start" });
      const t0 = performance.now();
      const seen = {};
      (function poll() {
        const now = performance.now() - t0;
        for (const [name, probe] of [["typeable", () => ${p.typeable}], ["taken", () => ${p.taken}], ["thread", () => ${p.thread}]]) {
          if (seen[name] === undefined && probe()) seen[name] = now;
        }
        if (seen.typeable !== undefined && !seen.acted) {
          seen.acted = true;
          ${p.act};
        }
        if (Object.keys(seen).length === 4 || now > 30000) return done(seen);
        setTimeout(poll, 0);
      })();
    })`);
  } else {
    await page.waitForTimeout(4000);
  }
  await context.close();
  return { bytes, issoRequests, after };
}

const browser = await launch();
const results = { ours: { idle: [], scrolled: [] }, isso: { idle: [], scrolled: [] } };
for (let i = 0; i < RUNS; i++) {
  for (const which of i % 2 ? ["isso", "ours"] : ["ours", "isso"]) {
    results[which].idle.push(await run(which, false));
    results[which].scrolled.push(await run(which, true));
  }
}
await browser.close();
await Promise.all([cdn, site, isso].map((s) => s.stop()));

const W = [34, 22, 22];
const line = (cells) => cells.map((c, i) => String(c).padEnd(W[i] || 16)).join("");
const med = (list) => stats(list).median;
console.log(`\nA long article (30 sections, the comments at the end), slow 4G, median of ${RUNS} runs each`);
console.log("(a) a reader who never scrolls (the first 4 s after load)");
console.log(line(["", "bytes as sent", "requests to the comments server"]));
for (const which of ["ours", "isso"]) {
  const r = results[which].idle;
  console.log(line([which === "ours" ? "ours" : "isso embed.min.js", med(r.map((x) => x.bytes)).toFixed(0), med(r.map((x) => x.issoRequests)).toFixed(0)]));
}
console.log("(b) a reader who scrolls to the form 2 s after load and points at it once it is typeable: ms from the form entering the viewport to");
console.log(line(["", "typeable", "taken over"]) + "thread shown");
for (const which of ["ours", "isso"]) {
  const r = results[which].scrolled.map((x) => x.after);
  const cell = (name) => `${med(r.map((x) => x[name] ?? Infinity)).toFixed(0)} (${stats(r.map((x) => x[name] ?? Infinity)).p25.toFixed(0)}–${stats(r.map((x) => x[name] ?? Infinity)).p75.toFixed(0)})`;
  console.log(line([which === "ours" ? "ours" : "isso embed.min.js", cell("typeable"), cell("taken")]) + cell("thread"));
}
