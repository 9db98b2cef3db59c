// Readers first: the loader paints the conversation from the thread's first
// page (the thread painter, comment-widget-thread.js) before any wasm, and
// the code loads only when the reader shows intent to act. Against the real
// Isso, WordPress (REST) and a generic list: the painted thread is the live
// thread for the same answer, in every language and theme, and axe-core finds
// nothing in it; the hostile corpus is inert in it; a reader who only reads
// fetches no wasm; a press made before the code arrives (Like, Reply,
// Preview, Show more, the order) is carried out once when it arrives; the
// takeover moves nothing and keeps the scroll position.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { startIsso, startStatic, freePort, issoPost as postToIsso } from "./support/servers.mjs";
import { startWordPress } from "./support/wordpress.mjs";
import { startGenericServer } from "./support/generic_server.mjs";
import { startBait, hostileCorpus } from "./support/hostile.mjs";
import { launch, openPage, hostPage, axeViolations, holdWasm, widgetShape } from "./support/browser.mjs";
import { ReplyForm } from "./support/reply_form.mjs";

let browser, cdn, site, isso, wp, generic, bait;
const ids = {};
const LANGS = ["en", "de", "fr", "es", "ar", "zh"];
const DARK = `<style>body{background:#111;color:#eee}</style>`;

const issoPost = (uri, body) => postToIsso(isso, uri, body);

/** Rows written straight into Isso's database (from another address, so the
 * reader may vote on them), with likes; returns their ids. */
function issoRows(uri, rows) {
  return JSON.parse(execFileSync("python3", ["-c", `
import json, sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
row = db.execute("SELECT id FROM threads WHERE uri=?", (sys.argv[2],)).fetchone()
tid = row[0] if row else db.execute("INSERT INTO threads (uri, title) VALUES (?, 't')", (sys.argv[2],)).lastrowid
out = []
now = time.time() - 3600
for i, r in enumerate(json.loads(sys.argv[3])):
    parent = out[r["parent"]] if r.get("parent") is not None else None
    cur = db.execute("INSERT INTO comments (tid, parent, created, modified, mode, remote_addr, text, author, email, website, likes, dislikes, voters, notification) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (tid, parent, now + i, None, r.get("mode", 1), '10.0.0.0', r["text"], r["author"], r["author"].lower() + '@example.org', r.get("website"), r.get("likes", 0), 0, b'', 0))
    out.append(cur.lastrowid)
db.commit()
print(json.dumps(out))
`, isso.db, uri, JSON.stringify(rows)], { encoding: "utf8" }));
}

function issoRow(id) {
  return JSON.parse(execFileSync("python3", ["-c", `
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
r = db.execute("SELECT likes, dislikes FROM comments WHERE id=?", (int(sys.argv[2]),)).fetchone()
print(json.dumps(r and dict(likes=r[0], dislikes=r[1])))
`, isso.db, String(id)], { encoding: "utf8" }));
}

