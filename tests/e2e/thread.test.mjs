// The conversation under the form, read from the real servers: Isso's thread
// with a reply nested under its parent, counted in the reader's language, and
// Reply posting with the right parent; WordPress's thread (REST) with a
// corpus of hostile comments written straight into its database — nothing
// runs, nothing is fetched, the harmless formatting survives — and a second
// page behind "Show more comments"; a thread that cannot load leaves the
// form working.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { startIsso, startStatic, freePort, issoPost as postToIsso } from "./support/servers.mjs";
import { startWordPress } from "./support/wordpress.mjs";
import { startGenericServer } from "./support/generic_server.mjs";
import { startBait, hostileCorpus } from "./support/hostile.mjs";
import { launch, openPage, hostPage, axeViolations } from "./support/browser.mjs";
import { ReplyForm } from "./support/reply_form.mjs";

let browser, cdn, slowCdn, site, generic, isso, heldIsso, wp, bait, bea;
let n = 0;
const unique = (label) => `${label} ${Date.now()}-${++n}`;
const POSTED = "Thank you! Your comment has been posted.";

const issoPost = (uri, body) => postToIsso(isso, uri, body);

before(async () => {
  // Anything a hostile comment manages to fetch lands here.
  bait = await startBait();
  const evil = bait.url;

  cdn = await startStatic();
  // The wasm held back, as on a slow network: the thread must not wait for it.
  slowCdn = await startStatic({ delays: { "/comment-widget-app_bg.wasm": 1500 } });
  const sitePort = await freePort();
  isso = await startIsso({ origins: [`http://127.0.0.1:${sitePort}`] });
  wp = await startWordPress();
  generic = await startGenericServer();
  // A comment already there, posted under the site's own field names, HTML and all.
  await fetch(`${generic.url}/comments`, {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ body: `<img src="${evil}/generic" onerror="window.__pwned='generic'">Tags stay text`, author: "Ola", mail: "ola@example.org", thread: "/generic/" }),
  });
  heldIsso = await startIsso({ origins: [`http://127.0.0.1:${sitePort}`], moderation: true });
  bea = await issoPost("/isso/", { text: "The *first* comment, with [a link](https://example.org/).", author: "Bea", website: "https://bea.example" });
  await issoPost("/isso/", { text: "A reply to Bea", author: "Cy", parent: bea.id });
  await issoPost("/isso/", { text: "Another thought", author: "Di" });
  await issoPost("/isso-keys/", { text: "Keyboards welcome", author: "Gus" });
  // A public comment on the moderated Isso: posted (held), then approved in its database.
  await fetch(`${heldIsso.url}/new?uri=${encodeURIComponent("/held/")}`, {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ title: "t", email: "x@example.org", text: "Approved earlier", author: "Ivo" }),
  });
  approveAllIn(heldIsso);
  for (const [i, who] of ["Ali", "Bo", "Cem"].entries()) await issoPost("/isso-ar/", { text: `تعليق رقم ${i + 1}`, author: who });

  // WordPress: what kses would never let through a form, written straight
  // into the database, as a compromised or careless import would leave it.
  const post = wp.posts.open;
  const hostile = hostileCorpus(evil);
  const at = (i) => `2026-11-20 10:0${i % 10}:00`;
  wp.insertComments([
    ...hostile.map((content, i) => ({ post, author: `Hostile ${i}`, email: `h${i}@example.org`, content, date: at(i) })),
    // Enough more for a second page (WordPress lists 50 top-level comments a page).
    ...Array.from({ length: 45 }, (_, i) => ({ post, author: `Filler ${i}`, email: `f${i}@example.org`, content: `Filler comment ${i}`, date: `2026-11-21 10:00:${String(i).padStart(2, "0")}` })),
    // A reply nested under the comment with the kept formatting.
    { post, author: "Nested Nia", email: "n@example.org", content: "A nested reply", date: "2026-11-20 10:09:30", parent: "Hostile 9" },
  ]);

  // Isso: the same corpus written into its sqlite (Isso renders Markdown
  // when it lists, with its own sanitizer; ours comes after), and enough
  // more top-level comments for a second page.
  await issoPost("/isso-hostile/", { text: "The first, through the API", author: "Api" });
  const issoRows = [...hostile.map((text, i) => [`Hostile ${i}`, text]),
    ["Markdown", "*md emphasis* **md strong** `md code` [md link](https://example.org/kept)"],
    ...Array.from({ length: 45 }, (_, i) => [`Filler ${i}`, `Filler comment ${i}`])];
  execFileSync("python3", ["-c", `
import json, sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
tid = db.execute("SELECT id FROM threads WHERE uri='/isso-hostile/'").fetchone()[0]
now = time.time()
for i, (author, text) in enumerate(json.loads(sys.argv[2])):
    db.execute("INSERT INTO comments (tid, parent, created, modified, mode, remote_addr, text, author, email, website, likes, dislikes, voters, notification) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (tid, None, now + i + 1, None, 1, '127.0.0.0', text, author, 'h@example.org', None, 0, 0, b'', 0))
db.commit()
`, isso.db, JSON.stringify(issoRows)]);

  const page = (attributes, extra = {}) => hostPage({ widgetBase: cdn.url, attributes, ...extra });
  const onIsso = (extra = {}) => ({ "data-backend": "isso", "data-endpoint": isso.url, ...extra });
  site = await startStatic({
    dir: "/nonexistent",
    port: sitePort,
    pages: {
      "/isso/": page(onIsso()),
      "/isso-ar/": page(onIsso({ "data-lang": "ar" })),
      "/isso-dark/": page(onIsso({ "data-theme": "dark", "data-page": "/isso/" }), { head: `<style>body{background:#111;color:#eee}</style>` }),
      "/isso-off/": page(onIsso({ "data-thread": "false", "data-page": "/isso/" })),
      "/isso-keys/": page(onIsso()),
      "/isso-hostile/": page(onIsso()),
      ...Object.fromEntries(["en", "de", "fr", "es", "ar", "zh"].flatMap((lang) => ["light", "dark"].map((theme) => [
        `/every/${lang}/${theme}/`,
        page(onIsso({ "data-lang": lang, "data-theme": theme, "data-page": "/isso/" }), theme === "dark" ? { head: `<style>body{background:#111;color:#eee}</style>` } : {}),
      ]))),
      "/generic/": page({ "data-backend": "json", "data-endpoint": `${generic.url}/comments`, "data-list-endpoint": `${generic.url}/list`,
        "data-fields": JSON.stringify({ comment: "body", name: "author", email: "mail", parent: "reply_to", page: "thread" }) }),
      "/isso-slow/": hostPage({ widgetBase: slowCdn.url, attributes: onIsso({ "data-page": "/isso-keys/" }) }),
      "/held/": page({ "data-backend": "isso", "data-endpoint": heldIsso.url }),
      "/wordpress/": page({ "data-backend": "wordpress-rest", "data-endpoint": wp.url, "data-post-id": String(post) }),
    },
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await Promise.all([cdn, slowCdn, site, isso, heldIsso, wp, generic].map((s) => s?.stop()));
  await bait?.stop();
});

