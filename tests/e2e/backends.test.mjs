// Every server answer a reader can meet, for every backend, against the real
// servers: Isso, WordPress (REST and wp-comments-post.php) and a small real
// JSON/form endpoint. Each case posts through the built widget in Chromium,
// checks the sentence the reader gets, and reads back what the server stored.
import { test, before, after, afterEach, describe } from "node:test";
import assert from "node:assert/strict";
import { startIsso, startStatic, freePort, DIST } from "./support/servers.mjs";
import { startWordPress } from "./support/wordpress.mjs";
import { startGenericServer } from "./support/generic_server.mjs";
import { launch, openPage as open, hostPage } from "./support/browser.mjs";
import { ReplyForm } from "./support/reply_form.mjs";

const POSTED = "Thank you! Your comment has been posted.";
const HELD = "Thank you! Your comment is awaiting moderation.";
const DUPLICATE = "Duplicate comment detected; it looks as though you’ve already said that!";
const TOO_FAST = "You are posting comments too quickly. Please wait a minute, then try again.";
const CLOSED = "Sorry, comments are closed for this item.";
const DOWN = /the comments server could not be reached/;
const KEPT = "Your comment is still in the form.";

let browser, cdn, site, isso, issoStrict, wp, generic, genericStrict, deadUrl;
let n = 0;
const unique = (label) => `${label} — comment ${Date.now()}-${++n}, café 😀`;
const reader = (name) => ({ name, email: `${name.toLowerCase().replace(/\W/g, "")}-${Date.now()}-${++n}@example.org` });

before(async () => {
  const sitePort = await freePort();
  const siteOrigin = `http://127.0.0.1:${sitePort}`;
  [cdn, isso, issoStrict, generic, genericStrict] = await Promise.all([
    startStatic(),
    startIsso({ origins: [siteOrigin] }),
    startIsso({ origins: [siteOrigin], ratelimit: 1 }),
    startGenericServer(),
    startGenericServer({ rateLimit: 1 }),
  ]);
  deadUrl = `http://127.0.0.1:${await freePort()}`;
  const sameOrigin = (attributes) => hostPage({ widgetBase: "/cw-dist", attributes });
  wp = await startWordPress({
    pages: {
      "wp-form": sameOrigin({ "data-backend": "wordpress-form", "data-endpoint": "/", "data-post-id": 1 }),
      "wp-form-closed": sameOrigin({ "data-backend": "wordpress-form", "data-endpoint": "/", "data-post-id": "CLOSED" }),
      "wp-form-missing": sameOrigin({ "data-backend": "wordpress-form", "data-endpoint": "/", "data-post-id": 99999 }),
    },
  });
  const page = (attributes, head) => hostPage({ widgetBase: cdn.url, attributes, head });
  const csrfMeta = '<meta name="csrf-token" content="csrf-secret">';
  const jsonAttrs = (endpoint) => ({
    "data-backend": "json",
    "data-endpoint": endpoint,
    "data-fields": JSON.stringify({ comment: "body", name: "author" }),
    "data-extra": JSON.stringify({ site: "tidewater" }),
  });
  const pages = {
    "/isso/": page({ "data-backend": "isso", "data-endpoint": isso.url }),
    "/isso-strict/": page({ "data-backend": "isso", "data-endpoint": issoStrict.url }),
    "/isso-down/": page({ "data-backend": "isso", "data-endpoint": deadUrl }),
    "/isso-not-isso/": page({ "data-backend": "isso", "data-endpoint": `${generic.url}/html-ok` }),
    "/wp-rest/": page({ "data-backend": "wordpress-rest", "data-endpoint": wp.url, "data-post-id": wp.posts.open }),
    "/wp-rest-pretty/": page({ "data-backend": "wordpress-rest", "data-endpoint": `${wp.url}/wp-json`, "data-post-id": wp.posts.open }),
    "/wp-rest-closed/": page({ "data-backend": "wordpress-rest", "data-endpoint": wp.url, "data-post-id": wp.posts.closed }),
    "/wp-rest-members/": page({ "data-backend": "wordpress-rest", "data-endpoint": wp.url, "data-post-id": wp.posts.members }),
    "/wp-rest-missing/": page({ "data-backend": "wordpress-rest", "data-endpoint": wp.url, "data-post-id": 99999 }),
    "/wp-rest-down/": page({ "data-backend": "wordpress-rest", "data-endpoint": deadUrl, "data-post-id": 1 }),
    "/json/": page({ ...jsonAttrs(`${generic.url}/csrf/comments`), "data-csrf-meta": "csrf-token" }, csrfMeta),
    "/json-strict/": page(jsonAttrs(`${genericStrict.url}/comments`)),
    "/json-closed/": page(jsonAttrs(`${generic.url}/closed/comments`)),
    "/json-html-error/": page(jsonAttrs(`${generic.url}/html-error/comments`)),
    "/json-slow/": page({ ...jsonAttrs(`${generic.url}/slow/comments`), "data-timeout": "2" }),
    "/json-down/": page(jsonAttrs(`${deadUrl}/comments`)),
    "/form/": page({ "data-backend": "form", "data-endpoint": `${generic.url}/comments` }),
    "/form-strict/": page({ "data-backend": "form", "data-endpoint": `${genericStrict.url}/form/comments` }),
    "/form-closed/": page({ "data-backend": "form", "data-endpoint": `${generic.url}/closed/comments` }),
    "/form-down/": page({ "data-backend": "form", "data-endpoint": `${deadUrl}/comments` }),
    // The spam check, verified by altcha-lib (npm) in the generic server.
    "/json-altcha/": page({
      ...jsonAttrs(`${generic.url}/altcha/comments`),
      "data-challenge-url": `${generic.url}/altcha/challenge`,
      "data-challenge-field": "proof",
    }),
    "/form-altcha-short/": page({
      "data-backend": "form",
      "data-endpoint": `${generic.url}/altcha-short/comments`,
      "data-challenge-url": `${generic.url}/altcha-short/challenge`,
      "data-challenge-field": "proof",
    }),
  };
  site = await startStatic({ pages, dir: "/nonexistent", port: sitePort });
  browser = await launch();
});

