// The thread a reader takes part in, against the real Isso: ▲/▼ votes
// (stored, once, none on one's own), Preview as Isso renders it (nothing
// sent, the caret kept), Edit and Delete of one's own comment through Isso's
// cookie (read back from Isso; an edit survives a reload; the buttons go
// when Isso's window closes, and a late save is refused with a sentence),
// and reply notifications e-mailed through a real SMTP sink.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { startIsso, startStatic, startMailSink, freePort } from "./support/servers.mjs";
import { startWordPress } from "./support/wordpress.mjs";
import { launch, openPage, hostPage, axeViolations } from "./support/browser.mjs";
import { ReplyForm } from "./support/reply_form.mjs";

let browser, cdn, site, isso, brief, mailing, sink, wp;

/** A comment written straight into Isso's database, from another address
 * (Isso refuses votes from the address that wrote a comment). */
function foreign(server, uri, author, text, parent = null) {
  return Number(execFileSync("python3", ["-c", `
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
row = db.execute("SELECT id FROM threads WHERE uri=?", (sys.argv[2],)).fetchone()
tid = row[0] if row else db.execute("INSERT INTO threads (uri, title) VALUES (?, 't')", (sys.argv[2],)).lastrowid
parent = int(sys.argv[5]) if sys.argv[5] else None
cur = db.execute("INSERT INTO comments (tid, parent, created, modified, mode, remote_addr, text, author, email, website, likes, dislikes, voters, notification) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    (tid, parent, time.time(), None, 1, '10.0.0.0', sys.argv[4], sys.argv[3], sys.argv[3].lower() + '@example.org', None, 0, 0, b'', 0))
db.commit()
print(cur.lastrowid)
`, server.db, uri, author, text, parent ? String(parent) : ""], { encoding: "utf8" }).trim());
}

function sql(server, statement) {
  execFileSync("python3", ["-c", "import sqlite3,sys\ndb=sqlite3.connect(sys.argv[1])\ndb.execute(sys.argv[2])\ndb.commit()", server.db, statement]);
}

/** Isso's stored row for comment `id`, read from its database. */
function row(server, id) {
  const out = execFileSync("python3", ["-c", `
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
r = db.execute("SELECT id, mode, text, likes, dislikes, notification, email FROM comments WHERE id=?", (int(sys.argv[2]),)).fetchone()
print(json.dumps(r and dict(id=r[0], mode=r[1], text=r[2], likes=r[3], dislikes=r[4], notification=r[5], email=r[6])))
`, server.db, String(id)], { encoding: "utf8" });
  return JSON.parse(out);
}

const widget = (p) => p.locator("[data-comment-widget]");
const article = (p, author) => widget(p).locator("article.cw-comment").filter({ has: p.locator(".cw-comment__author", { hasText: author }) });

/** Posts through the form as a reader would, and waits for the thank-you. */
async function post(p, { comment, name = "Reader", email = "reader@example.org" }) {
  const form = new ReplyForm(p, widget(p));
  await form.fill({ comment, name, email });
  await form.submit.click();
  await widget(p).locator(".cw-posted__text", { hasText: comment }).waitFor();
}

before(async () => {
  cdn = await startStatic({ files: { "/dark-page.css": new URL("./pages/dark-page.css", import.meta.url).pathname } });
  const sitePort = await freePort();
  const origins = [`http://127.0.0.1:${sitePort}`];
  sink = await startMailSink();
  [isso, brief, mailing, wp] = await Promise.all([
    startIsso({ origins }),
    startIsso({ origins, maxAge: "6s" }),
    startIsso({ origins, smtpPort: sink.port }),
    startWordPress(),
  ]);
  const on = (server, extra = {}) => ({ "data-backend": "isso", "data-endpoint": server.url, ...extra });
  const page = (attributes, extra = {}) => hostPage({ widgetBase: cdn.url, attributes, ...extra });
  const pages = {
    "/votes/": page(on(isso)),
    "/no-votes/": page(on(isso, { "data-page": "/votes/", "data-votes": "false" })),
    "/own/": page(on(isso)),
    "/brief/": page(on(brief)),
    "/preview/": page(on(isso)),
    "/mail/": page(on(mailing)),
    "/quiet/": page(on(isso, { "data-page": "/mail/" })),
    "/wordpress/": page({ "data-backend": "wordpress-rest", "data-endpoint": wp.url, "data-post-id": String(wp.posts.open) }),
  };
  for (const lang of ["en", "de", "fr", "es", "ar", "zh"]) {
    for (const theme of ["light", "dark"]) {
      // The dark theme is for a dark page.
      const head = theme === "dark" ? `<link rel="stylesheet" href="${cdn.url}/dark-page.css">` : "";
      pages[`/a11y-${lang}-${theme}/`] = page(on(mailing, { "data-page": "/a11y/", "data-lang": lang, "data-theme": theme }), { head, lang });
    }
  }
  site = await startStatic({ dir: "/nonexistent", port: sitePort, pages });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await Promise.all([cdn, site, isso, brief, mailing, sink, wp].map((s) => s?.stop()));
});

