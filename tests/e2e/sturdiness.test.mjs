// The promise that matters most, "a reader's text is never lost", against
// what used to break it: text that traps byte-slicing code, answers that only
// look like success, retries that could post twice or drop a comment,
// unmounting at the worst moment, a wasm that dies, a loader fooled by the
// page, and drafts that collide. Real Isso (with and without moderation) and
// the generic endpoint; Chromium through Playwright.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { startIsso, startStatic, freePort, ROOT } from "./support/servers.mjs";
import { startGenericServer } from "./support/generic_server.mjs";
import { launch, openPage, hostPage, axeViolations } from "./support/browser.mjs";
import { ReplyForm } from "./support/reply_form.mjs";

let browser, cdn, crashCdn, site, isso, issoHeld, generic, seed, earlier;
let n = 0;
const unique = (label) => `${label} ${Date.now()}-${++n}`;
const POSTED = "Thank you! Your comment has been posted.";
const HELD = "Thank you! Your comment is awaiting moderation.";
const UNSURE = /could not tell whether your comment reached the server/;
const STOPPED = "The comment form stopped working. Your text is kept: reload the page to send it.";

before(async () => {
  cdn = await startStatic();
  // The same release build with the test-only trap hook (scripts/test.sh builds it).
  crashCdn = await startStatic({ dir: join(ROOT, "target/dist-test-hooks") });
  const sitePort = await freePort();
  const origins = [`http://127.0.0.1:${sitePort}`];
  [isso, issoHeld, generic] = await Promise.all([
    startIsso({ origins }),
    startIsso({ origins, moderation: true }),
    startGenericServer(),
  ]);
  seed = await fetch(`${isso.url}/new?uri=${encodeURIComponent("/reply-draft/")}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ text: "The first comment", author: "Bea", email: "bea@example.org", title: "t" }),
  }).then((r) => r.json());
  // The same reader said the same thing earlier (see the Isso lookup test).
  earlier = { text: unique("Thanks!"), at: Date.now() };
  await fetch(`${isso.url}/new?uri=${encodeURIComponent("/isso-lost/")}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ text: earlier.text, author: "Nia", email: "nia@example.org", title: "t" }),
  });
  const page = (attributes, extra = {}) => hostPage({ widgetBase: cdn.url, attributes, ...extra });
  const onIsso = (extra = {}) => ({ "data-backend": "isso", "data-endpoint": isso.url, ...extra });
  const onJson = (path, extra = {}) => ({ "data-backend": "json", "data-endpoint": `${generic.url}${path}`, ...extra });
  const twoForms = `<div id="second" data-comment-widget data-backend="isso" data-endpoint="${isso.url}" data-page="/crash/second/"></div>`;
  site = await startStatic({
    dir: "/nonexistent",
    port: sitePort,
    pages: {
      "/website/": page(onIsso()),
      "/amp/": page(onJson("/amp-error/comments")),
      "/redirect/": page(onJson("/redirect/comments")),
      "/held-lost/": page({ "data-backend": "isso", "data-endpoint": issoHeld.url }),
      "/isso-lost/": page(onIsso()),
      "/spa/": page({}, { body: `<div id="app"></div>` }).replace("<div data-comment-widget></div>", ""),
      "/crash/": hostPage({ widgetBase: crashCdn.url, attributes: onIsso({ id: "first" }), body: twoForms }),
      "/bad-date/": page(onIsso({ "data-strings": JSON.stringify({ lang: "zz-!!-not-a-tag" }) })),
      "/bad-csrf/": page(onJson("/csrf/comments", { "data-csrf-meta": "csrf-token", "data-csrf-header": "X CSRF" })),
      "/collide/": page(onJson("/comments", { "data-extra": JSON.stringify({ comment: "x" }) })),
      "/module/": `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>m</title><link rel="icon" href="data:,">
        <script type="module" src="${cdn.url}/comment-widget.js"></script></head><body><div data-comment-widget></div></body></html>`,
      "/clobbered/": page(onIsso(), { body: `<img name="currentScript" src="data:," alt="">` }),
      "/flaky/": page(onIsso()),
      "/routed/": page(onIsso()),
      "/reply-draft/": page(onIsso(), {
        body: `<p>Bea wrote something. <button type="button" data-cw-reply-to="${seed.id}" data-cw-reply-name="Bea">Reply</button></p>`,
      }),
      "/spam-draft/": page(onIsso()),
    },
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await Promise.all([cdn, crashCdn, site, isso, issoHeld, generic].map((s) => s?.stop()));
});