// Each test's pages close after it: a page left hanging on a slow server
// (or dozens left open) must not slow the tests after it.
let opened = [];
const openPage = async (b) => {
  const page = await open(b);
  opened.push(page);
  return page;
};
afterEach(async () => {
  await Promise.all(opened.map((p) => p.context().close()));
  opened = [];
});

after(async () => {
  await browser?.close();
  await Promise.all([cdn, site, isso, issoStrict, wp, generic, genericStrict].map((s) => s?.stop()));
});

/** Opens a page, posts `fields` once, waits for `expect` in the status line. */
async function postOn(url, fields, expect) {
  const page = await openPage(browser);
  // Every POST the page sends, to prove when nothing went out.
  page.posts = [];
  page.on("request", (r) => r.method() === "POST" && page.posts.push(r.url()));
  await page.goto(url);
  const form = new ReplyForm(page);
  await form.fill(fields);
  await form.submit.click();
  if (expect) await form.expectStatus(expect);
  return { page, form };
}

/** Posts the same reader's comments one after the other in one page. */
async function postTwice(url, first, second, expectFirst) {
  const { page, form } = await postOn(url, first, expectFirst);
  await form.fill(second);
  await form.submit.click();
  return { page, form };
}

async function expectKept(form, status, text) {
  await form.expectStatus(status);
  assert.ok((await form.status.innerText()).includes(KEPT));
  assert.equal(await form.comment.inputValue(), text);
}

describe("isso", () => {
  test("a post lands", async () => {
    const text = unique("Isso lands");
    await postOn(`${site.url}/isso/`, { comment: text, ...reader("Ines") }, POSTED);
    assert.ok((await isso.comments("/isso/")).some((c) => c.text.includes(text)));
  });
  test("rate limited", async () => {
    const who = reader("Rita");
    const second = unique("Isso second");
    const { form } = await postTwice(`${site.url}/isso-strict/`, { comment: unique("Isso first"), ...who }, { comment: second }, POSTED);
    await expectKept(form, TOO_FAST, second);
    assert.equal((await issoStrict.comments("/isso-strict/")).length, 1);
  });
  test("an answer that is not Isso's", async () => {
    const text = unique("Not Isso");
    const { form } = await postOn(`${site.url}/isso-not-isso/`, { comment: text, ...reader("Una") });
    await expectKept(form, /could not understand/, text);
  });
  test("server down", async () => {
    const text = unique("Isso down");
    const { form } = await postOn(`${site.url}/isso-down/`, { comment: text, ...reader("Dan") });
    await expectKept(form, DOWN, text);
  });
});

