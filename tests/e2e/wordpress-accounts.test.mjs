// WordPress as WordPress does it, through the plugin on the real Debian
// WordPress: a user logged in through wp-login.php gets WordPress's "Logged
// in as …" form with only Comment, and what they post is stored as theirs
// (the user's id, name and e-mail), with each backend; an administrator's
// HTML passes unfiltered, as through the theme's form; a login that ended in
// another tab is told to reload, and the text survives the reload; a
// members-only site shows anonymous readers WordPress's sentence and login
// link instead of the form; the form printed into the page is typed into
// before any script and adopted; what was typed into a theme's form moves
// into the widget; replies nest, and the thread pages and opens, as Settings →
// Discussion says. Each state
// passes axe-core.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./support/servers.mjs";
import { startWordPress, logIn, fillLogin } from "./support/wordpress.mjs";
import { launch, openPage, axeViolations } from "./support/browser.mjs";
import { ReplyForm } from "./support/reply_form.mjs";

const PLUGIN = join(ROOT, "target/wp-plugin/comment-widget");
const POSTED = "Thank you! Your comment has been posted.";
let browser, wp, editor;
let n = 0;
const unique = (label) => `${label} ${Date.now()}-${++n}`;
// A page whose theme prints its own form after the widget (a site without
// the plugin's printed form): the fields WordPress's comment_form() prints,
// and the widget with the plugin's spam check, as the plugin prints it.
const THEME_FORM_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Theme form</title>
<script src="/cw-dist/comment-widget.js" defer></script></head><body><main><h1>Theme form</h1>
<div data-comment-widget data-backend="wordpress-form" data-endpoint="/" data-post-id="1" data-challenge-url="/?rest_route=/comment-widget/v1/challenge"></div>
<div id="respond" class="comment-respond"><h3>Leave a Reply</h3><form action="/wp-comments-post.php" method="post" id="commentform">
<p><label for="comment">Comment</label><textarea id="comment" name="comment"></textarea></p>
<p><label for="author">Name</label><input id="author" name="author" type="text"></p>
<p><label for="email">Email</label><input id="email" name="email" type="email"></p>
<p><label for="url">Website</label><input id="url" name="url" type="url"></p>
<p><input type="submit" value="Post Comment"></p></form></div></main>
<style>[data-comment-widget][data-cw-painted] ~ #respond { display: none }</style></body></html>`;

before(async () => {
  if (!existsSync(join(PLUGIN, "assets/comment-widget.js"))) throw new Error(`no plugin at ${PLUGIN}: run node scripts/package.mjs after a release build`);
  wp = await startWordPress({ plugins: { "comment-widget": PLUGIN }, pages: { "theme-form": THEME_FORM_PAGE } });
  assert.equal(wp.plugin("activate").active, true);
  editor = wp.plugin("user", "ed", "editor", "Ed Itor").user;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await wp?.stop();
});

const widget = (p) => p.locator("[data-comment-widget]");
/** The live form, once the reader has scrolled to it (it loads on approach,
 * and the comments above it push it down the page) and pointed at it (with a
 * thread, it loads on the reader's intent). */
async function live(p) {
  await widget(p).scrollIntoViewIfNeeded();
  await widget(p).dispatchEvent("pointerover");
  await p.locator("[data-comment-widget][data-cw-live]").waitFor({ state: "attached" });
}
const problems = (p) => p.problems.filter((m) => !m.includes("ERR_NAME_NOT_RESOLVED"));

/** A browser of its own, logged in through WordPress's login page. */
async function loggedIn(login) {
  const p = await openPage(browser);
  await logIn(p, wp.url, login);
  return p;
}

/** The post's page, once the live form is there. */
async function onPost(p) {
  await p.goto(`${wp.url}/hello-world/`);
  const form = new ReplyForm(p, widget(p));
  await form.heading.waitFor();
  await live(p);
  return form;
}