test("Isso votes: ▲ is stored, counted once, pressed after a reload, named with whose and how many; none on one's own comment; data-votes=false shows none", async () => {
  const bea = foreign(isso, "/votes/", "Bea", "A comment worth liking");
  const cal = foreign(isso, "/votes/", "Cal", "A comment about to go");
  const p = await openPage(browser);
  await p.goto(`${site.url}/votes/`);
  const like = article(p, "Bea").getByRole("button", { name: "Like Bea’s comment (likes: 0)" });
  await like.waitFor();
  assert.equal(await like.getAttribute("aria-pressed"), "false");
  // Keyboard only: focus, Enter.
  await like.focus();
  await p.keyboard.press("Enter");
  await article(p, "Bea").getByRole("button", { name: "Like Bea’s comment (likes: 1)" }).waitFor();
  assert.equal(await article(p, "Bea").locator("[data-cw-vote=like]").getAttribute("aria-pressed"), "true");
  assert.equal(row(isso, bea).likes, 1, "Isso stored the like");
  // Once: a second press sends nothing and says why.
  await article(p, "Bea").locator("[data-cw-vote=dislike]").click();
  await article(p, "Bea").locator(".cw-comment__note", { hasText: "already counted" }).waitFor();
  assert.deepEqual([row(isso, bea).likes, row(isso, bea).dislikes], [1, 0]);
  assert.deepEqual(await axeViolations(p), []);
  // A vote on a comment deleted meanwhile: a sentence, nothing else changes.
  sql(isso, `DELETE FROM comments WHERE id=${cal}`);
  await article(p, "Cal").locator("[data-cw-vote=dislike]").click();
  await article(p, "Cal").locator(".cw-comment__note", { hasText: "no longer on the server" }).waitFor();
  // Pressed after a reload; the reader's own comment has no votes.
  await post(p, { comment: "My own words here", name: "Me" });
  await article(p, "Me").waitFor();
  assert.equal(await article(p, "Me").locator("[data-cw-vote]").count(), 0, "no votes on one's own comment");
  await p.reload();
  await article(p, "Bea").locator("[data-cw-vote=like][aria-pressed=true]").waitFor();
  assert.equal(await article(p, "Me").locator("[data-cw-vote]").count(), 0);
  const plain = await openPage(browser);
  await plain.goto(`${site.url}/no-votes/`);
  await article(plain, "Bea").waitFor();
  assert.equal(await widget(plain).locator("[data-cw-vote]").count(), 0);
  assert.deepEqual(p.problems, []);
});

