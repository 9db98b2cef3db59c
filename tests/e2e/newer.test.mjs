// The conversation as it happens: new comments reach a reader who keeps the
// article open, against the real Isso and the real WordPress (REST). Another
// reader posts a comment and a reply to an older comment; within the
// interval the open page says "2 new comments" (once, to screen readers too),
// nothing on the page moves until the reader presses it, then both are in
// place once, marked, the first focused; a reader who only reads fetches no
// wasm for it; a hidden tab asks nothing; the live thread takes over what
// the painted one found.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startIsso, startStatic, freePort, issoPost as postToIsso } from "./support/servers.mjs";
import { startWordPress } from "./support/wordpress.mjs";
import { launch, openPage, hostPage } from "./support/browser.mjs";

let browser, cdn, site, isso, wp;
const ids = {};
const INTERVAL = 5;
const issoPost = (uri, body) => postToIsso(isso, uri, body);

before(async () => {
  cdn = await startStatic();
  const sitePort = await freePort();
  [isso, wp] = await Promise.all([startIsso({ origins: [`http://127.0.0.1:${sitePort}`] }), startWordPress()]);
  for (const uri of ["/read/", "/hidden/", "/write/", "/handed/"]) {
    const first = await issoPost(uri, { text: "The first comment", author: "Bea" });
    await issoPost(uri, { text: "The second comment", author: "Cy" });
    ids[uri] = first.id;
  }
  const old = (m) => new Date(Date.now() - m * 60000).toISOString().slice(0, 19).replace("T", " ");
  wp.insertComments([
    { post: wp.posts.open, author: "Wes", content: "An older WordPress comment", date: old(30) },
    { post: wp.posts.open, author: "Xia", content: "Another one", date: old(20) },
  ]);
  // A footer under the widget: anything that moves on the page shows.
  const page = (attributes) =>
    hostPage({ widgetBase: cdn.url, attributes: { "data-live-interval": String(INTERVAL), ...attributes } }).replace("</main>", '</main><footer style="height: 900px">The footer</footer>');
  const onIsso = (uri) => page({ "data-backend": "isso", "data-endpoint": isso.url, "data-page": uri });
  site = await startStatic({
    dir: "/nonexistent",
    port: sitePort,
    pages: {
      "/read/": onIsso("/read/"),
      "/hidden/": onIsso("/hidden/"),
      "/write/": onIsso("/write/"),
      "/handed/": onIsso("/handed/"),
      "/wp/": page({ "data-backend": "wordpress-rest", "data-endpoint": wp.url, "data-post-id": String(wp.posts.open) }),
    },
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await Promise.all([cdn, site, isso, wp].map((s) => s?.stop()));
});

/** The page at `path`, opened at its comments; its requests and layout shifts recorded. */
async function opened(path) {
  const p = await openPage(browser);
  p.asked = [];
  p.on("request", (r) => p.asked.push(r.url()));
  await p.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => !e.hadRecentInput && window.__shifts.push(e.value))).observe({ type: "layout-shift", buffered: true });
  });
  await p.goto(`${site.url}${path}#comments`);
  return p;
}

const root = (p) => p.locator("[data-comment-widget]");
const wasmAsked = (p) => p.asked.filter((u) => /comment-widget-app(_bg\.wasm|\.js)$/.test(u));
const shifts = (p) => p.evaluate(() => window.__shifts.reduce((a, b) => a + b, 0));
const live = (p) => p.waitForSelector("[data-comment-widget][data-cw-live]", { state: "attached" });
/** The control that adds new comments, once it says `text`. */
const control = (p, text) => root(p).getByRole("button", { name: text });
const countOf = (p, selector) => p.evaluate((s) => document.querySelector("[data-comment-widget]").shadowRoot.querySelectorAll(s).length, selector);
const focusedId = (p) => p.evaluate(() => document.querySelector("[data-comment-widget]").shadowRoot.activeElement?.id ?? null);

/** Another reader posts a new comment and a reply to the first, older one. */
async function others(uri) {
  const reply = await issoPost(uri, { text: "A reply to the first, from another reader", author: "Dee", parent: ids[uri] });
  const top = await issoPost(uri, { text: "A new comment from another reader", author: "Eve" });
  return { reply: reply.id, top: top.id };
}

/** Asserts the two new comments are in place once, marked, the first (the reply) focused. */
async function inPlace(p, got, anchor) {
  await root(p).getByText("A new comment from another reader").waitFor();
  assert.equal(await countOf(p, `#${anchor}${got.reply}`), 1, "the reply is shown once");
  assert.equal(await countOf(p, `#${anchor}${got.top}`), 1, "the new comment is shown once");
  assert.equal(await countOf(p, `#${anchor}${got.parent} ~ .cw-thread__replies #${anchor}${got.reply}`), 1, "the reply is under the comment it answers");
  assert.equal(await countOf(p, ".cw-comment--new"), 2, "both are marked as new");
  assert.equal(await focusedId(p), `${anchor}${got.reply}`, "the focus is on the first new comment");
}