async function expectMemberForm(p, form, name) {
  const note = widget(p).locator(".cw-reply__account");
  assert.equal((await note.innerText()).replace(/\s+/g, " ").trim(), `Logged in as ${name}. Edit your profile. Log out? Required fields are marked *`);
  assert.match(await note.getByRole("link", { name: "Edit your profile" }).getAttribute("href"), /\/wp-admin\/profile\.php$/);
  const logout = await note.getByRole("link", { name: "Log out?" }).getAttribute("href");
  assert.match(logout, /wp-login\.php\?action=logout&redirect_to=.*hello-world.*&_wpnonce=\w+/);
  assert.equal(await form.name.count(), 0, "no Name field");
  assert.equal(await form.email.count(), 0, "no Email field");
  assert.equal(await form.website.count(), 0, "no Website field");
  assert.equal(await form.remember.count(), 0, "no Save my name box");
  return logout;
}

test("logged in, the form is WordPress's for a user, and the comment is stored as the user's (wp-comments-post.php; HTML unfiltered for an administrator)", async () => {
  wp.plugin("set", "comment_widget_backend", "wordpress-form");
  const p = await loggedIn("ed");
  const form = await onPost(p);
  await expectMemberForm(p, form, "Ed Itor");
  assert.deepEqual(await axeViolations(p), []);
  const text = unique("An editor's answer & <em>emphasis</em>");
  await form.comment.fill(text);
  await form.submit.click();
  await form.expectStatus(POSTED);
  const stored = wp.comments(wp.posts.open).find((c) => c.content === text);
  assert.deepEqual([stored?.user, stored?.author, stored?.email], [editor, "Ed Itor", "ed@example.org"]);
  assert.deepEqual(problems(p), []);
  await p.context().close();

  // The administrator may post any HTML, as through the theme's form (its nonce).
  const admin = await loggedIn("admin");
  const adminForm = await onPost(admin);
  await expectMemberForm(admin, adminForm, "admin");
  const html = unique('<h2 class="staff">Staff note</h2> from the desk');
  await adminForm.comment.fill(html);
  await adminForm.submit.click();
  await adminForm.expectStatus(POSTED);
  const mine = wp.comments(wp.posts.open).find((c) => c.content.includes("from the desk") && c.content.includes(html.split(" ").pop()));
  assert.equal(mine?.user, 1);
  assert.match(mine.content, /^<h2 class="staff">Staff note<\/h2>/, "kept as typed, as the theme's form keeps it");
  await admin.context().close();
});

test("logged in over the REST API, the nonce makes the comment the user's; a login ended in another tab is told to reload, and the text survives it", async () => {
  wp.plugin("set", "comment_widget_backend", "wordpress-rest");
  try {
    const p = await loggedIn("ed");
    const form = await onPost(p);
    const logout = await expectMemberForm(p, form, "Ed Itor");
    assert.match(await widget(p).getAttribute("data-rest-nonce"), /^\w+$/);
    const text = unique("Over REST, as myself");
    await form.comment.fill(text);
    await form.submit.click();
    await form.expectStatus(POSTED);
    const stored = wp.comments(wp.posts.open).find((c) => c.content === text);
    assert.deepEqual([stored?.user, stored?.author, stored?.email], [editor, "Ed Itor", "ed@example.org"]);

    // Logged out in another tab; this page still thinks it is logged in.
    const other = await p.context().newPage();
    await other.goto(logout);
    await other.close();
    const late = unique("Typed while the login ended");
    await form.comment.fill(late);
    await form.submit.click();
    await form.expectStatus("You are no longer logged in to this site");
    assert.equal(await form.comment.inputValue(), late, "the text stays in the box");
    assert.equal(wp.comments(wp.posts.open).some((c) => c.content === late), false);
    assert.deepEqual(await axeViolations(p), []);
    await p.reload();
    const again = new ReplyForm(p, widget(p));
    await again.name.waitFor();
    assert.equal(await again.comment.inputValue(), late, "the draft is back after the reload, in the anonymous form");
    await p.context().close();
  } finally {
    wp.plugin("set", "comment_widget_backend", "wordpress-form");
  }
});

