// The WordPress plugin as a site owner meets it, on the real Debian WordPress:
// activated, a post's page shows the widget in place of the theme's form and
// a comment posted through it lands; the settings choose the REST API and a
// theme; a reader without WebAssembly or JavaScript gets the form the plugin
// printed, posting natively, and having ticked "Save my name…" finds their
// details in it next time (WordPress's cookies); closed posts
// get no form; deactivated, the theme's form is back; uninstalled, its
// options are gone. The plugin is the one scripts/package.mjs builds.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./support/servers.mjs";
import { startWordPress, logIn } from "./support/wordpress.mjs";
import { launch, openPage, axeViolations } from "./support/browser.mjs";
import { ReplyForm } from "./support/reply_form.mjs";
import { fetchChallenge, solve, encode, postForm, postRest, scrapeForm, phpComplained } from "./support/bots.mjs";

const PLUGIN = join(ROOT, "target/wp-plugin/comment-widget");
let browser, wp;
let n = 0;
const unique = (label) => `${label} ${Date.now()}-${++n}`;
const POSTED = "Thank you! Your comment has been posted.";

before(async () => {
  if (!existsSync(join(PLUGIN, "assets/comment-widget.js"))) throw new Error(`no plugin at ${PLUGIN}: run node scripts/package.mjs after a release build`);
  wp = await startWordPress({ plugins: { "comment-widget": PLUGIN } });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await wp?.stop();
});

const widget = (p) => p.locator("[data-comment-widget]");

async function post(p, fields) {
  const form = new ReplyForm(p, widget(p));
  await form.heading.waitFor();
  await form.fill(fields);
  await form.submit.click();
  await form.expectStatus(POSTED);
}

test("activated, a post shows the widget instead of the theme's form, and a comment lands", async () => {
  assert.equal(wp.plugin("activate").active, true);
  const p = await openPage(browser);
  await p.goto(`${wp.url}/hello-world/`);
  const form = new ReplyForm(p, widget(p));
  await form.heading.waitFor();
  assert.equal(await widget(p).getAttribute("data-backend"), "wordpress-form");
  assert.equal(await widget(p).getAttribute("data-require-name-email"), "true");
  assert.equal(await widget(p).getAttribute("data-lang"), "en-US");
  assert.equal(await p.locator("#respond").isVisible(), false, "the theme's form is hidden while the widget runs");
  const text = unique("Through the plugin & its <em>form</em>");
  await post(p, { comment: text, name: "Pia", email: "pia@example.org" });
  const stored = wp.comments(wp.posts.open).find((c) => c.content === text);
  assert.equal(stored?.approved, "1");
  assert.deepEqual(await axeViolations(p), []);
  // The theme asks for things this offline machine cannot reach; nothing else may fail.
  assert.deepEqual(p.problems.filter((m) => !m.includes("ERR_NAME_NOT_RESOLVED")), []);
});

test("a held comment stays visible to its author after a reload, as with WordPress's own form, and to nobody else", async () => {
  const p = await openPage(browser);
  await p.goto(`${wp.url}/hello-world/`);
  const form = new ReplyForm(p, widget(p));
  await form.heading.waitFor();
  const text = unique("Held through the plugin holdme");
  await form.fill({ comment: text, name: "Hana", email: "hana@example.org" });
  await form.submit.click();
  await form.expectStatus("Thank you! Your comment is awaiting moderation.");
  const stored = wp.comments(wp.posts.open).find((c) => c.content === text);
  assert.equal(stored?.approved, "0");
  // WordPress's own redirect after a held comment, without leaving the page.
  assert.match(p.url(), new RegExp(`[?&]unapproved=${stored.id}&moderation-hash=\\w+#comment-${stored.id}$`));
  await p.reload();
  const theirs = p.locator(`#comment-${stored.id}`);
  await theirs.getByText(text).waitFor();
  await theirs.getByText("Your comment is awaiting moderation.").waitFor();
  const other = await openPage(browser);
  await other.goto(`${wp.url}/hello-world/`);
  await new ReplyForm(other, widget(other)).heading.waitFor();
  assert.equal(await other.getByText(text).count(), 0);
});

