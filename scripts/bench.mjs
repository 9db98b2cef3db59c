// The benchmark: what a reader downloads and waits for, our widget next to
// Isso's own client (the anchor a site owner would pick instead), in one run
// on the same kind of page. Prints one table. Run through scripts/bench.sh,
// which builds the release first. Absolute times on a shared machine are
// noisy: compare the ratio.
import { readFileSync, mkdirSync, copyFileSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { join } from "node:path";
import { startIsso, startStatic, freePort, DIST, ROOT } from "../tests/e2e/support/servers.mjs";
import { launch } from "../tests/e2e/support/browser.mjs";
import { SLOW_4G, article, insert, oursPage, load as loadPage, stats, issoClient } from "./bench-page.mjs";

const RUNS = Number(process.env.CW_BENCH_RUNS || 20);
const KEYS = 200;

function sizes(path, packed = `${path}.gz`) {
  const raw = readFileSync(path);
  return {
    raw: raw.length,
    gzip: gzipSync(raw, { level: 9 }).length,
    packed: readFileSync(packed).length,
    brotli: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

// What a writer on a page with a thread downloads: the loader, the thread
// painter, the glue and the wasm. The stylesheet travels inside the loader:
// the CSS file is a fallback only.
const ours = ["comment-widget.js", "comment-widget-thread.js", "comment-widget-app.js", "comment-widget-app_bg.wasm"].map((f) => ({
  name: f,
  ...sizes(join(DIST, f)),
}));
const issoJs = issoClient();

// Pages: the same article, with the form inserted by a script tag at t0.
// Both clients come gzip-compressed from the same "CDN", as a site would serve them:
// compressed on the fly (gzip -9), and, for one more row, as precompressed
// .gz files (ours the release's, Isso's made here the same way, by zopfli).
const cdn = await startStatic({ gzip: true, files: { "/isso/embed.min.js": issoJs } });
const packedIsso = join(ROOT, "target/bench/isso/embed.min.js");
mkdirSync(join(ROOT, "target/bench/isso"), { recursive: true });
copyFileSync(issoJs, packedIsso);
writeFileSync(`${packedIsso}.gz`, execFileSync("zopfli", ["-c", packedIsso], { maxBuffer: 1 << 26 }));
const packedCdn = await startStatic({ precompressed: ["gzip"], files: { "/isso/embed.min.js": packedIsso } });
const isso = [{ name: "isso embed.min.js (CSS inside)", ...sizes(issoJs, `${packedIsso}.gz`) }];
const total = (rows) => rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, packed: t.packed + r.packed, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, packed: 0, brotli: 0 });
const sitePort = await freePort();
const issoServer = await startIsso({ origins: [`http://127.0.0.1:${sitePort}`] });
const issoTypeable = `!!document.querySelector("#isso-thread textarea")`;
const pages = { "/blank/": article("") };
for (const [prefix, from] of [["", cdn], ["/packed", packedCdn]]) {
  pages[`${prefix}/ours/`] = oursPage(`${from.url}/comment-widget.js`, issoServer.url);
  pages[`${prefix}/isso/`] = article(`<section id="isso-thread" data-title="Bench article"></section>` +
    insert({ src: `${from.url}/isso/embed.min.js`, "data-isso": `${issoServer.url}/` }, issoTypeable, "true"));
}
const site = await startStatic({ dir: "/nonexistent", port: sitePort, pages });

const browser = await launch();
const load = (path, network) => loadPage(browser, `${site.url}${path}`, network);

async function timings(network, prefix = "") {
  const result = { ours: [], oursTaken: [], isso: [], shift: 0 };
  for (let i = 0; i < RUNS; i++) {
    // Alternate which goes first, so neither always meets a warmer machine.
    for (const which of i % 2 ? ["isso", "ours"] : ["ours", "isso"]) {
      const { context, typeable, ready, shift } = await load(`${prefix}/${which}/`, network);
      result[which].push(typeable);
      if (which === "ours") {
        result.oursTaken.push(ready);
        result.shift = Math.max(result.shift, shift);
      }
      await context.close();
    }
  }
  return { ours: stats(result.ours), taken: stats(result.oursTaken), isso: stats(result.isso), shift: result.shift };
}

async function metric(cdp, name) {
  const { metrics } = await cdp.send("Performance.getMetrics");
  return metrics.find((m) => m.name === name)?.value ?? 0;
}

async function memoryAndTyping(which) {
  const { context, page, cdp } = await load(`/${which}/`);
  await page.waitForTimeout(500);
  await cdp.send("HeapProfiler.collectGarbage");
  const heap = await metric(cdp, "JSHeapUsedSize");
  const wasm = which === "ours" ? await page.evaluate(() => window.CommentWidget.stats().wasmMemoryBytes) : 0;
  let perKey = 0;
  if (which !== "blank") {
    const textarea = which === "ours" ? page.locator("[data-comment-widget] textarea") : page.locator("#isso-thread textarea");
    await textarea.click();
    const before = await metric(cdp, "ScriptDuration");
    await page.keyboard.type("x".repeat(KEYS));
    const after = await metric(cdp, "ScriptDuration");
    perKey = ((after - before) * 1000) / KEYS;
  }
  await context.close();
  return { heap, wasm, perKey };
}

const fast = await timings(null);
const slow = await timings(SLOW_4G);
const slowPacked = await timings(SLOW_4G, "/packed");
if (!packedCdn.sent.includes("comment-widget-app_bg.wasm.gz") || !packedCdn.sent.includes("embed.min.js.gz")) throw new Error(`bench: the precompressed files were not sent (${packedCdn.sent})`);
const mem = { blank: await memoryAndTyping("blank"), ours: await memoryAndTyping("ours"), isso: await memoryAndTyping("isso") };
await browser.close();
await Promise.all([cdn.stop(), packedCdn.stop(), site.stop(), issoServer.stop()]);

// The table.
const kb = (n) => (n / 1024).toFixed(1).padStart(7);
const ms = (n) => n.toFixed(0).padStart(5);
const line = (cells, widths) => cells.map((c, i) => String(c).padEnd(widths[i])).join(" ");
const W = [40, 10, 10, 12, 10];
console.log(`\nBytes a reader downloads (KiB)`);
console.log(line(["file", "raw", "gzip -9", ".gz (zopfli)", "brotli"], W));
for (const r of [...ours, { name: "ours: total", ...total(ours) }, ...isso]) console.log(line([r.name, kb(r.raw), kb(r.gzip), kb(r.packed), kb(r.brotli)], W));
const ratio = total(ours).gzip / total(isso).gzip;
console.log(line(["ours / isso", "", ratio.toFixed(2).padStart(7), (total(ours).packed / total(isso).packed).toFixed(2).padStart(7), (total(ours).brotli / total(isso).brotli).toFixed(2).padStart(7)], W));

console.log(`\nBytes on the critical path (before the reader can type): ours ${kb(ours[0].gzip).trim()} KiB gzip (the loader alone), isso ${kb(isso[0].gzip).trim()} KiB gzip`);
console.log(`\nScript tag inserted → typeable / taken over (ms, median of ${RUNS} runs each, headless Chromium, gzip from one 127.0.0.1 "CDN":
compressing on the fly at -9, or, in the last row, sending both clients' precompressed .gz files as they are)`);
const T = [28, 14, 14, 14, 14, 14, 12];
console.log(line(["network", "ours typeable", "ours taken", "isso typeable", "typeable ratio", "taken / isso", "max CLS"], T));
for (const [label, t] of [["unthrottled", fast], ["slow 4G (150 ms, 1.6 Mbps)", slow], ["slow 4G, precompressed .gz", slowPacked]]) {
  console.log(line([label, ms(t.ours.median), ms(t.taken.median), ms(t.isso.median), (t.ours.median / t.isso.median).toFixed(2), (t.taken.median / t.isso.median).toFixed(2), t.shift.toFixed(3)], T));
  console.log(line(["  p25–p75", `${ms(t.ours.p25)}–${t.ours.p75.toFixed(0)}`, `${ms(t.taken.p25)}–${t.taken.p75.toFixed(0)}`, `${ms(t.isso.p25)}–${t.isso.p75.toFixed(0)}`, "", "", ""], T));
}

console.log(`\nMemory after mount, and script time per keystroke (${KEYS} keys typed into the comment box)`);
const M = [26, 16, 18, 18];
console.log(line(["page", "JS heap (KiB)", "wasm memory (KiB)", "script ms / key"], M));
for (const [label, m] of [["article alone", mem.blank], ["ours", mem.ours], ["isso", mem.isso]]) {
  console.log(line([label, kb(m.heap), m.wasm ? kb(m.wasm) : "      –", label === "article alone" ? "      –" : m.perKey.toFixed(3).padStart(7)], M));
}