test("members only: anonymous readers get WordPress's sentence and the login link instead of the form; logged in, the form", async () => {
  wp.plugin("set", "comment_registration", "1");
  wp.plugin("set", "comment_widget_backend", "wordpress-rest");
  try {
    const p = await openPage(browser);
    await p.goto(`${wp.url}/hello-world/`);
    const must = widget(p).locator(".cw-must-log-in");
    await must.waitFor();
    await live(p);
    assert.equal((await must.innerText()).replace(/\s+/g, " ").trim(), "You must be logged in to post a comment. Log in");
    const href = await must.getByRole("link", { name: "Log in" }).getAttribute("href");
    assert.match(decodeURIComponent(href), /\/wp-login\.php\?redirect_to=.*\/hello-world\/$/);
    assert.equal(await widget(p).getByRole("textbox").count(), 0, "no form to type into");
    assert.equal(await widget(p).getByRole("heading", { name: "Leave a Reply" }).count(), 1);
    // The thread still shows.
    await widget(p).locator(".cw-thread").waitFor();
    assert.deepEqual(await axeViolations(p), []);
    assert.deepEqual(problems(p), []);
    // Following the link, logging in, and back on the post: the form.
    await must.getByRole("link", { name: "Log in" }).click();
    await fillLogin(p, "ed");
    await Promise.all([p.waitForURL(/\/hello-world\/$/), p.locator("#wp-submit").click()]);
    const form = new ReplyForm(p, widget(p));
    await form.comment.waitFor();
    await expectMemberForm(p, form, "Ed Itor");
    await p.context().close();
  } finally {
    wp.plugin("set", "comment_registration", "0");
    wp.plugin("set", "comment_widget_backend", "wordpress-form");
  }
});

test("the site's discussion settings: replies nest as deep as Settings → Discussion says, and its order comes first", async () => {
  wp.plugin("set", "comment_widget_backend", "wordpress-rest");
  wp.plugin("set", "thread_comments_depth", "2");
  const post = wp.posts.members;
  const insert = (author, parent, minute) =>
    wp.sql(
      `INSERT INTO wordpress.wp_comments (comment_post_ID, comment_author, comment_author_email, comment_content, comment_parent, comment_approved, comment_date, comment_date_gmt, comment_type)
       VALUES (${post}, '${author}', '${author}@example.org', 'Said by ${author}', ${parent}, '1', '2026-11-01 10:${minute}:00', '2026-11-01 10:${minute}:00', 'comment');
       SELECT LAST_INSERT_ID();`,
    ).trim();
  const ann = insert("Ann", 0, "01");
  const bo = insert("Bo", ann, "02");
  insert("Cy", bo, "03");
  insert("Di", 0, "04");
  try {
    const p = await openPage(browser);
    await p.goto(`${wp.url}/members-only/`);
    const thread = widget(p).locator(".cw-thread");
    await thread.getByText("Said by Cy").waitFor();
    const authors = (list) => list.locator(":scope > li > article .cw-comment__author").allInnerTexts();
    const top = thread.locator(".cw-thread__list");
    assert.deepEqual(await authors(top), ["Ann", "Di"]);
    // Two levels: Cy (a reply to Bo) shows beside Bo, under Ann, not under Bo.
    assert.deepEqual(await authors(top.locator(":scope > li").first().locator(":scope > ol")), ["Bo", "Cy"]);
    const replyable = await thread.getByRole("button", { name: /^Reply to / }).evaluateAll((buttons) => buttons.map((b) => b.getAttribute("aria-label")));
    assert.deepEqual(replyable, ["Reply to Ann", "Reply to Di"], "the last level offers no Reply");
    assert.deepEqual(await axeViolations(p), []);
    // Newer comments at the top.
    wp.plugin("set", "comment_order", "desc");
    await p.reload();
    await thread.getByText("Said by Cy").waitFor();
    assert.deepEqual(await authors(top), ["Di", "Ann"]);
    await p.context().close();
  } finally {
    wp.plugin("set", "comment_order", "asc");
    wp.plugin("set", "thread_comments_depth", "5");
    wp.plugin("set", "comment_widget_backend", "wordpress-form");
  }
});