test("the settings choose the REST API and the dark theme", async () => {
  wp.plugin("set", "comment_widget_backend", "wordpress-rest");
  const state = wp.plugin("set", "comment_widget_theme", "dark");
  assert.deepEqual(state, { active: true, backend: "wordpress-rest", theme: "dark" });
  const p = await openPage(browser);
  await p.goto(`${wp.url}/hello-world/`);
  assert.equal(await widget(p).getAttribute("data-backend"), "wordpress-rest");
  assert.equal(await widget(p).getAttribute("data-theme"), "dark");
  const text = unique("Through the plugin over REST");
  const rest = p.waitForRequest((r) => r.url().includes("rest_route=/wp/v2/comments") && r.method() === "POST");
  await post(p, { comment: text, name: "Rui", email: "rui@example.org" });
  await rest;
  assert.equal(wp.comments(wp.posts.open).find((c) => c.content === text)?.approved, "1");
  // A value the settings page would never save falls back to the default.
  wp.plugin("set", "comment_widget_backend", "javascript:alert(1)");
  await p.reload();
  assert.equal(await widget(p).getAttribute("data-backend"), "wordpress-form");
  wp.plugin("set", "comment_widget_backend", "wordpress-form");
});

test("with the REST backend the plugin prints one conversation: each comment once, in the HTML as served, in a classic theme and the block theme; the form backend leaves the theme's list", async () => {
  const post = wp.posts.open;
  const text = unique("Printed into the page");
  wp.insertComments([{ post, author: "Pru <b>Printed</b>", url: "https://pru.example", date: "2026-11-22 09:00:00",
    content: `${text} <script>window.__pwned = 1</script><a href="javascript:alert(1)">not a link</a>` }]);
  const once = async (p) => p.evaluate((t) => {
    // Every text node on the page, through open shadow roots, that holds the text.
    let n = 0;
    const walk = (root) => {
      const it = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      for (let node = it.currentNode; node; node = it.nextNode()) {
        if (node.nodeType === 3 && node.data.includes(t)) n++;
        if (node.shadowRoot) walk(node.shadowRoot);
      }
    };
    walk(document.body);
    return n;
  }, text);
  wp.plugin("set", "comment_widget_theme", "light"); // both themes are light
  try {
    for (const theme of ["twentytwentyone", "twentytwentythree"]) {
      wp.plugin("theme", theme);
      wp.plugin("set", "comment_widget_backend", "wordpress-rest");
      const html = await (await fetch(`${wp.url}/hello-world/`)).text();
      assert.equal(html.split(text).length - 1, 1, `${theme}: the comment is in the HTML as served, once`);
      assert.match(html, /data-cw-painted-thread/, `${theme}: the thread is printed`);
      assert.doesNotMatch(html, /<ol class="comment-list|<ol class="wp-block-comment-template|<script>window.__pwned/, `${theme}: no theme list, no script`);
      assert.match(html, /<a href="https:\/\/pru\.example" rel="nofollow ugc noopener">Pru &lt;b&gt;Printed&lt;\/b&gt;<\/a>/, `${theme}: the author, as text`);
      // Without scripts: the printed thread is what a reader sees.
      const off = await browser.newContext({ javaScriptEnabled: false });
      const still = await off.newPage();
      await still.goto(`${wp.url}/hello-world/`);
      await still.locator("[data-comment-widget]").getByText(text).waitFor();
      assert.equal(await still.locator("[data-comment-widget]").getByText(text).count(), 1, `${theme}: once, without scripts`);
      await off.close();
      // With scripts: the loader paints it again from the REST answer, the wasm takes it over; still once.
      const p = await openPage(browser);
      await p.goto(`${wp.url}/hello-world/#comments`);
      await widget(p).locator("[data-cw-painted-thread]").getByText(text).waitFor();
      assert.equal(await once(p), 1, `${theme}: once in the page`);
      await widget(p).hover();
      await p.locator("[data-comment-widget][data-cw-live]").waitFor({ state: "attached" });
      await widget(p).locator(".cw-thread-host:not([data-cw-painted-thread])").getByText(text).waitFor();
      assert.equal(await once(p), 1, `${theme}: once when live`);
      assert.equal(await p.evaluate(() => window.__pwned ?? null), null);
      assert.deepEqual(await axeViolations(p), [], theme);
      assert.deepEqual(p.problems.filter((m) => !m.includes("ERR_NAME_NOT_RESOLVED")), [], theme);
      await p.context().close();
      // The form backend: the theme's own list, and no thread from the widget.
      wp.plugin("set", "comment_widget_backend", "wordpress-form");
      const themed = await (await fetch(`${wp.url}/hello-world/`)).text();
      assert.equal(themed.split(text).length - 1, 1, `${theme}: the theme's list shows it`);
      assert.doesNotMatch(themed, /data-cw-painted-thread/, `${theme}: the form backend prints no thread`);
    }
  } finally {
    wp.plugin("theme", "twentytwentythree");
    wp.plugin("set", "comment_widget_backend", "wordpress-form");
  }
});

