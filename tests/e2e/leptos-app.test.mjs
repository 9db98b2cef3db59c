// A Leptos app that uses the widget as a component (examples/leptos-app, no
// loader, no attributes): a reader posts from it into a real Isso, sees the
// comment in the thread under the form, and Isso has stored it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { startIsso, startStatic, freePort, ROOT } from "./support/servers.mjs";
import { launch, openPage } from "./support/browser.mjs";
import { ReplyForm } from "./support/reply_form.mjs";

const APP = join(ROOT, "examples/leptos-app/dist");
let browser, app, isso;

before(async () => {
  if (!existsSync(join(APP, "index.html"))) {
    throw new Error("examples/leptos-app is not built: scripts/test.sh builds it (trunk build --offline in examples/leptos-app)");
  }
  const port = await freePort();
  isso = await startIsso({ origins: [`http://127.0.0.1:${port}`] });
  app = await startStatic({ dir: APP, port, pages: { "/": readFileSync(join(APP, "index.html"), "utf8") } });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await Promise.all([app, isso].map((s) => s?.stop()));
});

test("a reader of a Leptos app posts through the CommentWidget component into Isso and sees it in the thread", async () => {
  const p = await openPage(browser);
  await p.goto(`${app.url}/?isso=${encodeURIComponent(isso.url)}`);
  const form = new ReplyForm(p);
  await form.heading.waitFor();
  const text = `Posted from a Leptos app ${Date.now()}`;
  await form.fill({ comment: text, name: "Lin", email: "lin@example.org" });
  await form.submit.click();
  await p.getByText("Thank you! Your comment has been posted.").waitFor();
  // The thread under the form reads its first page again and shows it.
  const thread = p.locator(".cw-thread");
  await thread.getByText(text).waitFor();
  assert.equal(await thread.locator(".cw-comment__author").first().textContent(), "Lin");
  // What Isso stored, read from its own API.
  const stored = await isso.comments("/leptos-app/");
  assert.equal(stored.length, 1);
  assert.equal(stored[0].author, "Lin");
  assert.match(stored[0].text, new RegExp(text));
  // The form is empty again, ready for the next comment.
  assert.equal(await form.comment.inputValue(), "");
  assert.deepEqual(p.problems, []);
  await p.context().close();
});
