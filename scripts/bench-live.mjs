// New comments while reading: what one open page costs the comments server.
// A real Isso, the article opened at its comments in Chromium, the page's
// clock faked (Playwright's clock: timers and Date) and run forward a second
// at a time, each check answered by Isso for real before the clock moves on.
// Prints the checks (requests to Isso after the first page) in 10 and 60
// minutes, for a reader who only reads (the painter's checks) and a writer
// (the live thread's), in a quiet thread and in one where another reader
// posts every 5 minutes (a reply to the first comment: for Isso the dearer
// case, a check and the first page read again). `data-live-interval` at its default (30 s).
//   node scripts/bench-live.mjs        (after a release build: dist/)
import { startIsso, startStatic, freePort, issoPost } from "../tests/e2e/support/servers.mjs";
import { launch, openPage, hostPage } from "../tests/e2e/support/browser.mjs";

const MINUTES = [10, 60];
const EVERY = 5;

const cdn = await startStatic();
const sitePort = await freePort();
const isso = await startIsso({ origins: [`http://127.0.0.1:${sitePort}`], ratelimit: 1000 });
const pages = {};
const runs = [];
let n = 0;
for (const who of ["reads only", "writer (live thread)"]) {
  for (const busy of [false, true]) {
    const uri = `/bench-${++n}/`;
    const first = await issoPost(isso, uri, { text: "The first comment", author: "Bea" });
    pages[uri] = hostPage({ widgetBase: cdn.url, attributes: { "data-backend": "isso", "data-endpoint": isso.url, "data-page": uri } });
    runs.push({ who, busy, uri, first: first.id });
  }
}
const site = await startStatic({ dir: "/nonexistent", port: sitePort, pages });
const browser = await launch();

async function run({ who, busy, uri, first }) {
  const p = await openPage(browser);
  await p.clock.install();
  const asked = [];
  let pending = 0;
  p.on("request", (r) => {
    if (r.url().startsWith(isso.url) && r.method() === "GET") {
      asked.push(r.url());
      pending++;
    }
  });
  const settled = (r) => r.url().startsWith(isso.url) && r.method() === "GET" && pending--;
  p.on("requestfinished", settled);
  p.on("requestfailed", settled);
  await p.goto(`${site.url}${uri}#comments`);
  const root = p.locator("[data-comment-widget]");
  await root.getByText("The first comment").waitFor();
  if (who.startsWith("writer")) {
    await root.getByLabel(/^Comment\b/).focus();
    await p.waitForSelector("[data-comment-widget][data-cw-live]", { state: "attached" });
    await p.waitForFunction(() => !document.querySelector("[data-comment-widget]").shadowRoot.querySelector("[data-cw-painted-thread]"));
  }
  while (pending > 0) await new Promise((r) => setTimeout(r, 10));
  const start = asked.length;
  const counts = {};
  for (let s = 1; s <= MINUTES[MINUTES.length - 1] * 60; s++) {
    if (busy && s % (EVERY * 60) === 0) await issoPost(isso, uri, { text: `At minute ${s / 60}`, author: "Other", parent: first });
    await p.clock.runFor(1000);
    await new Promise((r) => setTimeout(r, 1));
    while (pending > 0) await new Promise((r) => setTimeout(r, 5));
    if (MINUTES.includes(s / 60)) counts[s / 60] = asked.length - start;
  }
  await p.context().close();
  return counts;
}

console.log("\nNew comments while reading: requests one open page costs the comments server (real Isso, the page's clock run forward; data-live-interval 30 s)");
console.log(`${"reader".padEnd(22)}${"thread".padEnd(30)}${MINUTES.map((m) => `${m} min`.padStart(9)).join("")}`);
try {
  for (const r of runs) {
    const counts = await run(r);
    console.log(`${r.who.padEnd(22)}${(r.busy ? `a reply every ${EVERY} min` : "quiet").padEnd(30)}${MINUTES.map((m) => String(counts[m]).padStart(9)).join("")}`);
  }
  console.log("(target: at most 15 in the first 10 minutes of a quiet thread)");
} finally {
  await browser.close();
  await Promise.all([cdn.stop(), site.stop(), isso.stop()]);
}