describe("wordpress-rest", () => {
  test("a post lands, as typed", async () => {
    const text = unique("REST lands <b>bold</b> & ampersand");
    await postOn(`${site.url}/wp-rest/`, { comment: text, ...reader("Ada"), website: "ada.example.org" }, POSTED);
    const mine = wp.comments(wp.posts.open).find((c) => c.content === text);
    assert.ok(mine, "stored");
    assert.equal(mine.author, "Ada");
    assert.equal(mine.url, "https://ada.example.org");
    assert.equal(mine.approved, "1");
  });
  test("a post lands through /wp-json (pretty permalinks)", async () => {
    const text = unique("REST pretty");
    await postOn(`${site.url}/wp-rest-pretty/`, { comment: text, ...reader("Pia") }, POSTED);
    assert.ok(wp.comments(wp.posts.open).some((c) => c.content === text));
  });
  test("a held post", async () => {
    const text = unique("REST holdme please");
    await postOn(`${site.url}/wp-rest/`, { comment: text, ...reader("Hal") }, HELD);
    assert.equal(wp.comments(wp.posts.open).find((c) => c.content === text)?.approved, "0");
  });
  test("a duplicate", async () => {
    const text = unique("REST duplicate");
    const { form } = await postTwice(`${site.url}/wp-rest/`, { comment: text, ...reader("Dora") }, { comment: text }, POSTED);
    await expectKept(form, DUPLICATE, text);
    assert.equal(wp.comments(wp.posts.open).filter((c) => c.content === text).length, 1);
  });
  test("a flood", async () => {
    const second = unique("REST flood second");
    const { form } = await postTwice(`${site.url}/wp-rest/`, { comment: unique("REST flood first"), ...reader("Flo") }, { comment: second }, POSTED);
    await expectKept(form, TOO_FAST, second);
    assert.ok(!wp.comments(wp.posts.open).some((c) => c.content === second));
  });
  test("comments closed", async () => {
    const text = unique("REST closed");
    const { form } = await postOn(`${site.url}/wp-rest-closed/`, { comment: text, ...reader("Cleo") });
    await expectKept(form, CLOSED, text);
    assert.deepEqual(wp.comments(wp.posts.closed), []);
  });
  test("anonymous comments not allowed: the reader is told, the site owner gets a console hint", async () => {
    const text = unique("REST members");
    const { page, form } = await postOn(`${site.url}/wp-rest-members/`, { comment: text, ...reader("Mo") });
    await expectKept(form, /without logging in/, text);
    const hint = page.waitForEvent("console", { predicate: (m) => m.text().includes("rest_allow_anonymous_comments") });
    await form.submit.click();
    await hint;
  });
  test("a post that does not exist", async () => {
    const text = unique("REST missing");
    const { form } = await postOn(`${site.url}/wp-rest-missing/`, { comment: text, ...reader("Mia") });
    await expectKept(form, /does not know it/, text);
  });
  test("a website WordPress would silently drop is refused before sending", async () => {
    const { page, form } = await postOn(`${site.url}/wp-rest/`, { comment: unique("REST js url"), ...reader("Jo"), website: "javascript:alert(1)" });
    await form.summary.getByText(/web address starting with http/).waitFor();
    assert.equal(await form.status.innerText(), "");
    assert.deepEqual(page.posts, [], "nothing is sent");
  });
  test("a name too long in bytes is refused before sending", async () => {
    const text = unique("REST long name");
    const { page, form } = await postOn(`${site.url}/wp-rest/`, { comment: text, name: "é".repeat(123), email: "long@example.org" });
    await form.summary.getByText(/245 bytes/).waitFor();
    assert.deepEqual(page.posts, [], "nothing is sent");
    assert.equal(wp.comments(wp.posts.open).find((c) => c.content === text), undefined);
  });
  test("server down", async () => {
    const text = unique("REST down");
    const { form } = await postOn(`${site.url}/wp-rest-down/`, { comment: text, ...reader("Dee") });
    await expectKept(form, DOWN, text);
  });
});