test("Isso edit and delete: Edit opens the text Isso stored, checked by Isso's rules; an edit survives a reload; Save is read back from Isso; Delete asks once; a comment with replies stays as deleted", async () => {
  const p = await openPage(browser);
  await p.goto(`${site.url}/own/`);
  await post(p, { comment: "First *draft* of my thought", name: "Ann" });
  const mine = article(p, "Ann");
  await mine.getByRole("button", { name: "Edit" }).waitFor();
  const id = (await isso.comments("/own/")).find((c) => c.author === "Ann").id;
  // Keyboard only: Edit opens the box with Isso's stored text (Markdown), focused.
  await mine.getByRole("button", { name: "Edit" }).focus();
  await p.keyboard.press("Enter");
  const box = mine.getByRole("textbox", { name: "Edit your comment" });
  await box.waitFor();
  assert.equal(await box.inputValue(), "First *draft* of my thought");
  await p.waitForFunction(() => document.querySelector("[data-comment-widget]").shadowRoot.activeElement?.tagName === "TEXTAREA");
  // Too short for Isso: said, nothing sent, the text kept.
  await box.fill("ab");
  await mine.getByRole("button", { name: "Save" }).click();
  await mine.locator(".cw-comment__note", { hasText: "at least 3 characters" }).waitFor();
  assert.equal(row(isso, id).text, "First *draft* of my thought");
  assert.equal(await box.inputValue(), "ab");
  // Interrupted by a reload: the edit comes back open, with its text.
  await box.fill("Second **version**, better");
  await p.reload();
  await article(p, "Ann").getByRole("textbox", { name: "Edit your comment" }).waitFor();
  assert.equal(await article(p, "Ann").getByRole("textbox", { name: "Edit your comment" }).inputValue(), "Second **version**, better");
  assert.deepEqual(await axeViolations(p), []);
  await article(p, "Ann").getByRole("button", { name: "Save" }).press("Enter");
  await article(p, "Ann").locator(".cw-comment__text strong", { hasText: "version" }).waitFor();
  assert.equal(row(isso, id).text, "Second **version**, better", "Isso stored the edit");
  await p.waitForFunction(() => document.querySelector("[data-comment-widget]").shadowRoot.activeElement?.dataset.cwEdit === "");
  // Delete asks once; Keep it goes back.
  await article(p, "Ann").getByRole("button", { name: "Delete" }).click();
  await article(p, "Ann").getByRole("button", { name: "Keep it" }).click();
  assert.equal(row(isso, id).mode, 1);
  await article(p, "Ann").getByRole("button", { name: "Delete" }).focus();
  await p.keyboard.press("Enter");
  const confirm = article(p, "Ann").getByRole("button", { name: "Yes, delete it" });
  await confirm.waitFor();
  await p.waitForFunction(() => document.querySelector("[data-comment-widget]").shadowRoot.activeElement?.dataset.cwConfirm === "");
  assert.deepEqual(await axeViolations(p), []);
  await p.keyboard.press("Enter");
  await article(p, "Ann").locator(".cw-comment__text", { hasText: "This comment was deleted." }).waitFor();
  assert.equal(row(isso, id), null, "Isso removed it");
  // One with a reply stays as "deleted", as Isso keeps it.
  await post(p, { comment: "A comment someone will answer", name: "Bo" });
  await article(p, "Bo").getByRole("button", { name: "Delete" }).waitFor();
  const bo = (await isso.comments("/own/")).find((c) => c.author === "Bo").id;
  foreign(isso, "/own/", "Replier", "An answer to Bo", bo);
  await article(p, "Bo").getByRole("button", { name: "Delete" }).click();
  await article(p, "Bo").getByRole("button", { name: "Yes, delete it" }).click();
  await article(p, "Bo").locator(".cw-comment__text", { hasText: "This comment was deleted." }).waitFor();
  assert.equal(row(isso, bo).mode, 4, "kept for its reply, marked deleted");
  await p.reload();
  await widget(p).locator(".cw-comment__text", { hasText: "An answer to Bo" }).waitFor();
  const deleted = widget(p).locator("article.cw-comment", { hasText: "This comment was deleted." });
  assert.equal(await deleted.count(), 1, "listed as deleted, its reply under it");
  assert.equal(await deleted.getByRole("button").count(), 0, "nothing to press on a deleted comment");
  assert.deepEqual(p.problems.filter((e) => !/Failed to load resource/.test(e)), []);
});

test("Isso's edit window: Edit and Delete go when it closes, without a reload; a save after it is refused with a sentence and the text kept", async () => {
  const p = await openPage(browser);
  await p.goto(`${site.url}/brief/`);
  await post(p, { comment: "Written in a hurry", name: "Dan" });
  const mine = article(p, "Dan");
  await mine.getByRole("button", { name: "Edit" }).click();
  const box = mine.getByRole("textbox", { name: "Edit your comment" });
  await box.waitFor();
  await box.fill("Written in a hurry, then thought over");
  // Isso's max-age is 6 s here.
  await mine.getByRole("button", { name: "Delete" }).waitFor({ state: "hidden", timeout: 12000 });
  await mine.getByRole("button", { name: "Save" }).click();
  await mine.locator(".cw-comment__note", { hasText: "The time to change this comment is over" }).waitFor();
  assert.equal(await box.inputValue(), "Written in a hurry, then thought over", "the text is kept");
  const id = (await brief.comments("/brief/")).find((c) => c.author === "Dan").id;
  assert.equal(row(brief, id).text, "Written in a hurry");
  // A comment of the reader's whose window closed has no Edit after a reload either.
  const other = await openPage(browser);
  await other.goto(`${site.url}/brief/`);
  await article(other, "Dan").waitFor();
  assert.equal(await article(other, "Dan").getByRole("button", { name: "Edit" }).count(), 0);
});

