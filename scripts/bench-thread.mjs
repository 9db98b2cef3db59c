// The thread benchmark: a thread of 500 comments (written into Isso's
// database: Isso's guard allows a client only a few top-level comments),
// loaded page by page through "Show more comments" in headless Chromium, five
// runs. Prints the time from the last click to all 500 on screen and the
// longest main-thread task while the ten pages load. Run after a release
// build: `node scripts/bench-thread.mjs`.
import { execFileSync } from "node:child_process";
import { startIsso, startStatic, freePort } from "../tests/e2e/support/servers.mjs";
import { launch, hostPage } from "../tests/e2e/support/browser.mjs";

const COMMENTS = 500;
const RUNS = 5;
const cdn = await startStatic();
const port = await freePort();
const isso = await startIsso({ origins: [`http://127.0.0.1:${port}`] });
await fetch(`${isso.url}/new?uri=%2Fbig%2F`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ text: "Comment number 0", author: "Reader 0", email: "r@example.org", title: "t" }),
});
execFileSync("python3", ["-c", `
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
tid = db.execute("SELECT id FROM threads WHERE uri='/big/'").fetchone()[0]
now = time.time()
for i in range(1, ${COMMENTS}):
    db.execute("INSERT INTO comments (tid, parent, created, modified, mode, remote_addr, text, author, email, website, likes, dislikes, voters, notification) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (tid, None, now + i, None, 1, '127.0.0.0', 'Comment number %d with *some* text and a [link](https://example.org/%d).' % (i, i), 'Reader %d' % i, 'r@example.org', None, 0, 0, b'', 0))
db.commit()
`, isso.db]);
const site = await startStatic({ dir: "/nonexistent", port, pages: { "/big/": hostPage({ widgetBase: cdn.url, attributes: { "data-backend": "isso", "data-endpoint": isso.url } }) } });
const browser = await launch();
const last = [];
const longest = [];
const items = (p) => p.locator("[data-comment-widget] .cw-thread__list > li").count();
for (let run = 0; run < RUNS; run++) {
  const p = await browser.newPage();
  await p.goto(`${site.url}/big/`);
  await p.locator("[data-comment-widget] .cw-thread__list > li").nth(49).waitFor();
  await p.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__long.push(e.duration))).observe({ type: "longtask" });
  });
  for (;;) {
    const more = p.locator("[data-comment-widget] .cw-thread__more:not([hidden]) button");
    if (!(await more.count())) break;
    const before = await items(p);
    await p.evaluate(() => (window.__t = performance.now()));
    await more.click();
    await p.waitForFunction((n) => document.querySelector("[data-comment-widget]").shadowRoot.querySelectorAll(".cw-thread__list > li").length > n, before, { polling: "raf" });
    const took = await p.evaluate(() => performance.now() - window.__t);
    if (before + 50 >= COMMENTS) last.push(took);
  }
  if ((await items(p)) !== COMMENTS) throw new Error(`run ${run}: ${await items(p)} comments on screen, not ${COMMENTS}`);
  longest.push(Math.max(0, ...(await p.evaluate(() => window.__long))));
  await p.close();
}
await browser.close();
await Promise.all([site.stop(), cdn.stop(), isso.stop()]);
const sorted = (v) => [...v].sort((a, b) => a - b);
const median = (v) => sorted(v)[Math.floor(v.length / 2)];
console.log(`Thread of ${COMMENTS} comments, ${RUNS} runs, headless Chromium, Isso on 127.0.0.1:`);
console.log(`  last "Show more comments" click -> all ${COMMENTS} on screen: median ${median(last).toFixed(0)} ms (${sorted(last).map((t) => t.toFixed(0)).join(", ")})`);
console.log(`  longest main-thread task while ten pages load: median ${median(longest).toFixed(0)} ms (${sorted(longest).map((t) => t.toFixed(0)).join(", ")})`);