test("the site's comment pages: the thread opens where WordPress's own pages open, and earlier or later comments are a button away", async () => {
  // Settings → Discussion: "Break comments into pages with 3 top level
  // comments per page and the last page displayed by default".
  wp.plugin("set", "page_comments", "1");
  wp.plugin("set", "comments_per_page", "3");
  wp.plugin("set", "default_comments_page", "newest");
  const post = wp.posts.paged;
  const insert = (names, from) =>
    wp.sql(
      names
        .map(
          (name, i) => `INSERT INTO wordpress.wp_comments (comment_post_ID, comment_author, comment_author_email, comment_content, comment_parent, comment_approved, comment_date, comment_date_gmt, comment_type)
       VALUES (${post}, '${name}', '${name}@example.org', 'Said by ${name}', 0, '1', '2026-11-02 10:0${from + i}:00', '2026-11-02 10:0${from + i}:00', 'comment');`,
        )
        .join("\n"),
    );
  const names = ["Ann", "Bo", "Cy", "Di", "Ed", "Fay"];
  insert(names, 0);
  /** The authors of the top-level comments WordPress's own list (the theme's, kept with the form backend) shows first. */
  async function wordpressShows() {
    wp.plugin("set", "comment_widget_backend", "wordpress-form");
    const theme = await openPage(browser);
    await theme.goto(`${wp.url}/comment-pages/`);
    // Its top-level comments (depth-1), each by its own author's name (the first in it).
    const shown = await theme
      .locator("li.depth-1")
      .evaluateAll((items) => items.map((li) => li.querySelector(".wp-block-comment-author-name")?.textContent.trim()));
    await theme.context().close();
    wp.plugin("set", "comment_widget_backend", "wordpress-rest");
    return shown;
  }
  try {
    assert.deepEqual(await wordpressShows(), ["Di", "Ed", "Fay"], "WordPress opens at its last page, oldest first");
    const p = await openPage(browser);
    const asked = [];
    p.on("request", (r) => r.url().includes("wp/v2/comments") && r.method() === "GET" && asked.push(r.url()));
    // The REST answer the loader paints from is held until the reader has
    // pressed a button of the thread the plugin printed into the page.
    let answer;
    const held = new Promise((go) => (answer = go));
    await p.route(/wp\/v2\/comments/, async (route) => {
      await held;
      await route.continue();
    });
    await p.goto(`${wp.url}/comment-pages/`);
    const thread = widget(p).locator(".cw-thread");
    await thread.getByText("Said by Fay").waitFor();
    const shown = () => thread.locator(".cw-thread__list > li > article .cw-comment__author").allInnerTexts();
    assert.deepEqual(await shown(), ["Di", "Ed", "Fay"], "the widget opens where WordPress does");
    assert.equal(await thread.getByRole("heading", { level: 3 }).innerText(), "6 comments");
    const earlier = thread.getByRole("button", { name: "Show earlier comments" });
    const later = thread.getByRole("button", { name: "Show more comments" });
    assert.equal(await later.isVisible(), false);
    // Earlier comments arrive above, by keyboard; the button goes with the
    // first page, and the focus goes to the earliest comment, not to the page.
    // Pressed on the printed thread: the painter's thread that replaces it
    // keeps the focus and the press, and the live one carries the press out.
    await earlier.focus();
    await p.keyboard.press("Enter");
    answer();
    await thread.getByText("Said by Ann").waitFor();
    // Asked once for the first page, newest first, three at a time: the
    // loader's early request is the one the wasm takes.
    const first = asked.filter((u) => /[?&]page=1&/.test(u));
    assert.equal(first.length, 1, asked.join(" "));
    assert.match(first[0], /[?&]per_page=3&page=1&order=desc&/);
    await p.unroute(/wp\/v2\/comments/);
    assert.deepEqual(await shown(), names);
    await earlier.waitFor({ state: "hidden" });
    await thread.locator("article:focus").waitFor();
    assert.equal(await thread.locator("article:focus > .cw-comment__author").innerText(), "Ann");
    assert.deepEqual(await axeViolations(p), []);

    // Seven comments: WordPress's last page is Gus alone; the widget ends
    // where WordPress does and fills its page with the two before.
    insert(["Gus"], 6);
    assert.deepEqual(await wordpressShows(), ["Gus"]);
    await p.reload();
    await thread.getByText("Said by Gus").waitFor();
    assert.deepEqual(await shown(), ["Ed", "Fay", "Gus"]);
    await earlier.focus();
    await p.keyboard.press("Enter");
    await thread.getByText("Said by Bo").waitFor();
    assert.deepEqual(await shown(), ["Bo", "Cy", "Di", "Ed", "Fay", "Gus"]);
    // More are left: the button stays, and so does the focus.
    assert.equal(await earlier.evaluate((b) => b === b.getRootNode().activeElement), true);
    // A reply to an earlier comment: after the post, the pages the reader
    // opened stay open (the new comment shifts WordPress's pages by one),
    // and the reply shows under the comment it answers.
    await thread.getByRole("button", { name: "Reply to Bo" }).click();
    const form = new ReplyForm(p, widget(p));
    await form.fill({ comment: "Bo, page two agrees", name: "Ike", email: "ike@example.org" });
    await form.submit.click();
    await form.expectStatus(POSTED);
    const bo = thread.locator(".cw-thread__list > li").filter({ has: p.getByText("Said by Bo") });
    await bo.locator(".cw-thread__replies").getByText("Bo, page two agrees").waitFor();
    // Every comment shown before is shown still, in order (reading as far
    // as Bo again may bring Ann along with him).
    const before = ["Bo", "Cy", "Di", "Ed", "Fay", "Gus"];
    assert.deepEqual((await shown()).filter((name) => before.includes(name)), before);
    assert.equal(await bo.locator(".cw-thread__replies .cw-comment__author").innerText(), "Ike");

    // "First page displayed by default": the oldest three, the rest below.
    wp.plugin("set", "default_comments_page", "oldest");
    assert.deepEqual(await wordpressShows(), ["Ann", "Bo", "Cy"]);
    await p.reload();
    await thread.getByText("Said by Ann").waitFor();
    assert.deepEqual(await shown(), ["Ann", "Bo", "Cy"]);
    assert.equal(await earlier.isVisible(), false);
    await later.click();
    await thread.getByText("Said by Fay").waitFor();
    assert.deepEqual(await shown(), names.concat("Gus").slice(0, 6));
    await p.context().close();
  } finally {
    wp.plugin("set", "page_comments", "0");
    wp.plugin("set", "default_comments_page", "newest");
    wp.plugin("set", "comments_per_page", "50");
    wp.plugin("set", "comment_widget_backend", "wordpress-form");
  }
});

