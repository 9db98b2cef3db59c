// Where the main thread's time goes, at Chromium's 4x CPU slowdown: opens
// the benchmark's article at #comments (N comments in Isso, default 12) with
// our widget, optionally presses the comment box and types (`--write`), and
// prints every main-thread task over 16 ms with what it spent its time on
// (from a Chromium trace), then the functions with the most self time (from
// V8's sampling profiler). Run after a release build:
//   node scripts/profile.mjs [--comments N] [--write] [--isso]
// (`--isso`: Isso's own client on the same page instead of ours.)
import { startIsso, startStatic, freePort } from "../tests/e2e/support/servers.mjs";
import { launch } from "../tests/e2e/support/browser.mjs";
import { issoClient, seedIsso } from "./bench-page.mjs";

const arg = (name) => process.argv.indexOf(name);
const N = arg("--comments") > 0 ? Number(process.argv[arg("--comments") + 1]) : 12;
const WRITE = arg("--write") > 0;
const WHICH = arg("--isso") > 0 ? "isso" : "ours";

const cdn = await startStatic({ gzip: true, files: { "/isso/embed.min.js": issoClient() } });
const sitePort = await freePort();
const isso = await startIsso({ origins: [`http://127.0.0.1:${sitePort}`] });
seedIsso(isso.db, "/p/", N);
const article = (head, inner) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench article</title>
<link rel="icon" href="data:,">${head}</head><body><main><h1>Harbour town votes to keep its night ferry</h1>
<p>${"Article text. ".repeat(80)}</p><h2 id="comments">Comments</h2>${inner}</main></body></html>`;
const site = await startStatic({ dir: "/nonexistent", port: sitePort, pages: {
  "/p/ours/": article(`<script src="${cdn.url}/comment-widget.js" defer></script>`, `<div data-comment-widget data-backend="isso" data-endpoint="${isso.url}" data-page="/p/"></div>`),
  "/p/isso/": article(`<script src="${cdn.url}/isso/embed.min.js" data-isso="${isso.url}/" defer></script>`, `<section id="isso-thread" data-isso-id="/p/" data-title="Bench article"></section>`),
} });

const browser = await launch();
const context = await browser.newContext();
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send("Network.enable");
await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
await cdp.send("Profiler.enable");
await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
await browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8", "v8.execute", "v8.wasm", "disabled-by-default-v8.wasm.detailed", "toplevel", "blink.user_timing", "loading"] });
await cdp.send("Profiler.start");
await page.goto(`${site.url}/p/${WHICH}/${process.env.CW_PROFILE_HASH ?? "#comments"}`);
if (WRITE) {
  await page.locator(WHICH === "ours" ? "[data-comment-widget] textarea" : "#isso-thread textarea").click({ timeout: 60000 });
  await page.keyboard.type("The night ferry is how my grandmother gets to her shifts.", { delay: 100 });
}
await page.waitForTimeout(4000);
const { profile } = await cdp.send("Profiler.stop");
const trace = JSON.parse((await browser.stopTracing()).toString());
await browser.close();
await Promise.all([cdn, site, isso].map((s) => s.stop()));

// The tasks: the renderer's main thread, each top-level task over 16 ms, with
// the time of its direct and nested events by name (self time, so nothing
// counts twice), scripts named by their file.
const events = trace.traceEvents;
const main = events.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain" &&
  events.some((x) => x.pid === e.pid && x.name === "ResourceSendRequest" && String(x.args?.data?.url).includes("/p/")));
const onMain = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === "X" && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
const nav = events.find((e) => e.name === "navigationStart" && main && e.pid === main.pid)?.ts ?? onMain[0]?.ts ?? 0;
const isTask = (e) => e.name === "RunTask" || e.name === "ThreadControllerImpl::RunTask";
// (Tasks nest in tasks: only the outermost count.)
const tasks = onMain.filter(isTask).filter((t, i, all) => !all.some((o) => o !== t && o.ts <= t.ts && o.ts + o.dur >= t.ts + t.dur && (o.dur > t.dur || all.indexOf(o) < i)));
const file = (url) => (url ? String(url).split("/").pop().split("?")[0] : "");
const label = (e) => {
  const d = e.args?.data || e.args?.beginData || {};
  const f = file(d.url || d.scriptName || d.stackTrace?.[0]?.url);
  return f ? `${e.name} ${f}${d.functionName ? " " + d.functionName : ""}${d.type ? " " + d.type : ""}` : `${e.name}${d.type ? " " + d.type : ""}`;
};
// The samples, each at its time (the profiler's clock is the trace's).
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const samples = [];
for (let i = 0, t = profile.startTime; i < profile.samples.length; i++) {
  t += profile.timeDeltas[i] || 0;
  const f = byId.get(profile.samples[i]).callFrame;
  if (["(idle)", "(program)", "(root)"].includes(f.functionName)) continue;
  samples.push([t, `${f.functionName || "(anonymous)"} ${file(f.url)}:${f.lineNumber + 1}`, profile.timeDeltas[i + 1] || 0]);
}
const topFunctions = (from, to, n) => {
  const self = new Map();
  for (const [t, k, d] of samples) if (t >= from && t <= to) self.set(k, (self.get(k) || 0) + d);
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, n);
};
console.log(`${WHICH}, ${N} comments, 4x CPU${WRITE ? ", typing" : ""}: main-thread tasks over 16 ms (ms from navigation; self time inside by event)`);
let tbt = 0;
for (const t of tasks) {
  const dur = t.dur / 1000;
  if (dur > 50) tbt += dur - 50;
  if (dur <= 16) continue;
  const inside = onMain.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur);
  const self = new Map();
  for (const e of inside) {
    const children = inside.filter((c) => c !== e && c.ts >= e.ts && c.ts + c.dur <= e.ts + e.dur);
    // Only direct children: those not inside another child.
    const direct = children.filter((c) => !children.some((o) => o !== c && o.ts <= c.ts && o.ts + o.dur >= c.ts + c.dur && o.dur > c.dur));
    const own = e.dur - direct.reduce((s, c) => s + c.dur, 0);
    self.set(label(e), (self.get(label(e)) || 0) + own);
  }
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 6).filter(([, v]) => v >= 1000);
  console.log(`  at ${((t.ts - nav) / 1000).toFixed(0)} ms: ${dur.toFixed(0)} ms — ${top.map(([k, v]) => `${k} ${(v / 1000).toFixed(0)}`).join("; ")}`);
  const fns = topFunctions(t.ts, t.ts + t.dur, Number(process.env.CW_PROFILE_TOP || 8)).filter(([, v]) => v >= 1000);
  if (fns.length) console.log(`      functions: ${fns.map(([k, v]) => `${k} ${(v / 1000).toFixed(0)}`).join("; ")}`);
}
console.log(`  total blocking time ${tbt.toFixed(0)} ms`);

// The functions: self time over the whole run.
console.log(`functions with the most self time (ms, 4x):`);
for (const [k, v] of topFunctions(-Infinity, Infinity, 25)) console.log(`  ${(v / 1000).toFixed(1).padStart(7)}  ${k}`);
if (process.env.CW_PROFILE_LAYOUTS) for (const e of onMain.filter((e) => (e.name === "Layout" || e.name === "UpdateLayoutTree") && e.dur > 3000)) console.log(((e.ts - nav) / 1000).toFixed(0), e.name, (e.dur / 1000).toFixed(0), JSON.stringify(e.args).slice(0, 400));
if (process.env.CW_PROFILE_EVENTS) {
  const big = tasks.filter((t) => t.dur > 100000);
  for (const t of big) {
    const names = new Map();
    for (const e of events.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ts >= t.ts && e.ts <= t.ts + t.dur)) names.set(e.name, [(names.get(e.name)?.[0] || 0) + (e.dur || 0), (names.get(e.name)?.[1] || 0) + 1]);
    console.log(((t.ts - nav) / 1000).toFixed(0), (t.dur / 1000).toFixed(0), [...names].sort((a, b) => b[1][0] - a[1][0]).slice(0, 25).map(([k, [d, n]]) => `${k} ${(d / 1000).toFixed(0)}ms×${n}`).join("; "));
  }
}