test("Preview: Isso renders the Markdown, through the allowlist; nothing is sent; back to writing keeps the text and the caret", async () => {
  const p = await openPage(browser);
  const posted = [];
  p.on("request", (r) => r.url().includes("/new?") && posted.push(r.url()));
  await p.goto(`${site.url}/preview/`);
  const form = new ReplyForm(p, widget(p));
  const text = "Some *emphasis* and **strength**\n\n<script>window.pwned = 1</script><img src=x onerror=\"window.pwned = 2\">[a link](javascript:alert(1))";
  await form.comment.fill(text);
  // The live form (typing was the intent that loads it): the caret below is
  // set on it, not on the painted form it replaces (a Preview pressed before
  // the code arrives: readers.test.mjs).
  await p.locator("[data-comment-widget][data-cw-live]").waitFor({ state: "attached" });
  await form.comment.evaluate((el) => el.setSelectionRange(5, 9));
  const button = widget(p).getByRole("button", { name: "Preview" });
  await button.focus();
  await p.keyboard.press("Enter");
  const preview = widget(p).getByRole("region", { name: "Preview of your comment" });
  await preview.locator("strong", { hasText: "strength" }).waitFor();
  assert.equal(await preview.locator("em").textContent(), "emphasis");
  assert.equal(await preview.locator("script, img, [onerror]").count(), 0);
  assert.equal(await preview.locator("a[href^=javascript]").count(), 0);
  assert.equal(await p.evaluate(() => window.pwned), undefined);
  assert.equal(await form.comment.isHidden(), true, "the preview is in the box's place");
  assert.deepEqual(await axeViolations(p), []);
  await widget(p).getByRole("button", { name: "Back to writing" }).press("Enter");
  await p.waitForFunction(() => document.querySelector("[data-comment-widget]").shadowRoot.activeElement?.tagName === "TEXTAREA");
  assert.equal(await form.comment.inputValue(), text);
  assert.deepEqual(await form.comment.evaluate((el) => [el.selectionStart, el.selectionEnd]), [5, 9], "the caret is where it was");
  assert.deepEqual(posted, [], "a preview sends no comment");
  assert.equal((await isso.comments("/preview/")).length, 0);
  assert.deepEqual(p.problems, []);
});

test("WordPress: the preview is what WordPress then shows for the posted comment — paragraphs, line breaks, allowed and disallowed tags, its typography and links", async () => {
  const p = await openPage(browser);
  await p.goto(`${site.url}/wordpress/`);
  const form = new ReplyForm(p, widget(p));
  const marker = `Preview check ${Date.now()}`;
  const text = [
    `${marker}: it's "quoted", 'single' -- and --- dashes... 3x4`,
    "a second line with <b>bold</b>, <i>italic</i>, <strong>strong</strong> and <code>it's -- code</code>",
    "",
    "<script>window.pwned = 1</script>a script's text, <span style=\"color:red\">a span</span>, <img src=x onerror=\"window.pwned=2\">",
    "<blockquote>a quote\nover two lines</blockquote>",
    "see https://example.org/page. and <a href=\"https://example.com/\" onclick=\"x()\">a link</a>, a < b > c & d",
    "",
    "",
    "x < 5, y > 2 and z < 7",
    "the last paragraph",
  ].join("\n");
  await form.fill({ comment: text, name: "Pia", email: "pia@example.org" });
  await widget(p).getByRole("button", { name: "Preview" }).click();
  const preview = widget(p).getByRole("region", { name: "Preview of your comment" });
  await preview.locator("blockquote").waitFor();
  // (The renderer's comment markers left out: the thread a fresh reader sees is the painted one.)
  const shape = (loc) => loc.evaluate((el) => el.innerHTML.replace(/<!--.*?-->/g, "").replace(/\s+/g, " ").replace(/> </g, "><").trim());
  const previewed = await shape(preview);
  assert.equal(await p.evaluate(() => window.pwned), undefined);
  await widget(p).getByRole("button", { name: "Back to writing" }).click();
  await form.submit.click();
  await widget(p).locator(".cw-posted__text", { hasText: marker }).waitFor();
  // Held for moderation (a first comment): approved, then read as WordPress renders it.
  assert.ok(wp.comments(wp.posts.open).some((c) => c.content.includes(marker)), "WordPress stored it");
  wp.sql(`UPDATE wordpress.wp_comments SET comment_approved = '1' WHERE comment_content LIKE '${marker}%'`);
  const rendered = await (await fetch(`${wp.url}/?rest_route=/wp/v2/comments&post=${wp.posts.open}&per_page=100`)).json();
  assert.ok(rendered.some((c) => c.content.rendered.includes("<blockquote>")), "WordPress's own rendering");
  const fresh = await openPage(browser);
  await fresh.goto(`${site.url}/wordpress/`);
  const shown = widget(fresh).locator("article.cw-comment .cw-comment__text", { hasText: marker });
  await shown.waitFor();
  assert.equal(await shape(shown), previewed, "the preview is the comment as WordPress shows it");
  assert.deepEqual(p.problems, []);
});

