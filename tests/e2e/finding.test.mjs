// The thread a reader finds their way in, against the real servers:
// avatars (Isso's identicons drawn as Isso's own client draws them, from the
// hash Isso sends; WordPress's Gravatar URLs, upgraded to https), the order
// control (newest first, Isso's most liked; the reader's choice kept),
// permalinks (#isso-N and #comment-N beyond the first page: loaded, scrolled
// to, marked and focused) and comment counts on an index page by the loader
// alone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { startIsso, startStatic, freePort } from "./support/servers.mjs";
import { startWordPress } from "./support/wordpress.mjs";
import { launch, openPage, hostPage, axeViolations } from "./support/browser.mjs";
import { ReplyForm } from "./support/reply_form.mjs";

let browser, cdn, site, isso, wp;
const ids = {};

async function issoPost(uri, body) {
  return fetch(`${isso.url}/new?uri=${encodeURIComponent(uri)}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ title: "t", ...body }),
  }).then((r) => r.json());
}

/** Comments written straight into Isso's database, one second apart, from `start`. */
function issoRows(uri, rows, start) {
  execFileSync("python3", ["-c", `
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
tid = db.execute("SELECT id FROM threads WHERE uri=?", (sys.argv[2],)).fetchone()[0]
for i, (author, text, likes) in enumerate(json.loads(sys.argv[3])):
    db.execute("INSERT INTO comments (tid, parent, created, modified, mode, remote_addr, text, author, email, website, likes, dislikes, voters, notification) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (tid, None, float(sys.argv[4]) + i, None, 1, '127.0.0.0', text, author, author.lower() + '@example.org', None, likes, 0, b'', 0))
db.commit()
`, isso.db, uri, JSON.stringify(rows), String(start)]);
}

/** Isso's own client's identicon (isso/js/app/lib/identicons.js), as the fill and the squares we draw. */
function issoIdenticon(hash) {
  const COLORS = ["#9abf88", "#5698c4", "#e279a3", "#9163b6", "#be5168", "#f19670", "#e4bf80", "#447c69"];
  const bits = (parseInt(hash.substr(-16), 16) % Math.pow(2, 18)).toString(2).padStart(18, "0");
  const color = COLORS[parseInt(bits.substring(15), 2) % COLORS.length];
  let d = "", index = 0;
  for (let x = 0; x < 3; x++) {
    for (let y = 0; y < 5; y++) {
      if (bits.charAt(index) === "1") {
        d += `M${4 + 8 * x} ${4 + 8 * y}h8v8h-8z`;
        if (x < 2) d += `M${4 + 8 * (4 - x)} ${4 + 8 * y}h8v8h-8z`;
      }
      index++;
    }
  }
  return `fill='${color}' d='${d}'`;
}

const wpRow = (post, author, email, when, content) =>
  `(${post}, '${author}', '${email}', '', '127.0.0.1', '${when}', '${when}', '${content}', '1', 'comment', 0, 0)`;
const WP_COLUMNS = `INSERT INTO wordpress.wp_comments (comment_post_ID, comment_author, comment_author_email, comment_author_url,
  comment_author_IP, comment_date, comment_date_gmt, comment_content, comment_approved, comment_type, comment_parent, user_id) VALUES `;

before(async () => {
  cdn = await startStatic();
  const sitePort = await freePort();
  isso = await startIsso({ origins: [`http://127.0.0.1:${sitePort}`] });
  wp = await startWordPress();

  // A short thread to sort: Ada, then Ben (most liked), then Cy; two replies under Ada.
  const ada = await issoPost("/sort/", { text: "Ada was first", author: "Ada", email: "ada@example.org" });
  await issoPost("/sort/", { text: "Ben came second", author: "Ben", email: "ben@example.org" });
  await issoPost("/sort/", { text: "Cy came last", author: "Cy", email: "cy@example.org" });
  await issoPost("/sort/", { text: "A first reply to Ada", author: "Dee", email: "dee@example.org", parent: ada.id });
  await issoPost("/sort/", { text: "A second reply to Ada", author: "Eli", email: "eli@example.org", parent: ada.id });
  execFileSync("python3", ["-c", "import sqlite3,sys\ndb=sqlite3.connect(sys.argv[1])\ndb.execute(\"UPDATE comments SET likes=4 WHERE author='Ben'\")\ndb.commit()", isso.db]);
  // A long thread: 60 top-level comments, more than a page (50).
  await issoPost("/long/", { text: "The first of many", author: "Api", email: "api@example.org" });
  issoRows("/long/", Array.from({ length: 59 }, (_, i) => [`Long${i}`, `Long comment ${i}`, 0]), Date.now() / 1000 + 1);
  ids.issoDeep = (await isso.comments("/long/")).find((c) => c.author === "Long55")?.id;
  ids.issoDeep ??= isso.stored("/long/").find((c) => c.author === "Long55").id;
  // Counts: 2 on one page, 0 on another.
  await issoPost("/count-two/", { text: "One of two", author: "Fay", email: "fay@example.org" });
  await issoPost("/count-two/", { text: "Two of two", author: "Gil", email: "gil@example.org" });

  // WordPress: 60 comments on the open post (more than its 50 a page), a
  // reply among them, all later than the comment its installer left.
  const post = wp.posts.open;
  const rows = Array.from({ length: 60 }, (_, i) =>
    wpRow(post, `Wp${i}`, `wp${i}@example.org`, `2027-01-2${i < 30 ? 1 : 2} 10:${String(i % 60).padStart(2, "0")}:00`, `WordPress comment ${i}`));
  wp.sql(WP_COLUMNS + rows.join(",\n"));
  wp.sql(`${WP_COLUMNS.replace(" VALUES ", " ")} SELECT ${post}, 'Wpreply', 'wpreply@example.org', '', '127.0.0.1', '2027-01-23 09:00:00', '2027-01-23 09:00:00',
      'A reply to the first', '1', 'comment', comment_ID, 0 FROM wordpress.wp_comments WHERE comment_author = 'Wp0'`);
  ids.wpDeep = wp.comments(post).find((c) => c.author === "Wp57").id;

  const onIsso = (extra = {}) => ({ "data-backend": "isso", "data-endpoint": isso.url, ...extra });
  const onWp = (extra = {}) => ({ "data-backend": "wordpress-rest", "data-endpoint": wp.url, "data-post-id": String(post), ...extra });
  const page = (attributes, extra = {}) => hostPage({ widgetBase: cdn.url, attributes, ...extra });
  const count = (attrs, text) => `<a href="/x/" data-comment-count ${Object.entries(attrs).map(([k, v]) => `${k}="${v}"`).join(" ")}>${text}</a>`;
  site = await startStatic({
    dir: "/nonexistent",
    port: sitePort,
    pages: {
      "/sort/": page(onIsso()),
      "/sort-newest/": page(onIsso({ "data-page": "/sort/", "data-sort": "newest" })),
      "/sort-plain/": page(onIsso({ "data-page": "/sort/", "data-avatars": "false" })),
      "/long/": page(onIsso({ "data-page": "/long/" })),
      "/wordpress/": page(onWp()),
      "/index/": `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Index</title><link rel="icon" href="data:,">
<script src="${cdn.url}/comment-widget.js" defer></script></head><body><main><h1>Posts</h1><ul>
<li id="two">${count(onIsso({ "data-page": "/count-two/" }), "Comments")}</li>
<li id="none">${count(onIsso({ "data-page": "/count-none/" }), "Comments")}</li>
<li id="fr">${count(onIsso({ "data-page": "/sort/", "data-lang": "fr" }), "Commentaires")}</li>
<li id="wp">${count(onWp(), "Comments")}</li>
<li id="bad">${count({ "data-backend": "isso" }, "Left alone")}</li>
</ul></main></body></html>`,
    },
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await Promise.all([cdn, site, isso, wp].map((s) => s?.stop()));
});

const inRoot = (p, fn, arg) => p.evaluate(([f, a]) => new Function("root", "arg", `return (${f})(root, arg)`)(document.querySelector("[data-comment-widget]").shadowRoot, a), [fn.toString(), arg]);
const topAuthors = (p) => inRoot(p, (root) => [...root.querySelectorAll(".cw-thread__list > li > article .cw-comment__author")].map((h) => h.textContent));
const repliesOf = (p, name) => inRoot(p, (root, name) => {
  const li = [...root.querySelectorAll(".cw-thread__list > li")].find((l) => l.querySelector(":scope > article .cw-comment__author").textContent === name);
  return [...li.querySelectorAll(".cw-thread__replies .cw-comment__author")].map((h) => h.textContent);
}, name);
const sortBox = (p) => p.locator("[data-comment-widget]").getByRole("combobox", { name: "Sort comments" });

test("Isso: each comment shows the identicon Isso's own client draws from its hash, and nothing leaves for it; data-avatars=false shows none", async () => {
  const p = await openPage(browser);
  const asked = [];
  p.on("request", (r) => asked.push(r.url()));
  await p.goto(`${site.url}/sort/`);
  await p.locator("[data-comment-widget] .cw-comment__avatar").first().waitFor();
  const hashes = Object.fromEntries((await isso.comments("/sort/")).flatMap((c) => [c, ...c.replies]).map((c) => [c.author, c.hash]));
  const avatars = await inRoot(p, (root) => [...root.querySelectorAll(".cw-comment")].map((a) => {
    const img = a.querySelector(".cw-comment__avatar");
    return { author: a.querySelector(".cw-comment__author").textContent, src: decodeURIComponent(img.getAttribute("src")), alt: img.getAttribute("alt") };
  }));
  assert.equal(avatars.length, 5);
  for (const { author, src, alt } of avatars) {
    assert.match(src, /^data:image\/svg\+xml,<svg /, author);
    assert.ok(src.includes(issoIdenticon(hashes[author])), `${author}: ${src} should hold ${issoIdenticon(hashes[author])}`);
    assert.equal(alt, "", "the name beside it says who it is");
  }
  assert.notEqual(avatars[0].src, avatars[1].src, "two authors, two identicons");
  assert.deepEqual(asked.filter((u) => !u.startsWith(site.url) && !u.startsWith(cdn.url) && !u.startsWith(isso.url) && !u.startsWith("data:")), []);
  const plain = await openPage(browser);
  await plain.goto(`${site.url}/sort-plain/`);
  await plain.locator("[data-comment-widget] .cw-comment").first().waitFor();
  assert.equal(await plain.locator("[data-comment-widget] .cw-comment__avatar").count(), 0);
  assert.deepEqual(p.problems, []);
});

test("Isso: newest first and most liked, chosen above the thread and kept for the next page; replies stay oldest first under their parent", async () => {
  const p = await openPage(browser);
  const lists = [];
  p.on("request", (r) => r.url().includes("/?uri=") && lists.push(new URL(r.url()).searchParams.get("sort")));
  await p.goto(`${site.url}/sort/`);
  await p.locator("[data-comment-widget] .cw-comment").first().waitFor();
  assert.deepEqual(await topAuthors(p), ["Ada", "Ben", "Cy"]);
  assert.equal(await sortBox(p).inputValue(), "oldest");
  await sortBox(p).selectOption({ label: "Newest first" });
  await p.waitForFunction(() => document.querySelector("[data-comment-widget]").shadowRoot.querySelector(".cw-thread__list > li .cw-comment__author")?.textContent === "Cy");
  assert.deepEqual(await topAuthors(p), ["Cy", "Ben", "Ada"]);
  assert.deepEqual(await repliesOf(p, "Ada"), ["Dee", "Eli"], "Isso lists them newest first; they stay oldest first");
  // Kept: a reload, and another page of the site, open newest first.
  await p.reload();
  await p.waitForFunction(() => document.querySelector("[data-comment-widget]").shadowRoot.querySelector(".cw-thread__list > li .cw-comment__author")?.textContent === "Cy");
  assert.equal(await sortBox(p).inputValue(), "newest");
  // Most liked: Ben (4 likes in Isso's database) first.
  await sortBox(p).selectOption({ label: "Most liked" });
  await p.waitForFunction(() => document.querySelector("[data-comment-widget]").shadowRoot.querySelector(".cw-thread__list > li .cw-comment__author")?.textContent === "Ben");
  assert.deepEqual(await topAuthors(p), ["Ben", "Ada", "Cy"]);
  assert.deepEqual(lists, [null, "newest", "newest", "upvotes"], "the reload's first page was asked for newest first at once (by the loader)");
  assert.deepEqual(await axeViolations(p), []);
  // Back to oldest; a site's data-sort is the default for a reader who has not chosen.
  await sortBox(p).selectOption({ label: "Oldest first" });
  await p.waitForFunction(() => document.querySelector("[data-comment-widget]").shadowRoot.querySelector(".cw-thread__list > li .cw-comment__author")?.textContent === "Ada");
  const fresh = await openPage(browser);
  await fresh.goto(`${site.url}/sort-newest/`);
  await fresh.waitForFunction(() => document.querySelector("[data-comment-widget]").shadowRoot.querySelector(".cw-thread__list > li .cw-comment__author")?.textContent === "Cy");
  assert.deepEqual(p.problems, []);
});

test("Isso: a page opened at #isso-N beyond the first page loads until that comment is there, scrolls to it, marks it and focuses it; the typed text is untouched", async () => {
  const p = await openPage(browser);
  await p.goto(`${site.url}/long/#isso-${ids.issoDeep}`);
  await p.waitForFunction((id) => document.querySelector("[data-comment-widget]").shadowRoot.activeElement?.id === `isso-${id}`, ids.issoDeep, { timeout: 15000 });
  const seen = await inRoot(p, (root, id) => {
    const a = root.getElementById(`isso-${id}`);
    const box = a.getBoundingClientRect();
    return { marked: a.classList.contains("cw-comment--target"), author: a.querySelector(".cw-comment__author").textContent,
      inView: box.top < innerHeight && box.bottom > 0, link: a.querySelector(".cw-comment__permalink").getAttribute("href"),
      others: root.querySelectorAll(".cw-comment--target").length };
  }, ids.issoDeep);
  assert.deepEqual(seen, { marked: true, author: "Long55", inView: true, link: `#isso-${ids.issoDeep}`, others: 1 });
  assert.deepEqual(await axeViolations(p), []);
  // A date link is the comment's permalink: following one goes there too.
  const form = new ReplyForm(p);
  await form.comment.fill("Typed before following a link");
  const first = await inRoot(p, (root) => root.querySelector(".cw-thread__list > li > article").id);
  await p.locator(`[data-comment-widget] #${first} .cw-comment__permalink`).click();
  await p.waitForFunction((id) => document.querySelector("[data-comment-widget]").shadowRoot.activeElement?.id === id, first);
  assert.equal(new URL(p.url()).hash, `#${first}`);
  assert.equal(await form.comment.inputValue(), "Typed before following a link");
  // An anchor that names no comment, or a huge one: nothing, and no error.
  for (const hash of ["#isso-999999", "#isso-99999999999999999999999999", "#isso-<b>"]) {
    await p.evaluate((h) => { location.hash = h; }, hash);
    await p.waitForTimeout(300);
  }
  assert.equal(await form.comment.inputValue(), "Typed before following a link");
  assert.deepEqual(p.problems, []);
});

test("WordPress: Gravatar URLs as WordPress gives them, upgraded to https, 2× for sharp screens, sent no referrer", async () => {
  const p = await openPage(browser);
  await p.goto(`${site.url}/wordpress/`);
  await p.locator("[data-comment-widget] .cw-comment__avatar").first().waitFor();
  const rest = await fetch(`${wp.url}/?rest_route=/wp/v2/comments&post=${wp.posts.open}&per_page=1`).then((r) => r.json());
  assert.match(rest[0].author_avatar_urls["48"], /^http:\/\/\d\.gravatar\.com\/avatar\//, "WordPress on plain http answers http Gravatar URLs");
  const first = await inRoot(p, (root) => {
    const img = root.querySelector(".cw-comment__avatar");
    return { src: img.getAttribute("src"), srcset: img.getAttribute("srcset"), alt: img.getAttribute("alt"), loading: img.getAttribute("loading"), referrer: img.getAttribute("referrerpolicy"),
      author: img.closest("article").querySelector(".cw-comment__author").textContent };
  });
  const email = wp.comments(wp.posts.open).find((c) => c.author === first.author).email;
  const md5 = createHash("md5").update(email.trim().toLowerCase()).digest("hex");
  assert.match(first.src, new RegExp(`^https://\\d\\.gravatar\\.com/avatar/${md5}\\?s=48&`));
  assert.match(first.srcset, new RegExp(`^https://\\d\\.gravatar\\.com/avatar/${md5}\\?s=96&\\S* 2x$`));
  assert.deepEqual([first.alt, first.loading, first.referrer], ["", "lazy", "no-referrer"]);
  await p.waitForFunction(() => document.querySelector("[data-comment-widget]").shadowRoot.querySelector(".cw-comment__avatar").complete);
  assert.ok(p.gravatars.length > 0 && p.gravatars.every((g) => g.url.startsWith("https://") && g.referer === null), JSON.stringify(p.gravatars.slice(0, 2)));
  assert.deepEqual(p.problems, []);
});

test("WordPress: newest first asks order=desc and keeps the reply under its parent; #comment-N on the second page is found", async () => {
  const p = await openPage(browser);
  await p.goto(`${site.url}/wordpress/`);
  await p.locator("[data-comment-widget] .cw-comment").first().waitFor();
  const asked = [];
  p.on("request", (r) => r.url().includes("wp/v2/comments") && asked.push(new URL(r.url()).searchParams.get("order")));
  await sortBox(p).selectOption({ label: "Newest first" });
  await p.waitForFunction(() => document.querySelector("[data-comment-widget]").shadowRoot.querySelector(".cw-thread__list > li .cw-comment__author")?.textContent === "Wpreply"
    || document.querySelector("[data-comment-widget]").shadowRoot.querySelector(".cw-thread__list > li .cw-comment__author")?.textContent === "Wp59");
  assert.deepEqual(asked, ["desc"]);
  const top = await topAuthors(p);
  assert.ok(top.indexOf("Wp59") <= 1 && top.indexOf("Wp59") < top.indexOf("Wp58"), top.slice(0, 3).join());
  // The newest reply came before the comment it answers (on the next page):
  // when that comes, the reply moves under it.
  await p.locator("[data-comment-widget]").getByRole("button", { name: "Show more comments" }).click();
  await p.locator("[data-comment-widget] .cw-comment__author", { hasText: /^Wp0$/ }).waitFor();
  assert.deepEqual(await repliesOf(p, "Wp0"), ["Wpreply"]);
  assert.ok(!(await topAuthors(p)).includes("Wpreply"));
  assert.equal(await sortBox(p).locator("option").count(), 2, "WordPress counts no likes: no most liked");
  assert.deepEqual(await axeViolations(p), []);
  await sortBox(p).selectOption({ label: "Oldest first" });
  await p.waitForFunction(() => document.querySelector("[data-comment-widget]").shadowRoot.querySelector(".cw-thread__list > li .cw-comment__author")?.textContent !== "Wp59");

  const deep = await openPage(browser);
  await deep.goto(`${site.url}/wordpress/#comment-${ids.wpDeep}`);
  await deep.waitForFunction((id) => document.querySelector("[data-comment-widget]").shadowRoot.activeElement?.id === `comment-${id}`, ids.wpDeep, { timeout: 15000 });
  const author = await inRoot(deep, (root, id) => root.getElementById(`comment-${id}`).querySelector(".cw-comment__author").textContent, ids.wpDeep);
  assert.equal(author, "Wp57");
  assert.deepEqual(deep.problems, []);
});

test("an index page: every count in its language from one POST /count for Isso and one listing per WordPress post, and no wasm", async () => {
  const p = await openPage(browser);
  const asked = [];
  p.on("request", (r) => asked.push(`${r.method()} ${r.url()}`));
  await p.goto(`${site.url}/index/`);
  const text = (id) => p.locator(`#${id} a`).textContent();
  await p.waitForFunction(() => document.querySelector("#wp a").textContent !== "Comments" && document.querySelector("#two a").textContent !== "Comments");
  const wpCount = wp.comments(wp.posts.open).filter((c) => String(c.approved) === "1").length;
  assert.deepEqual(
    [await text("two"), await text("none"), await text("fr"), await text("wp"), await text("bad")],
    ["2 comments", "No comments", "5 commentaires", `${wpCount} comments`, "Left alone"],
  );
  assert.equal(asked.filter((a) => a === `POST ${isso.url}/count`).length, 1, asked.join("\n"));
  assert.equal(asked.filter((a) => a.includes("wp/v2/comments")).length, 1);
  assert.equal(asked.filter((a) => a.includes("_bg.wasm") || a.includes("comment-widget-app.js")).length, 0, "no wasm on an index page");
  // An answer of the wrong shape, or none, leaves the text as it was (the
  // first, a right one, shows these answers are read).
  const cors = { "access-control-allow-origin": "*", "access-control-allow-headers": "content-type", "access-control-expose-headers": "X-WP-Total" };
  const untouched = ["Comments", "Comments", "Commentaires", "Comments", "Left alone"];
  for (const [body, total, want] of [
    ["[7, 0, 1]", "3", ["7 comments", "No comments", "1 commentaire", "3 comments", "Left alone"]],
    ['{"counts": [2]}', "lots", untouched], ["[1]", null, untouched], ['["2", null, -1]', "-1", untouched], ["<html>", "", untouched], ["", " ", untouched],
  ]) {
    const q = await openPage(browser);
    await q.route(`${isso.url}/count`, (route) => route.fulfill({ status: 200, contentType: "application/json", body, headers: cors }));
    await q.route(/wp\/v2\/comments/, (route) => route.fulfill({ status: 200, contentType: "application/json", body: "[]", headers: total === null ? cors : { ...cors, "X-WP-Total": total } }));
    await q.goto(`${site.url}/index/`);
    await q.waitForTimeout(400);
    const texts = await q.locator("[data-comment-count]").allTextContents();
    assert.deepEqual(texts, want, body);
    assert.deepEqual(q.problems, [], body);
  }
  assert.deepEqual(p.problems, []);
});
