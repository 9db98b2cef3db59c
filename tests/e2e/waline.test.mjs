// Waline (npm @waline/vercel with SQLite, started here on 127.0.0.1), as
// its readers meet it, in Chinese and in English: the thread painted before
// the code then live, replies nested where Waline lists them flat, a comment
// and replies posted and read back from Waline's database (page, name,
// e-mail, website, browser, pid/rid/at), a held comment, a duplicate refused
// with the text kept, the retry rule (a lost answer, then "duplicate" means
// it arrived), likes stored once and taken back, the most-liked order, "Show more",
// a permalink, and the counts of an index page in one request.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startStatic, startWaline, freePort } from "./support/servers.mjs";
import { launch, openPage, hostPage, holdWasm } from "./support/browser.mjs";
import { ReplyForm } from "./support/reply_form.mjs";

let browser, cdn, site, waline, held;

before(async () => {
  cdn = await startStatic();
  [waline, held] = await Promise.all([startWaline(), startWaline({ audit: true })]);
  const sitePort = await freePort();
  const on = (server, path, extra = {}) => ({ "data-backend": "waline", "data-endpoint": server.url, "data-page": path, ...extra });
  const page = (attributes, extra = {}) => hostPage({ widgetBase: cdn.url, attributes, ...extra });
  const count = (path, lang) => `<a href="${path}" data-comment-count data-backend="waline" data-endpoint="${waline.url}" data-page="${path}"${lang ? ` data-lang="${lang}"` : ""}>Comments</a>`;
  site = await startStatic({
    dir: "/nonexistent",
    port: sitePort,
    pages: {
      "/zh/": page(on(waline, "/zh/"), { lang: "zh-CN", title: "一篇文章" }),
      "/en/": page(on(waline, "/en/")),
      "/held/": page(on(held, "/held/")),
      "/likes/": page(on(waline, "/likes/")),
      "/many/": page(on(waline, "/many/", { "data-per-page": "2" })),
      "/index/": `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Index</title><link rel="icon" href="data:,">
<script src="${cdn.url}/comment-widget.js" defer></script></head><body><main><h1>Posts</h1>
<p>${count("/zh/", "zh-CN")}</p><p>${count("/likes/")}</p><p>${count("/nobody/")}</p></main></body></html>`,
    },
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await Promise.all([cdn, site, waline, held].map((s) => s?.stop()));
});

const widget = (p) => p.locator("[data-comment-widget]");
const article = (p, author) => widget(p).locator("article.cw-comment").filter({ has: p.locator(".cw-comment__author", { hasText: author }) });
const nested = (p, parent, child) => p.evaluate(([a, b]) => document.querySelector("[data-comment-widget]").shadowRoot.querySelectorAll(`#comment-${a} ~ .cw-thread__replies #comment-${b}`).length, [parent, child]);
/** The reader shows intent (the comment box focused: the code loads) and the live form and thread take over. */
async function live(p) {
  await widget(p).getByRole("textbox", { name: /^(Comment|评论)/ }).focus();
  await new ReplyForm(p).settled();
}
/** A new page at `path`'s comments, its live form and thread taken over. */
async function opened(path) {
  const p = await openPage(browser);
  await p.goto(`${site.url}${path}#comments`);
  await live(p);
  return { p, form: new ReplyForm(p) };
}
const painted = (p) => p.evaluate(() => !!document.querySelector("[data-comment-widget]").shadowRoot?.querySelector("[data-cw-painted-thread]"));

/** The form in Chinese, found by its labels as a reader's screen reader names them. */
function chineseForm(p) {
  const w = widget(p);
  return {
    comment: w.getByRole("textbox", { name: /^评论/ }),
    name: w.getByLabel(/^显示名称/),
    email: w.getByLabel(/^邮箱/),
    website: w.getByLabel(/^网站/),
    submit: w.getByRole("button", { name: /发表评论|正在发表/ }),
    status: w.getByRole("status"),
  };
}

test("Waline in Chinese: the thread is painted before the code, replies nested under the comment they answer; a comment and replies at two depths are posted, stored with the page, name, e-mail, website, browser and pid/rid/at, and listed in place", async () => {
  const top = await waline.post({ comment: "第一条评论，**写得好**", nick: "小红", url: "/zh/" });
  const reply = await waline.post({ comment: "同意楼上", nick: "小刚", url: "/zh/", pid: top.objectId, rid: top.objectId, at: "小红" });
  const p = await openPage(browser);
  const release = await holdWasm(p);
  await p.goto(`${site.url}/zh/#comments`);
  await article(p, "小刚").waitFor();
  assert.ok(await painted(p), "the thread is the painter's: the code is held back");
  assert.equal(await nested(p, top.objectId, reply.objectId), 1, "the reply is under the comment it answers");
  assert.match(await widget(p).locator(".cw-thread__title").innerText(), /2 条评论/);
  assert.match(await article(p, "小红").locator(".cw-comment__text").innerHTML(), /<strong>写得好<\/strong>/, "Waline's rendering, through the allowlist");
  release();
  await live(p);
  assert.equal(await nested(p, top.objectId, reply.objectId), 1, "the live thread has it in the same place");

  const form = chineseForm(p);
  await form.comment.fill("很有意思的文章，谢谢分享！😀");
  await form.name.fill("李雷");
  await form.email.fill("lilei@example.org");
  await form.website.fill("lilei.example");
  await form.submit.click();
  await form.status.getByText("谢谢！您的评论已发表。").waitFor();
  let stored = waline.stored("/zh/");
  const mine = stored.find((c) => c.nick === "李雷");
  assert.ok(mine, JSON.stringify(stored));
  assert.deepEqual([mine.status, mine.mail, mine.link, mine.comment, mine.pid, mine.rid], ["approved", "lilei@example.org", "https://lilei.example", "很有意思的文章，谢谢分享！😀", null, null]);
  assert.match(mine.ua, /Chrome/, "the browser is stored, as Waline's own client sends it");

  // A reply to the reply: Waline needs the conversation's top comment (rid).
  await widget(p).getByRole("button", { name: "回复给 小刚" }).click();
  await form.comment.fill("我也同意");
  await form.submit.click();
  await form.status.getByText("谢谢！您的评论已发表。").waitFor();
  stored = waline.stored("/zh/");
  const deep = stored.find((c) => c.comment === "我也同意");
  assert.deepEqual([deep.pid, deep.rid, deep.nick], [reply.objectId, top.objectId, "李雷"], JSON.stringify(deep));
  const listed = await waline.comments("/zh/");
  assert.ok(listed.find((c) => c.objectId === top.objectId).children.some((c) => c.objectId === deep.id), "Waline lists it in its conversation");

  const again = await openPage(browser);
  await again.goto(`${site.url}/zh/#comments`);
  await live(again);
  assert.equal(await nested(again, reply.objectId, deep.id), 1, "after a reload, the reply is under the reply it answers");
  assert.match(await widget(again).locator(".cw-thread__title").innerText(), /4 条评论/);
  assert.deepEqual([...p.problems, ...again.problems], []);
  await p.context().close();
  await again.context().close();
});

test("Waline in English: a held comment is said to await moderation and stored waiting; a duplicate is refused in the reader's words with the text kept", async () => {
  const { p, form } = await opened("/held/");
  await form.fill({ comment: "Held for the owner to read", name: "Ann", email: "ann@example.org" });
  await form.submit.click();
  await form.expectStatus("Thank you! Your comment is awaiting moderation.");
  assert.deepEqual(held.stored("/held/").map((c) => [c.nick, c.status]), [["Ann", "waiting"]]);

  await waline.post({ comment: "Said it before", nick: "Ann", mail: "ann@example.org", link: "", url: "/en/" });
  await p.goto(`${site.url}/en/#comments`);
  await live(p);
  await form.fill({ comment: "Said it before", name: "Ann", email: "ann@example.org" });
  await form.submit.click();
  await form.expectStatus("Duplicate comment detected; it looks as though you’ve already said that!");
  assert.equal(await form.comment.inputValue(), "Said it before", "the text stays in the form");
  assert.equal(waline.stored("/en/").length, 1, "nothing more was stored");
  assert.deepEqual(p.problems, []);
  await p.context().close();
});

test("Waline, the retry rule against the real server: a held comment's answer is lost, Try again sends it once more, Waline calls it a duplicate, and the reader is told it had arrived; it is stored once", async () => {
  const { p, form } = await opened("/held/");
  const text = `Lost on the way back ${Date.now()}`;
  await form.fill({ comment: text, name: "Lou", email: "lou@example.org" });
  // The comment reaches Waline; its answer never reaches the page.
  await p.route("**/api/comment", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    await route.fetch();
    await route.abort("connectionreset");
  });
  await form.submit.click();
  await form.expectStatus(/could not be reached/);
  await p.unroute("**/api/comment");
  await widget(p).getByRole("button", { name: "Try again" }).click();
  await form.expectStatus("Your comment had already reached the server, so it was not sent again.");
  assert.deepEqual(held.stored("/held/").filter((c) => c.comment === text).map((c) => c.status), ["waiting"], "stored once, held");
  assert.deepEqual(p.problems.filter((m) => !/ERR_CONNECTION_RESET|Failed to fetch/.test(m)), []);
  await p.context().close();
});

test("Waline likes: ▲ alone, stored once, pressed after a reload, a second press takes it back and a third gives it again; the most-liked order asks Waline for it", async () => {
  const bea = await waline.post({ comment: "A comment worth liking", nick: "Bea", url: "/likes/" });
  await waline.post({ comment: "A quiet comment", nick: "Cy", url: "/likes/" });
  const { p } = await opened("/likes/");
  assert.equal(await article(p, "Bea").locator("[data-cw-vote=dislike]").count(), 0, "Waline counts likes only");
  const like = article(p, "Bea").locator("[data-cw-vote=like]");
  await like.click();
  await article(p, "Bea").locator("[data-cw-vote=like][aria-pressed=true]").waitFor();
  assert.match(await like.innerText(), /▲ 1/);
  assert.equal(waline.stored("/likes/").find((c) => c.id === bea.objectId).like, 1);
  await p.reload();
  await live(p);
  await article(p, "Bea").locator("[data-cw-vote=like][aria-pressed=true]").waitFor();
  assert.equal(waline.stored("/likes/").find((c) => c.id === bea.objectId).like, 1, "counted once, not again at the reload");
  // A second press takes the like back, as in Waline's own client; a third gives it again.
  await article(p, "Bea").locator("[data-cw-vote=like]").click();
  await article(p, "Bea").locator("[data-cw-vote=like][aria-pressed=false]").waitFor();
  assert.match(await article(p, "Bea").locator("[data-cw-vote=like]").innerText(), /▲ 0/);
  assert.equal(waline.stored("/likes/").find((c) => c.id === bea.objectId).like, 0, "taken back");
  await article(p, "Bea").locator("[data-cw-vote=like]").click();
  await article(p, "Bea").locator("[data-cw-vote=like][aria-pressed=true]").waitFor();
  assert.equal(waline.stored("/likes/").find((c) => c.id === bea.objectId).like, 1);

  const asked = [];
  p.on("request", (r) => asked.push(r.url()));
  await widget(p).getByRole("combobox", { name: "Sort comments" }).selectOption({ label: "Most liked" });
  await p.waitForFunction(() => document.querySelector("[data-comment-widget]").shadowRoot.querySelector(".cw-comment__author")?.textContent.includes("Bea"));
  assert.ok(asked.some((u) => u.includes("sortBy=like_desc")), asked.join("\n"));
  assert.deepEqual(p.problems, []);
  await p.context().close();
});

test("Waline pages and permalinks: two top comments a page, Show more brings the third with its reply; #comment-N, and #N as Waline's e-mails link, open at that comment", async () => {
  const ids = [];
  for (const nick of ["One", "Two", "Three"]) ids.push((await waline.post({ comment: `Comment by ${nick}`, nick, url: "/many/" })).objectId);
  const reply = await waline.post({ comment: "A reply to three", nick: "Four", url: "/many/", pid: ids[2], rid: ids[2] });
  const { p } = await opened("/many/");
  assert.equal(await article(p, "Three").count(), 0);
  await widget(p).getByRole("button", { name: "Show more comments" }).click();
  await article(p, "Four").waitFor();
  assert.equal(await nested(p, ids[2], reply.objectId), 1);
  assert.deepEqual(await widget(p).locator(".cw-comment__author").allInnerTexts(), ["One", "Two", "Three", "Four"]);
  const linked = await openPage(browser);
  await linked.goto(`${site.url}/many/#comment-${reply.objectId}`);
  await linked.waitForFunction((id) => document.querySelector("[data-comment-widget]").shadowRoot.activeElement?.id === `comment-${id}`, reply.objectId, { timeout: 15000 });
  // Waline's own e-mails link to a comment as #<id>.
  const mailed = await openPage(browser);
  await mailed.goto(`${site.url}/many/#${reply.objectId}`);
  await mailed.waitForFunction((id) => document.querySelector("[data-comment-widget]").shadowRoot.activeElement?.id === `comment-${id}`, reply.objectId, { timeout: 15000 });
  assert.deepEqual([...p.problems, ...linked.problems, ...mailed.problems], []);
  await p.context().close();
  await linked.context().close();
  await mailed.context().close();
});

test("Waline counts on an index page: one request for every counter, each in its own language", async () => {
  const p = await openPage(browser);
  const asked = [];
  p.on("request", (r) => r.url().startsWith(waline.url) && asked.push(r.url()));
  await p.goto(`${site.url}/index/`);
  const counters = p.locator("[data-comment-count]");
  await p.waitForFunction(() => [...document.querySelectorAll("[data-comment-count]")].every((a) => a.textContent !== "Comments"));
  const zh = (await waline.comments("/zh/")).reduce((n, c) => n + 1 + c.children.length, 0);
  assert.deepEqual(await counters.allTextContents(), [`${zh} 条评论`, "2 comments", "No comments"]);
  assert.equal(asked.length, 1, asked.join("\n"));
  assert.match(asked[0], /\/api\/comment\?type=count&url=%2Fzh%2F,%2Flikes%2F,%2Fnobody%2F$/);
  assert.deepEqual(p.problems, []);
  await p.context().close();
});