async function open(path, context) {
  const p = context ? await context.newPage() : await openPage(browser);
  if (context) {
    p.problems = [];
    p.on("console", (m) => m.type() === "error" && p.problems.push(m.text()));
    p.on("pageerror", (e) => p.problems.push(String(e)));
  }
  await p.goto(`${site.url}${path}`);
  const form = new ReplyForm(p);
  await form.heading.waitFor();
  return { p, form };
}

const traps = (p) => p.problems.filter((m) => /unreachable|RuntimeError|panicked/.test(m));

/** Waits until a draft in localStorage holds `text`. */
async function draftSaved(p, text) {
  await p.waitForFunction(
    (t) => Object.keys(localStorage).some((k) => k.startsWith("comment-widget:draft:") && localStorage.getItem(k).includes(t)),
    text,
  );
}

const reader = (name) => ({ name, email: `${name.toLowerCase()}@example.org` });

test("a website with a non-ASCII host right after the scheme gets a message, and the form keeps working", async () => {
  const { p, form } = await open("/website/");
  const text = unique("Website with é");
  await form.fill({ comment: text, ...reader("Wen"), website: "https:/é.example" });
  await form.submit.click();
  await form.summary.getByText(/web address starting with http/).waitFor();
  await form.website.fill("");
  await form.submit.click();
  await form.expectStatus(POSTED);
  assert.deepEqual(traps(p), []);
  assert.equal((await isso.comments("/website/")).filter((c) => c.text.includes(text)).length, 1);
});

test("a server message with & before multi-byte text is a sentence, and Try again still answers", async () => {
  const { p, form } = await open("/amp/");
  const text = unique("Amp");
  await form.fill({ comment: text, ...reader("Amy") });
  await form.submit.click();
  await form.expectStatus("Fehler &ééééééé; beim Speichern ’");
  await p.locator("[data-comment-widget]").getByRole("button", { name: "Try again" }).click();
  await form.status.getByText("Posting…").waitFor({ state: "detached" }).catch(() => {});
  await form.expectStatus(/Fehler/);
  assert.equal(await form.comment.inputValue(), text);
  assert.deepEqual(traps(p), []);
});

test("Try again checks the form again: a field emptied after a failure is named, and nothing is sent", async () => {
  const { p, form } = await open("/amp/");
  const posts = [];
  p.on("request", (r) => r.method() === "POST" && posts.push(r.url()));
  await form.fill({ comment: unique("Resend checked"), ...reader("Val") });
  await form.submit.click();
  await form.expectStatus(/Fehler/);
  assert.equal(posts.length, 1);
  await form.name.fill("");
  await p.locator("[data-comment-widget]").getByRole("button", { name: "Try again" }).click();
  await form.summary.getByText("Enter your name.").waitFor();
  assert.equal(posts.length, 1, "nothing more was sent");
});

test("storage that throws on every touch costs the reader nothing but the draft", async () => {
  const p = await openPage(browser);
  await p.addInitScript(() => {
    Object.defineProperty(window, "localStorage", { get() { throw new DOMException("The operation is insecure.", "SecurityError"); } });
  });
  await p.goto(`${site.url}/website/`);
  const form = new ReplyForm(p);
  const text = unique("No storage here");
  await form.fill({ comment: text, ...reader("Sto") });
  await form.remember.check();
  await form.submit.click();
  await form.expectStatus(POSTED);
  assert.deepEqual(traps(p), []);
  assert.equal((await isso.comments("/website/")).filter((c) => c.text.includes(text)).length, 1);
});

test("a success reached through a redirect is not a post: the reader is told, the text and draft stay", async () => {
  const { p, form } = await open("/redirect/");
  const text = unique("Redirected");
  await form.fill({ comment: text, ...reader("Rae") });
  await draftSaved(p, text);
  await form.submit.click();
  await form.expectStatus(/sent the form to another page/);
  assert.equal(await form.comment.inputValue(), text);
  await p.reload();
  await new ReplyForm(p).heading.waitFor();
  assert.equal(await new ReplyForm(p).comment.inputValue(), text);
});