test("Reply notifications: offered where Isso e-mails replies, once an e-mail is typed; posting subscribes, and a reply's e-mail arrives through the SMTP sink", async () => {
  const p = await openPage(browser);
  await p.goto(`${site.url}/mail/`);
  const form = new ReplyForm(p, widget(p));
  const notify = widget(p).getByLabel("Notify me of new replies by email");
  await form.fill({ comment: "Tell me when someone answers", name: "Eve" });
  await widget(p).locator(".cw-thread__note", { hasText: "No comments" }).waitFor(); // loaded
  assert.equal(await notify.count(), 0, "no e-mail typed: nothing to notify");
  await form.email.fill("eve@example.org");
  await notify.check();
  assert.deepEqual(await axeViolations(p), []);
  await form.submit.click();
  await widget(p).locator(".cw-status--success").waitFor();
  const eve = (await mailing.comments("/mail/")).find((c) => c.author === "Eve").id;
  assert.equal(row(mailing, eve).notification, 1, "Isso stored the subscription");
  // Another reader answers (through Isso's API, from another e-mail).
  await fetch(`${mailing.url}/new?uri=${encodeURIComponent("/mail/")}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ title: "t", text: "Here is your answer, Eve", author: "Fin", email: "fin@example.org", parent: eve }),
  });
  const mail = await sink.waitFor((m) => m.to.includes("eve@example.org"));
  assert.match(mail.body, /Here is your answer, Eve/);
  // An Isso that sends no e-mails offers no box.
  const quiet = await openPage(browser);
  await quiet.goto(`${site.url}/quiet/`);
  const quietForm = new ReplyForm(quiet, widget(quiet));
  await quietForm.fill({ email: "eve@example.org" });
  await widget(quiet).locator(".cw-thread__note", { hasText: "No comments" }).waitFor(); // loaded
  assert.equal(await widget(quiet).getByLabel("Notify me of new replies by email").count(), 0);
  assert.deepEqual(p.problems, []);
});

test("axe-core finds nothing in the new states, in all five languages and both themes: votes (one pressed), an edit open, Delete's question, the preview and the reply e-mails box", async () => {
  const others = foreign(mailing, "/a11y/", "Gus", "Someone else's comment");
  const own = foreign(mailing, "/a11y/", "Hal", "The reader's own comment");
  for (const lang of ["en", "de", "fr", "es", "ar", "zh"]) {
    for (const theme of ["light", "dark"]) {
      const p = await openPage(browser);
      await p.addInitScript(([endpoint, own, others]) => {
        localStorage.setItem(`comment-widget:mine:${endpoint}`, JSON.stringify([[own, Date.now() + 3600e3]]));
        localStorage.setItem(`comment-widget:votes:${endpoint}`, JSON.stringify([[others, 1]]));
        localStorage.setItem(`comment-widget:edit:${endpoint}|${own}`, "An edit in progress");
      }, [mailing.url, own, others]);
      await p.goto(`${site.url}/a11y-${lang}-${theme}/`);
      await widget(p).locator(`#isso-${own} textarea`).waitFor();
      await widget(p).locator(`#isso-${others} [data-cw-vote=like][aria-pressed=true]`).waitFor();
      await widget(p).locator(`#isso-${own} [data-cw-delete]`).waitFor({ state: "attached" });
      await widget(p).locator("textarea[name=comment]").fill("A *preview*");
      await widget(p).locator("input[name=email]").fill("a11y@example.org");
      await widget(p).locator("input[name=cw-notify]").waitFor();
      await widget(p).locator("[data-cw-preview]").click();
      await widget(p).locator(".cw-preview em").waitFor();
      await widget(p).locator(`#isso-${own} [data-cw-delete]`).click();
      await widget(p).locator(`#isso-${own} [data-cw-confirm]`).waitFor();
      assert.deepEqual(await axeViolations(p), [], `${lang} ${theme}`);
      assert.deepEqual(p.problems, [], `${lang} ${theme}`);
      await p.context().close();
    }
  }
});