const thread = (p) => p.locator("[data-comment-widget] .cw-thread");

function approveAllIn(server) {
  execFileSync("python3", ["-c", "import sqlite3,sys\ndb=sqlite3.connect(sys.argv[1])\ndb.execute('UPDATE comments SET mode=1')\ndb.commit()", server.db]);
}

/** Opens `path`, answers `name`'s comment from its Reply button as `who`, and waits for `expect`. */
async function replyFromThread(path, name, comment, who, expect = POSTED) {
  const p = await openPage(browser);
  await p.goto(`${site.url}${path}`);
  await thread(p).getByRole("button", { name: `Reply to ${name}` }).click();
  const form = new ReplyForm(p);
  await form.settled();
  await form.fill({ comment, ...who });
  await form.submit.click();
  await form.expectStatus(expect);
  return p;
}

const commentBoxFocused = (p) => p.waitForFunction(() =>
  document.querySelector("[data-comment-widget]").shadowRoot.activeElement?.classList.contains("cw-field__input--comment"));

/** Where the form is, who has focus, and what the thread shows, seen through the shadow root. */
const whereIsTheForm = (p) => p.evaluate(() => {
  const root = document.querySelector("[data-comment-widget]").shadowRoot;
  const form = root.querySelector(".cw-reply");
  const under = form.parentElement.closest("li")?.querySelector(":scope > article .cw-comment__author")?.textContent ?? null;
  const focused = root.activeElement;
  return {
    under,
    aboveThread: form.parentElement.classList.contains("cw-root") && !!(form.compareDocumentPosition(root.querySelector(".cw-thread")) & Node.DOCUMENT_POSITION_FOLLOWING),
    focused: focused ? (focused.getAttribute("data-cw-reply") ? `reply ${focused.getAttribute("data-cw-name")}` : focused.className) : null,
  };
});

