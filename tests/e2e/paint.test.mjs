// Paint first, then take over: the loader alone puts the form on the page and
// the reader types at once; when the wasm arrives (held back here until the
// test lets it go), the Leptos form takes over what was typed, the focus and
// the caret, a press of Post Comment, and waits for an input method to finish
// composing; nothing moves. The painted markup is the component's, for every
// language and every setting that changes it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startIsso, startStatic, freePort } from "./support/servers.mjs";
import { launch, openPage, hostPage, axeViolations, holdWasm, widgetShape } from "./support/browser.mjs";
import { ReplyForm } from "./support/reply_form.mjs";

let browser, cdn, site, isso;
let n = 0;
const unique = (label) => `${label} ${Date.now()}-${++n}`;
const POSTED = "Thank you! Your comment has been posted.";

before(async () => {
  cdn = await startStatic();
  const sitePort = await freePort();
  isso = await startIsso({ origins: [`http://127.0.0.1:${sitePort}`] });
  const page = (attributes, extra = {}) => hostPage({ widgetBase: cdn.url, attributes, ...extra });
  const onIsso = (extra = {}) => ({ "data-backend": "isso", "data-endpoint": isso.url, ...extra });
  const pages = {
    "/type/": page(onIsso()),
    "/press/": page(onIsso()),
    "/compose/": page(onIsso()),
    "/early/": page(onIsso({ "data-loading": "eager" })),
    // A long article whose comment form ends the page (no thread yet).
    "/bottom/": page(onIsso(), { body: '<div style="height: 3000px">A long article.</div>' }),
  };
  for (const [name, attrs] of Object.entries(CONFIGS)) pages[`/same/${name}/`] = page(attrs(isso.url));
  site = await startStatic({ dir: "/nonexistent", port: sitePort, pages });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await Promise.all([cdn, site, isso].map((s) => s?.stop()));
});

// The settings that change the form's markup.
const CONFIGS = {
  en: (e) => ({ "data-backend": "isso", "data-endpoint": e }),
  de: (e) => ({ "data-backend": "isso", "data-endpoint": e, "data-lang": "de" }),
  fr: (e) => ({ "data-backend": "isso", "data-endpoint": e, "data-lang": "fr" }),
  es: (e) => ({ "data-backend": "isso", "data-endpoint": e, "data-lang": "es" }),
  ar: (e) => ({ "data-backend": "isso", "data-endpoint": e, "data-lang": "ar" }),
  anonymous: (e) => ({ "data-backend": "isso", "data-endpoint": e, "data-require-name-email": "false" }),
  // WordPress's cookies opt-in off: no "Save my name…" box.
  noremember: (e) => ({ "data-backend": "isso", "data-endpoint": e, "data-remember": "false" }),
  reply: (e) => ({ "data-backend": "isso", "data-endpoint": e, "data-reply-to": "12", "data-reply-to-name": "Ada" }),
  dark: (e) => ({ "data-backend": "isso", "data-endpoint": e, "data-theme": "dark" }),
  // No WordPress behind "/" here: its thread is off, the form is what is compared.
  wordpress: () => ({ "data-backend": "wordpress-rest", "data-endpoint": "/", "data-post-id": "1", "data-thread": "false" }),
  // A reader logged in to WordPress (one link left out), and a members-only site.
  member: () => ({
    "data-backend": "wordpress-rest", "data-endpoint": "/", "data-post-id": "1", "data-thread": "false",
    "data-logged-in-as": "Ed <b>Itor</b>", "data-logout-url": "/wp-login.php?action=logout&_wpnonce=1a2b", "data-rest-nonce": "1a2b3c",
  }),
  members: () => ({ "data-backend": "wordpress-form", "data-endpoint": "/", "data-post-id": "1", "data-login-url": "/wp-login.php?redirect_to=%2F" }),
  json: () => ({ "data-backend": "json", "data-endpoint": "/comments", "data-strings": JSON.stringify({ submit: "Send" }) }),
};