test("Isso, a reader who only reads: a comment and a reply to an older one are announced once within the interval, nothing moves until the press, then they are in place once; no wasm", async () => {
  const p = await opened("/read/");
  await root(p).getByText("The second comment").waitFor();
  await p.waitForTimeout(500);
  const before = await shifts(p);
  const got = { ...(await others("/read/")), parent: ids["/read/"] };
  await control(p, "2 new comments").waitFor({ timeout: (INTERVAL + 10) * 1000 });
  const told = await p.evaluate(() => [...document.querySelector("[data-comment-widget]").shadowRoot.querySelectorAll("[aria-live]")].map((el) => el.textContent).filter(Boolean));
  assert.deepEqual(told, ["2 new comments"], "said once, in a polite live region");
  assert.equal(await countOf(p, `#isso-${got.top}`), 0, "not shown before the press");
  assert.equal(await shifts(p), before, "nothing moved before the press");
  await control(p, "2 new comments").click();
  await inPlace(p, got, "isso-");
  assert.match(await root(p).locator(".cw-thread__title").innerText(), /4 comments/);
  assert.equal(await control(p, /new comment/).count(), 0, "the control is gone");
  // Checked again: nothing shown twice.
  await p.waitForTimeout((INTERVAL + 3) * 1000);
  assert.equal(await countOf(p, `#isso-${got.top}`), 1);
  assert.equal(await control(p, /new comment/).count(), 0, "nothing new since");
  assert.deepEqual(wasmAsked(p), [], "a reader who only reads fetches no wasm");
  assert.deepEqual(p.problems, []);
  await p.context().close();
});

test("a hidden tab asks the server nothing; back in view it asks once, at once", async () => {
  const p = await opened("/hidden/");
  await root(p).getByText("The second comment").waitFor();
  const hide = (hidden) =>
    p.evaluate((h) => {
      Object.defineProperty(document, "hidden", { configurable: true, get: () => h });
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => (h ? "hidden" : "visible") });
      document.dispatchEvent(new Event("visibilitychange"));
    }, hidden);
  await hide(true);
  const checks = () => p.asked.filter((u) => u.includes("after=")).length;
  const before = checks();
  await p.waitForTimeout((INTERVAL * 3 + 2) * 1000);
  assert.equal(checks(), before, "no check while the tab is hidden");
  await hide(false);
  await p.waitForTimeout(2500);
  assert.equal(checks(), before + 1, "one check on return");
  await p.context().close();
});

test("Isso, a writer: the live thread announces and adds new comments the same way; what the painted thread added before the code is kept, once, with nothing moving", async () => {
  // Found and added by the painted thread, then the code takes over.
  const p = await opened("/handed/");
  await root(p).getByText("The second comment").waitFor();
  const got = { ...(await others("/handed/")), parent: ids["/handed/"] };
  await control(p, "2 new comments").click({ timeout: (INTERVAL + 10) * 1000 });
  await inPlace(p, got, "isso-");
  assert.deepEqual(wasmAsked(p), []);
  const before = await shifts(p);
  await root(p).getByLabel(/^Comment\b/).focus();
  await live(p);
  await p.waitForFunction(() => !document.querySelector("[data-comment-widget]").shadowRoot.querySelector("[data-cw-painted-thread]"));
  assert.equal(await countOf(p, `#isso-${got.top}`), 1, "shown once by the live thread");
  assert.equal(await countOf(p, `#isso-${got.reply}`), 1);
  assert.equal(await countOf(p, ".cw-comment--new"), 2, "still marked as new");
  assert.equal(await shifts(p), before, "nothing moved at the takeover");
  await p.context().close();

  // The live thread's own checks.
  const w = await opened("/write/");
  await root(w).getByText("The second comment").waitFor();
  await root(w).getByLabel(/^Comment\b/).focus();
  await live(w);
  await w.waitForFunction(() => !document.querySelector("[data-comment-widget]").shadowRoot.querySelector("[data-cw-painted-thread]"));
  const later = { ...(await others("/write/")), parent: ids["/write/"] };
  await root(w).getByLabel(/^Comment\b/).fill("Half a thought");
  const shifted = await shifts(w);
  await control(w, "2 new comments").waitFor({ timeout: (INTERVAL + 10) * 1000 });
  assert.equal(await shifts(w), shifted, "nothing moved before the press");
  assert.equal(await root(w).getByLabel(/^Comment\b/).inputValue(), "Half a thought");
  await control(w, "2 new comments").click();
  await inPlace(w, later, "isso-");
  assert.equal(await root(w).getByLabel(/^Comment\b/).inputValue(), "Half a thought", "what is typed stays");
  assert.deepEqual(w.problems, []);
  await w.context().close();
});

test("WordPress REST: a comment and a reply to an older one, reach the open page, in place, with no wasm", async () => {
  const p = await opened("/wp/");
  await root(p).getByText("Another one").waitFor();
  const count = async () => Number((await root(p).locator(".cw-thread__title").innerText()).match(/\d+/)[0]);
  const was = await count();
  const now = new Date().toISOString().slice(0, 19).replace("T", " ");
  wp.insertComments([
    { post: wp.posts.open, author: "Dee", content: "A reply to the first, from another reader", date: now, parent: "Wes" },
    { post: wp.posts.open, author: "Eve", content: "A new comment from another reader", date: now },
  ]);
  const stored = wp.comments(wp.posts.open);
  const id = (author) => stored.find((c) => c.author === author).id;
  const got = { reply: id("Dee"), top: id("Eve"), parent: id("Wes") };
  await control(p, "2 new comments").click({ timeout: (INTERVAL + 10) * 1000 });
  await inPlace(p, got, "comment-");
  assert.equal(await count(), was + 2, "the heading counts them");
  assert.deepEqual(wasmAsked(p), []);
  assert.deepEqual(p.problems, []);
  await p.context().close();
});