test("Isso's thread shows under the form: counted, nested, dated, linked safely; Reply posts with the parent", async () => {
  const p = await openPage(browser);
  await p.goto(`${site.url}/isso/`);
  await thread(p).getByRole("heading", { name: "3 comments" }).waitFor();
  const shape = await p.evaluate(() => {
    const root = document.querySelector("[data-comment-widget]").shadowRoot;
    const items = [...root.querySelectorAll(".cw-thread__list > li")];
    return {
      top: items.map((li) => li.querySelector(".cw-comment__author").textContent),
      nested: items[0].querySelector(".cw-thread__replies > li .cw-comment__author")?.textContent,
      website: [...items[0].querySelector(".cw-comment__author a").attributes].map((a) => `${a.name}=${a.value}`).sort(),
      time: items[0].querySelector("time").getAttribute("datetime"),
      text: items[0].querySelector(".cw-comment__text").innerHTML.replaceAll("<!---->", ""),
      formFirst: root.querySelector(".cw-reply").compareDocumentPosition(root.querySelector(".cw-thread")) === Node.DOCUMENT_POSITION_FOLLOWING,
    };
  });
  assert.deepEqual(shape.top, ["Bea", "Di"]);
  assert.equal(shape.nested, "Cy");
  assert.deepEqual(shape.website, ["href=https://bea.example", "rel=nofollow ugc noopener"]);
  assert.match(shape.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(shape.text, '<p>The <em>first</em> comment, with <a href="https://example.org/" rel="nofollow ugc noopener">a link</a>.</p>');
  assert.ok(shape.formFirst, "the thread comes after the form");
  assert.deepEqual(await axeViolations(p), []);

  await thread(p).getByRole("button", { name: "Reply to Bea" }).click();
  const form = new ReplyForm(p);
  await p.locator("[data-comment-widget]").getByRole("heading", { name: /Reply to Bea/ }).waitFor();
  assert.equal(await form.focusedClass(), "cw-field__input cw-field__input--comment");
  const text = unique("Replying from the thread");
  await p.keyboard.type(text);
  await form.fill({ name: "Eve", email: "eve@example.org" });
  await form.submit.click();
  await form.expectStatus(POSTED);
  const stored = isso.stored("/isso/").find((c) => c.text === text);
  assert.equal(stored?.parent, bea.id);
  // It shows in its place in the thread, without a reload.
  await thread(p).getByRole("heading", { name: "4 comments" }).waitFor();
  const under = await p.evaluate(() => [...document.querySelector("[data-comment-widget]").shadowRoot
    .querySelectorAll(".cw-thread__list > li:first-child .cw-thread__replies .cw-comment__author")].map((h) => h.textContent));
  assert.deepEqual(under, ["Cy", "Eve"]);
});

test("keyboard only: Reply moves the form under the comment, Cancel reply puts it back on the Reply button, and a reply posts from there", async () => {
  const p = await openPage(browser);
  await p.goto(`${site.url}/isso-keys/`);
  const reply = thread(p).getByRole("button", { name: "Reply to Gus" });
  await reply.focus();
  await p.keyboard.press("Enter");
  await p.locator("[data-comment-widget]").getByRole("heading", { name: /Reply to Gus/ }).waitFor();
  await commentBoxFocused(p);
  assert.deepEqual(await whereIsTheForm(p), { under: "Gus", aboveThread: false, focused: "cw-field__input cw-field__input--comment" });
  await p.keyboard.type("Not this one");
  // Back from the comment box to "Cancel reply", which puts the form back and
  // the focus on the Reply button that opened it.
  await p.keyboard.press("Shift+Tab");
  await p.keyboard.press("Enter");
  await p.locator("[data-comment-widget]").getByRole("heading", { name: "Leave a Reply" }).waitFor();
  await p.waitForFunction(() => document.querySelector("[data-comment-widget]").shadowRoot.activeElement?.hasAttribute("data-cw-reply"));
  assert.deepEqual(await whereIsTheForm(p), { under: null, aboveThread: true, focused: "reply Gus" });
  const form = new ReplyForm(p);
  assert.equal(await form.comment.inputValue(), "Not this one", "the text stays in the form");

  await p.keyboard.press("Enter");
  await p.locator("[data-comment-widget]").getByRole("heading", { name: /Reply to Gus/ }).waitFor();
  await commentBoxFocused(p);
  const text = unique("Typed, tabbed and sent");
  await p.keyboard.press("ControlOrMeta+a");
  await p.keyboard.type(text);
  await p.keyboard.press("Tab");
  await p.keyboard.type("Kim");
  await p.keyboard.press("Tab");
  await p.keyboard.type("kim@example.org");
  await p.keyboard.press("Enter");
  await form.expectStatus(POSTED);
  assert.equal(isso.stored("/isso-keys/").find((c) => c.text === text)?.parent, isso.stored("/isso-keys/").find((c) => c.author === "Gus").id);
  await thread(p).getByRole("heading", { name: "2 comments" }).waitFor();
  const after = await whereIsTheForm(p);
  assert.equal(after.under, null);
  assert.equal(after.aboveThread, true, "after posting the form is back above the thread");
  assert.deepEqual(await axeViolations(p), []);
});

test("the loader asks for the thread before the wasm, and the wasm uses that answer instead of asking again", async () => {
  const p = await openPage(browser);
  const seen = [];
  const t0 = Date.now();
  p.on("request", (r) => r.url().includes("/?uri=") && seen.push({ what: "thread asked", at: Date.now() - t0 }));
  p.on("requestfinished", (r) => r.url().endsWith("_bg.wasm") && seen.push({ what: "wasm arrived", at: Date.now() - t0 }));
  await p.goto(`${site.url}/isso-slow/`);
  await thread(p).getByRole("heading", { name: /comment/ }).waitFor();
  // The reader points at the widget: the code comes, and takes the thread over.
  await p.locator("[data-comment-widget]").dispatchEvent("pointerover");
  await p.locator("[data-comment-widget][data-cw-live]").waitFor({ state: "attached" });
  await p.locator("[data-comment-widget] .cw-thread-host:not([data-cw-painted-thread]) .cw-thread__title").waitFor();
  const asked = seen.filter((e) => e.what === "thread asked");
  const wasm = seen.find((e) => e.what === "wasm arrived");
  assert.equal(asked.length, 1, JSON.stringify(seen));
  assert.ok(asked[0].at < wasm.at - 1000, `the thread was asked for at ${asked[0].at} ms, the wasm arrived at ${wasm.at} ms`);
  assert.deepEqual(p.problems, []);
});

test("a comment held for moderation is shown to its author alone, marked, under its parent, across a reload, until it is approved", async () => {
  const text = unique("Waiting <b>for</b> a moderator");
  const p = await replyFromThread("/held/", "Ivo", text, { name: "Lou", email: "lou@example.org" }, "Thank you! Your comment is awaiting moderation.");
  const stored = heldIsso.stored("/held/").find((c) => c.text === text);
  assert.equal(stored?.mode, 2, "Isso holds it");
  const held = (page) => page.evaluate(() => [...document.querySelector("[data-comment-widget]").shadowRoot
    .querySelectorAll(".cw-thread__replies .cw-comment")].map((a) => ({
      author: a.querySelector(".cw-comment__author").textContent,
      mark: a.querySelector(".cw-comment__held")?.textContent ?? null,
      text: a.querySelector(".cw-comment__text").textContent,
      reply: !!a.querySelector("[data-cw-reply]"),
    })));
  const expected = [{ author: "Lou", mark: "Your comment is awaiting moderation.", text, reply: false }];
  await thread(p).getByText("Your comment is awaiting moderation.").waitFor();
  assert.deepEqual(await held(p), expected);
  assert.deepEqual(await axeViolations(p), []);
  await p.reload();
  await thread(p).getByText("Your comment is awaiting moderation.").waitFor();
  assert.deepEqual(await held(p), expected, "after a reload");
  assert.equal(await thread(p).getByRole("heading", { name: "1 comment" }).count(), 1, "the count is what the server shows everyone");
  // Another reader (a new browser context) does not see it.
  const other = await openPage(browser);
  await other.goto(`${site.url}/held/`);
  await thread(other).getByRole("heading", { name: "1 comment" }).waitFor();
  assert.deepEqual(await held(other), []);
  // Approved: the server shows it, to everyone, once, unmarked.
  approveAllIn(heldIsso);
  await p.reload();
  await thread(p).getByRole("heading", { name: "2 comments" }).waitFor();
  const shown = await held(p);
  assert.equal(shown.length, 1, JSON.stringify(shown));
  assert.deepEqual({ ...shown[0], text: null }, { author: "Lou", mark: null, text: null, reply: true });
  assert.match(shown[0].text, /a moderator/);
});

test("the heading counts in the reader's language (Arabic: three is 'few'); data-thread=false shows none; dark is clean", async () => {
  const p = await openPage(browser);
  const tables = [];
  p.on("request", (r) => /comment-widget-\w+\.json$/.test(r.url()) && tables.push(r.url().split("/").pop()));
  await p.goto(`${site.url}/isso-ar/`);
  await thread(p).getByRole("heading", { name: "3 تعليقات" }).waitFor();
  assert.deepEqual(await axeViolations(p), []);
  assert.deepEqual(tables, [], "a reader who only reads fetches no table");
  // The table comes with the code, when the reader shows intent.
  await p.locator("[data-comment-widget]").dispatchEvent("pointerover");
  await p.locator("[data-comment-widget][data-cw-live]").waitFor({ state: "attached" });
  assert.deepEqual(tables, ["comment-widget-ar.json"], "Arabic's table is fetched, once, and no other");
  // Without its table the form speaks English, and works.
  const noTable = await openPage(browser);
  await noTable.route(/comment-widget-ar\.json$/, (route) => route.fulfill({ status: 404, body: "" }));
  await noTable.goto(`${site.url}/isso-ar/`);
  // (Painted in Arabic, from the painter's own words; live, in English.)
  await noTable.locator("[data-comment-widget]").dispatchEvent("pointerover");
  await thread(noTable).getByRole("heading", { name: "3 comments" }).waitFor();
  await noTable.locator("[data-comment-widget]").getByRole("heading", { name: "Leave a Reply" }).waitFor();
  const dark = await openPage(browser);
  await dark.goto(`${site.url}/isso-dark/`);
  await thread(dark).getByRole("heading", { name: /comments/ }).waitFor();
  assert.deepEqual(await axeViolations(dark), []);
  const off = await openPage(browser);
  off.on("request", (r) => /comment-widget-\w+\.json$/.test(r.url()) && tables.push(r.url()));
  await off.goto(`${site.url}/isso-off/`);
  await off.locator("[data-comment-widget][data-cw-live]").waitFor({ state: "attached" });
  assert.equal(await off.locator("[data-comment-widget] .cw-thread, [data-comment-widget] .cw-thread__note").count(), 0);
  assert.equal(tables.length, 1, "an English page fetches no table");
});

test("a thread with a nested reply, opened as a reply under a comment, is clean to axe in every language and both themes", async () => {
  for (const lang of ["en", "de", "fr", "es", "ar", "zh"]) {
    for (const theme of ["light", "dark"]) {
      const p = await openPage(browser);
      await p.goto(`${site.url}/every/${lang}/${theme}/`);
      await p.locator("[data-comment-widget] .cw-thread__replies .cw-comment").first().waitFor();
      assert.equal(await p.locator("[data-comment-widget] .cw-reply").getAttribute("lang"), lang === "zh" ? "zh-CN" : lang);
      assert.deepEqual(await axeViolations(p), [], `${lang} ${theme}`);
      // The form under a comment, its heading and Cancel reply in place.
      await p.locator("[data-comment-widget] .cw-thread__list > li:first-child > article [data-cw-reply]").click();
      await p.locator("[data-comment-widget] .cw-thread__list > li:first-child > .cw-reply").waitFor();
      assert.deepEqual(await axeViolations(p), [], `${lang} ${theme}, replying`);
      assert.deepEqual(p.problems, [], `${lang} ${theme}`);
      await p.context().close();
    }
  }
});

test("hostile comments stored in WordPress: nothing runs, nothing is fetched, harmless formatting survives, and more load on demand", async () => {
  const p = await openPage(browser);
  await p.goto(`${site.url}/wordpress/`);
  await thread(p).getByText("kept emphasis").waitFor();
  const seen = await p.evaluate(() => {
    const root = document.querySelector("[data-comment-widget]").shadowRoot.querySelector(".cw-thread");
    const bodies = [...root.querySelectorAll(".cw-comment__text")];
    return {
      pwned: window.__pwned ?? null,
      dangerous: root.querySelectorAll(".cw-comment__text :is(script, img, iframe, svg, form, input, style, [style], [onerror], [onload]), script, iframe, svg, form, input, style, [style], [onerror], [onload]").length,
      avatars: [...root.querySelectorAll("img")].map((i) => `${i.className} ${i.getAttribute("src").split(/[/,]/)[0]}`),
      links: [...root.querySelectorAll(".cw-comment__text a")].map((a) => `${a.getAttribute("href")} ${a.getAttribute("rel")}`),
      kept: ["em", "strong", "code", "blockquote", "li"].map((tag) => root.querySelectorAll(`.cw-comment__text ${tag}`).length),
      texts: bodies.map((b) => b.textContent.trim()).slice(0, 11),
      items: root.querySelectorAll(".cw-comment").length,
      nested: [...root.querySelectorAll(".cw-thread__replies .cw-comment__author")].map((h) => h.textContent),
    };
  });
  assert.equal(seen.pwned, null, "no script ran");
  assert.equal(seen.dangerous, 0);
  assert.ok(seen.avatars.length > 0 && seen.avatars.every((a) => a === "cw-comment__avatar https:"), "the only images are avatars, over https");
  assert.deepEqual(seen.links, ["https://example.org/kept nofollow ugc noopener"]);
  assert.deepEqual(seen.kept, [1, 1, 1, 1, 1]);
  assert.ok(seen.texts.includes("a javascript: link"), seen.texts.join(" | "));
  assert.ok(seen.texts.some((t) => t.includes("<script>window.__pwned") && t.includes("Entity")), "an entity trick stays text");
  assert.equal(seen.items, 50, "one page of 50");
  assert.deepEqual(seen.nested, ["Nested Nia"], "a reply under its parent");
  // Ours, and the comment WordPress's installer leaves on "Hello world!".
  const all = wp.comments(wp.posts.open).length;
  await thread(p).getByRole("heading", { name: `${all} comments` }).waitFor();
  await p.evaluate(() => new Promise((r) => setTimeout(r, 300)));
  assert.equal(bait.hits(), 0, "no request left for an image, frame, style or form");

  await thread(p).getByRole("button", { name: "Show more comments" }).click();
  await thread(p).getByText("Filler comment 44").waitFor();
  assert.equal(await p.locator("[data-comment-widget] .cw-comment").count(), all);
  await thread(p).getByRole("heading", { name: `${all} comments` }).waitFor();
  assert.equal(await thread(p).getByRole("button", { name: "Show more comments" }).count(), 0);
  assert.deepEqual(await axeViolations(p), []);
  assert.equal(bait.hits(), 0);
});

test("a generic endpoint's thread, read by the site's own field names: its text stays text, and a reply lands under its parent", async () => {
  const p = await openPage(browser);
  await p.goto(`${site.url}/generic/`);
  await thread(p).getByRole("heading", { name: "1 comment" }).waitFor();
  const first = await p.evaluate(() => {
    const c = document.querySelector("[data-comment-widget]").shadowRoot.querySelector(".cw-comment");
    return { author: c.querySelector(".cw-comment__author").textContent, text: c.querySelector(".cw-comment__text").textContent,
      images: c.querySelectorAll("img").length, datetime: c.querySelector("time").getAttribute("datetime"), pwned: window.__pwned ?? null };
  });
  assert.equal(first.author, "Ola");
  assert.match(first.text, /^<img src=.*>Tags stay text$/);
  assert.equal(first.images, 0);
  assert.match(first.datetime, /^\d{4}-\d\d-\d\dT/);
  assert.equal(first.pwned, null);
  await thread(p).getByRole("button", { name: "Reply to Ola" }).click();
  const form = new ReplyForm(p);
  const text = unique("A generic reply");
  await form.fill({ comment: text, name: "Pat", email: "pat@example.org" });
  await form.submit.click();
  await form.expectStatus(POSTED);
  await thread(p).getByRole("heading", { name: "2 comments" }).waitFor();
  const ola = generic.stored().find((c) => c.fields.author === "Ola");
  const mine = generic.stored().find((c) => c.fields.body === text);
  assert.equal(mine.fields.reply_to, ola.id);
  assert.equal(mine.fields.thread, "/generic/");
  const under = await p.evaluate(() => [...document.querySelector("[data-comment-widget]").shadowRoot
    .querySelectorAll(".cw-thread__list > li:first-child .cw-thread__replies .cw-comment__author")].map((h) => h.textContent));
  assert.deepEqual(under, ["Pat"]);
  assert.deepEqual(await axeViolations(p), []);
  assert.equal(bait.hits(), 0);
});

test("hostile comments written into Isso's database: nothing runs or is fetched, and a second page loads on demand", async () => {
  const p = await openPage(browser);
  await p.goto(`${site.url}/isso-hostile/`);
  await thread(p).getByText("md emphasis").waitFor();
  const seen = await p.evaluate(() => {
    const root = document.querySelector("[data-comment-widget]").shadowRoot.querySelector(".cw-thread");
    return {
      pwned: window.__pwned ?? null,
      dangerous: root.querySelectorAll(".cw-comment__text :is(script, img, iframe, svg, form, input, style, [style], [onerror], [onload]), script, iframe, svg, form, input, style, [style], [onerror], [onload]").length,
      avatars: [...root.querySelectorAll("img")].map((i) => `${i.className} ${i.getAttribute("src").split(/[/,]/)[0]}`),
      links: [...root.querySelectorAll(".cw-comment__text a")].map((a) => `${a.getAttribute("href")} ${a.getAttribute("rel")}`),
      kept: ["em", "strong", "code"].map((tag) => root.querySelectorAll(`.cw-comment__text ${tag}`).length),
      items: root.querySelectorAll(".cw-comment").length,
    };
  });
  assert.equal(seen.pwned, null, "no script ran");
  assert.equal(seen.dangerous, 0);
  assert.ok(seen.avatars.length === seen.items && seen.avatars.every((a) => a === "cw-comment__avatar data:image"), "the only images are identicons, drawn here");
  assert.ok(seen.links.every((l) => /^https:\/\/example\.org\/kept nofollow ugc noopener$/.test(l)), seen.links.join(" | "));
  assert.deepEqual(seen.kept, [1, 1, 1]);
  assert.equal(seen.items, 50, "Isso's first page");
  await thread(p).getByRole("heading", { name: "58 comments" }).waitFor();
  await thread(p).getByRole("button", { name: "Show more comments" }).click();
  await thread(p).getByText("Filler comment 44").waitFor();
  assert.equal(await p.locator("[data-comment-widget] .cw-comment").count(), 58);
  await p.evaluate(() => new Promise((r) => setTimeout(r, 300)));
  assert.equal(bait.hits(), 0, "no request left for an image, frame, style or form");
  assert.deepEqual(await axeViolations(p), []);
});

test("WordPress REST: Reply under a nested comment posts with its parent, and the reply shows under it", async () => {
  const text = unique("A reply to a reply");
  const p = await replyFromThread("/wordpress/", "Nested Nia", text, { name: "Oli", email: "oli@example.org" });
  const nia = wp.comments(wp.posts.open).find((c) => c.author === "Nested Nia");
  const mine = wp.comments(wp.posts.open).find((c) => c.content === text);
  assert.equal(String(mine?.parent), String(nia.id));
  await p.locator("[data-comment-widget] .cw-thread__replies .cw-thread__replies .cw-comment__author", { hasText: "Oli" }).waitFor();
});

test("a thread that cannot load says so, and the form still posts", async () => {
  const p = await openPage(browser);
  await p.route(/\/\?uri=/, (route) => (route.request().method() === "GET" ? route.abort("connectionrefused") : route.continue()));
  await p.goto(`${site.url}/isso/`);
  await p.locator("[data-comment-widget]").getByText("The comments could not be loaded.").waitFor();
  const form = new ReplyForm(p);
  const text = unique("Posted without a thread");
  await form.fill({ comment: text, name: "Fay", email: "fay@example.org" });
  await form.submit.click();
  await form.expectStatus(POSTED);
  assert.ok(isso.stored("/isso/").some((c) => c.text === text));
});