test("Settings → Comment Widget saves the backend and the theme", async () => {
  const p = await openPage(browser);
  await logIn(p, wp.url, "admin");
  await p.goto(`${wp.url}/wp-admin/options-general.php?page=comment-widget`);
  await p.getByRole("heading", { name: "Comment Widget" }).waitFor();
  await p.getByLabel("Posting to").selectOption("wordpress-rest");
  await p.getByLabel("Theme").selectOption("auto");
  await p.getByRole("button", { name: "Save Changes" }).click();
  await p.getByText("Settings saved.").waitFor();
  assert.deepEqual(wp.plugin(), { active: true, backend: "wordpress-rest", theme: "auto" });
  wp.plugin("set", "comment_widget_backend", "wordpress-form");
  wp.plugin("set", "comment_widget_theme", "light");
});

/** A person takes more than the time trap's few seconds to write; a test that
 * fills a form at once waits that long since the page was served. */
const asAPersonWould = (since) => new Promise((r) => setTimeout(r, Math.max(0, since + 3500 - Date.now())));

test("without WebAssembly the printed form posts natively and is held for moderation; with JavaScript off too, styled, in place of the theme's form", async () => {
  const p = await openPage(browser);
  await p.addInitScript(() => {
    delete window.WebAssembly;
  });
  let served = Date.now();
  await p.goto(`${wp.url}/hello-world/`);
  const form = new ReplyForm(p, widget(p));
  await form.expectStatus("The comment form could not be loaded.");
  assert.equal(await p.locator("#respond").count(), 0, "one form, not two: the theme's is not printed");
  const text = unique("Through the painted form");
  await form.fill({ comment: text, name: "Tam", email: "tam@example.org", website: "https://tam.example.org" });
  await asAPersonWould(served);
  await form.submit.click();
  await p.waitForURL(/cw-posted=1|#comment-\d+/);
  const stored = wp.comments(wp.posts.open).find((c) => c.content === text);
  // Without the code there is no spam check's solution: held, not refused, nothing lost.
  assert.deepEqual([stored?.approved, stored?.url], ["0", "https://tam.example.org"]);

  // No scripts at all: the form the plugin printed (a declarative shadow root) is there, styled, and posts.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const off = await context.newPage();
  served = Date.now();
  await off.goto(`${wp.url}/hello-world/`);
  const printed = new ReplyForm(off, off.locator("[data-comment-widget]"));
  await printed.heading.waitFor();
  assert.equal(await off.locator("#respond").count(), 0);
  assert.equal(await printed.remember.count(), 1);
  assert.equal(await off.locator("[data-comment-widget]").getByRole("button", { name: "Preview" }).count(), 0, "no Preview without scripts to run it");
  const box = await printed.comment.boundingBox();
  const host = await off.locator("[data-comment-widget]").boundingBox();
  assert.ok(box.width > host.width * 0.9, `the widget's stylesheet applies (the comment box is ${box.width} of ${host.width} px wide)`);
  const plain = unique("Through the printed form, no scripts");
  await printed.fill({ comment: plain, name: "Ula", email: "ula@example.org" });
  await asAPersonWould(served);
  await printed.submit.click();
  await off.waitForURL(/#comment-\d+/);
  assert.equal(wp.comments(wp.posts.open).find((c) => c.content === plain)?.approved, "0");
  await context.close();
});

test("a reader who ticked \"Save my name…\" finds their details in the printed form next time, from WordPress's cookies, and in the live form", async () => {
  assert.equal(wp.plugin("activate").active, true);
  // No scripts: the printed form posts natively, and WordPress keeps the details in its cookies.
  const off = await browser.newContext({ javaScriptEnabled: false });
  const first = await off.newPage();
  const served = Date.now();
  await first.goto(`${wp.url}/hello-world/`);
  const printed = new ReplyForm(first, first.locator("[data-comment-widget]"));
  const name = `Wes "Quote" O'Neil <i>`;
  await printed.fill({ comment: unique("Remember me"), name, email: "wes@example.org", website: "https://wes.example.org" });
  await printed.remember.check();
  await asAPersonWould(served);
  await printed.submit.click();
  await first.waitForURL(/#comment-\d+/);
  const cookies = await off.cookies();
  assert.ok(cookies.some((c) => c.name.startsWith("comment_author_email_")), "WordPress set its cookies");

  const again = await off.newPage();
  await again.goto(`${wp.url}/hello-world/`);
  const next = new ReplyForm(again, again.locator("[data-comment-widget]"));
  const stored = wp.comments(wp.posts.open).at(-1).author; // as WordPress keeps it (tags stripped)
  assert.equal(await next.name.inputValue(), stored);
  assert.ok(stored.startsWith(`Wes "Quote" O'Neil`), stored);
  assert.equal(await next.email.inputValue(), "wes@example.org");
  assert.equal(await next.website.inputValue(), "https://wes.example.org");
  assert.equal(await next.remember.isChecked(), true);
  assert.equal(await again.locator("[data-comment-widget] i").count(), 0, "the name is a value, not markup");
  await off.close();

  // With scripts, the same cookies: the live form holds the details.
  const p = await openPage(browser);
  await p.context().addCookies(cookies);
  await p.goto(`${wp.url}/hello-world/`);
  const form = new ReplyForm(p, widget(p));
  await widget(p).scrollIntoViewIfNeeded();
  await p.locator("[data-comment-widget][data-cw-live]").waitFor({ state: "attached" });
  assert.equal(await form.name.inputValue(), stored);
  assert.equal(await form.email.inputValue(), "wes@example.org");
  assert.equal(await form.remember.isChecked(), true, "ticked: the next post keeps them in this browser too");
  // (Posting again within 15 s would be WordPress's comment flood.)
  assert.deepEqual(await axeViolations(p), []);
  await p.context().close();
});

test("the spam check: bots posting directly are stopped and nothing of theirs is stored; bad payloads get a clear refusal and no PHP warning; a good payload is taken once", async () => {
  const post = wp.posts.open;
  const count = () => wp.comments(post).length;
  const before = count();
  const person = { author: "Bot", email: "bot@example.org", url: "" };
  // WordPress's own form fields, posted straight to its handler.
  const direct = await postForm(wp.url, { comment: unique("Buy now"), ...person, comment_post_ID: post, comment_parent: 0 });
  assert.equal(direct.status, 403);
  assert.match(direct.body, /came without the site’s spam check/);
  // The REST API stays shut to anonymous comments without a solution.
  const rest = await postRest(wp.url, { post, content: unique("Buy now over REST"), author_name: "Bot", author_email: "bot@example.org" });
  assert.equal(rest.status, 401, rest.body);
  // A scraper copies every field of the served page (the trap, the issue time) and posts at once.
  const scraped = await scrapeForm(`${wp.url}/hello-world/`);
  const trap = Object.keys(scraped).find((k) => /^cw_[0-9a-f]{10}$/.test(k));
  assert.ok(trap, `the printed form has a trap named for this site: ${Object.keys(scraped)}`);
  const copied = await postForm(wp.url, { ...scraped, comment: unique("Scraped"), author: "Bot", email: "bot@example.org" });
  assert.equal(copied.status, 403);
  assert.match(copied.body, /too soon after the form was shown/);
  // Bad input: a clear refusal, and no PHP warning.
  const c = await fetchChallenge(wp.url);
  const good = JSON.parse(Buffer.from(solve(c), "base64").toString());
  const forged = [
    ["signature", encode({ ...good, signature: "0".repeat(64) })],
    ["algorithm", encode({ ...good, algorithm: "SHA-1" })],
    ["number", encode({ ...good, number: 1e40 })],
    ["number", encode(JSON.stringify(good).replace(/"number":\d+/, '"number":99999999999999999999999'))],
    ["number", encode({ ...good, number: "12" })],
    ["not base64-encoded JSON", "%%% not base64 %%%"],
    ["not base64-encoded JSON", encode("[1, 2")],
    ["no algorithm", encode({ ...good, algorithm: ["SHA-256"] })],
    ["no salt", encode({ ...good, salt: { a: 1 } })],
    ["not a payload", "x".repeat(5000)],
  ];
  await new Promise((r) => setTimeout(r, 3200)); // past the time trap: only the payload is wrong
  for (const [why, payload] of forged) {
    const answer = await postForm(wp.url, { comment: unique("Forged"), ...person, comment_post_ID: post, altcha: payload });
    assert.equal(answer.status, 403, why);
    assert.ok(answer.body.includes(`The spam check’s answer is not valid (${why})`), `${why}: ${answer.body.slice(0, 300)}`);
    assert.ok(!phpComplained(answer.body), answer.body);
  }
  for (const odd of [{ altcha: ["a", "b"] }, { altcha: { x: 1 } }, { [trap]: ["x"] }]) {
    const answer = await postRest(wp.url, { post, content: unique("Odd"), author_name: "Bot", author_email: "bot@example.org", ...odd });
    assert.ok(answer.status >= 400 && answer.status < 500 && !phpComplained(answer.body), answer.body);
  }
  // A trap filled beside a good solution.
  const trapped = await postForm(wp.url, { comment: unique("Trapped"), ...person, comment_post_ID: post, altcha: solve(await fetchChallenge(wp.url)), [trap]: "https://spam.example" });
  assert.match(trapped.body, /filled in a field people never see/);
  assert.equal(count(), before, "nothing a bot sent was stored");
  // A good solution, past the time trap, is taken once; the same again is refused.
  const text = unique("Proven by hand");
  const ok = await postRest(wp.url, { post, content: text, author_name: "Vic", author_email: "vic@example.org", altcha: solve(c) });
  assert.equal(ok.status, 201, ok.body);
  assert.equal(wp.comments(post).find((x) => x.content === text)?.approved, "1");
  const replayed = await postRest(wp.url, { post, content: unique("Replayed"), author_name: "Vic", author_email: "vic2@example.org", altcha: solve(c) });
  assert.deepEqual([replayed.status, replayed.json?.code], [403, "comment_widget_expired"]);
  assert.equal(count(), before + 1);
});

test("the spam check through the widget: a solution the server finds expired is replaced and sent again unasked; a server that still says no gives a sentence and the text stays", async () => {
  for (const backend of ["wordpress-form", "wordpress-rest"]) {
    wp.plugin("set", "comment_widget_backend", backend);
    const p = await openPage(browser);
    const challenges = [];
    p.on("request", (r) => r.url().includes("comment-widget/v1/challenge") && challenges.push(r.url()));
    await p.goto(`${wp.url}/hello-world/`);
    const form = new ReplyForm(p, widget(p));
    await form.heading.waitFor();
    wp.plugin("set", "cw_expire_next", "1");
    const text = unique(`Expired on the way, ${backend}`);
    await form.fill({ comment: text, name: "Ines", email: `ines-${backend}@example.org` });
    await form.submit.click();
    await form.expectStatus(POSTED);
    assert.equal(wp.comments(wp.posts.open).filter((c) => c.content === text).length, 1);
    assert.equal(challenges.length, 2, "a second challenge, solved without the reader");
    wp.plugin("set", "cw_expire_next", "2");
    const refused = unique(`Refused twice, ${backend}`);
    // (Another reader's address: WordPress's flood check keys on it.)
    await form.fill({ comment: refused, name: "Ivo", email: `ivo-${backend}@example.org` });
    await form.submit.click();
    await form.expectStatus("This site’s spam check could not be completed, so your comment was not sent.");
    assert.equal(await form.comment.inputValue(), refused, "the text stays");
    assert.equal(wp.comments(wp.posts.open).filter((c) => c.content === refused).length, 0);
    wp.plugin("set", "cw_expire_next", "0");
    await p.context().close();
  }
  wp.plugin("set", "comment_widget_backend", "wordpress-form");
});

test("Settings → Comment Widget: a stopped comment marked as spam instead of refused, and how many were stopped", async () => {
  wp.plugin("set", "comment_widget_spam_fate", "spam");
  const text = unique("Spam, marked");
  const answer = await postForm(wp.url, { comment: text, author: "Bot", email: "bot3@example.org", url: "", comment_post_ID: wp.posts.open });
  assert.equal(answer.status, 302);
  assert.equal(wp.comments(wp.posts.open).find((c) => c.content === text)?.approved, "spam", "stored as spam, never published or held");
  const p = await openPage(browser);
  await logIn(p, wp.url, "admin");
  await p.goto(`${wp.url}/wp-admin/options-general.php?page=comment-widget`);
  await p.getByLabel("Spam").selectOption("refuse");
  assert.match(await p.locator("#comment-widget-stopped").innerText(), /^\d+ comments stopped so far\. \(.*no-proof: \d+/);
  await p.getByRole("button", { name: "Save Changes" }).click();
  await p.getByText("Settings saved.").waitFor();
  const refused = await postForm(wp.url, { comment: unique("Spam, refused"), author: "Bot", email: "bot4@example.org", url: "", comment_post_ID: wp.posts.open });
  assert.equal(refused.status, 403);
  await p.context().close();
});

test("a post with comments closed gets no form", async () => {
  const p = await openPage(browser);
  await p.goto(`${wp.url}/?p=${wp.posts.closed}`);
  await p.locator("body").waitFor();
  assert.equal(await widget(p).count(), 0);
});

test("deactivated, the theme's form is back; uninstalled, the plugin's options are gone", async () => {
  assert.equal(wp.plugin("deactivate").active, false);
  const p = await openPage(browser);
  await p.goto(`${wp.url}/hello-world/`);
  await p.locator("#respond").waitFor();
  assert.equal(await p.locator("#respond").isVisible(), true);
  assert.equal(await widget(p).count(), 0);
  assert.deepEqual(wp.plugin("uninstall"), { active: false, backend: null, theme: null });
});