before(async () => {
  bait = await startBait();
  const hostile = hostileCorpus(bait.url);
  const evil = bait.url;

  cdn = await startStatic();
  const sitePort = await freePort();
  const origins = [`http://127.0.0.1:${sitePort}`];
  [isso, wp, generic] = await Promise.all([startIsso({ origins }), startWordPress(), startGenericServer()]);

  // Isso: a thread with a website, likes, a nested reply, a deleted comment
  // kept for its reply, Markdown, and the hostile corpus.
  const [bea] = issoRows("/talk/", [
    { author: "Bea", text: "<p>The <em>first</em> comment, with <a href=\"https://example.org/\">a link</a>.</p>", website: "https://bea.example", likes: 3 },
    { author: "Cy", text: "<p>A reply to Bea</p>", parent: 0 },
    { author: "Gone", text: "<p>x</p>", mode: 4 },
    { author: "Under", text: "<p>Answering the deleted one</p>", parent: 2 },
    { author: "", text: "<p>Nobody's name</p>" },
    ...hostile.map((text, i) => ({ author: `Hostile ${i}`, text })),
  ]);
  ids.bea = bea;
  [ids.like] = issoRows("/press/", [
    { author: "Lia", text: "<p>Like me</p>" },
    { author: "Mo", text: "<p>Answer me</p>" },
    { author: "Ned", text: "<p>Third</p>" },
  ]);
  // A thread longer than a slice: 40 comments, one with two replies.
  issoRows("/many/", [
    ...Array.from({ length: 40 }, (_, i) => ({ author: `Reader ${i + 1}`, text: `<p>Comment number ${i + 1}</p>` })),
    { author: "Answer A", text: "<p>First answer to comment 7</p>", parent: 6 },
    { author: "Answer B", text: "<p>Second answer to comment 7</p>", parent: 6 },
  ]);
  const authored = await issoPost("/own-api/", { text: "Posted through the API", author: "Api", website: "https://api.example" });
  ids.api = authored.id;

  // WordPress: the same corpus written into its database, with a reply.
  const post = wp.posts.open;
  const at = (i) => `2026-11-20 10:0${i % 10}:${String(i).padStart(2, "0")}`;
  wp.insertComments([
    { post, author: "Wes", url: "https://wes.example", content: "A <em>WordPress</em> comment", date: at(0) },
    ...hostile.map((content, i) => ({ post, author: `Hostile ${i}`, content, date: at(i + 1) })),
    { post, author: "Nested Nia", content: "A nested reply", date: "2026-11-20 10:09:30", parent: "Wes" },
  ]);

  // A generic list: comments posted under the site's own field names.
  const fields = { comment: "body", name: "author", email: "mail", parent: "reply_to", page: "thread" };
  const gpost = (body) => fetch(`${generic.url}/comments`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ mail: "g@example.org", thread: "/generic/", ...body }) }).then((r) => r.json());
  const ola = await gpost({ body: `<img src="${evil}/generic" onerror="window.__pwned='generic'">Tags stay text\n\nA second paragraph`, author: "Ola" });
  await gpost({ body: "Answering Ola", author: "Per", reply_to: ola.id });

  const page = (attributes, extra = {}) => hostPage({ widgetBase: cdn.url, attributes, ...extra });
  const backends = {
    isso: { "data-backend": "isso", "data-endpoint": isso.url, "data-page": "/talk/" },
    wordpress: { "data-backend": "wordpress-rest", "data-endpoint": wp.url, "data-post-id": String(post) },
    generic: { "data-backend": "json", "data-endpoint": `${generic.url}/comments`, "data-list-endpoint": `${generic.url}/list`, "data-fields": JSON.stringify(fields), "data-page": "/generic/" },
  };
  const pages = {
    "/press/": page({ ...backends.isso, "data-page": "/press/" }),
    "/press-more/": page({ ...backends.isso, "data-page": "/press/", "data-per-page": "2" }),
    "/reading/": page(backends.isso, { body: '<div style="height: 1200px">A long article.</div>' }),
    "/long/": page(backends.isso, { body: '<div style="height: 1600px">A long article.</div>' }),
    "/many/": page({ ...backends.isso, "data-page": "/many/" }),
  };
  for (const [name, attrs] of Object.entries(backends)) {
    for (const lang of LANGS) {
      for (const theme of ["light", "dark"]) {
        pages[`/same/${name}/${lang}/${theme}/`] = page({ ...attrs, "data-lang": lang, "data-theme": theme }, theme === "dark" ? { head: DARK, lang } : { lang });
      }
    }
  }
  site = await startStatic({ dir: "/nonexistent", port: sitePort, pages });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await Promise.all([cdn, site, isso, wp, generic].map((s) => s?.stop()));
  await bait?.stop();
});

/** A page whose requests are recorded and whose wasm waits for `release()`. */
async function opened(path, { hold = true } = {}) {
  const p = await openPage(browser);
  p.asked = [];
  p.on("request", (r) => p.asked.push(r.url()));
  const release = hold ? await holdWasm(p) : null;
  await p.goto(`${site.url}${path}`);
  return { p, release };
}