/** A page whose widget loader is held back until `release()`. */
async function slowLoader(url, loader) {
  const p = await openPage(browser);
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await p.route(loader, async (route) => {
    await held;
    await route.continue();
  });
  await p.goto(url, { waitUntil: "commit" }); // the held (deferred) loader holds DOMContentLoaded back
  return { p, release };
}

test("typed into the printed form before any script: the loader adopts it, and the text, the focus and the caret reach the live form and WordPress; axe-core is clean before any script", async () => {
  const { p, release } = await slowLoader(`${wp.url}/hello-world/`, "**/comment-widget/assets/comment-widget.js*");
  const form = new ReplyForm(p, widget(p));
  await form.heading.waitFor();
  assert.equal(await p.locator("#respond").count(), 0, "the theme's form is not printed");
  assert.equal(await widget(p).getAttribute("data-cw-painted"), null, "no script of ours has run");
  assert.deepEqual(await axeViolations(p), [], "the printed form, before any script");
  const typed = unique("Typed at the first paint");
  await form.comment.fill(typed);
  await form.name.fill("Wen");
  await form.email.fill("wen@example.org");
  await form.comment.evaluate((box) => {
    box.focus();
    box.setSelectionRange(3, 3);
  });
  release();
  await live(p);
  assert.equal(await form.comment.inputValue(), typed);
  assert.match(await form.focusedClass(), /cw-field__input--comment/);
  await p.keyboard.type("#");
  const expected = typed.slice(0, 3) + "#" + typed.slice(3);
  assert.equal(await form.comment.inputValue(), expected, "the caret stayed where it was");
  await widget(p).getByRole("button", { name: "Preview" }).waitFor();
  await form.submit.click();
  await form.expectStatus(POSTED);
  assert.equal(wp.comments(wp.posts.open).find((c) => c.content === expected)?.author, "Wen");
  assert.deepEqual(problems(p), []);
  await p.context().close();
});