test("Isso with moderation, an answer lost: Try again cannot tell, the reader keeps it, and it is stored once", async () => {
  const { p, form } = await open("/held-lost/");
  const text = unique("Held and lost");
  await form.fill({ comment: text, ...reader("Hal") });
  // The comment reaches Isso; its answer never reaches the page.
  await p.route("**/new?**", async (route) => {
    await route.fetch();
    await route.abort("connectionreset");
  });
  await form.submit.click();
  await form.expectStatus(/could not be reached/);
  await p.unroute("**/new?**");
  await p.locator("[data-comment-widget]").getByRole("button", { name: "Try again" }).click();
  // Isso lists only published comments: a held one is invisible, so the form asks.
  await form.expectStatus(UNSURE);
  assert.deepEqual(await axeViolations(p), []);
  await p.locator("[data-comment-widget]").getByRole("button", { name: "Keep it in the form" }).click();
  assert.equal(await form.comment.inputValue(), text);
  await p.reload();
  const again = new ReplyForm(p);
  await again.heading.waitFor();
  assert.equal(await again.comment.inputValue(), text, "the draft stays until the reader chooses");
  const stored = issoHeld.stored("/held-lost/").filter((c) => c.text === text);
  assert.equal(stored.length, 1);
  assert.equal(stored[0].mode, 2);
});

test("Isso: an older identical comment is not taken for this one; an answer lost is found and not sent again", async () => {
  const text = earlier.text;
  // Seconds apart, as a reader's two visits would be.
  await new Promise((r) => setTimeout(r, Math.max(0, earlier.at + 3000 - Date.now())));
  const { p, form } = await open("/isso-lost/");
  await form.fill({ comment: text, ...reader("Nia") });
  await p.route("**/new?**", (route) => route.abort("connectionrefused"), { times: 1 });
  await form.submit.click();
  await form.expectStatus(/could not be reached/);
  await p.locator("[data-comment-widget]").getByRole("button", { name: "Try again" }).click();
  await form.expectStatus(UNSURE);
  await p.locator("[data-comment-widget]").getByRole("button", { name: "Send it again" }).click();
  await form.expectStatus(POSTED);
  assert.equal((await isso.comments("/isso-lost/")).filter((c) => c.text.includes(text)).length, 2);

  const lost = unique("This one *arrived* & its answer was lost");
  await form.fill({ comment: lost });
  await p.route("**/new?**", async (route) => {
    await route.fetch();
    await route.abort("connectionreset");
  }, { times: 1 });
  await form.submit.click();
  await form.expectStatus(/could not be reached/);
  await p.locator("[data-comment-widget]").getByRole("button", { name: "Try again" }).click();
  await form.expectStatus("Your comment had already reached the server, so it was not sent again.");
  assert.equal(isso.stored("/isso-lost/").filter((c) => c.text === lost).length, 1);
});

test("unmounting while typing, while posting or while waiting to go online traps nothing, and a new mount works", async () => {
  const context = await browser.newContext();
  const { p } = await (async () => {
    const p = await context.newPage();
    p.problems = [];
    p.on("console", (m) => m.type() === "error" && p.problems.push(m.text()));
    p.on("pageerror", (e) => p.problems.push(String(e)));
    await p.goto(`${site.url}/spa/`);
    await p.waitForFunction(() => window.CommentWidget);
    return { p };
  })();
  const form = new ReplyForm(p, p.locator("#app"));
  const mount = (o) => p.evaluate((o) => CommentWidget.mount(document.getElementById("app"), o).then(() => {}), o);
  const unmount = () => p.evaluate(() => CommentWidget.unmount(document.getElementById("app")));
  const settle = () => p.evaluate(() => new Promise((r) => setTimeout(r, 600)));

  // Typing, with the draft's save still pending.
  const onIsso = { backend: "isso", endpoint: isso.url, page: "/spa/unmount/" };
  await mount(onIsso);
  await form.heading.waitFor();
  await form.comment.pressSequentially("Half a thought");
  await unmount();
  await settle();
  await mount(onIsso);
  await form.heading.waitFor();
  assert.equal(await form.comment.inputValue(), "Half a thought");
  await unmount();

  // A post in flight (this endpoint never answers): its fetch is aborted.
  const slow = { backend: "json", endpoint: `${generic.url}/slow/comments`, timeout: 30 };
  await mount(slow);
  await form.fill({ comment: "Sent as the page changed", ...reader("Sly") });
  await form.submit.click();
  await form.expectStatus("Posting…");
  await unmount();
  await settle();
  await mount(slow);
  await form.heading.waitFor();
  assert.equal(await form.submit.innerText(), "Post Comment");
  assert.equal(await form.comment.inputValue(), "Sent as the page changed");
  await unmount();

  // Waiting for the connection: going back online later sends nothing.
  const waiting = { backend: "json", endpoint: `${generic.url}/comments` };
  const text = unique("Waiting, then gone");
  await mount(waiting);
  await form.fill({ comment: text, ...reader("Oli") });
  await context.setOffline(true);
  await form.submit.click();
  await form.expectStatus(/You are offline/);
  await unmount();
  await context.setOffline(false);
  await settle();
  assert.equal(generic.stored().filter((c) => c.fields.comment === text).length, 0);
  await mount(waiting);
  await form.heading.waitFor();
  assert.equal(await form.comment.inputValue(), text);
  await form.fill(reader("Oli"));
  await form.submit.click();
  await form.expectStatus(POSTED);
  assert.equal(generic.stored().filter((c) => c.fields.comment === text).length, 1);
  assert.deepEqual(p.problems, []);
  await context.close();
});