/** A page whose wasm waits until `release()` is called. */
async function held(path) {
  const p = await openPage(browser);
  const release = await holdWasm(p);
  await p.goto(`${site.url}${path}`);
  await p.locator("[data-comment-widget][data-cw-painted]").waitFor({ state: "attached" });
  // The code loads on the reader's intent (readers first): a pointer over
  // the widget (dispatched: a real hover could scroll the page).
  const taken = async () => {
    await p.locator("[data-comment-widget]").dispatchEvent("pointerover");
    await p.locator("[data-comment-widget][data-cw-live]").waitFor({ state: "attached" });
  };
  return { p, release, taken };
}

/** The form's DOM as a comparable tree (the thread after it loads on its own: thread.test.mjs, readers.test.mjs). */
const shape = (p) => widgetShape(p, ".cw-reply", ["data-cw-painted"]);

test("the painted form is the component's, in every language and setting, and both pass axe-core", async () => {
  for (const name of Object.keys(CONFIGS)) {
    const { p, release, taken } = await held(`/same/${name}/`);
    const painted = await shape(p);
    assert.deepEqual(await axeViolations(p), [], `${name}: the painted form`);
    release();
    await taken();
    const live = await shape(p);
    assert.deepEqual(painted, live, `${name}: painted and live forms differ`);
    assert.deepEqual(p.problems, [], name);
    await p.context().close();
  }
});

test("typed before the takeover: every character, the focus and the caret survive, nothing moves, and it posts", async () => {
  const { p, release, taken } = await held("/type/");
  await p.evaluate(() => {
    window.shifts = 0;
    new PerformanceObserver((list) => list.getEntries().forEach((e) => (window.shifts += e.value))).observe({ type: "layout-shift", buffered: true });
  });
  const form = new ReplyForm(p);
  const text = unique("Typed before the wasm");
  await form.comment.pressSequentially(text);
  await form.name.fill("Tia");
  await form.email.fill("tia@example.org");
  await form.comment.click();
  // The caret after the fifth character.
  await p.evaluate(() => document.querySelector("[data-comment-widget]").shadowRoot.querySelector("textarea").setSelectionRange(5, 5));
  assert.equal(await p.locator("[data-comment-widget][data-cw-live]").count(), 0, "still painted");
  const formBox = () => p.evaluate(() => {
    const r = document.querySelector("[data-comment-widget]").shadowRoot.querySelector(".cw-reply").getBoundingClientRect();
    return [r.x, r.y, r.width, r.height];
  });
  const box = await formBox();
  release();
  await taken();
  const after = await p.evaluate(() => {
    const root = document.querySelector("[data-comment-widget]").shadowRoot;
    const area = root.querySelector("textarea");
    return { painted: !!root.querySelector("[data-cw-painted]"), focused: root.activeElement === area, caret: area.selectionStart, value: area.value };
  });
  assert.deepEqual(after, { painted: false, focused: true, caret: 5, value: text });
  assert.deepEqual(await formBox(), box, "the form did not move or change size");
  await p.keyboard.type("!");
  assert.equal(await form.comment.inputValue(), `${text.slice(0, 5)}!${text.slice(5)}`);
  // From the paint to the live form and its (empty) thread, nothing moved.
  // (Posting then grows the form with its answer, the reader's doing.)
  await p.locator("[data-comment-widget] .cw-thread__note", { hasText: "Loading comments…" }).waitFor({ state: "hidden" });
  assert.equal(await p.evaluate(() => window.shifts), 0, "cumulative layout shift");
  await form.submit.click();
  await form.expectStatus(POSTED);
  const stored = await isso.comments("/type/");
  assert.equal(stored.filter((c) => c.text.includes(`${text.slice(0, 5)}!${text.slice(5)}`)).length, 1);
  assert.deepEqual(await axeViolations(p), []);
});