test("typed into the theme's form while the widget was on its way: the text, the details, the focus and the caret move into the widget, and it posts", async () => {
  const { p, release } = await slowLoader(`${wp.url}/cw-pages/theme-form/`, "**/cw-dist/comment-widget.js*");
  const respond = p.locator("#respond");
  await respond.locator("#comment").waitFor();
  const typed = unique("Typed on a slow connection");
  await respond.locator("#comment").fill(typed);
  await respond.locator("#author").fill("Vic");
  await respond.locator("#email").fill("vic@example.org");
  await respond.locator("#comment").evaluate((box) => {
    box.focus();
    box.setSelectionRange(5, 5);
  });
  release();
  const form = new ReplyForm(p, widget(p));
  await form.heading.waitFor();
  assert.equal(await respond.isVisible(), false, "the theme's form gives way");
  assert.equal(await form.comment.inputValue(), typed);
  assert.deepEqual([await form.name.inputValue(), await form.email.inputValue()], ["Vic", "vic@example.org"]);
  assert.match(await form.focusedClass(), /cw-field__input--comment/, "the focus moved with the text");
  assert.deepEqual(await form.comment.evaluate((box) => [box.selectionStart, box.selectionEnd]), [5, 5], "the caret moved too");
  // Typing across the takeover itself is paint.test.mjs's: here, once live.
  await live(p);
  await p.keyboard.type("!");
  const expected = typed.slice(0, 5) + "!" + typed.slice(5);
  assert.equal(await form.comment.inputValue(), expected, "the caret survived the takeover");
  await form.submit.click();
  await form.expectStatus(POSTED);
  assert.equal(wp.comments(wp.posts.open).find((c) => c.content === expected)?.author, "Vic");
  assert.deepEqual(problems(p), []);
  await p.context().close();
});

test("a display name with HTML in it is printed and shown as text, in the printed form and the live one", async () => {
  const hostile = `Ed <img src=x onerror="window.__owned=1"> "Itor" & Co`;
  wp.sql(`UPDATE wordpress.wp_users SET display_name = '${hostile.replaceAll("'", "''")}' WHERE user_login = 'ed'`);
  try {
    const p = await loggedIn("ed");
    await p.goto(`${wp.url}/hello-world/`);
    const note = widget(p).locator(".cw-reply__account");
    await note.waitFor();
    assert.match(await note.innerText(), new RegExp(`^Logged in as ${hostile.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.`));
    await live(p);
    assert.match(await note.innerText(), /^Logged in as Ed <img/);
    assert.equal(await widget(p).locator("img").count(), 0);
    assert.equal(await p.evaluate(() => window.__owned), undefined);
    await p.context().close();
  } finally {
    wp.sql(`UPDATE wordpress.wp_users SET display_name = 'Ed Itor' WHERE user_login = 'ed'`);
  }
});

test("a closed post (REST): its thread without the form or Reply, then \"Comments are closed.\"; Settings → Avatars off: no avatars", async () => {
  wp.plugin("set", "comment_widget_backend", "wordpress-rest");
  wp.plugin("set", "show_avatars", "0");
  wp.sql(
    `INSERT INTO wordpress.wp_comments (comment_post_ID, comment_author, comment_author_email, comment_content, comment_parent, comment_approved, comment_date, comment_date_gmt, comment_type)
     VALUES (${wp.posts.closed}, 'Gus', 'gus@example.org', 'Said before it closed', 0, '1', '2026-11-01 09:00:00', '2026-11-01 09:00:00', 'comment')`,
  );
  try {
    const p = await openPage(browser);
    await p.goto(`${wp.url}/?p=${wp.posts.closed}`);
    await widget(p).scrollIntoViewIfNeeded();
    await widget(p).getByText("Said before it closed").waitFor();
    assert.equal(await widget(p).locator(".cw-closed").innerText(), "Comments are closed.");
    assert.equal(await widget(p).getByRole("textbox").count(), 0, "no form");
    assert.equal(await widget(p).getByRole("button", { name: /^Reply to / }).count(), 0, "no Reply");
    assert.equal(await widget(p).locator(".cw-thread img").count(), 0, "no avatars");
    assert.deepEqual(await axeViolations(p), []);
    assert.deepEqual(problems(p), []);
    await p.context().close();
  } finally {
    wp.plugin("set", "show_avatars", "1");
    wp.plugin("set", "comment_widget_backend", "wordpress-form");
  }
});