describe("wordpress-form", () => {
  test("a post lands, as typed", async () => {
    const text = unique("Form lands & <i>more</i>");
    await postOn(`${wp.url}/cw-pages/wp-form/`, { comment: text, ...reader("Fay") }, POSTED);
    const mine = wp.comments(wp.posts.open).find((c) => c.content === text);
    assert.equal(mine?.approved, "1");
  });
  test("a held post", async () => {
    const text = unique("Form holdme");
    await postOn(`${wp.url}/cw-pages/wp-form/`, { comment: text, ...reader("Hugo") }, HELD);
    assert.equal(wp.comments(wp.posts.open).find((c) => c.content === text)?.approved, "0");
  });
  test("a held post with 'Save my name' ticked", async () => {
    const page = await openPage(browser);
    await page.goto(`${wp.url}/cw-pages/wp-form/`);
    const form = new ReplyForm(page);
    const text = unique("Form holdme consent");
    await form.fill({ comment: text, ...reader("Cora") });
    await form.remember.check();
    await form.submit.click();
    await form.expectStatus(HELD);
    assert.equal(wp.comments(wp.posts.open).find((c) => c.content === text)?.approved, "0");
  });
  test("a duplicate", async () => {
    const text = unique("Form duplicate");
    const { form } = await postTwice(`${wp.url}/cw-pages/wp-form/`, { comment: text, ...reader("Dirk") }, { comment: text }, POSTED);
    await expectKept(form, DUPLICATE, text);
  });
  test("a flood", async () => {
    const second = unique("Form flood second");
    const { form } = await postTwice(`${wp.url}/cw-pages/wp-form/`, { comment: unique("Form flood first"), ...reader("Fern") }, { comment: second }, POSTED);
    await expectKept(form, TOO_FAST, second);
  });
  test("comments closed", async () => {
    const text = unique("Form closed");
    const url = `${wp.url}/cw-pages/wp-form-closed/`;
    const page = await openPage(browser);
    // The page names the closed post by id, known only after install.
    await page.route(url, async (route) => {
      const res = await route.fetch();
      route.fulfill({ response: res, body: (await res.text()).replace('data-post-id="CLOSED"', `data-post-id="${wp.posts.closed}"`) });
    });
    await page.goto(url);
    const form = new ReplyForm(page);
    await form.fill({ comment: text, ...reader("Cal") });
    await form.submit.click();
    await expectKept(form, CLOSED, text);
  });
  test("a post that does not exist", async () => {
    const text = unique("Form missing");
    const { form } = await postOn(`${wp.url}/cw-pages/wp-form-missing/`, { comment: text, ...reader("Max") });
    await expectKept(form, /does not know it/, text);
  });
  test("without WebAssembly the painted form says so and posts as WordPress's own form does", async () => {
    const page = await openPage(browser);
    await page.addInitScript(() => {
      delete window.WebAssembly;
    });
    await page.goto(`${wp.url}/cw-pages/wp-form/`);
    const form = new ReplyForm(page);
    await form.expectStatus("The comment form could not be loaded.");
    const text = unique("Posted natively & <b>plainly</b>");
    await form.fill({ comment: text, ...reader("Noa") });
    await form.submit.click();
    await page.waitForURL(/cw-posted=1|#comment-\d+/);
    assert.equal(wp.comments(wp.posts.open).find((c) => c.content === text)?.approved, "1");
  });
  test("server down", async () => {
    const text = unique("Form down");
    const page = await openPage(browser);
    await page.goto(`${wp.url}/cw-pages/wp-form/`);
    const form = new ReplyForm(page);
    await form.fill({ comment: text, ...reader("Del") });
    await page.route("**/wp-comments-post.php", (route) => route.abort("connectionrefused"));
    await form.submit.click();
    await expectKept(form, DOWN, text);
  });
});

describe("json", () => {
  test("a post lands with the site's field names, extra fields and CSRF token", async () => {
    const text = unique("JSON lands");
    await postOn(`${site.url}/json/`, { comment: text, ...reader("Jay"), website: "https://jay.example" }, POSTED);
    const mine = generic.stored().find((c) => c.fields.body === text);
    assert.ok(mine, JSON.stringify(generic.stored()));
    assert.equal(mine.contentType, "application/json");
    assert.equal(mine.csrf, "csrf-secret");
    assert.equal(mine.fields.author, "Jay");
    assert.equal(mine.fields.website, "https://jay.example");
    assert.equal(mine.fields.page, "/json/");
    assert.equal(mine.fields.site, "tidewater");
  });
  test("a held post", async () => {
    const text = unique("JSON holdme");
    await postOn(`${site.url}/json/`, { comment: text, ...reader("Hana") }, HELD);
    assert.equal(generic.stored().find((c) => c.fields.body === text)?.held, true);
  });
  test("a duplicate", async () => {
    const text = unique("JSON duplicate");
    const who = reader("Duke");
    const { form } = await postTwice(`${site.url}/json/`, { comment: text, ...who }, { comment: text }, POSTED);
    await expectKept(form, DUPLICATE, text);
  });
  test("rate limited", async () => {
    const second = unique("JSON rate second");
    const { form } = await postTwice(`${site.url}/json-strict/`, { comment: unique("JSON rate first"), ...reader("Ray") }, { comment: second }, POSTED);
    await expectKept(form, TOO_FAST, second);
  });
  test("comments closed", async () => {
    const text = unique("JSON closed");
    const { form } = await postOn(`${site.url}/json-closed/`, { comment: text, ...reader("Col") });
    await expectKept(form, CLOSED, text);
  });
  test("the server rejects a field: its message is shown under that field", async () => {
    const text = unique("JSON mallory");
    const { form } = await postOn(`${site.url}/json/`, { comment: text, name: "Mallory", email: "m@example.org" });
    await form.summary.getByText("The comments server says: That name is reserved.").waitFor();
    assert.equal(await form.name.getAttribute("aria-invalid"), "true");
    assert.equal(await form.comment.inputValue(), text);
  });
  test("an HTML error page becomes a sentence, not markup", async () => {
    const text = unique("JSON html");
    const { form } = await postOn(`${site.url}/json-html-error/`, { comment: text, ...reader("Hex") });
    await expectKept(form, "The comments server refused the comment (error 500): Traceback (most recent call last)", text);
  });
  test("no answer in time", async () => {
    const text = unique("JSON slow");
    const { form } = await postOn(`${site.url}/json-slow/`, { comment: text, ...reader("Sal") });
    await expectKept(form, /did not answer in time/, text);
  });
  test("server down", async () => {
    const text = unique("JSON down");
    const { form } = await postOn(`${site.url}/json-down/`, { comment: text, ...reader("Dot") });
    await expectKept(form, DOWN, text);
  });
});

describe("form", () => {
  test("a post lands, form-encoded", async () => {
    const text = unique("Form-encoded lands + plus & amp");
    await postOn(`${site.url}/form/`, { comment: text, ...reader("Finn") }, POSTED);
    const mine = generic.stored().find((c) => c.fields.comment === text);
    assert.ok(mine);
    assert.equal(mine.contentType, "application/x-www-form-urlencoded");
    assert.equal(mine.fields.name, "Finn");
  });
  test("a held post", async () => {
    await postOn(`${site.url}/form/`, { comment: unique("Form-encoded holdme"), ...reader("Hope") }, HELD);
  });
  test("a duplicate", async () => {
    const text = unique("Form-encoded duplicate");
    const { form } = await postTwice(`${site.url}/form/`, { comment: text, ...reader("Dino") }, { comment: text }, POSTED);
    await expectKept(form, DUPLICATE, text);
  });
  test("rate limited", async () => {
    const second = unique("Form-encoded rate second");
    const { form } = await postTwice(`${site.url}/form-strict/`, { comment: unique("Form-encoded rate first"), ...reader("Rex") }, { comment: second }, POSTED);
    await expectKept(form, TOO_FAST, second);
  });
  test("comments closed", async () => {
    const text = unique("Form-encoded closed");
    const { form } = await postOn(`${site.url}/form-closed/`, { comment: text, ...reader("Cy") });
    await expectKept(form, CLOSED, text);
  });
  test("server down", async () => {
    const text = unique("Form-encoded down");
    const { form } = await postOn(`${site.url}/form-down/`, { comment: text, ...reader("Di") });
    await expectKept(form, DOWN, text);
  });
});

describe("the spam check on a generic server (ALTCHA's format, verified by altcha-lib from npm)", () => {
  const storedWith = (text) => generic.stored().filter((c) => Object.values(c.fields).includes(text));

  test("the solution goes in the site's field and the server's verifier takes it", async () => {
    const before = generic.challenges();
    const text = unique("Proven JSON");
    await postOn(`${site.url}/json-altcha/`, { comment: text, ...reader("Alma") }, POSTED);
    const [stored, ...more] = storedWith(text);
    assert.equal(more.length, 0);
    assert.equal(stored.proofValid, true);
    assert.equal(typeof stored.fields.proof, "string");
    assert.equal(generic.challenges() - before, 1, "one challenge for one comment");
  });

  test("a challenge that expires while the reader writes is replaced and solved again, unasked", async () => {
    const page = await openPage(browser);
    await page.goto(`${site.url}/form-altcha-short/`);
    const form = new ReplyForm(page);
    const before = generic.challenges();
    await form.comment.focus(); // intent: the challenge is fetched and solved while the reader writes
    await page.waitForFunction(() => document.querySelector("[data-cw-live]"));
    await form.comment.pressSequentially("Slow writer");
    for (let i = 0; i < 100 && generic.challenges() === before; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(generic.challenges() - before, 1, "solving began while the reader wrote");
    // The challenge lives 12 s; with half of that gone it is not sent.
    await new Promise((r) => setTimeout(r, 7000));
    const text = unique("Proven after a long think");
    await form.fill({ comment: text, ...reader("Bea") });
    await form.submit.click();
    await form.expectStatus(POSTED);
    assert.equal(generic.challenges() - before, 2, "a fresh challenge replaced the stale one");
    const [stored] = storedWith(text);
    assert.equal(stored?.proofValid, true);
  });
});