const paintedThread = (p) => p.locator("[data-comment-widget] [data-cw-painted-thread]");
const liveThread = (p) => p.locator("[data-comment-widget] .cw-thread-host:not([data-cw-painted-thread])");
/** The code has taken the thread over: the painted one is gone, the live one shown. */
const takenOver = (p) => p.waitForFunction(() => {
  const root = document.querySelector("[data-comment-widget]").shadowRoot;
  const live = root.querySelector(".cw-thread-host:not([data-cw-painted-thread])");
  return document.querySelector("[data-comment-widget][data-cw-live]") && live && !live.hidden && !root.querySelector("[data-cw-painted-thread]");
});
const wasmAsked = (p) => p.asked.filter((u) => /comment-widget-app(_bg\.wasm|\.js)$|comment-widget-[a-z]{2}\.json$/.test(u));

/** The thread's DOM as a comparable tree, painted (while it is there) or live. */
const shape = (p) => widgetShape(p, "[data-cw-painted-thread], .cw-thread-host", ["data-cw-painted-thread"]);

test("the painted thread is the live thread for the same answer: Isso, WordPress REST and a generic list, every language and theme; axe-core finds nothing in it", async () => {
  for (const name of ["isso", "wordpress", "generic"]) {
    for (const lang of LANGS) {
      for (const theme of ["light", "dark"]) {
        const label = `${name} ${lang} ${theme}`;
        const { p, release } = await opened(`/same/${name}/${lang}/${theme}/`);
        await paintedThread(p).locator(".cw-thread__list:not([aria-busy]) > li").first().waitFor();
        const painted = await shape(p);
        if (theme === "light" || lang === "en") assert.deepEqual(await axeViolations(p), [], `${label}: the painted thread`);
        assert.deepEqual(wasmAsked(p), [], `${label}: nothing of the code is fetched before intent`);
        await p.locator("[data-comment-widget]").hover();
        release();
        await takenOver(p);
        const live = await shape(p);
        assert.deepEqual(painted, live, `${label}: the painted and live threads differ`);
        assert.deepEqual(p.problems, [], label);
        await p.context().close();
      }
    }
  }
});