test("if the wasm traps, every form says so, keeps what is typed across a reload, and never submits itself", async () => {
  const context = await browser.newContext();
  const p = await context.newPage();
  await p.goto(`${site.url}/crash/`);
  const first = new ReplyForm(p, p.locator("#first"));
  const second = new ReplyForm(p, p.locator("#second"));
  await first.heading.waitFor();
  await second.heading.waitFor();
  // The trap is in the live form: typing into the painted one would only be
  // carried over at the takeover, which waits for a pause in typing. A focus
  // is intent: it brings each form's code.
  await second.comment.focus();
  await first.comment.focus();
  await p.locator("#first[data-cw-live]").waitFor({ state: "attached" });
  await p.locator("#second[data-cw-live]").waitFor({ state: "attached" });
  await second.comment.fill("Written in the second form");
  await first.comment.fill("Words before the crash");
  await first.comment.pressSequentially(" cw-test-trap");
  await first.expectStatus(STOPPED);
  await second.expectStatus(STOPPED);
  await first.comment.pressSequentially(" and after it");
  await second.comment.pressSequentially(", and more");
  const url = p.url();
  await first.submit.click();
  await p.reload();
  await first.heading.waitFor();
  assert.equal(p.url(), url, "a dead form is not submitted to the page");
  assert.equal(await first.comment.inputValue(), "Words before the crash cw-test-trap and after it");
  assert.equal(await second.comment.inputValue(), "Written in the second form, and more");
  await context.close();
});

test("a language tag the browser refuses for dates does not leave the form on Posting…", async () => {
  const { form } = await open("/bad-date/");
  const text = unique("Odd lang");
  await form.fill({ comment: text, ...reader("Lia") });
  await form.submit.click();
  await form.expectStatus(POSTED);
  assert.equal((await isso.comments("/bad-date/")).filter((c) => c.text.includes(text)).length, 1);
});

test("an invalid CSRF header name, or a fixed field that takes the comment's name, is named in the console", async () => {
  for (const [path, needle] of [["/bad-csrf/", /data-csrf-header="X CSRF"/], ["/collide/", /data-extra uses the field name "comment"/]]) {
    const p = await openPage(browser);
    await p.goto(`${site.url}${path}`);
    await p.locator("[data-comment-widget]").getByText("The comment form could not be shown here.").waitFor();
    assert.ok(p.problems.some((m) => needle.test(m)), p.problems.join("\n"));
  }
});

test("the loader refuses to run as a module, or when document.currentScript is not its script", async () => {
  for (const [path, needle] of [["/module/", /must be loaded as a classic script/], ["/clobbered/", /cannot tell where comment-widget.js was loaded from/]]) {
    const p = await openPage(browser);
    const said = p.waitForEvent("console", { predicate: (m) => needle.test(m.text()) });
    await p.goto(`${site.url}${path}`);
    await said;
    assert.equal(await p.locator("[data-cw-mounted]").count(), 0);
  }
});

