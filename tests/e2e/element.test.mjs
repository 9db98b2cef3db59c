// <comment-widget> as a framework's templates use it: added, moved, given new
// attributes and removed by script, several on a page, with the data-*
// attributes and the JS API still working beside it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startIsso, startStatic, freePort } from "./support/servers.mjs";
import { launch, openPage, axeViolations } from "./support/browser.mjs";
import { ReplyForm } from "./support/reply_form.mjs";

let browser, cdn, site, isso;
let n = 0;
const unique = (label) => `${label} ${Date.now()}-${++n}`;
const POSTED = "Thank you! Your comment has been posted.";

before(async () => {
  cdn = await startStatic();
  const sitePort = await freePort();
  isso = await startIsso({ origins: [`http://127.0.0.1:${sitePort}`] });
  const page = (body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Element</title>
<link rel="icon" href="data:,"><script src="${cdn.url}/comment-widget.js" defer></script></head>
<body><main><h1>An app</h1><h2>Comments</h2><div id="left"></div><div id="right"></div>${body}</main></body></html>`;
  site = await startStatic({
    dir: "/nonexistent",
    port: sitePort,
    pages: {
      "/app/": page(""),
      "/markup/": page(`<comment-widget backend="isso" endpoint="${isso.url}" page="/element/markup/" theme="auto"></comment-widget>
        <div data-comment-widget data-backend="isso" data-endpoint="${isso.url}" data-page="/element/div/"></div>`),
    },
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await Promise.all([cdn, site, isso].map((s) => s?.stop()));
});

test("written in the page, the element mounts beside a data-attribute widget, and both post", async () => {
  const p = await openPage(browser);
  await p.goto(`${site.url}/markup/`);
  const element = new ReplyForm(p, p.locator("comment-widget"));
  const div = new ReplyForm(p, p.locator("[data-comment-widget]"));
  await element.heading.waitFor();
  await div.heading.waitFor();
  assert.equal(await p.locator("comment-widget").getAttribute("data-theme"), "auto");
  const text = unique("From the element");
  await element.fill({ comment: text, name: "Eli", email: "eli@example.org" });
  await element.submit.click();
  await element.status.getByText(POSTED).waitFor();
  assert.equal((await isso.comments("/element/markup/")).filter((c) => c.text.includes(text)).length, 1);
  assert.deepEqual(p.problems, []);
});

test("added, moved, changed and removed by script: mounts, keeps its form, remounts, unmounts", async () => {
  const p = await openPage(browser);
  await p.goto(`${site.url}/app/`);
  await p.waitForFunction(() => window.CommentWidget);
  // Added, as a framework renders it.
  await p.evaluate((endpoint) => {
    const el = document.createElement("comment-widget");
    el.id = "w";
    el.setAttribute("backend", "isso");
    el.setAttribute("endpoint", endpoint);
    el.setAttribute("page", "/element/app/");
    document.getElementById("left").append(el);
  }, isso.url);
  const form = new ReplyForm(p, p.locator("#w"));
  await form.heading.waitFor();
  await form.comment.fill("Typed before the move");
  // Moved: the same form, with what was typed.
  await p.evaluate(() => document.getElementById("right").append(document.getElementById("w")));
  await p.evaluate(() => new Promise((r) => setTimeout(r, 100)));
  assert.equal(await p.locator("#right #w").count(), 1);
  assert.equal(await form.comment.inputValue(), "Typed before the move");
  // A changed attribute: mounted again with it (the draft comes back).
  await p.evaluate(() => document.getElementById("w").setAttribute("lang", "de"));
  await p.locator("#w").getByRole("heading", { name: "Schreibe einen Kommentar" }).waitFor();
  // The remounted form's comment box (found by its name: the first textbox
  // may still be the old form's for a frame under load).
  await p.waitForFunction(() => document.getElementById("w").shadowRoot.querySelector("[data-cw-live] textarea[name=comment], textarea[name=comment]")?.value === "Typed before the move", null, { timeout: 5000 }).catch(() => {});
  assert.equal(await p.locator("#w").getByRole("textbox", { name: /^Kommentar/ }).inputValue(), "Typed before the move");
  await p.evaluate(() => document.getElementById("w").setAttribute("lang", "en"));
  await form.heading.waitFor();
  const text = unique("After moving and changing");
  await form.fill({ comment: text, name: "Moe", email: "moe@example.org" });
  await form.submit.click();
  await form.expectStatus(POSTED);
  assert.equal((await isso.comments("/element/app/")).filter((c) => c.text.includes(text)).length, 1);
  assert.deepEqual(await axeViolations(p), []);
  // Removed: unmounted, nothing left behind.
  const left = await p.evaluate(async () => {
    const el = document.getElementById("w");
    el.remove();
    await new Promise((r) => setTimeout(r, 100));
    return { children: el.shadowRoot.childNodes.length, mounted: el.hasAttribute("data-cw-mounted") };
  });
  assert.deepEqual(left, { children: 0, mounted: false });
  // A wrong attribute is named in the console, and fixing it mounts the form.
  await p.evaluate(() => {
    const el = document.createElement("comment-widget");
    el.id = "bad";
    el.setAttribute("backend", "disqus");
    el.setAttribute("endpoint", "/c");
    document.body.append(el);
  });
  await p.locator("#bad").getByText("The comment form could not be shown here.").waitFor();
  assert.ok(p.problems.some((m) => m.includes('data-backend="disqus"')), p.problems.join("\n"));
  await p.evaluate((endpoint) => {
    const el = document.getElementById("bad");
    el.setAttribute("endpoint", endpoint);
    el.setAttribute("backend", "isso");
  }, isso.url);
  await new ReplyForm(p, p.locator("#bad")).heading.waitFor();
});