test("at the end of a long page, the form does not move when an empty thread loads under it", async () => {
  const { p, release, taken } = await held("/bottom/");
  await p.evaluate(() => {
    window.shifts = 0;
    new PerformanceObserver((list) => list.getEntries().forEach((e) => (window.shifts += e.value))).observe({ type: "layout-shift", buffered: true });
    window.scrollTo(0, document.documentElement.scrollHeight);
  });
  const top = () => p.evaluate(() => document.querySelector("[data-comment-widget]").shadowRoot.querySelector("textarea").getBoundingClientRect().top);
  const before = await top();
  release();
  await taken();
  await p.locator("[data-comment-widget] .cw-thread__note", { hasText: "Loading comments…" }).waitFor({ state: "hidden" });
  assert.equal(await top(), before, "the comment box stayed where the reader saw it");
  assert.equal(await p.locator("[data-comment-widget] .cw-thread__note").innerText(), "No comments", "in the line the loading note held");
  assert.equal(await p.evaluate(() => window.shifts), 0, "cumulative layout shift");
  assert.deepEqual(p.problems, []);
});

test('with data-loading="eager" the wasm, the longest download, is asked for before anything else: before the thread\'s first page', async () => {
  const p = await openPage(browser);
  await p.goto(`${site.url}/early/`);
  await p.locator("[data-comment-widget][data-cw-live]").waitFor({ state: "attached" });
  // The thread's first page has answered (its timing entry is written then).
  await p.locator("[data-comment-widget] .cw-thread__note", { hasText: "Loading comments…" }).waitFor({ state: "hidden" });
  const started = await p.evaluate(() => {
    const at = (test) => performance.getEntriesByType("resource").find((e) => test(e.name))?.startTime;
    return { wasm: at((n) => n.endsWith("/comment-widget-app_bg.wasm")), list: at((n) => n.includes("?uri=")) };
  });
  assert.ok(started.wasm !== undefined && started.list !== undefined, JSON.stringify(started));
  assert.ok(started.wasm < started.list, `the wasm was asked for at ${started.wasm} ms, the thread at ${started.list} ms`);
  assert.deepEqual(p.problems, []);
});

test("Post Comment pressed before the takeover is acted on once it is live, exactly once", async () => {
  const { p, release } = await held("/press/");
  const form = new ReplyForm(p);
  const text = unique("Pressed before the wasm");
  await form.fill({ comment: text, name: "Pim", email: "pim@example.org" });
  await form.submit.dblclick();
  await p.locator("[data-comment-widget]").getByRole("button", { name: "Posting…" }).waitFor();
  assert.equal(p.url(), `${site.url}/press/`, "the browser did not submit the painted form");
  release();
  await form.expectStatus(POSTED);
  assert.equal((await isso.comments("/press/")).filter((c) => c.text.includes(text)).length, 1);
});

test("the takeover waits for an input method to finish composing", async () => {
  const { p, release, taken } = await held("/compose/");
  const form = new ReplyForm(p);
  await form.comment.fill("日本");
  await p.evaluate(() => {
    const area = document.querySelector("[data-comment-widget]").shadowRoot.querySelector("textarea");
    area.dispatchEvent(new CompositionEvent("compositionstart", { bubbles: true, composed: true, data: "" }));
  });
  release();
  await p.waitForResponse((r) => r.url().endsWith("comment-widget-app_bg.wasm"));
  await p.evaluate(() => new Promise((r) => setTimeout(r, 500)));
  assert.equal(await p.locator("[data-comment-widget][data-cw-live]").count(), 0, "not while composing");
  await p.evaluate(() => {
    const area = document.querySelector("[data-comment-widget]").shadowRoot.querySelector("textarea");
    area.value = "日本語";
    area.dispatchEvent(new CompositionEvent("compositionend", { bubbles: true, composed: true, data: "語" }));
  });
  await taken();
  assert.equal(await form.comment.inputValue(), "日本語");
});
