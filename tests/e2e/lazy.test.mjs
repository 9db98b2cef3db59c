// Load on approach: on a long article whose comments are at the end, the
// loader paints the form at once but asks for nothing else (no wasm, no
// glue, nothing from the comments server) until the reader comes near it;
// scrolling down brings the thread and the live form, and what the reader
// typed across that arrival is all there; a page opened at a comment's
// anchor, or a widget with data-loading="eager", loads at once.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startIsso, startStatic, freePort } from "./support/servers.mjs";
import { launch, openPage, hostPage, holdWasm } from "./support/browser.mjs";
import { ReplyForm } from "./support/reply_form.mjs";

let browser, cdn, site, isso, first;

// Thirty sections of article before the comments: several screens.
const ARTICLE = Array.from({ length: 30 }, (_, i) =>
  `<h2>Section ${i + 1}</h2><p>${"The harbour office will publish the survey questions in December. ".repeat(8)}</p>`).join("\n");

before(async () => {
  cdn = await startStatic();
  const sitePort = await freePort();
  isso = await startIsso({ origins: [`http://127.0.0.1:${sitePort}`] });
  first = await fetch(`${isso.url}/new?uri=${encodeURIComponent("/long/")}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ title: "t", text: "Already here before you", author: "Bea", email: "bea@example.org" }),
  }).then((r) => r.json());
  const page = (extra = {}) =>
    hostPage({ widgetBase: cdn.url, body: ARTICLE, attributes: { "data-backend": "isso", "data-endpoint": isso.url, "data-page": "/long/", ...extra } });
  site = await startStatic({
    dir: "/nonexistent",
    port: sitePort,
    pages: { "/long/": page(), "/eager/": page({ "data-loading": "eager" }) },
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await Promise.all([cdn, site, isso].map((s) => s?.stop()));
});

/** A page that records every request it makes; `hold` keeps the wasm back until released. */
async function open(path, { hold = false } = {}) {
  const p = await openPage(browser);
  p.asked = [];
  p.on("request", (r) => p.asked.push(r.url()));
  const release = hold ? await holdWasm(p) : () => {};
  await p.goto(`${site.url}${path}`);
  await p.locator("[data-comment-widget][data-cw-painted]").waitFor({ state: "attached" });
  return { p, release };
}

const wasmAsked = (p) => p.asked.some((u) => u.endsWith("/comment-widget-app_bg.wasm"));
const glueAsked = (p) => p.asked.some((u) => u.endsWith("/comment-widget-app.js"));
const issoAsked = (p) => p.asked.filter((u) => u.startsWith(isso.url));

test("a reader who stays at the top of a long article fetches no wasm and sends nothing to the comments server", async () => {
  const { p } = await open("/long/");
  // Long enough for the loader's frame, its idle work and any early request.
  await p.waitForTimeout(1500);
  assert.equal(wasmAsked(p), false, `asked: ${p.asked.join(", ")}`);
  assert.equal(glueAsked(p), false);
  assert.deepEqual(issoAsked(p), []);
  assert.equal(await p.locator("[data-comment-widget][data-cw-live]").count(), 0);
  // The form is painted all the same, ready when the reader gets there.
  const inView = await p.evaluate(() => {
    const r = document.querySelector("[data-comment-widget]").getBoundingClientRect();
    return r.top < innerHeight * 2;
  });
  assert.equal(inView, false, "the widget is more than a screen below");
  assert.deepEqual(p.problems, []);
  await p.context().close();
});

test("scrolling down brings the thread and the live form, and typing across their arrival loses nothing", async () => {
  const { p, release } = await open("/long/", { hold: true });
  await p.waitForTimeout(500);
  assert.equal(wasmAsked(p), false);
  const form = new ReplyForm(p);
  await form.comment.scrollIntoViewIfNeeded();
  // Typed at once into the painted form, while the wasm is on its way.
  await form.comment.click();
  await form.comment.pressSequentially("Typed while it ");
  for (let i = 0; i < 100 && !wasmAsked(p); i++) await p.waitForTimeout(50);
  assert.equal(wasmAsked(p), true, "coming near the form asks for the wasm");
  release();
  await form.comment.pressSequentially("arrived, every character.");
  await p.locator("[data-comment-widget][data-cw-live]").waitFor({ state: "attached" });
  await form.comment.pressSequentially(" And after.");
  assert.equal(await form.comment.inputValue(), "Typed while it arrived, every character. And after.");
  // The thread came with it.
  await p.locator(".cw-thread").getByText("Already here before you").waitFor();
  assert.ok(issoAsked(p).length > 0);
  assert.deepEqual(p.problems, []);
  await p.context().close();
});

test("a page opened at a comment's anchor loads at once, without scrolling", async () => {
  const { p } = await open(`/long/#isso-${first.id}`);
  await p.locator("[data-comment-widget][data-cw-live]").waitFor({ state: "attached" });
  assert.equal(wasmAsked(p), true);
  await p.context().close();
});

test('data-loading="eager" loads at once, as before', async () => {
  const { p } = await open("/eager/");
  await p.locator("[data-comment-widget][data-cw-live]").waitFor({ state: "attached" });
  assert.equal(wasmAsked(p), true);
  assert.ok(issoAsked(p).length > 0, "the thread's first page is asked for");
  await p.context().close();
});