test("a failed load is tried again by CommentWidget.mountAll()", async () => {
  const p = await openPage(browser);
  await p.route("**/comment-widget-app_bg.wasm", (route) => route.fulfill({ status: 404, body: "" }));
  await p.goto(`${site.url}/flaky/`);
  await p.locator("[data-comment-widget]").dispatchEvent("pointerover"); // the code loads on intent
  await p.locator("[data-comment-widget]").getByText("The comment form could not be loaded.").waitFor();
  await p.unroute("**/comment-widget-app_bg.wasm");
  await p.evaluate(() => CommentWidget.mountAll());
  await new ReplyForm(p).heading.waitFor();
});

test("articles routed by ?p=N keep their own drafts; tracking parameters do not matter", async () => {
  const context = await browser.newContext();
  let { p, form } = await open("/routed/?p=1", context);
  await form.comment.fill("About article one");
  await draftSaved(p, "About article one");
  await p.goto(`${site.url}/routed/?p=2`);
  form = new ReplyForm(p);
  await form.heading.waitFor();
  assert.equal(await form.comment.inputValue(), "");
  await p.goto(`${site.url}/routed/?utm_source=mail&p=1`);
  await form.heading.waitFor();
  assert.equal(await form.comment.inputValue(), "About article one");
  await context.close();
});

test("a reply's draft comes back as a reply to the same comment", async () => {
  const context = await browser.newContext();
  let { p, form } = await open("/reply-draft/", context);
  await p.locator("main button[data-cw-reply-to]").click();
  const replyForm = () => new ReplyForm(p);
  await p.locator("[data-comment-widget]").getByRole("heading", { name: /Reply to Bea/ }).waitFor();
  const text = unique("My reply");
  await form.comment.fill(text);
  await draftSaved(p, text);
  await p.reload();
  await p.locator("[data-comment-widget]").getByRole("heading", { name: /Reply to Bea/ }).waitFor();
  form = replyForm();
  assert.equal(await form.comment.inputValue(), text);
  // (The form moves under Bea's comment when the live thread draws it.)
  await form.comment.focus();
  await form.settled();
  assert.equal(await form.comment.inputValue(), text);
  await form.fill(reader("Rex"));
  await form.submit.click();
  await form.expectStatus(POSTED);
  const stored = isso.stored("/reply-draft/").find((c) => c.text === text);
  assert.equal(stored?.parent, seed.id);
  await context.close();
});

test("typing in a reply when the thread arrives and the form moves under the comment it answers: the keys keep landing in the same field", async () => {
  const context = await browser.newContext();
  let { p, form } = await open("/reply-draft/", context);
  await p.locator("main button[data-cw-reply-to]").click();
  await p.locator("[data-comment-widget]").getByRole("heading", { name: /Reply to Bea/ }).waitFor();
  const text = unique("Moving reply");
  await form.comment.fill(text);
  await draftSaved(p, text);
  // The thread's answer held back: the live form comes above a thread that is still loading.
  let release;
  const held = new Promise((r) => (release = r));
  await p.route(/\/\?uri=/, async (route) => {
    if (route.request().method() === "GET") await held;
    await route.continue();
  });
  await p.reload();
  form = new ReplyForm(p);
  await p.locator("[data-comment-widget]").getByRole("heading", { name: /Reply to Bea/ }).waitFor();
  await form.comment.focus();
  await p.locator("[data-comment-widget][data-cw-live]").waitFor({ state: "attached" });
  await p.keyboard.press("End");
  await p.keyboard.type(" one");
  release();
  await p.locator("[data-comment-widget] .cw-thread__list li .cw-reply").waitFor();
  await p.keyboard.type(" two");
  assert.equal(await form.comment.inputValue(), `${text} one two`);
  assert.equal(await form.focusedClass(), "cw-field__input cw-field__input--comment");
  await context.close();
});

test("a filled spam trap never deletes the reader's saved draft", async () => {
  const context = await browser.newContext();
  const { p, form } = await open("/spam-draft/", context);
  const text = unique("Autofill filled the trap");
  await form.fill({ comment: text, ...reader("Ana") });
  await draftSaved(p, text);
  await p.evaluate(() => {
    const trap = document.querySelector("[data-comment-widget]").shadowRoot.querySelector("input[name=cw-hp]");
    trap.value = "filled by autofill";
    trap.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await form.submit.click();
  await form.expectStatus(HELD);
  await p.reload();
  await form.heading.waitFor();
  assert.equal(await form.comment.inputValue(), text);
  assert.equal((await isso.comments("/spam-draft/")).length, 0);
  await context.close();
});