test("the hostile corpus is inert in the painted thread (Isso and WordPress): nothing runs, nothing is fetched, the harmless formatting stays", async () => {
  for (const path of ["/same/isso/en/light/", "/same/wordpress/en/light/", "/same/generic/en/light/"]) {
    const { p } = await opened(path);
    await paintedThread(p).locator(".cw-thread__list > li").first().waitFor();
    await p.waitForTimeout(300);
    const found = await p.evaluate(() => {
      const thread = document.querySelector("[data-comment-widget]").shadowRoot.querySelector("[data-cw-painted-thread]");
      const texts = thread.querySelectorAll(".cw-comment__text");
      const inside = [...texts].flatMap((t) => [...t.querySelectorAll("*")]);
      return {
        tags: [...new Set(inside.map((el) => el.localName))].sort(),
        attributes: [...new Set(inside.flatMap((el) => [...el.attributes].map((a) => a.name)))].sort(),
        hrefs: inside.filter((el) => el.hasAttribute("href")).map((el) => el.getAttribute("href")),
        text: thread.textContent,
        pwned: window.__pwned ?? null,
      };
    });
    assert.equal(found.pwned, null, path);
    for (const tag of found.tags) assert.ok(["p", "br", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a"].includes(tag), `${path}: <${tag}> in the painted thread`);
    for (const attr of found.attributes) assert.ok(["href", "rel"].includes(attr), `${path}: ${attr} in a comment's text`);
    for (const href of found.hrefs) assert.match(href, /^(https?:|mailto:)/, path);
    if (path.includes("generic")) assert.match(found.text, /Tags stay text/);
    else assert.match(found.text, /kept emphasis/);
    assert.deepEqual(p.problems, [], path);
    await p.context().close();
  }
  assert.equal(bait.hits(), 0, "nothing was fetched from the hostile addresses");
});

test("a reader who opens the comments (#comments) and only reads fetches no wasm; the first comment is painted; a pointer over the widget starts the download", async () => {
  const { p } = await opened("/reading/#comments", { hold: false });
  await paintedThread(p).getByText("A reply to Bea").waitFor();
  await p.mouse.wheel(0, 400);
  await p.waitForTimeout(1500);
  assert.deepEqual(wasmAsked(p), [], "a reader who only reads");
  assert.ok(p.asked.some((u) => u.endsWith("/comment-widget-thread.js")), "the painter came");
  await p.locator("[data-comment-widget]").hover();
  await takenOver(p);
  assert.ok(wasmAsked(p).some((u) => u.endsWith(".wasm")), "intent loads the code");
  assert.deepEqual(p.problems, []);
  await p.context().close();
});

test("presses made before the code arrives are carried out once: Like stored once, Reply under the right comment, Preview with nothing posted, Show more, the order", async () => {
  // Like: stored once in Isso, the count and the pressed state shown.
  {
    const { p, release } = await opened("/press/");
    const likes = [];
    p.on("request", (r) => r.url().includes("/like") && likes.push(r.method()));
    const like = paintedThread(p).locator(`#isso-${ids.like} [data-cw-vote=like]`);
    await like.click();
    release();
    await takenOver(p);
    await liveThread(p).locator(`#isso-${ids.like} [data-cw-vote=like][aria-pressed=true]`).waitFor();
    assert.equal(await liveThread(p).locator(`#isso-${ids.like} [data-cw-vote=like] [aria-hidden]`).textContent(), "▲ 1");
    assert.deepEqual(likes, ["POST"], "one like sent");
    assert.equal(issoRow(ids.like).likes, 1, "Isso stored the like once");
    await p.context().close();
  }
  // Reply: the form moves under Mo's comment, the comment box focused, the text kept.
  {
    const { p, release } = await opened("/press/");
    const form = new ReplyForm(p);
    await form.comment.fill("Typed before the reply");
    await paintedThread(p).getByRole("button", { name: "Reply to Mo" }).click();
    release();
    await takenOver(p);
    await p.waitForFunction(() => {
      const root = document.querySelector("[data-comment-widget]").shadowRoot;
      const li = root.querySelector(".cw-reply")?.closest("li");
      return li?.querySelector(":scope > article .cw-comment__author")?.textContent === "Mo" && root.activeElement?.name === "comment";
    });
    assert.equal(await form.comment.inputValue(), "Typed before the reply");
    await p.context().close();
  }
  // Reply, then Post Comment, both before the code: the comment is sent as
  // the reply it was written as, under Mo's comment.
  {
    const { p, release } = await opened("/press/");
    const form = new ReplyForm(p);
    await paintedThread(p).getByRole("button", { name: "Reply to Mo" }).click();
    const text = `A reply sent before the code ${Date.now()}`;
    await form.fill({ comment: text, name: "Quinn", email: "quinn@example.org" });
    await form.submit.click();
    release();
    await form.expectStatus(/Thank you!/);
    const stored = isso.stored("/press/").find((c) => c.text.includes(text));
    assert.equal(stored?.parent, ids.like + 1, "stored as a reply to Mo");
    await p.context().close();
  }
  // Preview: shown, nothing posted.
  {
    const { p, release } = await opened("/press/");
    const posts = [];
    p.on("request", (r) => r.method() === "POST" && r.url().includes("/new") && posts.push(r.url()));
    const form = new ReplyForm(p);
    await form.comment.fill("A *previewed* comment");
    await p.locator("[data-comment-widget]").getByRole("button", { name: "Preview" }).click();
    release();
    const preview = p.locator("[data-comment-widget]").getByRole("region", { name: "Preview of your comment" });
    await preview.locator("em", { hasText: "previewed" }).waitFor();
    assert.deepEqual(posts, [], "nothing posted");
    await p.context().close();
  }
  // Show more (two a page) and the order control.
  {
    const { p, release } = await opened("/press-more/");
    await paintedThread(p).getByText("Answer me").waitFor();
    assert.equal(await paintedThread(p).getByText("Third").count(), 0);
    await paintedThread(p).getByRole("button", { name: "Show more comments" }).click();
    release();
    await takenOver(p);
    await liveThread(p).getByText("Third").waitFor();
    await p.context().close();
  }
  {
    const { p, release } = await opened("/press/");
    await paintedThread(p).locator("select").selectOption("newest");
    release();
    await takenOver(p);
    await p.waitForFunction(() => document.querySelector("[data-comment-widget]").shadowRoot
      .querySelector(".cw-thread__list > li .cw-comment__author")?.textContent === "Ned");
    assert.equal(await liveThread(p).locator("select").inputValue(), "newest");
    await p.context().close();
  }
});

test("a long thread comes in slices that yield to the reader: at a phone's speed the first screenful first, then every comment once and in order, painted and live; the live one replaces the painted one only when all are drawn", async () => {
  const { p, release } = await opened("/many/");
  // What the painted list held at the end of each task that changed it.
  await p.addInitScript(() => {
    window.__slices = [];
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (init) {
      const root = attach.call(this, init);
      new MutationObserver(() => {
        const list = root.querySelector("[data-cw-painted-thread] .cw-thread__list");
        if (list) window.__slices.push([list.children.length, list.getAttribute("aria-busy")]);
      }).observe(root, { childList: true, subtree: true, attributes: true });
      return root;
    };
  });
  const cdp = await p.context().newCDPSession(p);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await p.reload();
  const names = (thread) => thread.locator(".cw-comment__author").allTextContents();
  const expected = Array.from({ length: 40 }, (_, i) => [`Reader ${i + 1}`, ...(i === 6 ? ["Answer A", "Answer B"] : [])]).flat();
  // The painter: a slice first (the list busy), the rest in later tasks.
  await paintedThread(p).locator(".cw-thread__list:not([aria-busy])").waitFor();
  const slices = await p.evaluate(() => window.__slices);
  assert.ok(slices[0][0] > 0 && slices[0][0] < 40 && slices[0][1] === "true", `the first slice is part of the thread, the list busy meanwhile (${JSON.stringify(slices)})`);
  assert.deepEqual(slices.at(-1), [40, null], "then all of it, no longer busy");
  assert.ok(slices.every((s, i) => i === 0 || s[0] >= slices[i - 1][0]), "nothing painted goes away");
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
  assert.deepEqual((await names(paintedThread(p))).map((n) => n.trim()), expected, "the painted thread: every comment once, in order");
  const painted = await shape(p);
  // The live thread: drawn in slices behind the painted one, swapped in once all are drawn.
  await p.evaluate(() => {
    const root = document.querySelector("[data-comment-widget]").shadowRoot;
    window.__seen = [];
    new MutationObserver(() => {
      const live = root.querySelector(".cw-thread-host:not([data-cw-painted-thread])");
      if (live && !live.hidden) window.__seen.push([live.querySelectorAll(".cw-thread__list > li").length, !!root.querySelector("[data-cw-painted-thread]")]);
    }).observe(root, { subtree: true, childList: true, attributes: true });
  });
  await p.locator("[data-comment-widget]").hover();
  release();
  await takenOver(p);
  const seen = await p.evaluate(() => window.__seen);
  assert.ok(seen.length && seen.every(([n, both]) => n === 40 && !both), `the live thread showed only complete and alone (${JSON.stringify(seen.slice(0, 5))})`);
  assert.deepEqual((await names(liveThread(p))).map((n) => n.trim()), expected, "the live thread: every comment once, in order");
  assert.deepEqual(await shape(p), painted, "the painted and live threads are the same");
  assert.deepEqual(p.problems, []);
  await p.context().close();
});

test("the takeover of the thread moves nothing: CLS 0, the comment being read stays where it was", async () => {
  const { p, release } = await opened("/long/");
  await p.evaluate(() => {
    window.__shift = 0;
    new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; }).observe({ type: "layout-shift", buffered: true });
  });
  // Down to the comments (the article is more than a screen long).
  await p.locator("[data-comment-widget]").scrollIntoViewIfNeeded();
  const reading = paintedThread(p).getByText("Nobody's name");
  await reading.waitFor();
  await reading.scrollIntoViewIfNeeded();
  await p.waitForTimeout(300);
  const before = await p.evaluate(() => [window.scrollY, window.__shift]);
  const top = (await reading.boundingBox()).y;
  await reading.hover(); // intent, without moving the page
  release();
  await takenOver(p);
  await p.waitForTimeout(500);
  const after = await p.evaluate(() => [window.scrollY, window.__shift]);
  assert.equal(after[0], before[0], "the page did not scroll");
  assert.equal(after[1], before[1], "no layout shift across the takeover");
  assert.equal((await liveThread(p).getByText("Nobody's name").boundingBox()).y, top, "the comment being read stays put");
  assert.deepEqual(p.problems, []);
  await p.context().close();
});
