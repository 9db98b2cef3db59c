// What a reader expects of a comment form that never loses their words and
// that everyone can use: drafts across reloads, retry without double posts,
// offline sending, remembered details with consent, replies, languages
// (Arabic right to left), keyboard-only use, and axe-core clean in every state.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startIsso, startStatic, freePort } from "./support/servers.mjs";
import { startGenericServer } from "./support/generic_server.mjs";
import { launch, openPage, hostPage, axeViolations } from "./support/browser.mjs";
import { ReplyForm } from "./support/reply_form.mjs";

let browser, cdn, site, isso, generic, genericPort, seed, sitePortShared, issoDown;
let n = 0;
const unique = (label) => `${label} ${Date.now()}-${++n}`;
const POSTED = "Thank you! Your comment has been posted.";

before(async () => {
  cdn = await startStatic({ files: { "/dark-page.css": new URL("./pages/dark-page.css", import.meta.url).pathname } });
  const sitePort = await freePort();
  sitePortShared = sitePort;
  genericPort = await freePort();
  const issoDownPort = await freePort();
  [isso, generic] = await Promise.all([
    startIsso({ origins: [`http://127.0.0.1:${sitePort}`] }),
    startGenericServer({ port: genericPort }),
  ]);
  const page = (attributes, extra = {}) => hostPage({ widgetBase: cdn.url, attributes, ...extra });
  // A first comment to reply to, listed on the reply page with WordPress's own reply link markup.
  seed = await fetch(`${isso.url}/new?uri=${encodeURIComponent("/reply/")}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ text: "The first comment", author: "Bea", email: "bea@example.org", title: "t" }),
  }).then((r) => r.json());
  const isso_ = (extra = {}) => ({ "data-backend": "isso", "data-endpoint": isso.url, ...extra });
  const json = (path, extra = {}) => ({ "data-backend": "json", "data-endpoint": `http://127.0.0.1:${genericPort}${path}`, ...extra });
  site = await startStatic({
    dir: "/nonexistent",
    port: sitePort,
    pages: {
      "/draft/": page(isso_()),
      "/consent/": page(isso_()),
      "/double/": page(isso_()),
      "/retry/": page(json("/comments")),
      "/isso-retry/": page({ "data-backend": "isso", "data-endpoint": `http://127.0.0.1:${issoDownPort}` }),
      "/lost/": page(json("/lost/comments", { "data-timeout": "2" })),
      "/slow/": page(json("/slow/comments", { "data-timeout": "3" })),
      "/offline/": page(isso_()),
      "/spam/": page(json("/comments")),
      "/reply/": page(isso_(), {
        body: `<ol class="comments"><li>Bea wrote something.
          <a class="comment-reply-link" href="?replytocom=${seed.id}#respond" data-commentid="${seed.id}" data-replyto="Reply to Bea">Reply</a></li></ol>`,
      }),
      "/ar/": page(isso_(), { lang: "ar" }),
      "/de/": page(isso_({ "data-lang": "de" })),
      "/fr/": page(isso_(), { lang: "fr-FR" }),
      "/es/": page(isso_(), { lang: "es" }),
      "/zh/": page(isso_(), { lang: "zh-CN" }),
      "/dark/": page(isso_({ "data-theme": "dark" }), { head: `<link rel="stylesheet" href="${cdn.url}/dark-page.css">` }),
      "/keyboard/": page(isso_()),
    },
  });
  issoDown = { port: issoDownPort, server: null };
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await Promise.all([cdn, site, isso, generic, issoDown?.server].map((s) => s?.stop()));
});

async function open(path, context) {
  const p = context ? await context.newPage() : await openPage(browser);
  await p.goto(`${site.url}${path}`);
  const form = new ReplyForm(p);
  await form.heading.waitFor();
  return { p, form };
}

/** Waits until the form's draft in localStorage holds `text` (or, for "", until there is none). */
async function draftSaved(p, text) {
  await p.waitForFunction((t) => {
    const drafts = Object.keys(localStorage).filter((k) => k.startsWith("comment-widget:draft:")).map((k) => localStorage.getItem(k));
    return t === "" ? drafts.length === 0 : drafts.some((d) => d.includes(t));
  }, text);
}

async function clean(p, state) {
  const violations = await axeViolations(p);
  assert.deepEqual(violations, [], `axe-core, ${state}`);
}

test("a draft survives a reload, can be discarded, and is gone once posted", async () => {
  const context = await browser.newContext();
  let { p, form } = await open("/draft/", context);
  await clean(p, "empty form");
  const text = unique("A long comment I am still writing");
  await form.comment.fill(text);
  await draftSaved(p, text); // the draft is saved after a pause in typing
  await p.reload();
  form = new ReplyForm(p);
  await form.heading.waitFor();
  assert.equal(await form.comment.inputValue(), text);
  await p.locator("[data-comment-widget]").getByText("Your unsent comment from earlier is back in the form.").waitFor();
  await clean(p, "draft restored");
  // Discard empties the box and forgets the draft.
  await p.locator("[data-comment-widget]").getByRole("button", { name: "Discard it" }).click();
  assert.equal(await form.comment.inputValue(), "");
  await p.reload();
  form = new ReplyForm(p);
  await form.heading.waitFor();
  assert.equal(await form.comment.inputValue(), "");
  // A posted comment leaves no draft behind.
  await form.fill({ comment: text, name: "Ada", email: "ada@example.org" });
  await draftSaved(p, text);
  await form.submit.click();
  await form.expectStatus(POSTED);
  await draftSaved(p, "");
  await clean(p, "sent");
  await p.reload();
  form = new ReplyForm(p);
  await form.heading.waitFor();
  assert.equal(await form.comment.inputValue(), "");
  await context.close();
});

test("server down, text kept; server back, Try again posts exactly once", async () => {
  await generic.stop();
  const { p, form } = await open("/retry/");
  const text = unique("Written while the server was down");
  await form.fill({ comment: text, name: "Cy", email: "cy@example.org" });
  await form.submit.click();
  await form.expectStatus(/could not be reached/);
  assert.equal(await form.comment.inputValue(), text);
  await clean(p, "failed");
  generic = await startGenericServer({ port: genericPort });
  await p.locator("[data-comment-widget]").getByRole("button", { name: "Try again" }).click();
  await form.expectStatus(POSTED);
  assert.equal(generic.stored().filter((c) => c.fields.comment === text).length, 1);
});

test("Isso down, text kept; Isso started, Try again cannot tell, the reader sends it again, stored once", async () => {
  const { p, form } = await open("/isso-retry/");
  const text = unique("Written while Isso was down");
  await form.fill({ comment: text, name: "Ivo", email: "ivo@example.org" });
  await form.submit.click();
  await form.expectStatus(/could not be reached/);
  assert.equal(await form.comment.inputValue(), text);
  issoDown.server = await startIsso({ origins: [`http://127.0.0.1:${sitePortShared}`], port: issoDown.port });
  await p.locator("[data-comment-widget]").getByRole("button", { name: "Try again" }).click();
  // Isso lists only published comments: not finding it proves nothing, so
  // the reader decides.
  await form.expectStatus(/could not tell whether your comment reached the server/);
  assert.equal(await form.comment.inputValue(), text);
  await clean(p, "uncertain");
  await p.locator("[data-comment-widget]").getByRole("button", { name: "Send it again" }).click();
  await form.expectStatus(POSTED);
  assert.equal((await issoDown.server.comments("/isso-retry/")).filter((c) => c.text.includes(text)).length, 1);
});

test("an answer lost on the way back: Try again says it arrived, and it is stored once", async () => {
  const { p, form } = await open("/lost/");
  const text = unique("The server got this but its answer was lost");
  await form.fill({ comment: text, name: "Lu", email: "lu@example.org" });
  await form.submit.click();
  await form.expectStatus(/did not answer in time/);
  await p.locator("[data-comment-widget]").getByRole("button", { name: "Try again" }).click();
  await form.expectStatus("Your comment had already reached the server, so it was not sent again.");
  assert.equal(generic.stored().filter((c) => c.fields.comment === text).length, 1);
});

test("while sending, the form says so and stays accessible", async () => {
  const { p, form } = await open("/slow/");
  await form.fill({ comment: unique("Slow"), name: "Sol", email: "sol@example.org" });
  await form.submit.click();
  await form.expectStatus("Posting…");
  assert.equal(await form.submit.getAttribute("aria-disabled"), "true");
  await clean(p, "sending");
});

test("a double click posts once, and Enter pressed twice in a field posts once", async () => {
  const { p, form } = await open("/double/");
  const posts = [];
  p.on("request", (r) => r.method() === "POST" && posts.push(r.url()));
  const text = unique("Clicked twice");
  await form.fill({ comment: text, name: "Dee", email: "dee@example.org" });
  await form.submit.dblclick();
  await form.expectStatus(POSTED);
  assert.equal(posts.length, 1, posts.join("\n"));
  // Enter in a text field submits the form (a textarea would only add a line).
  // The second Enter meets either the post on its way (ignored) or, once it
  // is stored, an empty comment box (refused): never a second post.
  const again = unique("Entered twice");
  await form.comment.fill(again);
  const answered = p.waitForResponse((r) => r.url().includes("/new?") && r.request().method() === "POST");
  await form.email.press("Enter");
  await form.email.press("Enter");
  await answered;
  await p.waitForFunction(() => {
    const box = document.querySelector("[data-comment-widget]").shadowRoot.querySelector("textarea");
    return box.value === "";
  });
  assert.equal(posts.length, 2, posts.join("\n"));
  const stored = await isso.comments("/double/");
  assert.equal(stored.filter((c) => c.text.includes(text)).length, 1);
  assert.equal(stored.filter((c) => c.text.includes(again)).length, 1);
});

test("offline before sending: it waits, then sends once when the connection is back", async () => {
  const context = await browser.newContext();
  const { p, form } = await open("/offline/", context);
  const text = unique("Sent after reconnecting");
  await form.fill({ comment: text, name: "Otto", email: "otto@example.org" });
  await context.setOffline(true);
  await form.submit.click();
  await form.expectStatus(/You are offline/);
  await clean(p, "waiting offline");
  await context.setOffline(false);
  await form.expectStatus(POSTED);
  assert.equal((await isso.comments("/offline/")).filter((c) => c.text.includes(text)).length, 1);
  await context.close();
});

test("name, email and website are remembered only with consent", async () => {
  const context = await browser.newContext();
  let { p, form } = await open("/consent/", context);
  // Without the box ticked: nothing is kept.
  await form.fill({ comment: unique("No consent"), name: "Nia", email: "nia@example.org", website: "https://nia.example" });
  await form.submit.click();
  await form.expectStatus(POSTED);
  await p.reload();
  form = new ReplyForm(p);
  await form.heading.waitFor();
  assert.equal(await form.name.inputValue(), "");
  // Ticked: kept for next time, box ticked.
  await form.fill({ comment: unique("With consent"), name: "Nia", email: "nia@example.org", website: "https://nia.example" });
  await form.remember.check();
  await form.submit.click();
  await form.expectStatus(POSTED);
  await p.reload();
  form = new ReplyForm(p);
  await form.heading.waitFor();
  assert.equal(await form.name.inputValue(), "Nia");
  assert.equal(await form.email.inputValue(), "nia@example.org");
  assert.equal(await form.website.inputValue(), "https://nia.example");
  assert.equal(await form.remember.isChecked(), true);
  // Unticked: forgotten at once.
  await form.remember.uncheck();
  await p.reload();
  form = new ReplyForm(p);
  await form.heading.waitFor();
  assert.equal(await form.name.inputValue(), "");
  assert.equal(await form.remember.isChecked(), false);
  await context.close();
});

test("a spam bot that fills the hidden field is thanked and nothing is sent", async () => {
  const { p, form } = await open("/spam/");
  const text = unique("Buy pills");
  await form.fill({ comment: text, name: "Bot", email: "bot@example.org" });
  await p.evaluate(() => {
    const trap = document.querySelector("[data-comment-widget]").shadowRoot.querySelector("[name=cw-hp]");
    trap.value = "http://spam.example";
    trap.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await form.submit.click();
  await form.expectStatus(/awaiting moderation/);
  assert.equal(generic.stored().filter((c) => c.fields.comment === text).length, 0);
});

test("a WordPress reply link opens a reply, Cancel reply ends it, and the parent is sent", async () => {
  const p = await openPage(browser);
  await p.goto(`${site.url}/reply/`);
  const host = p.locator("[data-comment-widget]");
  await host.getByRole("heading", { name: "Leave a Reply" }).waitFor();
  await p.getByRole("link", { name: "Reply" }).click();
  await host.getByRole("heading", { name: /Reply to Bea/ }).waitFor();
  assert.ok(p.url().endsWith("/reply/"), "the page did not navigate");
  await clean(p, "replying");
  await host.getByRole("button", { name: "Cancel reply" }).click();
  await host.getByRole("heading", { name: "Leave a Reply" }).waitFor();
  await p.getByRole("link", { name: "Reply" }).click();
  const form = new ReplyForm(p);
  const text = unique("A reply to Bea");
  await form.fill({ comment: text, name: "Cal", email: "cal@example.org" });
  await form.submit.click();
  await form.expectStatus(POSTED);
  await p.locator("[data-comment-widget] .cw-posted").getByText(text).waitFor();
  const thread = await isso.comments("/reply/");
  const parent = thread.find((c) => c.id === seed.id);
  assert.ok(parent.replies.some((c) => c.text.includes(text) && c.parent === seed.id), JSON.stringify(thread));
});

test("an Arabic page gets the form right to left, in Arabic", async () => {
  const p = await openPage(browser);
  await p.goto(`${site.url}/ar/`);
  const host = p.locator("[data-comment-widget]");
  await host.getByRole("heading", { name: "اترك تعليقاً" }).waitFor();
  // The live form: the painted one it replaces could be detached between
  // finding it and reading its style (a detached element has no direction).
  // (It loads when the reader shows intent: a pointer over it.)
  await host.dispatchEvent("pointerover");
  await p.locator("[data-comment-widget][data-cw-live]").waitFor({ state: "attached" });
  const direction = await host.locator(".cw-reply").evaluate((el) => getComputedStyle(el).direction);
  assert.equal(direction, "rtl");
  await host.getByRole("button", { name: "إرسال التعليق" }).click();
  await host.locator(".cw-summary").getByText("اكتب تعليقك.").waitFor();
  await clean(p, "errors shown, Arabic");
});

test("data-lang picks German over the page's English", async () => {
  const page = await openPage(browser);
  await page.goto(`${site.url}/de/`);
  const host = page.locator("[data-comment-widget]");
  await host.getByRole("heading", { name: "Schreibe einen Kommentar" }).waitFor();
  await host.getByRole("button", { name: "Kommentar abschicken" }).click();
  await host.locator(".cw-summary").getByText("Bitte gib deinen Kommentar ein.").waitFor();
  await clean(page, "errors shown, German");
});

test("French and Spanish pages get their language, accessibly", async () => {
  for (const [path, heading, submit, error] of [
    ["/fr/", "Laisser un commentaire", "Laisser un commentaire", "Saisissez votre commentaire."],
    ["/es/", "Deja una respuesta", "Publicar el comentario", "Escribe tu comentario."],
  ]) {
    const p = await openPage(browser);
    await p.goto(`${site.url}${path}`);
    const host = p.locator("[data-comment-widget]");
    await host.getByRole("heading", { name: heading }).waitFor();
    await clean(p, `empty, ${path}`);
    await host.getByRole("button", { name: submit }).click();
    await host.locator(".cw-summary").getByText(error).waitFor();
    await clean(p, `errors shown, ${path}`);
  }
});

test("a Chinese page (zh-CN) gets Simplified Chinese, accessibly: the form, its errors, the posted sentence and the thread's count", async () => {
  const p = await openPage(browser);
  await p.goto(`${site.url}/zh/`);
  const host = p.locator("[data-comment-widget]");
  await host.getByRole("heading", { name: "发表回复" }).waitFor();
  await clean(p, "empty, Chinese");
  await host.getByRole("button", { name: "发表评论" }).click();
  await host.locator(".cw-summary").getByText("请输入评论内容。").waitFor();
  await clean(p, "errors shown, Chinese");
  const text = unique("你好，这是一条中文评论 😀");
  await host.getByLabel(/^评论(\s|\*|$)/).fill(text);
  await host.getByLabel(/^显示名称/).fill("小明");
  await host.getByLabel(/^邮箱/).fill("xiaoming@example.org");
  await host.getByRole("button", { name: "发表评论" }).click();
  await host.getByRole("status").getByText("谢谢！您的评论已发表。").waitFor();
  await host.getByRole("heading", { name: /^\d+ 条评论$/ }).waitFor();
  const stored = (await isso.comments("/zh/")).find((c) => c.text.includes(text));
  assert.equal(stored?.author, "小明");
});

test("the dark theme on a dark page passes axe-core, errors and all", async () => {
  const p = await openPage(browser);
  await p.goto(`${site.url}/dark/`);
  const form = new ReplyForm(p);
  await form.heading.waitFor();
  await clean(p, "dark, empty");
  await form.submit.click();
  await form.summary.waitFor();
  await clean(p, "dark, errors shown");
});

test("keyboard only: from the first field to a posted comment", async () => {
  const { p, form } = await open("/keyboard/");
  const text = unique("Typed without a mouse");
  // Tab from the top of the page until the comment box has focus.
  for (let i = 0; i < 10 && (await form.focusedClass()) !== "cw-field__input cw-field__input--comment"; i++) {
    await p.keyboard.press("Tab");
  }
  assert.equal(await form.focusedClass(), "cw-field__input cw-field__input--comment");
  await p.keyboard.type(text);
  await p.keyboard.press("Tab");
  await p.keyboard.type("Kim");
  await p.keyboard.press("Tab");
  await p.keyboard.type("kim@example.org");
  await p.keyboard.press("Tab"); // website
  await p.keyboard.press("Tab"); // the consent box (the spam trap is out of the tab order)
  assert.equal(await form.focusedClass(), "cw-consent__box");
  await p.keyboard.press("Tab"); // Preview
  assert.equal(await form.focusedClass(), "cw-button cw-button--secondary");
  await p.keyboard.press("Tab");
  assert.equal(await form.focusedClass(), "cw-reply__submit");
  await p.keyboard.press("Enter");
  await form.expectStatus(POSTED);
  assert.ok((await isso.comments("/keyboard/")).some((c) => c.text.includes(text)));
});