test("Settings → Discussion without the cookies opt-in: no \"Save my name…\" box, printed or live; details kept from before fill the form once and are forgotten", async () => {
  const page = async () => (await fetch(`${wp.url}/hello-world/`)).text();
  assert.match(await page(), /name="wp-comment-cookies-consent"/, "with the opt-in, the printed form has the box");
  wp.plugin("set", "show_comments_cookies_opt_in", "0");
  try {
    const html = await page();
    assert.match(html, /data-remember="false"/);
    assert.match(html, /<template shadowrootmode="open">[\s\S]*name="comment"/, "the form is still printed");
    // (WordPress's block styles still name the box's id.)
    assert.doesNotMatch(html, /name="wp-comment-cookies-consent"/, "no box, as comment_form() prints none");
    const p = await openPage(browser);
    // Kept while the box was offered (set on a page without the widget,
    // whose live form would forget them at once).
    await p.goto(`${wp.url}/wp-login.php`);
    const saved = { v: 1, name: "Kept Kim", email: "kim@example.org", website: "" };
    await p.evaluate((r) => localStorage.setItem("comment-widget:reader", JSON.stringify(r)), saved);
    const form = await onPost(p);
    assert.equal(await form.name.inputValue(), "Kept Kim", "kept details fill the form");
    assert.equal(await form.email.inputValue(), "kim@example.org");
    assert.equal(await form.remember.count(), 0, "no box");
    assert.equal(await p.evaluate(() => localStorage.getItem("comment-widget:reader")), null, "and are forgotten");
    const text = unique("Nothing kept");
    await form.fill({ comment: text });
    await form.submit.click();
    await form.expectStatus(POSTED);
    assert.ok(wp.comments(1).some((c) => c.content === text && c.author === "Kept Kim"));
    assert.equal(await p.evaluate(() => localStorage.getItem("comment-widget:reader")), null, "nothing kept after the post");
    assert.deepEqual(await axeViolations(p), []);
    assert.deepEqual(problems(p), []);
    await p.context().close();
  } finally {
    wp.plugin("set", "show_comments_cookies_opt_in", "1");
  }
});

test("logged in as a user who may edit the post's comments, each comment of the thread has WordPress's \"Edit\" link to its edit screen; a subscriber and a reader have none", async () => {
  wp.plugin("set", "comment_widget_backend", "wordpress-rest");
  wp.plugin("user", "sam", "subscriber", "Sam Sub");
  const text = unique("Worth a correction");
  wp.sql(
    `INSERT INTO wordpress.wp_comments (comment_post_ID, comment_author, comment_author_email, comment_content, comment_parent, comment_approved, comment_date, comment_date_gmt, comment_type)
     VALUES (${wp.posts.open}, 'Flo', 'flo@example.org', '${text}', 0, '1', NOW(), UTC_TIMESTAMP(), 'comment')`,
  );
  const id = wp.comments(wp.posts.open).find((c) => c.content === text).id;
  const comment = (p) => widget(p).locator(`#comment-${id}`);
  try {
    const p = await loggedIn("ed");
    await onPost(p);
    await comment(p).getByText(text).waitFor();
    const edit = comment(p).getByRole("link", { name: "Edit", exact: true });
    assert.match(await edit.getAttribute("href"), new RegExp(`/wp-admin/comment\\.php\\?action=editcomment&c=${id}$`));
    assert.deepEqual(await axeViolations(p), []);
    await Promise.all([p.waitForURL(/comment\.php\?action=editcomment/), edit.click()]);
    assert.equal(await p.locator("textarea#content").inputValue(), text, "WordPress's edit screen for this comment");
    await p.context().close();

    for (const who of ["sam", null]) {
      const q = who ? await loggedIn(who) : await openPage(browser);
      await onPost(q);
      await comment(q).getByText(text).waitFor();
      assert.equal(await widget(q).getByRole("link", { name: "Edit", exact: true }).count(), 0, `no Edit links for ${who ?? "a reader"}`);
      assert.deepEqual(problems(q), []);
      await q.context().close();
    }
  } finally {
    wp.plugin("set", "comment_widget_backend", "wordpress-form");
  }
});
