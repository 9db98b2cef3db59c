// A reader's path through the form, end to end: the release build from dist/,
// loaded from one origin into an article page on another, posting to a real
// Isso, with what Isso stored read back from its own API.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startIsso, startStatic, freePort } from "./support/servers.mjs";
import { launch, openPage, hostPage } from "./support/browser.mjs";
import { ReplyForm } from "./support/reply_form.mjs";

let browser, widget, site, isso, heldIsso;
const pages = {};

before(async () => {
  widget = await startStatic(); // the "CDN": dist/ with CORS
  const sitePort = await freePort();
  const siteOrigin = `http://127.0.0.1:${sitePort}`;
  isso = await startIsso({ origins: [siteOrigin] });
  heldIsso = await startIsso({ origins: [siteOrigin], moderation: true });
  const deadPort = await freePort();
  const page = (attributes, title) => hostPage({ widgetBase: widget.url, attributes, title });
  Object.assign(pages, {
    "/2026/11/night-ferry/": page({ "data-backend": "isso", "data-endpoint": isso.url }, "Night ferry"),
    "/held/": page({ "data-backend": "isso", "data-endpoint": heldIsso.url }),
    "/down/": page({ "data-backend": "isso", "data-endpoint": `http://127.0.0.1:${deadPort}` }),
    "/validation/": page({ "data-backend": "isso", "data-endpoint": isso.url }),
    "/misconfigured/": page({ "data-backend": "disqus", "data-endpoint": isso.url }),
    "/no-endpoint/": page({ "data-backend": "isso" }),
  });
  site = await startStatic({ pages, dir: "/nonexistent", port: sitePort });
  assert.equal(site.url, siteOrigin, "the site must come up on the port Isso was told about");
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await Promise.all([isso?.stop(), heldIsso?.stop(), site?.stop(), widget?.stop()]);
});

test("a reader's comment is posted to Isso and stored as typed", async () => {
  const page = await openPage(browser);
  await page.goto(`${site.url}/2026/11/night-ferry/`);
  const form = new ReplyForm(page);
  await form.heading.waitFor();
  const token = `token-${Date.now()}`;
  await form.fill({
    comment: `Glad the 23:40 stays — café owners too! ${token} 😀`,
    name: "Ada Łukasiewicz",
    email: "ada@example.org",
    website: "ada.example.org",
  });
  await form.submit.click();
  await assert.doesNotReject(form.expectStatus("Thank you! Your comment has been posted."));
  // The comment box is emptied for the next comment; the reader's details stay.
  assert.equal(await form.comment.inputValue(), "");
  assert.equal(await form.name.inputValue(), "Ada Łukasiewicz");

  const stored = await isso.comments("/2026/11/night-ferry/");
  const mine = stored.find((c) => c.text.includes(token));
  assert.ok(mine, `comment not found in Isso: ${JSON.stringify(stored)}`);
  assert.equal(mine.author, "Ada Łukasiewicz");
  assert.equal(mine.website, "https://ada.example.org");
  assert.match(mine.text, /café owners too! token-\d+ 😀/);
  assert.equal(mine.mode, 1);
  assert.deepEqual(page.problems, []);
});

test("a comment Isso holds for moderation says it is awaiting moderation", async () => {
  const page = await openPage(browser);
  await page.goto(`${site.url}/held/`);
  const form = new ReplyForm(page);
  await form.fill({ comment: "Please approve me.", name: "Bea", email: "bea@example.org" });
  await form.submit.click();
  await form.expectStatus("Thank you! Your comment is awaiting moderation.");
  // Isso keeps held comments out of its public list: that is how we know it holds it.
  assert.deepEqual(await heldIsso.comments("/held/"), []);
  assert.deepEqual(page.problems, []);
});

test("with the server down the reader is told, and everything typed stays", async () => {
  const page = await openPage(browser);
  await page.goto(`${site.url}/down/`);
  const form = new ReplyForm(page);
  const text = "A long thought I would hate to lose.\n\nSecond paragraph.";
  await form.fill({ comment: text, name: "Cy", email: "cy@example.org", website: "https://cy.example" });
  await form.submit.click();
  await form.expectStatus(/could not be reached/);
  assert.match(await form.status.innerText(), /Your comment is still in the form\./);
  assert.equal(await form.comment.inputValue(), text);
  assert.equal(await form.name.inputValue(), "Cy");
  assert.equal(await form.email.inputValue(), "cy@example.org");
  assert.equal(await form.website.inputValue(), "https://cy.example");
  // The button is usable again for another try.
  assert.equal(await form.submit.getAttribute("aria-disabled"), null);
  assert.equal(await form.focusedClass(), "cw-status cw-status--error");
});

test("problems are listed in a focused summary and nothing is sent", async () => {
  const page = await openPage(browser);
  const before = (await isso.comments("/validation/")).length;
  let posts = 0;
  page.on("request", (r) => r.method() === "POST" && posts++);
  await page.goto(`${site.url}/validation/`);
  const form = new ReplyForm(page);
  await form.fill({ comment: "  ", name: "Dee", email: "dee@localhost", website: "javascript:alert(1)" });
  await form.submit.click();
  await form.summary.waitFor();
  const items = await form.summary.getByRole("listitem").allInnerTexts();
  assert.deepEqual(items, [
    "Enter your comment.",
    "Enter an email address in the correct format, like name@example.com.",
    "Enter a web address starting with http:// or https://, like https://example.com.",
  ]);
  assert.equal(await form.focusedClass(), "cw-summary");
  assert.equal(await form.website.getAttribute("aria-invalid"), "true");
  assert.equal(await form.name.getAttribute("aria-invalid"), null);
  // A summary link takes the reader to the field.
  await form.summary.getByRole("link", { name: /web address/ }).click();
  assert.equal(await page.evaluate(() => document.querySelector("[data-comment-widget]").shadowRoot.activeElement.name), "website");
  // Fixing a field clears its message.
  await form.website.fill("https://dee.example");
  assert.equal(await form.website.getAttribute("aria-invalid"), null);
  assert.equal(posts, 0);
  assert.equal((await isso.comments("/validation/")).length, before);
});

test("a misconfigured element shows a plain message and names the attribute in the console", async () => {
  for (const [path, attr] of [["/misconfigured/", 'data-backend="disqus"'], ["/no-endpoint/", "data-endpoint"]]) {
    const page = await openPage(browser);
    await page.goto(`${site.url}${path}`);
    const host = page.locator("[data-comment-widget]");
    await host.getByText("The comment form could not be shown here.").waitFor();
    assert.equal(page.problems.length, 1, page.problems.join("\n"));
    assert.ok(page.problems[0].includes(attr), page.problems[0]);
  }
});
